// SPDX-License-Identifier: Apache-2.0
#include "simulate/demand_source.h"

#include <algorithm>
#include <cmath>

namespace echelon::simulate {

DemandSource DemandSource::replay(const network::Dataset& dataset, Date start) {
  return DemandSource(dataset, nullptr, start);
}

DemandSource DemandSource::sampled(const network::Dataset& dataset, const DemandModel& model) {
  return DemandSource(dataset, &model, Date());
}

std::vector<std::size_t> DemandSource::start_cursors() const {
  std::vector<std::size_t> cursors(dataset_->sku_count(), 0);
  if (model_ != nullptr) return cursors;
  const network::DemandHistory& history = dataset_->demand;
  for (SkuIndex sku : all<SkuIndex>(dataset_->sku_count())) {
    auto first = history.date.begin() + static_cast<std::ptrdiff_t>(history.begin_of(sku));
    auto last = history.date.begin() + static_cast<std::ptrdiff_t>(history.end_of(sku));
    cursors[sku.value()] = static_cast<std::size_t>(std::lower_bound(first, last, start_.days()) -
                                                    history.date.begin());
  }
  return cursors;
}

void DemandSource::add_units(RegionIndex region, int speed, double quantity, Rng& rng,
                             const ServingNetwork& serving, std::vector<Order>& out) const {
  const std::vector<double>& mix = dataset_->config.speed_mix;
  auto units = static_cast<std::int64_t>(std::llround(quantity));
  for (std::int64_t unit = 0; unit < units; ++unit) {
    std::size_t unit_speed = 0;
    if (speed >= 0) {
      unit_speed = static_cast<std::size_t>(speed);
    } else {
      double u = rng.uniform();
      while (unit_speed + 1 < mix.size() && u >= mix[unit_speed]) u -= mix[unit_speed++];
    }
    SpeedIndex speed_idx(unit_speed);
    if (serving.first_class(region, speed_idx) == serving.last_class(region, speed_idx)) continue;
    std::uint32_t class_idx = serving.class_for(region, speed_idx, rng.uniform());
    auto found = std::find_if(out.begin(), out.end(),
                              [&](const Order& order) { return order.class_idx == class_idx; });
    if (found == out.end()) {
      out.push_back({class_idx, 1.0});
    } else {
      found->quantity += 1.0;
    }
  }
}

void DemandSource::orders(SkuIndex sku, int day, std::size_t& cursor, Rng& rng,
                          const ServingNetwork& serving, std::vector<Order>& out) const {
  out.clear();
  if (model_ == nullptr) {
    const network::DemandHistory& history = dataset_->demand;
    const std::int32_t date = start_.days() + day;
    const std::size_t end = history.end_of(sku);
    while (cursor < end && history.date[cursor] < date) ++cursor;
    for (; cursor < end && history.date[cursor] == date; ++cursor) {
      add_units(RegionIndex(history.region[cursor]), history.speed[cursor], history.quantity[cursor],
                rng, serving, out);
    }
  } else {
    double mean = model_->total_mean(sku);
    if (mean <= 0.0) return;
    double variance = model_->total_variance(sku);
    std::int64_t total = sample_negative_binomial(rng, mean, variance);
    auto cells = model_->cells(sku);
    const std::size_t speeds = model_->speed_count();
    for (std::int64_t unit = 0; unit < total; ++unit) {
      double u = rng.uniform() * mean;
      std::size_t pick = 0;
      while (pick + 1 < cells.size() && u >= cells[pick].mean) u -= cells[pick++].mean;
      add_units(RegionIndex(cells[pick].cell / speeds), static_cast<int>(cells[pick].cell % speeds),
                1.0, rng, serving, out);
    }
  }
  // Sort by bucket start; ties (different classes in one bucket) in a random order.
  for (Order& order : out) order.tiebreak = static_cast<std::uint32_t>(rng() >> 32);
  std::sort(out.begin(), out.end(), [&](const Order& a, const Order& b) {
    double start_a = serving.demand_class(a.class_idx).bucket_start_hour;
    double start_b = serving.demand_class(b.class_idx).bucket_start_hour;
    if (start_a != start_b) return start_a < start_b;
    if (a.tiebreak != b.tiebreak) return a.tiebreak < b.tiebreak;
    return a.class_idx < b.class_idx;
  });
}

}  // namespace echelon::simulate
