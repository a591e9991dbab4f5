// SPDX-License-Identifier: Apache-2.0
#include "forecast/theta.h"

#include <algorithm>
#include <cmath>

#include "forecast/nelder_mead.h"

namespace echelon::forecast {
namespace {

// Sample autocorrelation at lags 1..max_lag.
std::vector<double> autocorrelation(std::span<const double> series, std::size_t max_lag) {
  const double n = static_cast<double>(series.size());
  double mean = 0.0;
  for (double value : series) mean += value;
  mean /= n;
  double denominator = 0.0;
  for (double value : series) denominator += (value - mean) * (value - mean);
  std::vector<double> out(max_lag + 1, 0.0);
  if (denominator <= 0.0) return out;
  for (std::size_t lag = 1; lag <= max_lag; ++lag) {
    double sum = 0.0;
    for (std::size_t t = lag; t < series.size(); ++t) sum += (series[t] - mean) * (series[t - lag] - mean);
    out[lag] = sum / denominator;
  }
  return out;
}

bool seasonal_test(std::span<const double> series, std::size_t period) {
  if (period <= 1 || series.size() < 2 * period) return false;
  const std::vector<double> acf = autocorrelation(series, period);
  double sum = 0.0;
  for (std::size_t lag = 1; lag < period; ++lag) sum += acf[lag] * acf[lag];
  const double bound = 1.6448536269514722 * std::sqrt((1.0 + 2.0 * sum) / static_cast<double>(series.size()));
  return std::abs(acf[period]) > bound;
}

// Classical multiplicative decomposition: indices per position t % period, mean 1.
std::vector<double> seasonal_indices(std::span<const double> series, std::size_t period) {
  const std::size_t n = series.size();
  std::vector<double> sum(period, 0.0), count(period, 0.0);
  const std::size_t half = period / 2;
  for (std::size_t t = half; t + half < n; ++t) {
    // Centred moving average (2 x m when m is even).
    double trend = 0.0;
    if (period % 2 == 0) {
      if (t + half >= n) break;
      for (std::size_t k = t - half; k <= t + half; ++k) {
        const double weight = (k == t - half || k == t + half) ? 0.5 : 1.0;
        trend += weight * series[k];
      }
    } else {
      for (std::size_t k = t - half; k <= t + half; ++k) trend += series[k];
    }
    trend /= static_cast<double>(period);
    if (trend <= 0.0) continue;
    sum[t % period] += series[t] / trend;
    count[t % period] += 1.0;
  }
  std::vector<double> index(period, 1.0);
  double mean = 0.0;
  for (std::size_t pos = 0; pos < period; ++pos) {
    if (count[pos] > 0.0) index[pos] = sum[pos] / count[pos];
    mean += index[pos];
  }
  mean /= static_cast<double>(period);
  for (double& value : index) value /= mean;
  return index;
}

}  // namespace

std::vector<double> ThetaFit::forecast(int horizon) const {
  std::vector<double> out(static_cast<std::size_t>(std::max(horizon, 0)));
  const double drift_start = alpha > 0.0 ? (1.0 - std::pow(1.0 - alpha, observations)) / alpha : 0.0;
  for (std::size_t step = 0; step < out.size(); ++step) {
    double value = level + 0.5 * slope * (static_cast<double>(step) + drift_start);
    if (!season.empty()) value *= season[step % season.size()];
    out[step] = value;
  }
  return out;
}

ThetaFit fit_theta(std::span<const double> series, int period) {
  ThetaFit fit;
  const std::size_t n = series.size();
  fit.observations = static_cast<int>(n);
  if (n == 0) return fit;
  std::vector<double> adjusted(series.begin(), series.end());
  const std::size_t m = static_cast<std::size_t>(std::max(period, 1));
  const bool positive = std::all_of(series.begin(), series.end(), [](double value) { return value > 0.0; });
  if (positive && seasonal_test(series, m)) {
    const std::vector<double> index = seasonal_indices(series, m);
    for (std::size_t t = 0; t < n; ++t) adjusted[t] /= index[t % m];
    fit.season.resize(m);
    for (std::size_t k = 0; k < m; ++k) fit.season[k] = index[(n + k) % m];
  }
  // Least-squares slope on t = 1..n.
  const double t_mean = 0.5 * static_cast<double>(n + 1);
  double y_mean = 0.0;
  for (double value : adjusted) y_mean += value;
  y_mean /= static_cast<double>(n);
  double cross = 0.0, square = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dt = static_cast<double>(t + 1) - t_mean;
    cross += dt * (adjusted[t] - y_mean);
    square += dt * dt;
  }
  fit.slope = square > 0.0 ? cross / square : 0.0;
  // SES: alpha and the initial level minimise the one-step squared errors (R's ses / ets ANN).
  auto sse = [&](std::span<const double> x) {
    const double alpha = x[0];
    if (alpha < 1e-4 || alpha > 0.9999) return 1e300;
    double level = x[1], total = 0.0;
    for (double value : adjusted) {
      const double error = value - level;
      total += error * error;
      level += alpha * error;
    }
    return total;
  };
  const double spread = std::max(std::abs(y_mean), 1.0);
  const double start[] = {0.3, adjusted[0]};
  const double step[] = {0.2, 0.1 * spread};
  const NelderMeadResult best = nelder_mead(sse, start, step, {400, 1e-10});
  fit.alpha = std::clamp(best.x[0], 1e-4, 0.9999);
  double level = best.x[1];
  for (double value : adjusted) level += fit.alpha * (value - level);
  fit.level = level;
  return fit;
}

}  // namespace echelon::forecast
