// SPDX-License-Identifier: Apache-2.0
#include "simulate/demand_model.h"

#include <algorithm>
#include <unordered_map>

namespace echelon::simulate {

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
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    sums.clear();
    cells.clear();
    for (std::size_t row = history.begin_of(sku); row < history.end_of(sku); ++row) {
      if (history.date[row] < first_day || history.date[row] >= start.days()) continue;
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
    for (std::size_t cell = 0; cell < mean.size(); ++cell) {
      if (mean[cell] > 0.0) cells.push_back({static_cast<std::uint32_t>(cell), mean[cell], variance[cell]});
    }
    model.add_sku(cells);
  }
  return model;
}

}  // namespace echelon::simulate
