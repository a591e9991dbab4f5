// SPDX-License-Identifier: Apache-2.0
#include "inventory/lead_time_demand.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace echelon::inventory {

LeadTimeDemandMoments lead_time_demand_moments(const Distribution& per_period,
                                               const Distribution& lead_time) {
  double mu = per_period.mean();
  return {mu * lead_time.mean(),
          lead_time.mean() * per_period.variance() + mu * mu * lead_time.variance()};
}

Distribution compound_lead_time_demand(const Distribution& per_period,
                                       const Distribution& lead_time, double tail) {
  if (!per_period.is_discrete() || !lead_time.is_discrete()) {
    throw std::invalid_argument("exact lead-time demand needs discrete demand and lead time");
  }
  std::vector<double> lead_pmf = lead_time.pmf_table(tail);
  std::vector<double> mixture{0.0};
  // Poisson and negative binomial demand sum in closed form; a table is convolved one period
  // at a time.
  bool closed_form = per_period.kind() != DistributionKind::kTable;
  std::vector<double> per_period_pmf = closed_form ? std::vector<double>{} : per_period.table_pmf();
  std::vector<double> power{1.0};
  for (std::size_t periods = 0; periods < lead_pmf.size(); ++periods) {
    if (!closed_form && periods > 0) {
      std::vector<double> next(power.size() + per_period_pmf.size() - 1, 0.0);
      for (std::size_t index = 0; index < power.size(); ++index) {
        for (std::size_t other = 0; other < per_period_pmf.size(); ++other) {
          next[index + other] += power[index] * per_period_pmf[other];
        }
      }
      while (next.size() > 1 && next.back() < tail * 1e-3) next.pop_back();
      power = std::move(next);
    }
    double weight = lead_pmf[periods];
    if (weight == 0.0) continue;
    const std::vector<double>& demand =
        closed_form ? per_period.over_periods(static_cast<double>(periods)).pmf_table(tail) : power;
    if (mixture.size() < demand.size()) mixture.resize(demand.size(), 0.0);
    for (std::size_t k = 0; k < demand.size(); ++k) mixture[k] += weight * demand[k];
  }
  return Distribution::table(std::move(mixture));
}

Distribution moment_matched_lead_time_demand(const Distribution& per_period,
                                             const Distribution& lead_time, MomentFit fit) {
  LeadTimeDemandMoments moments = lead_time_demand_moments(per_period, lead_time);
  double sd = std::sqrt(moments.variance);
  switch (fit) {
    case MomentFit::kNormal: return Distribution::normal(moments.mean, sd);
    case MomentFit::kGamma:
      if (moments.mean <= 0.0 || sd <= 0.0) return Distribution::normal(moments.mean, sd);
      return Distribution::gamma(moments.mean, sd);
    case MomentFit::kNegativeBinomial:
      if (moments.variance <= moments.mean) return Distribution::poisson(moments.mean);
      return Distribution::negative_binomial(moments.mean, moments.variance);
  }
  return Distribution::normal(moments.mean, sd);
}

}  // namespace echelon::inventory
