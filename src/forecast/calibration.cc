// SPDX-License-Identifier: Apache-2.0
#include "forecast/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace echelon::forecast {
namespace {

constexpr double kDispersionGrid[] = {0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5,
                                      0.7, 1.0,  1.4,  2.0, 3.0,  5.0, 8.0};
constexpr std::size_t kMaxRatios = 4000;
// Heavier-tailed interval families, tried in order when the calibrated family falls short.
constexpr double kIntervalDispersionGrid[] = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.4, 2.0,
                                              3.0,  5.0,  8.0, 12.0, 20.0, 30.0, 50.0};

// Scaled pinball loss of a distribution family over the pairs, summed over the levels.
template <class Make>
double pinball_loss(std::span<const CalibrationPair> pairs, std::span<const double> levels,
                    const Make& make) {
  double loss = 0.0;
  for (const CalibrationPair& pair : pairs) {
    const std::vector<double> q = make(pair.forecast).quantiles(levels);
    double pair_loss = 0.0;
    for (std::size_t pos = 0; pos < levels.size(); ++pos) {
      const double diff = pair.actual - q[pos];
      pair_loss += diff >= 0.0 ? levels[pos] * diff : (levels[pos] - 1.0) * diff;
    }
    loss += pair.weight * pair_loss;
  }
  return loss;
}

// Keeps whole runs (evenly spaced) so that consecutive pairs stay consecutive days.
std::vector<CalibrationPair> thin(std::span<const CalibrationPair> pairs, std::size_t max_pairs) {
  if (pairs.size() <= max_pairs || max_pairs == 0) return {pairs.begin(), pairs.end()};
  const double keep_share = static_cast<double>(max_pairs) / static_cast<double>(pairs.size());
  std::vector<CalibrationPair> out;
  out.reserve(max_pairs + 64);
  double credit = 0.0;
  bool keep = false;
  for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
    if (pos == 0 || pairs[pos].run != pairs[pos - 1].run) {
      credit += keep_share;
      keep = credit >= 1.0;
      if (keep) credit -= 1.0;
    }
    if (keep) out.push_back(pairs[pos]);
  }
  return out;
}

double fit_dispersion(std::span<const CalibrationPair> pairs, std::span<const double> levels) {
  double best = 0.0;
  double best_loss = std::numeric_limits<double>::infinity();
  for (double dispersion : kDispersionGrid) {
    const double loss = pinball_loss(pairs, levels, [dispersion](double mean) {
      return CountDistribution::negative_binomial(mean, dispersion);
    });
    if (loss < best_loss - 1e-12) {
      best_loss = loss;
      best = dispersion;
    }
  }
  return best;
}

std::shared_ptr<const std::vector<double>> fit_ratios(std::span<const CalibrationPair> pairs) {
  std::vector<double> ratios;
  double actual_sum = 0.0, forecast_sum = 0.0, ratio_sum = 0.0;
  for (const CalibrationPair& pair : pairs) {
    // Ratios over tiny forecasts are noise (and unbounded); they say nothing about the shape.
    if (pair.forecast < 0.1F) continue;
    ratios.push_back(pair.actual / pair.forecast);
    actual_sum += pair.actual;
    forecast_sum += pair.forecast;
    ratio_sum += ratios.back();
  }
  if (ratios.empty()) ratios.push_back(1.0);
  // The mean ratio overstates the level (E[1 / F] > 1 / E[F] for a noisy forecast F): rescale
  // so that the distribution's mean keeps the backtest's aggregate actual / forecast.
  if (ratio_sum > 0.0 && forecast_sum > 0.0) {
    const double scale = (actual_sum / forecast_sum) / (ratio_sum / static_cast<double>(ratios.size()));
    for (double& ratio : ratios) ratio *= scale;
  }
  std::sort(ratios.begin(), ratios.end());
  if (ratios.size() > kMaxRatios) {  // keep evenly spaced order statistics
    std::vector<double> kept(kMaxRatios);
    for (std::size_t k = 0; k < kMaxRatios; ++k) {
      kept[k] = ratios[(2 * k + 1) * ratios.size() / (2 * kMaxRatios)];
    }
    ratios = std::move(kept);
  }
  return std::make_shared<const std::vector<double>>(std::move(ratios));
}

