// SPDX-License-Identifier: Apache-2.0
#include "inventory/loss_function.h"

#include <boost/math/special_functions/erf.hpp>

#include <cmath>
#include <numbers>

namespace echelon::inventory {

double standard_normal_pdf(double z) {
  return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
}

double standard_normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

double standard_normal_survival(double z) { return 0.5 * std::erfc(z / std::numbers::sqrt2); }

double standard_normal_quantile(double probability) {
  return -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * probability);
}

double standard_normal_loss(double z) {
  return standard_normal_pdf(z) - z * standard_normal_survival(z);
}

double standard_normal_complementary_loss(double z) {
  // E[(z-Z)^+] = z Phi(z) + phi(z): formed directly rather than as L(z) + z, which cancels for
  // very negative z.
  return z * standard_normal_cdf(z) + standard_normal_pdf(z);
}

double standard_normal_second_order_loss(double z) {
  return 0.5 * ((z * z + 1.0) * standard_normal_survival(z) - z * standard_normal_pdf(z));
}

}  // namespace echelon::inventory
