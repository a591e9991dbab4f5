// SPDX-License-Identifier: Apache-2.0
// Forecasts a batch of aligned series (all ending the period before the forecast origin): every
// candidate model is backtested from rolling origins, the best model or equal-weight ensemble of
// the best models is selected per segment (fast / intermittent / slow), and a count distribution
// is calibrated per segment on the selected model's backtest residuals. The result carries, per
// series and step, the mean and integer quantiles, the model, its backtest accuracy and a
// confidence flag. Work is split over series with parallel_for; results do not depend on the
// thread count.
#pragma once

#include <array>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/run_context.h"
#include "forecast/calibration.h"
#include "forecast/model.h"
#include "forecast/segment.h"

namespace echelon::forecast {

// Forecasts from a cross-series model for every series at once: fills out[series][step] for
// origins `holdout` periods before the end of the histories (0 = the real origin).
using GlobalModel =
    std::function<void(int holdout, int horizon, std::vector<std::vector<double>>& out)>;

struct SeriesForecastOptions {
  int horizon = 28;            // steps forecast
  int backtest_origins = 3;    // rolling origins
  int backtest_step = 0;       // periods between origins; 0 = horizon
  int min_history = 0;         // shorter series are "new"; 0 = 2 x period (at least 4)
  int segment_window = 364;    // periods behind the segment's ADI
  ModelSettings models;
  std::vector<ModelKind> candidates{ModelKind::kSeasonalNaive, ModelKind::kMovingAverage,
                                    ModelKind::kEts,           ModelKind::kCroston,
                                    ModelKind::kSba,           ModelKind::kTsb};
  int max_ensemble = 3;        // ensembles of the top 2..max_ensemble models are candidates too
  std::string forced_model;    // a model name to use everywhere instead of selecting ("" = select)
  std::vector<double> levels{0.1, 0.5, 0.8, 0.9, 0.95, 0.99};  // output quantile levels, ascending
  CalibrationOptions calibration;
  bool keep_backtest = false;  // keep each series' backtest forecasts (SeriesForecast::backtest)
};

// An integer prediction interval per step, with levels calibrated on the backtest.
struct PredictionInterval {
  double coverage = 0.8;
  std::vector<double> lower;  // per step
  std::vector<double> upper;
};

struct SeriesForecast {
  std::vector<double> mean;                    // per step, >= 0
  std::vector<std::vector<double>> quantiles;  // [level][step], integers, non-decreasing in level
  std::string model;                           // "ets", "ensemble(ets+tsb)", ...
  std::string detail;                          // fitted variant, e.g. "ETS(A,N,A)"
  Segment segment = Segment::kNew;
  Confidence confidence = Confidence::kLow;
  double backtest_rmsse = 0.0;  // selected model, mean over origins (NaN without a backtest)
  double backtest_mase = 0.0;
  double backtest_wape = 0.0;   // sum |error| / sum actual over the backtest
  double wape_recent = 0.0;     // the same on the most recent origin only
  double wape_older = 0.0;      // the same on the older origins (NaN with a single origin)
  Calibration calibration;      // of the series' segment
  std::vector<PredictionInterval> intervals;  // per calibration.intervals
  // With keep_backtest: the selected model's forecast from backtest origin k + 1 (k = 0 the
  // most recent, `horizon` steps starting (k + 1) * backtest_step periods before the end of the
  // history); origins the history is too short for are left out.
  std::vector<std::vector<double>> backtest;

  [[nodiscard]] CountDistribution distribution(std::size_t step) const {
    return calibration.distribution(mean[step]);
  }
  // Fills `quantiles` at `levels` and `intervals` from `mean` and `calibration`.
  void fill_quantiles(std::span<const double> levels);
};

// Per segment: what was chosen and why.
struct SegmentChoice {
  Segment segment = Segment::kNew;
  int series = 0;
  std::vector<int> members;                 // indices into the candidate list
  std::string model;                        // name of the selection
  double backtest_rmsse = 0.0;              // mean RMSSE of the selection
  std::vector<std::pair<std::string, double>> candidate_rmsse;  // every model and ensemble
};

struct ForecastBatch {
  std::vector<SeriesForecast> series;
  std::array<SegmentChoice, kSegmentCount> choices;
  std::array<Calibration, kSegmentCount> calibrations;
};

class SeriesForecaster {
 public:
  explicit SeriesForecaster(SeriesForecastOptions options);

  // histories[s]: the past of series s, oldest first, aligned so that all end at the origin.
  // `global` adds a cross-series candidate when set.
  [[nodiscard]] ForecastBatch run(std::span<const std::vector<double>> histories, RunContext& ctx,
                                  const GlobalModel& global = {}) const;

  [[nodiscard]] const SeriesForecastOptions& options() const { return options_; }

 private:
  SeriesForecastOptions options_;
};

}  // namespace echelon::forecast
