// SPDX-License-Identifier: Apache-2.0
#include "forecast/ets.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "forecast/nelder_mead.h"

namespace echelon::forecast {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kLowerSmoothing = 1e-4;
constexpr double kUpperSmoothing = 0.9999;
constexpr double kLowerPhi = 0.8;  // R forecast::ets bounds for the damping parameter
constexpr double kUpperPhi = 0.98;

struct Parameters {
  double alpha = 0.2;
  double beta = 0.01;
  double gamma = 0.01;
  double phi = 0.95;
  double level = 0.0;
  double trend = 0.0;
};

struct FilterResult {
  double objective = kInfinity;  // n log(SSE) (+ 2 sum log|mu| for multiplicative error)
  double sse = 0.0;
  double log_abs_mu = 0.0;
  double level = 0.0;
  double trend = 0.0;
  std::vector<double> season;  // circular buffer: season[t % m] is used at time t
};

bool has_trend(const EtsSpec& spec) { return spec.trend != EtsTrend::kNone; }
bool has_season(const EtsSpec& spec) { return spec.season != EtsSeason::kNone; }

// Runs the state space recursions (Hyndman et al. 2008, table 2.3) over the series.
FilterResult run_filter(std::span<const double> series, const EtsSpec& spec, int period,
                        const Parameters& params, const std::vector<double>& initial_season) {
  FilterResult result;
  double level = params.level;
  double trend = has_trend(spec) ? params.trend : 0.0;
  const double phi = spec.trend == EtsTrend::kDamped ? params.phi : 1.0;
  const double beta = has_trend(spec) ? params.beta : 0.0;
  std::vector<double> season = initial_season;
  const bool additive_error = spec.error == EtsError::kAdditive;
  double sse = 0.0;
  double log_abs_mu = 0.0;
  const std::size_t m = static_cast<std::size_t>(period);
  for (std::size_t t = 0; t < series.size(); ++t) {
    const double damped_trend = phi * trend;
    const double base = level + damped_trend;  // level plus trend contribution
    double seasonal = 0.0;
    double mu = base;
    if (spec.season == EtsSeason::kAdditive) {
      seasonal = season[t % m];
      mu = base + seasonal;
    } else if (spec.season == EtsSeason::kMultiplicative) {
      seasonal = season[t % m];
      mu = base * seasonal;
    }
    if (!std::isfinite(mu)) return result;
    double error = series[t] - mu;
    if (!additive_error) {
      if (mu <= 1e-10) return result;
      error /= mu;
      log_abs_mu += std::log(mu);
    }
    sse += error * error;
    // Error-correction form of the updates.
    switch (spec.season) {
      case EtsSeason::kNone:
        level = additive_error ? base + params.alpha * error : base * (1.0 + params.alpha * error);
        trend = additive_error ? damped_trend + beta * error
                               : damped_trend + beta * base * error;
        break;
      case EtsSeason::kAdditive: {
        const double shock = additive_error ? error : mu * error;
        level = base + params.alpha * shock;
        trend = damped_trend + beta * shock;
        season[t % m] = seasonal + params.gamma * shock;
        break;
      }
      case EtsSeason::kMultiplicative:
        if (additive_error) {
          if (std::abs(seasonal) < 1e-10 || std::abs(base) < 1e-10) return result;
          level = base + params.alpha * error / seasonal;
          trend = damped_trend + beta * error / seasonal;
          season[t % m] = seasonal + params.gamma * error / base;
        } else {
          level = base * (1.0 + params.alpha * error);
          trend = damped_trend + beta * base * error;
          season[t % m] = seasonal * (1.0 + params.gamma * error);
        }
        break;
    }
    if (spec.season == EtsSeason::kMultiplicative && season[t % m] <= 0.0) return result;
  }
  const double count = static_cast<double>(series.size());
  result.sse = sse;
  result.log_abs_mu = log_abs_mu;
  result.objective = count * std::log(std::max(sse, 1e-300)) + 2.0 * log_abs_mu;
  result.level = level;
  result.trend = trend;
  result.season = std::move(season);
  return result;
}

// Initial seasonal states from a classical decomposition of the first (up to four) seasons:
// centred moving average, then the mean deviation (or ratio) per season position, normalised.
std::vector<double> initial_season(std::span<const double> series, EtsSeason kind, int period) {
  if (kind == EtsSeason::kNone) return {};
  const std::size_t m = static_cast<std::size_t>(period);
  const std::size_t length = std::min(series.size(), 4 * m);
  std::vector<double> sum(m, 0.0);
  std::vector<int> count(m, 0);
  const std::size_t half = m / 2;
  for (std::size_t t = half; t + half < length; ++t) {
    double centre = 0.0;
    if (m % 2 == 1) {
      for (std::size_t k = t - half; k <= t + half; ++k) centre += series[k];
      centre /= static_cast<double>(m);
    } else {  // 2 x m moving average
      for (std::size_t k = t - half; k <= t + half; ++k) {
        const double weight = (k == t - half || k == t + half) ? 0.5 : 1.0;
        centre += weight * series[k];
      }
      centre /= static_cast<double>(m);
    }
    if (kind == EtsSeason::kAdditive) {
      sum[t % m] += series[t] - centre;
    } else {
      if (centre <= 0.0) continue;
      sum[t % m] += series[t] / centre;
    }
    ++count[t % m];
  }
  std::vector<double> season(m, kind == EtsSeason::kAdditive ? 0.0 : 1.0);
  for (std::size_t pos = 0; pos < m; ++pos) {
    if (count[pos] > 0) season[pos] = sum[pos] / count[pos];
  }
  double mean = 0.0;
  for (double value : season) mean += value;
  mean /= static_cast<double>(m);
  for (double& value : season) {
    if (kind == EtsSeason::kAdditive) {
      value -= mean;
    } else {
      value = mean > 0.0 ? value / mean : 1.0;
    }
  }
  return season;
}

// Level and trend before the first observation: least squares line through the first
// max(10, 2m) seasonally adjusted values (Hyndman et al. 2008, section 5.2).
void initial_level_trend(std::span<const double> series, const EtsSpec& spec, int period,
                         const std::vector<double>& season, Parameters& params) {
  const std::size_t m = static_cast<std::size_t>(std::max(period, 1));
  const std::size_t count = std::min<std::size_t>(series.size(), std::max<std::size_t>(10, 2 * m));
  std::vector<double> adjusted(count);
  for (std::size_t t = 0; t < count; ++t) {
    double value = series[t];
    if (spec.season == EtsSeason::kAdditive) value -= season[t % m];
    if (spec.season == EtsSeason::kMultiplicative) value /= season[t % m];
    adjusted[t] = value;
  }
  double mean_t = 0.0, mean_y = 0.0;
  for (std::size_t t = 0; t < count; ++t) {
    mean_t += static_cast<double>(t + 1);
    mean_y += adjusted[t];
  }
  mean_t /= static_cast<double>(count);
  mean_y /= static_cast<double>(count);
  if (!has_trend(spec)) {
    params.level = mean_y;
    params.trend = 0.0;
    return;
  }
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t t = 0; t < count; ++t) {
    const double dt = static_cast<double>(t + 1) - mean_t;
    sxy += dt * (adjusted[t] - mean_y);
    sxx += dt * dt;
  }
  params.trend = sxx > 0.0 ? sxy / sxx : 0.0;
  params.level = mean_y - params.trend * mean_t;
}

