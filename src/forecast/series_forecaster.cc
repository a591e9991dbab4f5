// SPDX-License-Identifier: Apache-2.0
#include "forecast/series_forecaster.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

#include "forecast/accuracy.h"

namespace echelon::forecast {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kGrain = 4;

// Backtest and final forecasts of every candidate: value(series, model, origin, step), origin 0
// is the real origin and origin j >= 1 is j * step periods before it.
class CandidateTable {
 public:
  CandidateTable(std::size_t series, std::size_t models, std::size_t origins, std::size_t horizon)
      : models_(models), origins_(origins), horizon_(horizon),
        values_(series * models * origins * horizon, std::numeric_limits<float>::quiet_NaN()) {}

  float* row(std::size_t series, std::size_t model, std::size_t origin) {
    return &values_[((series * models_ + model) * origins_ + origin) * horizon_];
  }
  const float* row(std::size_t series, std::size_t model, std::size_t origin) const {
    return &values_[((series * models_ + model) * origins_ + origin) * horizon_];
  }
  // Mean of the member models' forecasts.
  void combine(std::size_t series, std::span<const int> members, std::size_t origin,
               std::vector<double>& out) const {
    out.assign(horizon_, 0.0);
    for (int member : members) {
      const float* values = row(series, static_cast<std::size_t>(member), origin);
      for (std::size_t step = 0; step < horizon_; ++step) out[step] += values[step];
    }
    for (double& value : out) value /= static_cast<double>(members.size());
  }

 private:
  std::size_t models_, origins_, horizon_;
  std::vector<float> values_;
};

struct SeriesState {
  Segment segment = Segment::kNew;
  double mse_scale = kNan;  // RMSSE scale (one-step differences)
  double mae_scale = kNan;  // MASE scale (seasonal differences)
  std::vector<std::string> details;  // per model, the fitted variant at the real origin
};

std::string selection_name(std::span<const int> members, std::span<const std::string> names) {
  if (members.size() == 1) return names[static_cast<std::size_t>(members[0])];
  std::string text = "ensemble(";
  for (std::size_t pos = 0; pos < members.size(); ++pos) {
    if (pos > 0) text += "+";
    text += names[static_cast<std::size_t>(members[pos])];
  }
  return text + ")";
}

}  // namespace

void SeriesForecast::fill_quantiles(std::span<const double> levels) {
  const std::size_t horizon = mean.size();
  quantiles.assign(levels.size(), std::vector<double>(horizon, 0.0));
  intervals.clear();
  std::vector<double> coverages;
  for (const IntervalLevels& interval : calibration.intervals) {
    if (std::find(coverages.begin(), coverages.end(), interval.coverage) != coverages.end()) continue;
    coverages.push_back(interval.coverage);
    intervals.push_back({interval.coverage, std::vector<double>(horizon), std::vector<double>(horizon)});
  }
  for (std::size_t step = 0; step < horizon; ++step) {
    const CountDistribution dist = distribution(step);
    const std::vector<double> q = dist.quantiles(levels);
    for (std::size_t level = 0; level < q.size(); ++level) quantiles[level][step] = q[level];
    for (PredictionInterval& interval : intervals) {
      std::tie(interval.lower[step], interval.upper[step]) =
          calibration.interval(mean[step], interval.coverage, static_cast<int>(step));
    }
  }
}

SeriesForecaster::SeriesForecaster(SeriesForecastOptions options) : options_(std::move(options)) {
  if (options_.backtest_step <= 0) options_.backtest_step = options_.horizon;
  if (options_.min_history <= 0) options_.min_history = std::max(4, 2 * options_.models.period);
  // Steps beyond the spacing of the origins get intervals of their own (fitted on the older
  // origins, the only ones that reach that far).
  if (options_.calibration.interval_band_step == 0 && options_.horizon > options_.backtest_step) {
    options_.calibration.interval_band_step = options_.backtest_step;
  }
}