// Lag-1 correlation of mid-PIT normal scores within runs, pooled over runs.
double fit_correlation(std::span<const CalibrationPair> pairs, const Calibration& calibration) {
  double cross = 0.0, square = 0.0;
  double previous = 0.0;
  bool have_previous = false;
  std::uint32_t run = 0;
  for (const CalibrationPair& pair : pairs) {
    if (!have_previous || pair.run != run) {
      have_previous = false;
      run = pair.run;
    }
    if (pair.forecast <= 1e-6F) {
      have_previous = false;
      continue;
    }
    const CountDistribution dist = calibration.distribution(pair.forecast);
    const double upper = dist.cdf(pair.actual);
    const double lower = pair.actual >= 1.0F ? dist.cdf(pair.actual - 1.0F) : 0.0;
    const double score = normal_quantile(std::clamp(0.5 * (upper + lower), 1e-6, 1.0 - 1e-6));
    if (have_previous) {
      cross += previous * score;
      square += 0.5 * (previous * previous + score * score);
    }
    previous = score;
    have_previous = true;
  }
  if (square <= 0.0) return 0.0;
  return std::clamp(cross / square, 0.0, 0.95);
}

// PIT bounds of each pair: a = F(y - 1), b = F(y); a randomized PIT is uniform on [a, b].
std::vector<std::pair<double, double>> pit_bounds(std::span<const CalibrationPair> pairs,
                                                  const Calibration& calibration) {
  std::vector<std::pair<double, double>> bounds;
  bounds.reserve(pairs.size());
  for (const CalibrationPair& pair : pairs) {
    const CountDistribution dist = calibration.distribution(pair.forecast);
    const double upper = dist.cdf(pair.actual);
    const double lower = pair.actual >= 1.0F ? dist.cdf(pair.actual - 1.0F) : 0.0;
    bounds.emplace_back(lower, upper);
  }
  return bounds;
}

// G(t) = the share of randomized PITs below t, each pair spread uniformly over [a, b], shrunk
// towards the uniform G(t) = t by `prior` pseudo-pairs; knots denser in the tails.
std::shared_ptr<const LevelMap> fit_level_map(std::span<const std::pair<double, double>> bounds, double prior) {
  std::vector<double> knots{0.0, 0.0005, 0.001, 0.002};
  for (int step = 1; step < 400; ++step) knots.push_back(step / 400.0);
  for (double tail : {0.998, 0.999, 0.9995, 1.0}) knots.push_back(tail);
  std::sort(knots.begin(), knots.end());
  knots.erase(std::unique(knots.begin(), knots.end()), knots.end());
  std::vector<double> values(knots.size(), 0.0);
  std::vector<double> full(knots.size() + 1, 0.0);  // pairs whose upper bound is <= knot
  std::vector<double> partial(knots.size(), 0.0);
  for (const auto& [lower, upper] : bounds) {
    const std::size_t first_full =
        static_cast<std::size_t>(std::lower_bound(knots.begin(), knots.end(), upper) - knots.begin());
    full[first_full] += 1.0;
    const std::size_t begin = static_cast<std::size_t>(std::upper_bound(knots.begin(), knots.end(), lower) - knots.begin());
    for (std::size_t pos = begin; pos < first_full; ++pos) partial[pos] += (knots[pos] - lower) / (upper - lower);
  }
  double running = 0.0;
  const double count = static_cast<double>(bounds.size());
  for (std::size_t pos = 0; pos < knots.size(); ++pos) {
    running += full[pos];
    values[pos] = (running + partial[pos] + prior * knots[pos]) / (count + prior);
  }
  values.front() = 0.0;
  values.back() = 1.0;
  for (std::size_t pos = 1; pos < values.size(); ++pos) values[pos] = std::max(values[pos], values[pos - 1]);
  return std::make_shared<const LevelMap>(std::move(knots), std::move(values));
}

