// SPDX-License-Identifier: Apache-2.0
#include "forecast/accuracy.h"

#include <cmath>
#include <limits>

namespace echelon::forecast {
namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double mae_scale(std::span<const double> history, int lag) {
  const std::size_t step = static_cast<std::size_t>(lag < 1 ? 1 : lag);
  if (history.size() <= step) return kNan;
  double sum = 0.0;
  for (std::size_t t = step; t < history.size(); ++t) sum += std::abs(history[t] - history[t - step]);
  return sum / static_cast<double>(history.size() - step);
}

double mse_scale(std::span<const double> history, int lag) {
  const std::size_t step = static_cast<std::size_t>(lag < 1 ? 1 : lag);
  if (history.size() <= step) return kNan;
  double sum = 0.0;
  for (std::size_t t = step; t < history.size(); ++t) {
    const double diff = history[t] - history[t - step];
    sum += diff * diff;
  }
  return sum / static_cast<double>(history.size() - step);
}

double mase(std::span<const double> actual, std::span<const double> forecast, double scale) {
  if (!(scale > 0.0) || actual.empty()) return kNan;
  double sum = 0.0;
  for (std::size_t t = 0; t < actual.size(); ++t) sum += std::abs(actual[t] - forecast[t]);
  return sum / static_cast<double>(actual.size()) / scale;
}

double rmsse(std::span<const double> actual, std::span<const double> forecast, double scale) {
  if (!(scale > 0.0) || actual.empty()) return kNan;
  double sum = 0.0;
  for (std::size_t t = 0; t < actual.size(); ++t) {
    const double diff = actual[t] - forecast[t];
    sum += diff * diff;
  }
  return std::sqrt(sum / static_cast<double>(actual.size()) / scale);
}

double pinball_sum(std::span<const double> actual, std::span<const double> quantile, double level) {
  double sum = 0.0;
  for (std::size_t t = 0; t < actual.size(); ++t) {
    const double diff = actual[t] - quantile[t];
    sum += diff >= 0.0 ? level * diff : (level - 1.0) * diff;
  }
  return sum;
}

int covered(std::span<const double> actual, std::span<const double> lower,
            std::span<const double> upper) {
  int count = 0;
  for (std::size_t t = 0; t < actual.size(); ++t) {
    if (actual[t] >= lower[t] && actual[t] <= upper[t]) ++count;
  }
  return count;
}

}  // namespace echelon::forecast