int smoothing_count(const EtsSpec& spec) {
  return 1 + (has_trend(spec) ? 1 : 0) + (has_season(spec) ? 1 : 0) +
         (spec.trend == EtsTrend::kDamped ? 1 : 0);
}

}  // namespace

std::string EtsSpec::name() const {
  std::string text = "ETS(";
  text += error == EtsError::kAdditive ? "A," : "M,";
  text += trend == EtsTrend::kNone ? "N," : (trend == EtsTrend::kAdditive ? "A," : "Ad,");
  text += season == EtsSeason::kNone ? "N)" : (season == EtsSeason::kAdditive ? "A)" : "M)");
  return text;
}

std::vector<double> EtsFit::forecast(int horizon) const {
  std::vector<double> out(static_cast<std::size_t>(std::max(horizon, 0)));
  double trend_sum = 0.0;
  double damping = 1.0;
  for (int step = 1; step <= horizon; ++step) {
    if (spec.trend == EtsTrend::kAdditive) {
      trend_sum += 1.0;
    } else if (spec.trend == EtsTrend::kDamped) {
      damping *= phi;
      trend_sum += damping;
    }
    double value = level + trend_sum * trend;
    if (spec.season == EtsSeason::kAdditive) {
      value += season[static_cast<std::size_t>(step - 1) % season.size()];
    } else if (spec.season == EtsSeason::kMultiplicative) {
      value *= season[static_cast<std::size_t>(step - 1) % season.size()];
    }
    out[static_cast<std::size_t>(step - 1)] = value;
  }
  return out;
}

