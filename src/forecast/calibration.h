// SPDX-License-Identifier: Apache-2.0
// Calibration of predictive distributions on rolling-origin backtest residuals. For a group of
// series, the (forecast, actual) pairs of the selected model give (a) the negative binomial
// dispersion that minimises the scaled pinball loss over a grid, (b) an empirical distribution of
// ratios actual / forecast; the most recent origin validates the two fitted on the older ones and
// the winner is refitted on all pairs. The lag-1 correlation of normal scores of the residuals
// sets the day-to-day dependence of sample paths. A level map then recalibrates the chosen
// family so that its probability integral transform is uniform on the backtest, and integer
// prediction intervals get their own levels per horizon band, set so that the backtest outcomes
// fall inside as often as nominal: with low counts the quantile interval [q0.1, q0.9] holds well
// over 80% of the mass, since integer quantiles round outwards, and with mostly zeros the lower
// level may pass P(0) for the series least likely to be zero. The levels are fitted per stratum
// of forecasts by P(0) where the backtest is large enough, so that a shift in the mix of low and
// high forecasts does not move the coverage. Where the tails of the chosen
// family are too light for any level of it to reach the nominal coverage (bursts after forecasts
// near zero), the interval takes the lightest-tailed negative binomial that does.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "forecast/count_distribution.h"

namespace echelon::forecast {

// One backtest (forecast, actual) pair. Pairs of one (series, origin) are consecutive by step.
struct CalibrationPair {
  float forecast = 0.0F;
  float actual = 0.0F;
  float weight = 1.0F;      // 1 / scale of the series, so every series counts alike
  std::uint32_t run = 0;    // id of the (series, origin); consecutive pairs of a run are days t, t+1
  std::uint16_t origin = 1; // 1 = most recent backtest origin
  std::uint16_t step = 0;   // steps after the origin (0 = first forecast period)
};

struct CalibrationOptions {
  std::string method = "auto";  // auto | nb | empirical
  // Levels at which the pinball loss is measured when choosing and validating.
  std::vector<double> levels{0.025, 0.1, 0.25, 0.5, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99};
  std::size_t max_pairs = 40000;  // pairs used for fitting (evenly thinned above this)
  bool recalibrate = true;        // fit a level map on the backtest PIT
  double map_prior_pairs = 200.0;  // pseudo-pairs of a uniform PIT that shrink the level map
  std::vector<double> interval_coverages{0.8, 0.95};  // prediction intervals calibrated for
  // > 0: interval levels are fitted separately for the steps before and from this one (further
  // ahead is more uncertain), when at least min_band_pairs pairs lie beyond it.
  int interval_band_step = 0;
  std::size_t min_band_pairs = 2000;
  // Each band is cut further into runs of steps holding at least min_band_pairs pairs.
  bool fine_interval_bands = true;
  // Weight of a backtest pair from origin k relative to one from origin k - 1 when interval
  // levels are fitted.
  double interval_recency = 1.0;
  // Interval levels are fitted separately for up to this many strata of forecasts by their
  // probability of zero (equal pair counts), so that the coverage holds whatever the mix of low
  // and high forecasts; 1 = one set for all. A stratum holds at least min_stratum_pairs pairs,
  // enough for horizon bands of its own (four of min_band_pairs).
  int interval_strata = 3;
  std::size_t min_stratum_pairs = 8000;
};

// The levels of the integer quantiles that bound a prediction interval of nominal `coverage`.
struct IntervalLevels {
  double coverage = 0.8;
  double lower = 0.1;
  double upper = 0.9;
  double backtest_coverage = 0.0;  // share of backtest outcomes inside (0 without pairs)
  int from_step = 0;               // applies to steps from this one (to the next band's)
  // Applies to forecasts whose probability of zero is at least this (to the next stratum's).
  double from_zero_probability = 0.0;
  // < 0: the bounds are quantiles of the calibrated distribution; >= 0: of a negative binomial
  // with this dispersion, where the calibrated family's tails are too light for any level of it
  // to hold `coverage` of the backtest outcomes.
  double dispersion = -1.0;
};

struct Calibration {
  DistributionKind kind = DistributionKind::kNegativeBinomial;
  double dispersion = 0.0;                           // negative binomial
  std::shared_ptr<const std::vector<double>> ratios;  // empirical, ascending
  double correlation = 0.0;       // lag-1 correlation of normal scores, in [0, 0.95]
  double validation_loss_nb = 0.0;         // scaled pinball on the most recent origin
  double validation_loss_empirical = 0.0;  // (0 when there was no validation)
  std::shared_ptr<const LevelMap> level_map;  // null: the family as fitted
  std::vector<IntervalLevels> intervals;      // per CalibrationOptions::interval_coverages

  [[nodiscard]] CountDistribution distribution(double mean) const;
  // Levels of the interval of nominal `coverage` at `step` for a forecast whose probability of
  // zero is `zero_probability`: the calibrated ones, or the central levels.
  [[nodiscard]] IntervalLevels interval_levels(double coverage, int step = 0, double zero_probability = 0.0) const;
  // The integer prediction interval [lower, upper] of nominal `coverage` at `step` for a forecast
  // of `mean`.
  [[nodiscard]] std::pair<double, double> interval(double mean, double coverage, int step = 0) const;
};

// Fits a calibration to `pairs`; with no pairs: Poisson, no correlation.
Calibration calibrate(std::span<const CalibrationPair> pairs, const CalibrationOptions& options);

}  // namespace echelon::forecast
