// SPDX-License-Identifier: Apache-2.0
#include "forecast/sample_paths.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace echelon::forecast {

std::vector<float> sample_paths(const SeriesForecast& forecast, int paths, Rng& rng) {
  const std::size_t horizon = forecast.mean.size();
  const std::size_t count = static_cast<std::size_t>(std::max(paths, 0));
  std::vector<float> out(count * horizon, 0.0F);
  if (count == 0 || horizon == 0) return out;
  const double rho = forecast.calibration.correlation;
  const double innovation = std::sqrt(1.0 - rho * rho);
  std::vector<double> latent(count);
  std::vector<double> uniforms(count);
  std::vector<std::size_t> order(count);
  for (std::size_t step = 0; step < horizon; ++step) {
    for (std::size_t path = 0; path < count; ++path) {
      const double shock = sample_normal(rng);
      latent[path] = step == 0 ? shock : rho * latent[path] + innovation * shock;
      uniforms[path] = std::clamp(normal_cdf(latent[path]), 1e-12, 1.0 - 1e-12);
    }
    // Inverse CDF for all paths in one pass over the distribution: sort the levels first.
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return uniforms[a] < uniforms[b]; });
    std::vector<double> levels(count);
    for (std::size_t pos = 0; pos < count; ++pos) levels[pos] = uniforms[order[pos]];
    const std::vector<double> counts = forecast.distribution(step).quantiles(levels);
    for (std::size_t pos = 0; pos < count; ++pos) {
      out[order[pos] * horizon + step] = static_cast<float>(counts[pos]);
    }
  }
  return out;
}

}  // namespace echelon::forecast