// Levels (l, u) whose integer quantiles hold `coverage` of the (weighted) backtest outcomes:
// y >= q(l) iff F(y) >= l and y <= q(u) iff F(y - 1) < u. Misses are split evenly between the
// tails; where the upper tail cannot miss its share, the lower takes the rest, and where the lower
// cannot (q(l) = 0 for low counts up to l = P(0)), the upper does. With mostly zeros, l may exceed
// P(0) for the series least likely to be zero: the only integer intervals that miss anything.
IntervalLevels fit_interval(std::span<const std::pair<double, double>> bounds, std::span<const double> weights,
                            double coverage) {
  IntervalLevels out;
  out.coverage = coverage;
  out.lower = 0.5 * (1.0 - coverage);
  out.upper = 1.0 - out.lower;
  if (bounds.empty()) return out;
  std::vector<std::pair<double, double>> uppers, lowers;  // (b = F(y), weight), (a = F(y - 1), weight)
  double total = 0.0;
  for (std::size_t pos = 0; pos < bounds.size(); ++pos) {
    uppers.emplace_back(bounds[pos].second, weights[pos]);
    lowers.emplace_back(bounds[pos].first, weights[pos]);
    total += weights[pos];
  }
  std::sort(uppers.begin(), uppers.end());
  std::sort(lowers.begin(), lowers.end(), std::greater<>());
  const double miss = (1.0 - coverage) * total;
  // Weight of the pairs missed below l (b < l) and above u (a >= u).
  auto missed_below = [&](double level) {
    double sum = 0.0;
    for (const auto& [upper, weight] : uppers) {
      if (upper >= level) break;
      sum += weight;
    }
    return sum;
  };
  auto missed_above = [&](double level) {
    double sum = 0.0;
    for (const auto& [lower, weight] : lowers) {
      if (lower < level) break;
      sum += weight;
    }
    return sum;
  };
  // The largest l missing at most `share` below, and the smallest u missing at most `share` above,
  // each halfway between the last bound missed and the next one kept, so that a forecast a little
  // off the backtest's (or a quantile summed in another order) lands on the same side.
  constexpr double kTie = 1e-9;
  auto between = [](double missed, double kept) { return missed != kept ? 0.5 * (missed + kept) : kept - kTie; };
  auto lower_for = [&](double share) {
    double sum = 0.0;
    double missed = 0.0;
    for (const auto& [upper, weight] : uppers) {
      if (sum + weight > share) return between(missed, upper);
      sum += weight;
      missed = upper;
    }
    return 1.0;
  };
  auto upper_for = [&](double share) {
    double sum = 0.0;
    for (std::size_t pos = 0; pos < lowers.size(); ++pos) {
      if (sum + lowers[pos].second > share) return pos == 0 ? 1.0 : between(lowers[pos - 1].first, lowers[pos].first);
      sum += lowers[pos].second;
    }
    return lowers.empty() ? 1.0 : between(lowers.back().first, 0.0);
  };
  constexpr double kEdge = 1e-6;
  // The upper tail first (missing rare large counts rather than zeros), the lower takes the rest;
  // a lower level past the upper one lifts it (fewer upper misses), and the lower is refitted.
  double upper_level = std::clamp(upper_for(0.5 * miss), 0.5, 1.0 - kEdge);
  double lower_level = kEdge;
  double below = 0.0;
  for (int pass = 0; pass < 4; ++pass) {
    lower_level = std::clamp(lower_for(miss - missed_above(upper_level)), kEdge, 0.98);
    below = missed_below(lower_level);
    if (lower_level <= upper_level) break;
    upper_level = lower_level;
  }
  if (below + missed_above(upper_level) < miss - 1e-9 * total) {  // the lower tail could not miss its share
    upper_level = std::clamp(upper_for(miss - below), std::max(0.5, lower_level), 1.0 - kEdge);
  }
  out.lower = lower_level;
  out.upper = upper_level;
  out.backtest_coverage = 1.0 - (below + missed_above(upper_level)) / total;
  return out;
}

