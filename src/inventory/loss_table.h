// SPDX-License-Identifier: Apache-2.0
// O(1) loss functions of a discrete demand at integer points, for models that evaluate the
// one-period cost G(y) = h E[(y-D)^+] + p E[(D-y)^+] at many integer y ((s,S), (r,Q), serial
// systems). Built once from the probability table; beyond the table's end F = 1 exactly and
// E[(y-D)^+] = y - E[D], with E[D] the distribution's exact mean, so the upper tail is not
// truncated in the losses.
#pragma once

#include <cstdint>
#include <vector>

#include "inventory/distribution.h"

namespace echelon::inventory {

class LossTable {
 public:
  explicit LossTable(const Distribution& demand);

  [[nodiscard]] double mean() const { return mean_; }
  // P(D <= y), P(D = y).
  [[nodiscard]] double cdf(std::int64_t y) const;
  [[nodiscard]] double pmf(std::int64_t y) const;
  // E[(y-D)^+] and E[(D-y)^+].
  [[nodiscard]] double complementary_loss(std::int64_t y) const;
  [[nodiscard]] double loss(std::int64_t y) const;
  // h E[(y-D)^+] + p E[(D-y)^+].
  [[nodiscard]] double cost(std::int64_t y, double holding_cost, double stockout_cost) const;
  // Number of table entries (P(D > size-1) is below 1e-17).
  [[nodiscard]] std::int64_t size() const { return static_cast<std::int64_t>(pmf_.size()); }

 private:
  double mean_;
  std::vector<double> pmf_;
  std::vector<double> cdf_;
  std::vector<double> partial_mean_;  // sum_{k <= y} k P(D = k)
};

}  // namespace echelon::inventory
