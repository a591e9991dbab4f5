// SPDX-License-Identifier: Apache-2.0
#include "inventory/loss_table.h"

#include <stdexcept>

namespace echelon::inventory {

LossTable::LossTable(const Distribution& demand) : mean_(demand.mean()), pmf_(demand.pmf_table()) {
  cdf_.resize(pmf_.size());
  partial_mean_.resize(pmf_.size());
  double cumulative = 0.0;
  double partial = 0.0;
  for (std::size_t k = 0; k < pmf_.size(); ++k) {
    cumulative += pmf_[k];
    partial += static_cast<double>(k) * pmf_[k];
    cdf_[k] = cumulative;
    partial_mean_[k] = partial;
  }
}

double LossTable::cdf(std::int64_t y) const {
  if (y < 0) return 0.0;
  if (y >= size()) return 1.0;
  return cdf_[static_cast<std::size_t>(y)];
}

double LossTable::pmf(std::int64_t y) const {
  if (y < 0 || y >= size()) return 0.0;
  return pmf_[static_cast<std::size_t>(y)];
}

double LossTable::complementary_loss(std::int64_t y) const {
  if (y < 0) return 0.0;
  auto point = static_cast<double>(y);
  if (y >= size()) return point - mean_;
  auto index = static_cast<std::size_t>(y);
  return point * cdf_[index] - partial_mean_[index];
}

double LossTable::loss(std::int64_t y) const {
  return mean_ - static_cast<double>(y) + complementary_loss(y);
}

double LossTable::cost(std::int64_t y, double holding_cost, double stockout_cost) const {
  return holding_cost * complementary_loss(y) + stockout_cost * loss(y);
}

}  // namespace echelon::inventory
