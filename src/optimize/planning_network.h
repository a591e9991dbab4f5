// SPDX-License-Identifier: Apache-2.0
// What every SKU subproblem of a dataset shares, computed once: the demand classes, which
// classes belong to each (region, speed), the stocking nodes and the DC that feeds each of them,
// node holding rates, and per-SKU demand rates (daily mean and variance per region x speed),
// which come from the forecast or, without one, from recent history.
#pragma once

#include <span>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "network/dataset.h"
#include "network/demand_class.h"

namespace echelon::optimize {

// Daily demand of one SKU in one (region, speed).
struct DemandRate {
  RegionIndex region;
  SpeedIndex speed;
  double mean_per_day = 0.0;
  double variance_per_day = 0.0;
};

// Demand rates of every SKU, grouped by SKU.
struct DemandRates {
  std::vector<DemandRate> rates;
  std::vector<std::size_t> sku_offset{0};  // rates of SKU s: [offset[s], offset[s+1])

  [[nodiscard]] std::span<const DemandRate> of(SkuIndex sku) const {
    return std::span(rates).subspan(sku_offset[sku.value()],
                                    sku_offset[sku.value() + 1] - sku_offset[sku.value()]);
  }
};

// Rates from the last `window_days` of history before `as_of`: per (SKU, region, speed) the
// mean and variance of daily units (rows without a speed split by the configured speed mix).
DemandRates rates_from_history(const network::Dataset& dataset, Date as_of, int window_days);

// `rates` under the forecast_scale overrides of `rules` over the `days` days from `first`: a
// SKU's means times the average factor over those days, variances times the average squared
// factor (demand scaled by s has s^2 times the variance). SKUs without a rule keep their rates.
DemandRates scale_rates(const DemandRates& rates, std::span<const network::Override> rules, Date first,
                        int days);

struct PlanningNetwork {
  const network::Dataset* dataset = nullptr;
  std::vector<network::DemandClass> classes;
  std::vector<std::vector<std::size_t>> classes_by_cell;  // [region * speeds + speed]
  std::vector<NodeIndex> stocking;     // FCs and same-day sites
  std::vector<NodeIndex> dcs;
  std::vector<NodeIndex> feeder;       // per node (NodeIndex value): the DC that replenishes it
  std::vector<double> feeder_transit;  // per node: days from its DC (mean)
  std::vector<double> feeder_lane_cost_unit;  // per node: cost per unit on that lane
  std::vector<double> feeder_lane_cost_m3;    // per node: cost per m3 on that lane
  std::vector<double> holding_rate;    // per node: fraction of unit cost per year

  [[nodiscard]] std::size_t speed_count() const { return dataset->network.speed_count(); }
};

PlanningNetwork build_planning_network(const network::Dataset& dataset);

}  // namespace echelon::optimize
