// SPDX-License-Identifier: Apache-2.0
// Standard normal density, distribution and loss functions, written with erfc so that tails keep
// full relative precision (1 - Phi(z) is never formed by subtraction).
//
// L(z) = E[(Z-z)^+] = phi(z) - z (1 - Phi(z)); complementary E[(z-Z)^+] = L(z) + z;
// second-order L2(z) = E[((Z-z)^+)^2] / 2 = ((z^2+1)(1-Phi(z)) - z phi(z)) / 2.
#pragma once

namespace echelon::inventory {

[[nodiscard]] double standard_normal_pdf(double z);
[[nodiscard]] double standard_normal_cdf(double z);
// 1 - Phi(z), accurate for large z.
[[nodiscard]] double standard_normal_survival(double z);
// Phi^{-1}(probability), probability in (0, 1).
[[nodiscard]] double standard_normal_quantile(double probability);

[[nodiscard]] double standard_normal_loss(double z);
[[nodiscard]] double standard_normal_complementary_loss(double z);
[[nodiscard]] double standard_normal_second_order_loss(double z);

}  // namespace echelon::inventory