EtsFit fit_ets(std::span<const double> series, const EtsSpec& spec, int period,
               int max_evaluations) {
  EtsFit fit;
  fit.spec = spec;
  fit.period = has_season(spec) ? period : 1;
  fit.observations = static_cast<int>(series.size());
  fit.aicc = kInfinity;
  if (series.size() < 3) return fit;
  if (has_season(spec) && (period < 2 || series.size() < 2 * static_cast<std::size_t>(period))) {
    return fit;
  }
  const std::vector<double> season0 = initial_season(series, spec.season, fit.period);
  Parameters start;
  initial_level_trend(series, spec, fit.period, season0, start);
  if (spec.error == EtsError::kMultiplicative && start.level <= 0.0) return fit;

  double mean = 0.0, sq = 0.0;
  for (double value : series) mean += value;
  mean /= static_cast<double>(series.size());
  for (double value : series) sq += (value - mean) * (value - mean);
  const double scale = std::max({std::sqrt(sq / static_cast<double>(series.size())),
                                 0.1 * std::abs(mean), 1e-3});

  // Packs the free parameters in a fixed order: alpha, [beta], [gamma], [phi], level, [trend].
  std::vector<double> x{start.alpha};
  std::vector<double> step{0.1};
  if (has_trend(spec)) {
    x.push_back(start.beta);
    step.push_back(0.02);
  }
  if (has_season(spec)) {
    x.push_back(start.gamma);
    step.push_back(0.02);
  }
  if (spec.trend == EtsTrend::kDamped) {
    x.push_back(start.phi);
    step.push_back(-0.05);
  }
  x.push_back(start.level);
  step.push_back(0.2 * scale);
  if (has_trend(spec)) {
    x.push_back(start.trend);
    step.push_back(0.05 * scale);
  }
  auto unpack = [&](std::span<const double> point) {
    Parameters params;
    std::size_t pos = 0;
    params.alpha = point[pos++];
    if (has_trend(spec)) params.beta = point[pos++];
    if (has_season(spec)) params.gamma = point[pos++];
    if (spec.trend == EtsTrend::kDamped) params.phi = point[pos++];
    params.level = point[pos++];
    if (has_trend(spec)) params.trend = point[pos++];
    return params;
  };
  auto feasible = [&](const Parameters& params) {
    if (params.alpha < kLowerSmoothing || params.alpha > kUpperSmoothing) return false;
    if (has_trend(spec) && (params.beta < kLowerSmoothing || params.beta > params.alpha)) return false;
    if (has_season(spec) && (params.gamma < kLowerSmoothing || params.gamma > 1.0 - params.alpha)) {
      return false;
    }
    if (spec.trend == EtsTrend::kDamped && (params.phi < kLowerPhi || params.phi > kUpperPhi)) {
      return false;
    }
    return true;
  };
  auto objective = [&](std::span<const double> point) {
    const Parameters params = unpack(point);
    if (!feasible(params)) return kInfinity;
    return run_filter(series, spec, fit.period, params, season0).objective;
  };
  NelderMeadOptions options;
  options.max_evaluations = max_evaluations;
  // Two restarts from the best point with a fresh simplex: a collapsed simplex often stalls
  // short of the optimum on nearly flat likelihoods (for example alpha -> 0 on white noise).
  NelderMeadResult best = nelder_mead(objective, x, step, options);
  for (int restart = 0; restart < 2 && std::isfinite(best.value); ++restart) {
    options.max_evaluations = max_evaluations / 2;
    NelderMeadResult again = nelder_mead(objective, best.x, step, options);
    if (again.value >= best.value - 1e-9 * std::abs(best.value)) break;
    best = std::move(again);
  }
  if (!std::isfinite(best.value)) return fit;

  const Parameters params = unpack(best.x);
  FilterResult final_state = run_filter(series, spec, fit.period, params, season0);
  const double n = static_cast<double>(series.size());
  fit.alpha = params.alpha;
  fit.beta = has_trend(spec) ? params.beta : 0.0;
  fit.gamma = has_season(spec) ? params.gamma : 0.0;
  fit.phi = spec.trend == EtsTrend::kDamped ? params.phi : 1.0;
  fit.level = final_state.level;
  fit.trend = final_state.trend;
  if (has_season(spec)) {
    const std::size_t m = static_cast<std::size_t>(fit.period);
    fit.season.resize(m);
    for (std::size_t k = 0; k < m; ++k) fit.season[k] = final_state.season[(series.size() + k) % m];
  }
  fit.sigma2 = final_state.sse / n;
  fit.log_likelihood = -0.5 * n * (std::log(2.0 * std::numbers::pi * std::max(fit.sigma2, 1e-300)) + 1.0) -
                       final_state.log_abs_mu;
  fit.parameters = smoothing_count(spec) + 1 + (has_trend(spec) ? 1 : 0) +
                   (has_season(spec) ? fit.period - 1 : 0) + 1;
  const double k = fit.parameters;
  fit.aicc = n - k - 1.0 > 0.0 ? -2.0 * fit.log_likelihood + 2.0 * k + 2.0 * k * (k + 1.0) / (n - k - 1.0)
                                : kInfinity;
  fit.ok = true;
  return fit;
}

