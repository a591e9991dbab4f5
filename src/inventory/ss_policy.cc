// SPDX-License-Identifier: Apache-2.0
#include "inventory/ss_policy.h"

#include <cmath>
#include <stdexcept>

namespace echelon::inventory {

SsModel::SsModel(const SsParams& params)
    : params_(params),
      protection_demand_(params.demand.over_periods(static_cast<double>(params.lead_time) + 1.0)),
      period_pmf_(params.demand.pmf_table()) {
  if (!params.demand.is_discrete()) throw std::invalid_argument("(s,S) needs discrete demand");
  if (!(period_pmf_[0] < 1.0)) throw std::invalid_argument("(s,S) needs P(D = 0) < 1");
}

double SsModel::one_period_cost(std::int64_t y) const {
  return protection_demand_.cost(y, params_.costs.holding_cost, params_.costs.stockout_cost);
}

void SsModel::extend_renewal(std::size_t count) {
  double keep = 1.0 - period_pmf_[0];
  while (renewal_.size() < count) {
    std::size_t index = renewal_.size();
    double value = 0.0;
    if (index == 0) {
      value = 1.0 / keep;
    } else {
      std::size_t last = std::min(index, period_pmf_.size() - 1);
      for (std::size_t size = 1; size <= last; ++size) {
        value += period_pmf_[size] * renewal_[index - size];
      }
      value /= keep;
    }
    renewal_.push_back(value);
    cumulative_.push_back((cumulative_.empty() ? 0.0 : cumulative_.back()) + value);
  }
}

double SsModel::cost(const SsPolicy& policy) {
  std::int64_t span = policy.order_up_to - policy.reorder_point;
  if (span <= 0) throw std::invalid_argument("(s,S) needs s < S");
  extend_renewal(static_cast<std::size_t>(span));
  double total = params_.fixed_cost;
  for (std::int64_t step = 0; step < span; ++step) {
    total += renewal_[static_cast<std::size_t>(step)] * one_period_cost(policy.order_up_to - step);
  }
  return total / cumulative_[static_cast<std::size_t>(span) - 1];
}

SsSolution SsModel::optimize() {
  // G is convex on the integers; its smallest minimiser is the newsvendor level.
  const NewsvendorCosts& costs = params_.costs;
  Distribution protection = params_.demand.over_periods(static_cast<double>(params_.lead_time) + 1.0);
  auto y_star = static_cast<std::int64_t>(protection.quantile(costs.critical_ratio()));

  // Zheng & Federgruen (1991), section 3: the optimal s for S = y*, then a monotone scan of S
  // with s only moving up.
  std::int64_t reorder = y_star;
  std::int64_t order_up_to = y_star;
  do {
    --reorder;
  } while (cost({reorder, order_up_to}) > one_period_cost(reorder));
  double best = cost({reorder, order_up_to});
  for (std::int64_t level = y_star + 1; one_period_cost(level) <= best; ++level) {
    double candidate = cost({reorder, level});
    if (candidate < best) {
      order_up_to = level;
      while (cost({reorder, order_up_to}) <= one_period_cost(reorder + 1)) ++reorder;
      best = cost({reorder, order_up_to});
    }
  }
  // Deterministic tie rule: the largest s below S with G(s) >= g*. G decreases below y*, so
  // that s is found by walking up from the current one.
  std::int64_t tied = reorder;
  while (tied + 1 < order_up_to && one_period_cost(tied + 1) >= best) ++tied;
  if (tied != reorder) {
    double tied_cost = cost({tied, order_up_to});
    if (tied_cost <= best * (1.0 + 1e-12)) {
      reorder = tied;
      best = std::min(best, tied_cost);
    }
  }
  return {{reorder, order_up_to}, best};
}

}  // namespace echelon::inventory