// The interval of nominal `coverage` for one band of pairs: levels of the calibrated family, or,
// where no level of it holds `coverage` of the backtest (a tail heavier than the family's), levels
// of the lightest-tailed negative binomial that does.
IntervalLevels fit_band_interval(std::span<const CalibrationPair> pairs, std::span<const double> weights,
                                 const Calibration& calibration, double coverage) {
  constexpr double kShortfall = 0.005;
  IntervalLevels best = fit_interval(pit_bounds(pairs, calibration), weights, coverage);
  if (best.backtest_coverage >= coverage - kShortfall) return best;
  const double base_dispersion =
      calibration.kind == DistributionKind::kNegativeBinomial && !calibration.level_map ? calibration.dispersion : -1.0;
  for (double dispersion : kIntervalDispersionGrid) {
    if (dispersion <= base_dispersion) continue;
    Calibration family;
    family.kind = DistributionKind::kNegativeBinomial;
    family.dispersion = dispersion;
    IntervalLevels trial = fit_interval(pit_bounds(pairs, family), weights, coverage);
    trial.dispersion = dispersion;
    if (trial.backtest_coverage > best.backtest_coverage + 1e-9) best = trial;
    if (best.backtest_coverage >= coverage - kShortfall) break;
  }
  return best;
}

// First steps of the horizon bands: [0, band_step) and [band_step, ...) when the far band holds
// min_band_pairs (its steps come from older origins only); with fine_interval_bands each is cut
// further into runs of steps holding at least min_band_pairs pairs, so that the levels follow
// the growth of the error with the horizon.
std::vector<int> band_starts(std::span<const CalibrationPair> pairs, const CalibrationOptions& options) {
  int last_step = 0;
  for (const CalibrationPair& pair : pairs) last_step = std::max<int>(last_step, pair.step);
  std::vector<std::size_t> count(static_cast<std::size_t>(last_step) + 1, 0);
  for (const CalibrationPair& pair : pairs) ++count[pair.step];
  auto pairs_in = [&](int first, int end) {
    std::size_t sum = 0;
    for (int step = first; step < end; ++step) sum += count[static_cast<std::size_t>(step)];
    return sum;
  };
  std::vector<int> coarse{0};
  const int split = options.interval_band_step;
  if (split > 0 && split <= last_step && pairs_in(split, last_step + 1) >= options.min_band_pairs && pairs_in(0, split) > 0) {
    coarse.push_back(split);
  }
  if (!options.fine_interval_bands) return coarse;
  std::vector<int> starts;
  for (std::size_t band = 0; band < coarse.size(); ++band) {
    const int end = band + 1 < coarse.size() ? coarse[band + 1] : last_step + 1;
    starts.push_back(coarse[band]);
    std::size_t run = 0;
    for (int step = coarse[band]; step + 1 < end; ++step) {
      run += count[static_cast<std::size_t>(step)];
      if (run >= options.min_band_pairs && pairs_in(step + 1, end) >= options.min_band_pairs) {
        starts.push_back(step + 1);
        run = 0;
      }
    }
  }
  return starts;
}

