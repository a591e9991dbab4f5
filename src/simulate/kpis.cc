// SPDX-License-Identifier: Apache-2.0
#include "simulate/kpis.h"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>

namespace echelon::simulate {

double Kpis::demanded() const {
  double total = 0.0;
  for (const SpeedKpis& speed : speeds) total += speed.demanded;
  return total;
}

double Kpis::in_region_fill() const {
  double total = demanded();
  return total > 0 ? in_region_units / total : 1.0;
}

double Kpis::turns() const {
  if (stock_value_mean <= 0.0 || days <= 0) return 0.0;
  return shipped_cost_value * (365.0 / days) / stock_value_mean;
}

double student_t_quantile(double level, int dof) {
  boost::math::students_t distribution(static_cast<double>(dof < 1 ? 1 : dof));
  return boost::math::quantile(distribution, 0.5 + level / 2.0);
}

Estimate estimate(const std::vector<double>& sample, double level) {
  Estimate result;
  if (sample.empty()) return result;
  double sum = 0.0;
  for (double value : sample) sum += value;
  result.mean = sum / static_cast<double>(sample.size());
  if (sample.size() < 2) return result;
  double squares = 0.0;
  for (double value : sample) squares += (value - result.mean) * (value - result.mean);
  double sd = std::sqrt(squares / static_cast<double>(sample.size() - 1));
  result.half_width = student_t_quantile(level, static_cast<int>(sample.size()) - 1) * sd /
                      std::sqrt(static_cast<double>(sample.size()));
  return result;
}

Estimate paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                           double level) {
  std::vector<double> difference(std::min(a.size(), b.size()));
  for (std::size_t rep = 0; rep < difference.size(); ++rep) difference[rep] = a[rep] - b[rep];
  return estimate(difference, level);
}

}  // namespace echelon::simulate