ForecastBatch SeriesForecaster::run(std::span<const std::vector<double>> histories, RunContext& ctx,
                                    const GlobalModel& global) const {
  const SeriesForecastOptions& opt = options_;
  const std::size_t series_count = histories.size();
  const std::size_t horizon = static_cast<std::size_t>(opt.horizon);
  const std::size_t origins = static_cast<std::size_t>(opt.backtest_origins) + 1;
  std::vector<ModelKind> kinds = opt.candidates;
  std::vector<std::string> names;
  for (ModelKind kind : kinds) names.emplace_back(model_name(kind));
  if (global) {
    kinds.push_back(ModelKind::kGlobal);
    names.emplace_back(model_name(ModelKind::kGlobal));
  }
  const std::size_t model_count = kinds.size();
  CandidateTable table(series_count, model_count, origins, horizon);
  std::vector<SeriesState> states(series_count);

  // 1. Local candidates at every origin (parallel over series; each writes its own rows).
  parallel_for(ctx.pool(), 0, series_count, kGrain, [&](std::size_t first, std::size_t last) {
    for (std::size_t s = first; s < last; ++s) {
      const std::span<const double> history = histories[s];
      SeriesState& state = states[s];
      state.segment = classify_segment(history, opt.min_history, opt.segment_window);
      state.mse_scale = mse_scale(history, 1);
      state.mae_scale = mae_scale(history, opt.models.period);
      state.details.assign(model_count, {});
      for (std::size_t origin = 0; origin < origins; ++origin) {
        const std::size_t holdout = origin * static_cast<std::size_t>(opt.backtest_step);
        if (origin > 0 && history.size() < holdout + static_cast<std::size_t>(opt.min_history)) break;
        const std::span<const double> past = history.first(history.size() - holdout);
        for (std::size_t model = 0; model < opt.candidates.size(); ++model) {
          std::string* detail = origin == 0 ? &state.details[model] : nullptr;
          const std::vector<double> values =
              local_forecast(kinds[model], past, opt.horizon, opt.models, detail);
          std::copy(values.begin(), values.end(), table.row(s, model, origin));
        }
      }
    }
  });
  // 2. The cross-series candidate, one call per origin (origins in parallel; each call writes
  // only its own origin's rows).
  if (global) {
    parallel_for(ctx.pool(), 0, origins, 1, [&](std::size_t first, std::size_t last) {
      std::vector<std::vector<double>> out;
      for (std::size_t origin = first; origin < last; ++origin) {
        out.assign(series_count, std::vector<double>(horizon, 0.0));
        global(static_cast<int>(origin) * opt.backtest_step, opt.horizon, out);
        const std::size_t holdout = origin * static_cast<std::size_t>(opt.backtest_step);
        for (std::size_t s = 0; s < series_count; ++s) {
          // Same origins as the local candidates: too short a past leaves the row unset (NaN).
          if (origin > 0 && histories[s].size() < holdout + static_cast<std::size_t>(opt.min_history)) continue;
          for (std::size_t step = 0; step < horizon; ++step) {
            table.row(s, model_count - 1, origin)[step] = static_cast<float>(std::max(out[s][step], 0.0));
          }
        }
      }
    });
  }

  // Backtest errors of a selection for one series, means over origins (NaN without any).
  struct Errors {
    double rmsse = kNan;
    double mase = kNan;
    double wape = kNan;
    double wape_recent = kNan;
    double wape_older = kNan;
  };
  auto series_errors = [&](std::size_t s, std::span<const int> members) {
    const std::vector<double>& history = histories[s];
    std::vector<double> forecast;
    double rmsse_sum = 0.0, mase_sum = 0.0, abs_error = 0.0, volume = 0.0;
    double recent_error = 0.0, recent_volume = 0.0;
    int counted = 0, mase_counted = 0;
    for (std::size_t origin = 1; origin < origins; ++origin) {
      const std::size_t holdout = origin * static_cast<std::size_t>(opt.backtest_step);
      if (std::isnan(table.row(s, static_cast<std::size_t>(members[0]), origin)[0])) break;
      const std::size_t steps = std::min(horizon, holdout);
      table.combine(s, members, origin, forecast);
      const std::span<const double> actual(history.data() + history.size() - holdout, steps);
      const std::span<const double> predicted(forecast.data(), steps);
      const double scaled = rmsse(actual, predicted, states[s].mse_scale);
      if (std::isfinite(scaled)) {
        rmsse_sum += scaled;
        ++counted;
      }
      const double scaled_abs = mase(actual, predicted, states[s].mae_scale);
      if (std::isfinite(scaled_abs)) {
        mase_sum += scaled_abs;
        ++mase_counted;
      }
      for (std::size_t step = 0; step < steps; ++step) {
        abs_error += std::abs(actual[step] - predicted[step]);
        volume += actual[step];
      }
      if (origin == 1) {
        recent_error = abs_error;
        recent_volume = volume;
      }
    }
    Errors errors;
    if (recent_volume > 0.0) errors.wape_recent = recent_error / recent_volume;
    if (volume - recent_volume > 0.0) {
      errors.wape_older = (abs_error - recent_error) / (volume - recent_volume);
    }
    if (counted > 0) errors.rmsse = rmsse_sum / counted;
    if (mase_counted > 0) errors.mase = mase_sum / mase_counted;
    if (volume > 0.0) errors.wape = abs_error / volume;
    return errors;
  };
  // Mean backtest RMSSE of a selection over a group of series (fixed-order reduction).
  auto group_error = [&](std::span<const std::size_t> group, std::span<const int> members) {
    std::vector<double> values(group.size(), kNan);
    parallel_for(ctx.pool(), 0, group.size(), 64, [&](std::size_t first, std::size_t last) {
      for (std::size_t pos = first; pos < last; ++pos) values[pos] = series_errors(group[pos], members).rmsse;
    });
    double sum = 0.0;
    int counted = 0;
    for (double value : values) {
      if (std::isfinite(value)) {
        sum += value;
        ++counted;
      }
    }
    return counted > 0 ? sum / counted : kNan;
  };
  // The best single model or ensemble of the best models for a group, by mean RMSSE.
  auto choose = [&](std::span<const std::size_t> group, SegmentChoice& choice) {
    std::vector<std::pair<double, int>> ranked;
    for (std::size_t model = 0; model < model_count; ++model) {
      const int members[] = {static_cast<int>(model)};
      const double error = group_error(group, members);
      choice.candidate_rmsse.emplace_back(names[model], error);
      if (std::isfinite(error)) ranked.emplace_back(error, static_cast<int>(model));
    }
    if (ranked.empty()) return false;
    std::stable_sort(ranked.begin(), ranked.end());
    choice.members = {ranked[0].second};
    choice.backtest_rmsse = ranked[0].first;
    for (std::size_t size = 2; size <= std::min<std::size_t>(opt.max_ensemble, ranked.size()); ++size) {
      std::vector<int> members;
      for (std::size_t pos = 0; pos < size; ++pos) members.push_back(ranked[pos].second);
      std::sort(members.begin(), members.end());
      const double error = group_error(group, members);
      choice.candidate_rmsse.emplace_back(selection_name(members, names), error);
      if (error < choice.backtest_rmsse - 1e-12) {
        choice.members = members;
        choice.backtest_rmsse = error;
      }
    }
    return true;
  };

  // 3. Selection per segment; a segment without backtests takes the choice over all series.
  ForecastBatch batch;
  std::array<std::vector<std::size_t>, kSegmentCount> groups;
  std::vector<std::size_t> established;
  for (std::size_t s = 0; s < series_count; ++s) {
    groups[static_cast<std::size_t>(states[s].segment)].push_back(s);
    if (states[s].segment != Segment::kNew) established.push_back(s);
  }
  int forced = -1;
  for (std::size_t model = 0; model < model_count; ++model) {
    if (names[model] == opt.forced_model) forced = static_cast<int>(model);
  }
  int moving_average = 0;
  for (std::size_t model = 0; model < model_count; ++model) {
    if (kinds[model] == ModelKind::kMovingAverage) moving_average = static_cast<int>(model);
  }
  SegmentChoice pooled;
  if (forced >= 0) {
    pooled.members = {forced};
  } else if (!choose(established, pooled)) {
    pooled.members = {moving_average};
  }
  for (std::size_t seg = 0; seg < kSegmentCount; ++seg) {
    SegmentChoice& choice = batch.choices[seg];
    choice.segment = static_cast<Segment>(seg);
    choice.series = static_cast<int>(groups[seg].size());
    if (choice.segment == Segment::kNew) {
      choice.members = {forced >= 0 ? forced : moving_average};
    } else if (forced >= 0) {
      choice.members = {forced};
    } else if (groups[seg].empty() || !choose(groups[seg], choice)) {
      choice.members = pooled.members;
      choice.backtest_rmsse = kNan;
    }
    choice.model = selection_name(choice.members, names);
  }

  // 4. Calibration per segment on the selected model's backtest pairs; new series use all pairs.
  std::vector<CalibrationPair> all_pairs;
  for (std::size_t seg = 0; seg < kSegmentCount; ++seg) {
    if (static_cast<Segment>(seg) == Segment::kNew) continue;
    std::vector<CalibrationPair> pairs;
    std::vector<double> forecast;
    for (std::size_t s : groups[seg]) {
      const std::vector<double>& history = histories[s];
      double weight = states[s].mae_scale;
      if (!(weight > 0.0)) weight = 1.0;
      for (std::size_t origin = 1; origin < origins; ++origin) {
        const std::size_t holdout = origin * static_cast<std::size_t>(opt.backtest_step);
        const int first_member = batch.choices[seg].members[0];
        if (std::isnan(table.row(s, static_cast<std::size_t>(first_member), origin)[0])) break;
        table.combine(s, batch.choices[seg].members, origin, forecast);
        const std::size_t steps = std::min(horizon, holdout);
        const auto run = static_cast<std::uint32_t>(s * origins + origin);
        for (std::size_t step = 0; step < steps; ++step) {
          pairs.push_back({static_cast<float>(forecast[step]),
                           static_cast<float>(history[history.size() - holdout + step]),
                           static_cast<float>(1.0 / weight), run, static_cast<std::uint16_t>(origin),
                           static_cast<std::uint16_t>(step)});
        }
      }
    }
    batch.calibrations[seg] = calibrate(pairs, opt.calibration);
    all_pairs.insert(all_pairs.end(), pairs.begin(), pairs.end());
  }
  batch.calibrations[static_cast<std::size_t>(Segment::kNew)] = calibrate(all_pairs, opt.calibration);

  // 5. Final forecasts, quantiles and confidence per series.
  batch.series.resize(series_count);
  parallel_for(ctx.pool(), 0, series_count, kGrain * 4, [&](std::size_t first, std::size_t last) {
    for (std::size_t s = first; s < last; ++s) {
      SeriesForecast& out = batch.series[s];
      const std::size_t seg = static_cast<std::size_t>(states[s].segment);
      const SegmentChoice& choice = batch.choices[seg];
      out.segment = states[s].segment;
      out.model = choice.model;
      out.detail = choice.members.size() == 1
                       ? states[s].details[static_cast<std::size_t>(choice.members[0])]
                       : choice.model;
      if (out.detail.empty()) out.detail = out.model;
      table.combine(s, choice.members, 0, out.mean);
      for (double& value : out.mean) value = std::isfinite(value) ? std::max(value, 0.0) : 0.0;
      const Errors errors = series_errors(s, choice.members);
      out.backtest_rmsse = errors.rmsse;
      out.backtest_mase = errors.mase;
      out.backtest_wape = errors.wape;
      out.wape_recent = errors.wape_recent;
      out.wape_older = errors.wape_older;
      out.calibration = batch.calibrations[seg];
      out.fill_quantiles(opt.levels);
      for (std::size_t origin = 1; opt.keep_backtest && origin < origins; ++origin) {
        if (std::isnan(table.row(s, static_cast<std::size_t>(choice.members[0]), origin)[0])) break;
        out.backtest.emplace_back();
        table.combine(s, choice.members, origin, out.backtest.back());
      }
      if (out.segment == Segment::kNew) {
        out.confidence = Confidence::kLow;
      } else if ((!std::isfinite(errors.rmsse) && !std::isfinite(errors.wape)) ||
                 (std::isfinite(errors.wape) && errors.wape > 1.0)) {
        out.confidence = Confidence::kMedium;
      } else {
        out.confidence = Confidence::kHigh;
      }
    }
  });
  ctx.log().debug("forecast: {} series, {} candidates, {} origins", series_count, model_count,
                  origins - 1);
  return batch;
}

}  // namespace echelon::forecast