EtsFit select_ets(std::span<const double> series, const EtsOptions& options) {
  const bool positive =
      !series.empty() && std::all_of(series.begin(), series.end(), [](double v) { return v > 0.0; });
  const bool multiplicative = options.allow_multiplicative && positive;
  const bool seasonal =
      options.period > 1 && series.size() >= 2 * static_cast<std::size_t>(options.period);
  std::vector<EtsError> errors{EtsError::kAdditive};
  if (multiplicative) errors.push_back(EtsError::kMultiplicative);
  std::vector<EtsTrend> trends{EtsTrend::kNone};
  if (options.allow_trend && series.size() >= 6) {
    trends.push_back(EtsTrend::kAdditive);
    if (options.allow_damped) trends.push_back(EtsTrend::kDamped);
  }
  std::vector<EtsSeason> seasons{EtsSeason::kNone};
  if (seasonal) {
    seasons.push_back(EtsSeason::kAdditive);
    if (multiplicative) seasons.push_back(EtsSeason::kMultiplicative);
  }
  EtsFit best;
  best.aicc = kInfinity;
  for (EtsError error : errors) {
    for (EtsTrend trend : trends) {
      for (EtsSeason season : seasons) {
        if (error == EtsError::kAdditive && season == EtsSeason::kMultiplicative) continue;
        EtsFit fit = fit_ets(series, {error, trend, season}, options.period, options.max_evaluations);
        if (fit.ok && (!best.ok || fit.aicc < best.aicc)) best = std::move(fit);
      }
    }
  }
  if (!best.ok) {  // too short for any likelihood: the mean as a level-only model
    best = EtsFit{};
    best.ok = !series.empty();
    double mean = 0.0;
    for (double value : series) mean += value;
    best.level = series.empty() ? 0.0 : mean / static_cast<double>(series.size());
  }
  return best;
}

}  // namespace echelon::forecast
