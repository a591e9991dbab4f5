// SPDX-License-Identifier: Apache-2.0
#include "forecast/nelder_mead.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace echelon::forecast {

NelderMeadResult nelder_mead(const std::function<double(std::span<const double>)>& objective,
                             std::span<const double> start, std::span<const double> step,
                             const NelderMeadOptions& options) {
  const std::size_t dim = start.size();
  std::vector<std::vector<double>> simplex(dim + 1, std::vector<double>(start.begin(), start.end()));
  std::vector<double> values(dim + 1);
  int evaluations = 0;
  auto evaluate = [&](const std::vector<double>& point) {
    ++evaluations;
    double value = objective(point);
    return std::isfinite(value) ? value : std::numeric_limits<double>::infinity();
  };
  for (std::size_t coord = 0; coord < dim; ++coord) simplex[coord + 1][coord] += step[coord];
  for (std::size_t vertex = 0; vertex <= dim; ++vertex) values[vertex] = evaluate(simplex[vertex]);

  std::vector<std::size_t> order(dim + 1);
  std::vector<double> centroid(dim), trial(dim), trial2(dim);
  while (evaluations < options.max_evaluations) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const std::size_t best = order.front();
    const std::size_t worst = order.back();
    const std::size_t second_worst = order[dim - (dim > 0 ? 1 : 0)];
    const double range = values[worst] - values[best];
    if (std::isfinite(range) &&
        range <= options.relative_tolerance * (std::abs(values[best]) + 1e-12)) {
      break;
    }
    std::fill(centroid.begin(), centroid.end(), 0.0);
    for (std::size_t vertex = 0; vertex <= dim; ++vertex) {
      if (vertex == worst) continue;
      for (std::size_t coord = 0; coord < dim; ++coord) centroid[coord] += simplex[vertex][coord];
    }
    for (double& value : centroid) value /= static_cast<double>(dim);

    auto along = [&](double factor, std::vector<double>& out) {
      for (std::size_t coord = 0; coord < dim; ++coord) {
        out[coord] = centroid[coord] + factor * (simplex[worst][coord] - centroid[coord]);
      }
    };
    along(-1.0, trial);  // reflection
    const double reflected = evaluate(trial);
    if (reflected < values[best]) {
      along(-2.0, trial2);  // expansion
      const double expanded = evaluate(trial2);
      if (expanded < reflected) {
        simplex[worst] = trial2;
        values[worst] = expanded;
      } else {
        simplex[worst] = trial;
        values[worst] = reflected;
      }
      continue;
    }
    if (reflected < values[second_worst]) {
      simplex[worst] = trial;
      values[worst] = reflected;
      continue;
    }
    const bool outside = reflected < values[worst];
    along(outside ? -0.5 : 0.5, trial2);  // outside or inside contraction
    const double contracted = evaluate(trial2);
    if (contracted < std::min(reflected, values[worst])) {
      simplex[worst] = trial2;
      values[worst] = contracted;
      continue;
    }
    for (std::size_t vertex = 0; vertex <= dim; ++vertex) {  // shrink towards the best vertex
      if (vertex == best) continue;
      for (std::size_t coord = 0; coord < dim; ++coord) {
        simplex[vertex][coord] = simplex[best][coord] + 0.5 * (simplex[vertex][coord] - simplex[best][coord]);
      }
      values[vertex] = evaluate(simplex[vertex]);
    }
  }
  const std::size_t best =
      static_cast<std::size_t>(std::min_element(values.begin(), values.end()) - values.begin());
  return {simplex[best], values[best], evaluations};
}

}  // namespace echelon::forecast
