// SPDX-License-Identifier: Apache-2.0
#include "optimize/price_master.h"

#include <ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/assert.h"

namespace echelon::optimize {

double PriceMaster::Cut::at(std::span<const double> x) const {
  double result = value;
  for (std::size_t index = 0; index < x.size(); ++index) result += slope[index] * (x[index] - point[index]);
  return result;
}

PriceMaster::PriceMaster(std::size_t dimension, PriceMasterOptions options)
    : dimension_(dimension),
      options_(options),
      best_value_(-std::numeric_limits<double>::infinity()),
      predicted_(std::numeric_limits<double>::infinity()),
      radius_(options.initial_radius) {}

PriceMaster::~PriceMaster() = default;

bool PriceMaster::add(std::span<const double> point, double value, std::span<const double> supergradient) {
  ECHELON_ASSERT(point.size() == dimension_ && supergradient.size() == dimension_, "price dimension");
  // A cut that promises less than was just observed was wrong (an inexact earlier answer).
  double tolerance = 1e-9 * std::max(1.0, std::abs(value));
  std::erase_if(cuts_, [&](const Cut& cut) { return cut.at(point) < value - tolerance; });
  if (cuts_.size() >= options_.max_cuts) cuts_.erase(cuts_.begin());
  cuts_.push_back({{point.begin(), point.end()}, value, {supergradient.begin(), supergradient.end()}});

  if (!has_center_) {
    has_center_ = true;
    center_.assign(point.begin(), point.end());
    best_value_ = value;
    return true;
  }
  double promised = predicted_ - best_value_;
  if (value > best_value_ && value >= best_value_ + options_.serious_fraction * promised) {
    double ratio = promised > 0.0 ? (value - best_value_) / promised : 1.0;
    center_.assign(point.begin(), point.end());
    best_value_ = value;
    if (ratio > 0.5) radius_ *= 2.0;
    return true;
  }
  radius_ = std::max(radius_ * 0.6, 1e-9 * options_.initial_radius);
  return false;
}

std::vector<double> PriceMaster::next() {
  ECHELON_ASSERT(has_center_, "the master needs a first answer");
  const int columns = static_cast<int>(dimension_ + 1);  // prices, then the model value
  const int theta = static_cast<int>(dimension_);
  ClpSimplex model;
  model.setLogLevel(0);
  model.resize(0, columns);
  for (std::size_t column = 0; column < dimension_; ++column) {
    model.setColumnBounds(static_cast<int>(column), std::max(0.0, center_[column] - radius_),
                          center_[column] + radius_);
    model.setObjectiveCoefficient(static_cast<int>(column), 0.0);
  }
  model.setColumnBounds(theta, -COIN_DBL_MAX, COIN_DBL_MAX);
  model.setObjectiveCoefficient(theta, -1.0);
  std::vector<int> index(static_cast<std::size_t>(columns));
  std::vector<double> entry(static_cast<std::size_t>(columns));
  for (const Cut& cut : cuts_) {
    // theta - g.p <= v - g.p_j
    double rhs = cut.value;
    for (std::size_t column = 0; column < dimension_; ++column) {
      index[column] = static_cast<int>(column);
      entry[column] = -cut.slope[column];
      rhs -= cut.slope[column] * cut.point[column];
    }
    index[dimension_] = theta;
    entry[dimension_] = 1.0;
    model.addRow(columns, index.data(), entry.data(), -COIN_DBL_MAX, rhs);
  }
  model.dual();
  if (!model.isProvenOptimal()) model.primal();
  if (!model.isProvenOptimal()) {
    predicted_ = best_value_;
    return center_;
  }
  const double* solution = model.primalColumnSolution();
  predicted_ = solution[theta];
  std::vector<double> point(solution, solution + dimension_);
  for (double& value : point) value = std::max(0.0, value);
  return point;
}

}  // namespace echelon::optimize
