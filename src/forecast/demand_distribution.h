// SPDX-License-Identifier: Apache-2.0
// Demand distributions of a whole dataset in the form a planner consumes: per SKU and
// (region, speed) the mean and variance of one day's demand over the horizon, and sample paths
// that keep the correlation across days and add up across cells.
//
// Each SKU's total is forecast as one series (model, selection and calibration as in
// series_forecaster.h); its cells get fixed shares of it, learned from the SKU's recent
// (region, speed) history shrunk towards the SKU's category mix. A day's total is split among
// the cells by multinomial thinning, so a cell's count is the thinned total: mean s * m and
// variance s^2 Var(T) + s (1 - s) m (for a negative binomial total, exactly negative binomial
// with the same dispersion), and cell paths always sum to the SKU's path.
//
// `fast` (the planner default) uses the local flat-rate models (seasonal naive, moving average,
// Croston, SBA, TSB, shaped by a shrunk weekday profile) and no ETS and no cross-series model:
// about 0.3 ms per SKU. Otherwise the full dataset forecaster (demand_forecaster.h) runs and
// its SKU x region x speed means give the shares.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/run_context.h"
#include "forecast/calibration.h"
#include "forecast/demand_forecaster.h"
#include "network/dataset.h"

namespace echelon::forecast {

struct DemandDistributionOptions {
  int horizon_days = 28;          // days after the as-of date the rates average over
  bool fast = true;               // local flat-rate models only (see above); false = full forecaster
  int backtest_origins = 2;       // fast mode: rolling origins for selection and calibration
  int share_window_days = 91;     // history behind the (region, speed) shares
  double share_prior_units = 5.0;  // pseudo-units of the category mix in each SKU's shares
  DemandForecastOptions full;     // settings of the full forecaster (fast = false)
  bool forecast_scale = true;     // multiply daily totals by the planners' forecast_scale
                                  // overrides in force on each day (overrides.csv)
};

// One (region, speed) cell of one SKU.
struct CellDemand {
  RegionIndex region;
  SpeedIndex speed;
  double share = 0.0;             // of the SKU's daily total
  double mean_per_day = 0.0;      // average over the horizon of the day's mean
  double variance_per_day = 0.0;  // average over the horizon of the day's variance
};

struct DemandDistribution {
  Date start;  // first forecast day (the as-of date)
  int horizon_days = 0;
  std::vector<CellDemand> cells;           // grouped by SKU, sorted by (region, speed)
  std::vector<std::size_t> sku_offset{0};  // cells of SKU s: [sku_offset[s], sku_offset[s+1])
  std::vector<float> total_mean;           // per SKU, horizon_days daily means of the total
  std::vector<std::uint8_t> segment;       // per SKU, Segment of its total
  std::array<Calibration, kSegmentCount> calibrations;  // of SKU totals, per segment

  [[nodiscard]] std::span<const CellDemand> of(SkuIndex sku) const {
    return std::span(cells).subspan(sku_offset[sku.value()], sku_offset[sku.value() + 1] - sku_offset[sku.value()]);
  }
  [[nodiscard]] std::span<const float> daily_total(SkuIndex sku) const {
    return std::span(total_mean).subspan(sku.value() * static_cast<std::size_t>(horizon_days),
                                         static_cast<std::size_t>(horizon_days));
  }
  // Distribution of the SKU's total on day `step` (0 = the as-of date).
  [[nodiscard]] CountDistribution total_distribution(SkuIndex sku, std::size_t step) const;

  // `paths` sample paths of every cell of `sku`: out[(path * horizon + day) * cells + cell],
  // cells in of(sku) order. Drawn from the stream (seed, sku, kForecastPaths), so a SKU's
  // paths do not depend on other SKUs or on threads.
  [[nodiscard]] std::vector<float> sample_paths(SkuIndex sku, int paths, std::uint64_t seed) const;
};

// The cells of `sku` with their moments averaged over days [first, first + count) of the horizon
// instead of the whole of it: the demand of one planning week.
std::vector<CellDemand> cells_over(const DemandDistribution& distribution, SkuIndex sku, int first, int count);

// Multiplies each day's total of every SKU by the forecast_scale overrides of `rules` in force
// that day and recomputes the cell moments: a promotion window scales only its own days, and
// the cell means and variances average the scaled days. O(rules x horizon + cells).
void apply_forecast_scale(DemandDistribution& distribution, std::span<const network::Override> rules,
                          RunContext& ctx);

// Forecasts every SKU of `dataset` from `as_of` (history before it only).
DemandDistribution forecast_demand_distribution(const network::Dataset& dataset, Date as_of,
                                                const DemandDistributionOptions& options, RunContext& ctx);

}  // namespace echelon::forecast