// Lower bounds of the strata of P(0) (the first 0): cuts at equal-count quantiles of the pairs'
// P(0), each stratum holding at least min_pairs. An integer interval can leave out zero only where
// P(0) is below its lower level, so the share of such forecasts drives the coverage; levels per
// stratum (Mondrian conformal prediction, Vovk et al. 2005, ch. 4.5) keep it when that share
// moves between the backtest and the forecast. Forecasts almost never zero form one stratum.
std::vector<double> stratum_starts(std::span<const double> zero_probability, int max_strata, std::size_t min_pairs) {
  constexpr double kNeverZero = 0.01;
  std::vector<double> sorted(zero_probability.begin(), zero_probability.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> starts{0.0};
  const std::size_t count = sorted.size();
  const std::size_t strata = std::min<std::size_t>(std::max(max_strata, 1), count / std::max<std::size_t>(min_pairs, 1));
  auto at_least = [&](double value) {  // pairs with P(0) >= value
    return static_cast<std::size_t>(sorted.end() - std::lower_bound(sorted.begin(), sorted.end(), value));
  };
  for (std::size_t cut = 1; cut < strata; ++cut) {
    const double value = sorted[cut * count / strata];
    if (value < kNeverZero || value <= starts.back()) continue;
    if (at_least(starts.back()) - at_least(value) < min_pairs) continue;
    if (at_least(value) < min_pairs) break;
    starts.push_back(value);
  }
  return starts;
}

// Levels of the interval of nominal `coverage` for one stratum, per horizon band; a pair from
// origin k weighs interval_recency^(k - 1). `gap` receives the distance between the nominal
// coverage and the stratum's backtest coverage (all bands together).
std::vector<IntervalLevels> fit_stratum_intervals(std::span<const CalibrationPair> pairs, const Calibration& calibration,
                                                  const CalibrationOptions& options, double coverage, double& gap) {
  const std::vector<int> starts = band_starts(pairs, options);
  std::vector<std::vector<CalibrationPair>> bands(starts.size());
  std::vector<std::vector<double>> weights(starts.size());
  for (const CalibrationPair& pair : pairs) {
    const auto band = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), pair.step) - starts.begin()) - 1;
    bands[band].push_back(pair);
    weights[band].push_back(std::pow(options.interval_recency, pair.origin - 1.0));
  }
  std::vector<IntervalLevels> out;
  double inside = 0.0, total = 0.0;
  for (std::size_t band = 0; band < starts.size(); ++band) {
    IntervalLevels levels = fit_band_interval(bands[band], weights[band], calibration, coverage);
    levels.from_step = starts[band];
    out.push_back(levels);
    double band_weight = 0.0;
    for (double weight : weights[band]) band_weight += weight;
    inside += levels.backtest_coverage * band_weight;
    total += band_weight;
  }
  gap = total > 0.0 ? std::abs(inside / total - coverage) : 0.0;
  return out;
}

}  // namespace

CountDistribution Calibration::distribution(double mean) const {
  const CountDistribution base = kind == DistributionKind::kEmpirical
                                     ? CountDistribution::empirical(mean, ratios)
                                     : CountDistribution::negative_binomial(mean, dispersion);
  return level_map ? base.recalibrated(level_map) : base;
}

IntervalLevels Calibration::interval_levels(double coverage, int step, double zero_probability) const {
  // The stratum first (the highest one starting at or below zero_probability), then the band.
  double stratum = -1.0;
  for (const IntervalLevels& levels : intervals) {
    if (std::abs(levels.coverage - coverage) < 1e-9 && levels.from_zero_probability <= zero_probability) {
      stratum = std::max(stratum, levels.from_zero_probability);
    }
  }
  const IntervalLevels* found = nullptr;
  for (const IntervalLevels& levels : intervals) {
    if (std::abs(levels.coverage - coverage) < 1e-9 && levels.from_zero_probability == stratum &&
        levels.from_step <= step && (found == nullptr || levels.from_step > found->from_step)) {
      found = &levels;
    }
  }
  if (found != nullptr) return *found;
  IntervalLevels central;
  central.coverage = coverage;
  central.lower = 0.5 * (1.0 - coverage);
  central.upper = 1.0 - central.lower;
  return central;
}

std::pair<double, double> Calibration::interval(double mean, double coverage, int step) const {
  const CountDistribution calibrated = distribution(mean);
  const IntervalLevels levels = interval_levels(coverage, step, calibrated.cdf(0.0));
  const CountDistribution dist =
      levels.dispersion >= 0.0 ? CountDistribution::negative_binomial(mean, levels.dispersion) : calibrated;
  const std::vector<double> bounds = dist.quantiles(std::vector<double>{levels.lower, levels.upper});
  return {bounds[0], bounds[1]};
}

