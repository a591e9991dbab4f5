// SPDX-License-Identifier: Apache-2.0
#include "inventory/owmr.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "inventory/distribution.h"
#include "inventory/newsvendor.h"

namespace echelon::inventory {
namespace {

double total_rate(const OwmrParams& params) {
  double rate = 0.0;
  for (const OwmrRetailer& retailer : params.retailers) rate += retailer.demand_rate;
  return rate;
}

struct WarehouseState {
  double backorders = 0.0;
  double backorder_variance = 0.0;
  double on_hand = 0.0;
  double delay = 0.0;
};

WarehouseState warehouse_state(const OwmrParams& params, std::int64_t level) {
  double rate = total_rate(params);
  Distribution demand = Distribution::poisson(rate * params.warehouse_lead_time);
  WarehouseState state;
  auto point = static_cast<double>(level);
  state.backorders = demand.loss(point);
  double second_moment = 2.0 * demand.second_order_loss(point);
  state.backorder_variance = std::max(0.0, second_moment - state.backorders * state.backorders);
  state.on_hand = point - demand.mean() + state.backorders;
  state.delay = state.backorders / rate;
  return state;
}

// Retailer i's outstanding orders (on order from the DC or delayed there).
Distribution retailer_demand(const OwmrParams& params, std::size_t index,
                             const WarehouseState& warehouse, RetailerApproximation approximation) {
  const OwmrRetailer& retailer = params.retailers[index];
  if (approximation == RetailerApproximation::kMetric) {
    return Distribution::poisson(retailer.demand_rate * (retailer.transit_time + warehouse.delay));
  }
  double share = retailer.demand_rate / total_rate(params);
  double mean = retailer.demand_rate * retailer.transit_time + share * warehouse.backorders;
  double variance = retailer.demand_rate * retailer.transit_time +
                    share * (1.0 - share) * warehouse.backorders +
                    share * share * warehouse.backorder_variance;
  if (variance <= mean * (1.0 + 1e-12) || mean <= 0.0) return Distribution::poisson(mean);
  return Distribution::negative_binomial(mean, variance);
}

OwmrEvaluation evaluate(const OwmrParams& params, std::int64_t warehouse_level,
                        std::vector<std::int64_t>* levels, RetailerApproximation approximation) {
  WarehouseState warehouse = warehouse_state(params, warehouse_level);
  OwmrEvaluation result;
  result.warehouse_backorders = warehouse.backorders;
  result.warehouse_on_hand = warehouse.on_hand;
  result.warehouse_delay = warehouse.delay;
  result.cost = params.warehouse_holding_cost * warehouse.on_hand;
  for (std::size_t index = 0; index < params.retailers.size(); ++index) {
    const OwmrRetailer& retailer = params.retailers[index];
    Distribution outstanding = retailer_demand(params, index, warehouse, approximation);
    // With holding h and backorder p per unit time, the retailer's cost is the newsvendor cost
    // of its outstanding orders.
    NewsvendorCosts costs{retailer.holding_cost, retailer.backorder_cost};
    if ((*levels)[index] < 0) (*levels)[index] = static_cast<std::int64_t>(newsvendor(outstanding, costs).level);
    auto level = static_cast<double>((*levels)[index]);
    double backorders = outstanding.loss(level);
    double on_hand = outstanding.complementary_loss(level);
    result.retailer_backorders.push_back(backorders);
    result.retailer_on_hand.push_back(on_hand);
    result.cost += retailer.holding_cost * on_hand + retailer.backorder_cost * backorders;
  }
  return result;
}

void check(const OwmrParams& params) {
  if (params.retailers.empty()) throw std::invalid_argument("OWMR needs a retailer");
  for (const OwmrRetailer& retailer : params.retailers) {
    if (!(retailer.demand_rate > 0.0)) throw std::invalid_argument("retailer demand rate must be > 0");
  }
}

}  // namespace

OwmrEvaluation evaluate_owmr(const OwmrParams& params, const OwmrPolicy& policy,
                             RetailerApproximation approximation) {
  check(params);
  if (policy.retailer_levels.size() != params.retailers.size()) {
    throw std::invalid_argument("one level per retailer is needed");
  }
  for (std::int64_t level : policy.retailer_levels) {
    if (level < 0) throw std::invalid_argument("retailer levels must be >= 0");
  }
  std::vector<std::int64_t> levels = policy.retailer_levels;
  return evaluate(params, policy.warehouse_level, &levels, approximation);
}

OwmrSolution optimize_owmr(const OwmrParams& params, RetailerApproximation approximation) {
  check(params);
  Distribution warehouse_demand = Distribution::poisson(total_rate(params) * params.warehouse_lead_time);
  auto highest = static_cast<std::int64_t>(
      warehouse_demand.mean() == 0.0 ? 0.0 : warehouse_demand.quantile(1.0 - 1e-9));
  OwmrSolution best;
  best.evaluation.cost = std::numeric_limits<double>::infinity();
  for (std::int64_t level = 0; level <= highest + 1; ++level) {
    std::vector<std::int64_t> levels(params.retailers.size(), -1);
    OwmrEvaluation evaluation = evaluate(params, level, &levels, approximation);
    if (evaluation.cost < best.evaluation.cost) {
      best.policy = {level, levels};
      best.evaluation = evaluation;
    }
  }
  return best;
}

}  // namespace echelon::inventory
