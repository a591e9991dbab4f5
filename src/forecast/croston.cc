// SPDX-License-Identifier: Apache-2.0
#include "forecast/croston.h"

#include <cstddef>

namespace echelon::forecast {

double croston_rate(std::span<const double> series, const CrostonOptions& options) {
  double size = 0.0;
  double interval = 0.0;
  bool seen = false;
  std::size_t since_last = 0;
  for (double value : series) {
    ++since_last;
    if (value <= 0.0) continue;
    const double gap = static_cast<double>(since_last);
    if (!seen) {
      size = value;
      interval = gap;
      seen = true;
    } else {
      size += options.alpha * (value - size);
      interval += options.alpha * (gap - interval);
    }
    since_last = 0;
  }
  return seen ? size / interval : 0.0;
}

double sba_rate(std::span<const double> series, const CrostonOptions& options) {
  return (1.0 - options.alpha / 2.0) * croston_rate(series, options);
}

double tsb_rate(std::span<const double> series, const CrostonOptions& options) {
  if (series.empty()) return 0.0;
  std::size_t nonzero = 0;
  double size = 0.0;
  for (double value : series) {
    if (value > 0.0) {
      if (nonzero == 0) size = value;
      ++nonzero;
    }
  }
  if (nonzero == 0) return 0.0;
  double probability = static_cast<double>(nonzero) / static_cast<double>(series.size());
  bool first = true;
  for (double value : series) {
    if (value > 0.0) {
      probability += options.beta * (1.0 - probability);
      if (!first) size += options.alpha * (value - size);
      first = false;
    } else {
      probability -= options.beta * probability;
    }
  }
  return probability * size;
}

}  // namespace echelon::forecast
