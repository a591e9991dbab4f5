// SPDX-License-Identifier: Apache-2.0
// Forecasts a whole dataset: daily demand per SKU x region x speed from the history before an
// as-of date. The signal is taken where it is: the SKU total is forecast (and selected and
// calibrated) as one series, the SKU x region series give the regional proportions, shrunk
// towards each region's recent share, and the region totals are split by speed with shares from
// history shrunk towards the configured speed mix; means add up at every level. SKUs with no or
// too short a history get a proxy from SKUs of the same category and price band, flagged low
// confidence. Planner overrides (forecast_scale) are applied last.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/run_context.h"
#include "forecast/hierarchy.h"
#include "forecast/series_forecaster.h"
#include "network/config.h"
#include "network/dataset.h"

namespace echelon::forecast {

struct DemandForecastOptions {
  int horizon_days = 56;           // days forecast from the as-of date
  int backtest_origins = 3;        // rolling origins for selection and calibration
  std::string method = "auto";     // auto, or one model name used everywhere (gbt included)
  bool global_model = true;        // the cross-series model is a candidate for SKU totals
  double review_threshold = 0.15;  // relative increase of the recent backtest WAPE that flags a SKU
  int min_history_days = 56;       // SKUs with less history get a (blended) proxy forecast
  std::string hierarchy = "auto";   // level of the regional forecast: auto (chosen per segment by
                                    // backtest), sku (total split by shares) or region (bottom-up)
  double region_share_prior = 10.0;  // pseudo-units of the SKU's whole-history regional mix in its
                                     // last 91 days' shares (SKU level)
  double speed_share_prior = 20.0;  // pseudo-units that pull speed shares towards speed_mix
  std::vector<double> levels{0.1, 0.5, 0.8, 0.9, 0.95, 0.99};  // output quantile levels
  bool forecast_scale = true;       // apply the planners' forecast_scale overrides to the means

  static DemandForecastOptions from_settings(const network::ForecastSettings& settings);
};

// The forecast of one (SKU, region): the region total per day and its split by speed.
struct RegionForecast {
  SkuIndex sku;
  RegionIndex region;
  SeriesForecast forecast;          // mean, quantiles and calibration of the region total
  std::vector<double> speed_share;  // per configured speed, sums to 1

  // Distribution of one speed's demand on one day: the region total thinned by the speed's
  // share (exact for the negative binomial: same dispersion, scaled mean).
  [[nodiscard]] CountDistribution speed_distribution(std::size_t speed, std::size_t step) const;
};

// Per SKU: the model behind its forecast and whether a planner should look at it.
struct SkuForecastInfo {
  std::string model;
  Segment segment = Segment::kNew;
  Confidence confidence = Confidence::kLow;
  double backtest_wape = 0.0;  // NaN without a backtest
  double wape_change = 0.0;    // (recent - older) / older backtest WAPE; NaN if unknown
  std::string review_reason;   // empty: no review needed
  ForecastLevel level = ForecastLevel::kSku;  // where its regional forecast comes from
  std::vector<double> total;   // daily mean of the SKU total (the sum of its regions)
};

struct DemandForecast {
  Date start;                                    // first forecast day (the as-of date)
  int horizon_days = 0;
  std::vector<RegionForecast> series;            // sorted by (SKU, region)
  IndexedVector<SkuIndex, SkuForecastInfo> skus;
  std::array<SegmentChoice, kSegmentCount> choices;       // SKU-level selection per segment
  std::array<Calibration, kSegmentCount> calibrations;    // region-level calibration per segment
  std::array<Calibration, kSegmentCount> sku_calibrations;  // SKU-total calibration per segment
  std::array<LevelChoice, kSegmentCount> levels;          // forecast level per segment
};

class DemandForecaster {
 public:
  explicit DemandForecaster(DemandForecastOptions options);

  // Forecasts from `as_of` using only demand dated before it.
  [[nodiscard]] DemandForecast run(const network::Dataset& dataset, Date as_of, RunContext& ctx) const;

  [[nodiscard]] const DemandForecastOptions& options() const { return options_; }

 private:
  DemandForecastOptions options_;
};

}  // namespace echelon::forecast
