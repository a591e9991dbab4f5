// SPDX-License-Identifier: Apache-2.0
#include "inventory/serial_simulation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/rng.h"

namespace echelon::inventory {

SerialSimulationResult simulate_serial(const SerialParams& params,
                                       std::span<const double> echelon_levels,
                                       const SerialSimulationOptions& options) {
  const std::size_t stage_count = params.stages.size();
  if (echelon_levels.size() != stage_count || options.batches < 2) {
    throw std::invalid_argument("simulate_serial: one level per stage and >= 2 batches");
  }
  std::vector<std::int64_t> transit(stage_count);
  for (std::size_t stage = 0; stage < stage_count; ++stage) {
    double lead_time = params.stages[stage].lead_time;
    if (lead_time != std::floor(lead_time) || (stage == 0 && lead_time < 1.0)) {
      throw std::invalid_argument("simulate_serial needs whole-period lead times, L_1 >= 1");
    }
    transit[stage] = static_cast<std::int64_t>(lead_time) - (stage == 0 ? 1 : 0);
  }
  bool poisson = params.demand.kind() == DistributionKind::kPoisson;
  if (!poisson && params.demand.kind() != DistributionKind::kNormal) {
    throw std::invalid_argument("simulate_serial takes normal or Poisson demand");
  }
  std::vector<double> local_holding(stage_count, 0.0);
  for (std::size_t stage = stage_count; stage-- > 0;) {
    local_holding[stage] = params.stages[stage].echelon_holding_cost +
                           (stage + 1 < stage_count ? local_holding[stage + 1] : 0.0);
  }
  // Pipeline into stage j < N at its mean, charged at h'_{j+1}.
  double pipeline_cost = 0.0;
  for (std::size_t stage = 0; stage + 1 < stage_count; ++stage) {
    pipeline_cost += local_holding[stage + 1] * params.demand.mean() * params.stages[stage].lead_time;
  }

  // Start with the local base-stock levels on hand; arrivals[j][t mod ring] is what reaches
  // stage j in period t.
  std::vector<double> on_hand(stage_count);
  for (std::size_t stage = 0; stage < stage_count; ++stage) {
    on_hand[stage] = echelon_levels[stage] - (stage > 0 ? echelon_levels[stage - 1] : 0.0);
  }
  std::int64_t ring = 1;
  for (std::int64_t value : transit) ring = std::max(ring, value + 1);
  std::vector<std::vector<double>> arrivals(stage_count, std::vector<double>(static_cast<std::size_t>(ring), 0.0));
  std::vector<double> owed(stage_count, 0.0);  // owed[j]: stage j's unfilled orders to stage j-1 (j=0: customers)
  double last_demand = 0.0;
  Rng rng = Rng::stream(options.seed, 0x5E41A1, Purpose::kSimulation);
  const std::int64_t batch_length = options.periods / options.batches;
  std::vector<double> batch_cost(static_cast<std::size_t>(options.batches), 0.0);
  const std::int64_t total = options.warm_up + batch_length * options.batches;
  for (std::int64_t period = 0; period < total; ++period) {
    auto slot = static_cast<std::size_t>(period % ring);
    for (std::size_t stage = 0; stage < stage_count; ++stage) {
      on_hand[stage] += arrivals[stage][slot];
      arrivals[stage][slot] = 0.0;
    }
    // Orders: every stage orders last period's demand; stage N's order comes from the outside
    // supplier and arrives after L_N.
    arrivals[stage_count - 1][static_cast<std::size_t>((period + transit[stage_count - 1]) % ring)] += last_demand;
    for (std::size_t stage = 1; stage < stage_count; ++stage) owed[stage] += last_demand;
    // Shipments downstream, upstream stages first so that a zero transit time passes through.
    for (std::size_t stage = stage_count; stage-- > 1;) {
      double shipped = std::min(on_hand[stage], owed[stage]);
      if (shipped <= 0.0) continue;
      on_hand[stage] -= shipped;
      owed[stage] -= shipped;
      std::size_t customer = stage - 1;
      if (transit[customer] == 0) {
        on_hand[customer] += shipped;
      } else {
        arrivals[customer][static_cast<std::size_t>((period + transit[customer]) % ring)] += shipped;
      }
    }
    double demand = poisson ? static_cast<double>(sample_poisson(rng, params.demand.mean()))
                            : params.demand.mean() + params.demand.sd() * sample_normal(rng);
    owed[0] += demand;
    double served = std::min(std::max(on_hand[0], 0.0), owed[0]);
    if (owed[0] < 0.0) served = owed[0];  // negative demand returns stock
    on_hand[0] -= served;
    owed[0] -= served;
    last_demand = demand;
    if (period < options.warm_up) continue;
    double cost = params.stockout_cost * std::max(owed[0], 0.0) + pipeline_cost;
    for (std::size_t stage = 0; stage < stage_count; ++stage) cost += local_holding[stage] * on_hand[stage];
    batch_cost[static_cast<std::size_t>((period - options.warm_up) / batch_length)] += cost / static_cast<double>(batch_length);
  }
  SerialSimulationResult result;
  for (double value : batch_cost) result.cost += value / options.batches;
  double variance = 0.0;
  for (double value : batch_cost) variance += (value - result.cost) * (value - result.cost);
  variance /= options.batches - 1;
  result.cost_half_width = 2.093 * std::sqrt(variance / options.batches);
  result.batch_costs = std::move(batch_cost);
  return result;
}

}  // namespace echelon::inventory