Calibration calibrate(std::span<const CalibrationPair> all_pairs, const CalibrationOptions& options) {
  Calibration result;
  if (all_pairs.empty()) return result;
  const std::vector<CalibrationPair> pairs = thin(all_pairs, options.max_pairs);
  const std::span<const double> levels = options.levels;

  bool use_empirical = options.method == "empirical";
  std::vector<CalibrationPair> older, recent;
  for (const CalibrationPair& pair : pairs) (pair.origin == 1 ? recent : older).push_back(pair);
  const bool validate = !older.empty() && !recent.empty();
  if (options.method == "auto") {
    if (validate) {
      const double dispersion = fit_dispersion(older, levels);
      const auto ratios = fit_ratios(older);
      result.validation_loss_nb = pinball_loss(recent, levels, [dispersion](double mean) {
        return CountDistribution::negative_binomial(mean, dispersion);
      });
      result.validation_loss_empirical = pinball_loss(recent, levels, [&ratios](double mean) {
        return CountDistribution::empirical(mean, ratios);
      });
      use_empirical = result.validation_loss_empirical < result.validation_loss_nb;
    }
  }
  if (use_empirical) {
    result.kind = DistributionKind::kEmpirical;
    result.ratios = fit_ratios(pairs);
  } else {
    result.kind = DistributionKind::kNegativeBinomial;
    result.dispersion = fit_dispersion(pairs, levels);
  }
  // The level map is kept only if, fitted on the older origins, it lowers the pinball loss on
  // the most recent one (a shifted level can make the backtest's PIT a poor guide).
  bool recalibrate = options.recalibrate;
  if (recalibrate && validate) {
    Calibration trial = result;
    if (trial.kind == DistributionKind::kEmpirical) {
      trial.ratios = fit_ratios(older);
    } else {
      trial.dispersion = fit_dispersion(older, levels);
    }
    const auto map = fit_level_map(pit_bounds(older, trial), options.map_prior_pairs);
    const double plain = pinball_loss(recent, levels, [&trial](double mean) { return trial.distribution(mean); });
    trial.level_map = map;
    const double mapped = pinball_loss(recent, levels, [&trial](double mean) { return trial.distribution(mean); });
    recalibrate = mapped < plain;
  }
  if (recalibrate) result.level_map = fit_level_map(pit_bounds(pairs, result), options.map_prior_pairs);
  // Interval levels per coverage, stratum of P(0) and horizon band. A stratum whose integer
  // intervals cannot come near the nominal coverage of its backtest (zero alone holds more, or a
  // few distinct forecasts make the coverage jump past it) joins its neighbour below (the first,
  // the one above), where leaving out zero for the forecasts least likely to be zero makes up.
  std::vector<double> zero_probability(pairs.size());
  for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
    zero_probability[pos] = result.distribution(pairs[pos].forecast).cdf(0.0);
  }
  const std::vector<double> initial = stratum_starts(zero_probability, options.interval_strata, options.min_stratum_pairs);
  for (double coverage : options.interval_coverages) {
    std::vector<double> strata = initial;
    for (;;) {
      std::vector<IntervalLevels> intervals;
      std::size_t infeasible = strata.size();
      for (std::size_t stratum = 0; stratum < strata.size(); ++stratum) {
        const double end = stratum + 1 < strata.size() ? strata[stratum + 1] : 2.0;
        std::vector<CalibrationPair> members;
        for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
          if (zero_probability[pos] >= strata[stratum] && zero_probability[pos] < end) members.push_back(pairs[pos]);
        }
        double gap = 0.0;
        for (IntervalLevels& levels : fit_stratum_intervals(members, result, options, coverage, gap)) {
          levels.from_zero_probability = strata[stratum];
          intervals.push_back(levels);
        }
        constexpr double kTolerance = 0.01;
        if (gap > kTolerance) infeasible = stratum;
      }
      if (strata.size() == 1 || infeasible == strata.size()) {
        result.intervals.insert(result.intervals.end(), intervals.begin(), intervals.end());
        break;
      }
      strata.erase(strata.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(infeasible, 1)));
    }
  }
  result.correlation = fit_correlation(pairs, result);
  return result;
}

}  // namespace echelon::forecast
