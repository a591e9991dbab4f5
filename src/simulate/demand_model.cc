// SPDX-License-Identifier: Apache-2.0
#include "simulate/demand_model.h"

#include <algorithm>
#include <unordered_map>

namespace echelon::simulate {
namespace {

// Daily variance of a series implied by its daily values and by its whole-week sums (divided by
// 7), whichever is larger: positive autocorrelation inflates the latter.
double sku_variance(const std::vector<double>& daily) {
  auto variance_of = [](const std::vector<double>& values) {
    if (values.size() < 2) return 0.0;
    double mean = 0.0;
    for (double value : values) mean += value;
    mean /= static_cast<double>(values.size());
    double squares = 0.0;
    for (double value : values) squares += (value - mean) * (value - mean);
    return squares / static_cast<double>(values.size() - 1);
  };
  std::vector<double> weekly;
  for (std::size_t first = 0; first + 7 <= daily.size(); first += 7) {
    double sum = 0.0;
    for (std::size_t day = first; day < first + 7; ++day) sum += daily[day];
    weekly.push_back(sum);
  }
  return std::max(variance_of(daily), variance_of(weekly) / 7.0);
}

}  // namespace

DemandModel::DemandModel(std::size_t sku_count, std::size_t speed_count) : speed_count_(speed_count) {
  offset_.reserve(sku_count + 1);
}

void DemandModel::add_sku(std::span<const CellDemand> cells) {
  cells_.insert(cells_.end(), cells.begin(), cells.end());
  offset_.push_back(cells_.size());
}

double DemandModel::total_mean(SkuIndex sku) const {
  double total = 0.0;
  for (const CellDemand& cell : cells(sku)) total += cell.mean;
  return total;
}

double DemandModel::total_variance(SkuIndex sku) const {
  double total = 0.0;
  for (const CellDemand& cell : cells(sku)) total += cell.variance;
  return total;
}

DemandModel estimate_demand_model(const network::Dataset& dataset, Date start, int window_days) {
  const std::size_t speeds = dataset.network.speed_count();
  const std::vector<double>& mix = dataset.config.speed_mix;
  const network::DemandHistory& history = dataset.demand;
  const std::int32_t first_day = start.days() - window_days;
  const double days = static_cast<double>(std::max(1, window_days));
  DemandModel model(dataset.sku_count(), speeds);
  // Sums of q and q^2 per key; key = region * (speeds + 1) + speed + 1 (0: speed not given).
  std::unordered_map<std::uint32_t, std::pair<double, double>> sums;
  std::vector<CellDemand> cells;
  std::vector<double> daily_total(static_cast<std::size_t>(std::max(1, window_days)), 0.0);
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    sums.clear();
    cells.clear();
    std::fill(daily_total.begin(), daily_total.end(), 0.0);
    for (std::size_t row = history.begin_of(sku); row < history.end_of(sku); ++row) {
      if (history.date[row] < first_day || history.date[row] >= start.days()) continue;
      daily_total[static_cast<std::size_t>(history.date[row] - first_day)] += history.quantity[row];
      auto key = static_cast<std::uint32_t>(history.region[row] * (speeds + 1) + history.speed[row] + 1);
      double quantity = history.quantity[row];
      auto& [sum, sum_squares] = sums[key];
      sum += quantity;
      sum_squares += quantity * quantity;
    }
    std::vector<double> mean(dataset.network.region_count() * speeds, 0.0);
    std::vector<double> variance(mean.size(), 0.0);
    for (const auto& [key, moments] : sums) {
      std::uint32_t region = key / static_cast<std::uint32_t>(speeds + 1);
      int speed = static_cast<int>(key % (speeds + 1)) - 1;
      double day_mean = moments.first / days;
      double day_variance = std::max(0.0, moments.second / days - day_mean * day_mean);
      for (std::size_t target = 0; target < speeds; ++target) {
        if (speed >= 0 && static_cast<std::size_t>(speed) != target) continue;
        double share = speed >= 0 ? 1.0 : (target < mix.size() ? mix[target] : 0.0);
        std::size_t cell = region * speeds + target;
        mean[cell] += share * day_mean;
        variance[cell] += share * share * day_variance + share * (1.0 - share) * day_mean;
      }
    }
    // Cells are sampled independently, but real demand moves together across regions and from
    // day to day (promotions, launches, trends): the SKU's daily variance is at least that of
    // its daily total and of its weekly totals per day; the cells share any excess.
    double cell_sum = 0.0;
    for (double value : variance) cell_sum += value;
    double ratio = cell_sum > 0.0 ? std::max(1.0, sku_variance(daily_total) / cell_sum) : 1.0;
    for (std::size_t cell = 0; cell < mean.size(); ++cell) {
      if (mean[cell] > 0.0) {
        cells.push_back({static_cast<std::uint32_t>(cell), mean[cell], variance[cell] * ratio});
      }
    }
    model.add_sku(cells);
  }
  return model;
}

}  // namespace echelon::simulate
