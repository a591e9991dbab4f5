// SPDX-License-Identifier: Apache-2.0
// `echelon policy` handlers for the single-item models: newsvendor, base_stock, eoq, ss_exact,
// rq_exact and loss_function.
#include <fmt/format.h>

#include <cmath>
#include <utility>

#include "inventory/eoq.h"
#include "inventory/newsvendor.h"
#include "inventory/policy_request.h"
#include "inventory/rq_policy.h"
#include "inventory/ss_policy.h"

namespace echelon::inventory {
namespace {

constexpr std::int64_t kMinLevel = -(std::int64_t{1} << 40);

NewsvendorCosts read_costs(JsonFields& params) {
  NewsvendorCosts costs;
  costs.holding_cost = params.number("holding_cost", NumberCheck::kPositive);
  costs.stockout_cost = params.number("stockout_cost", NumberCheck::kPositive);
  return costs;
}

Distribution read_discrete_demand(JsonFields& params) {
  Distribution demand = parse_distribution(params.object("demand"));
  if (!demand.is_discrete()) {
    throw InputError(params.location(),
                     fmt::format("{}: expected a discrete distribution (poisson, "
                                 "negative_binomial, empirical), found \"{}\"",
                                 params.path_of("demand.distribution"), to_string(demand.kind())));
  }
  return demand;
}

// A level as JSON: an integer for discrete demand, a double otherwise.
OrderedJson level_json(double level, bool discrete) {
  if (discrete) return static_cast<std::int64_t>(std::llround(level));
  return level;
}

// Shared by newsvendor and base_stock: `demand` is the demand the level protects against.
OrderedJson level_model(PolicyRequest& request, const Distribution& demand,
                        const NewsvendorCosts& costs) {
  bool discrete = demand.is_discrete();
  OrderedJson evaluations = OrderedJson::array();
  for (JsonFields& policy : request.query_list("cost_at")) {
    double level = policy.number("S", NumberCheck::kAny);
    policy.finish();
    evaluations.push_back({{"S", echo(policy.required("S"))}, {"cost", newsvendor_cost(demand, costs, level)}});
  }
  LevelAndCost best = newsvendor(demand, costs);
  OrderedJson document = request.output();
  document["optimal"] = {{"S", level_json(best.level, discrete)}};
  document["cost"] = best.cost;
  document["evaluations"] = std::move(evaluations);
  document["details"] = {{"critical_ratio", costs.critical_ratio()},
                         {"demand_mean", demand.mean()},
                         {"demand_sd", demand.sd()}};
  return document;
}

}  // namespace

OrderedJson run_newsvendor(PolicyRequest& request) {
  NewsvendorCosts costs = read_costs(request.params);
  Distribution demand = parse_distribution(request.params.object("demand"));
  request.params.finish();
  return level_model(request, demand, costs);
}

OrderedJson run_base_stock(PolicyRequest& request) {
  NewsvendorCosts costs = read_costs(request.params);
  auto lead_time = static_cast<double>(request.params.integer("lead_time", 0));
  Distribution demand = parse_distribution(request.params.object("demand"));
  request.params.finish();
  return level_model(request, protection_interval_demand(demand, lead_time), costs);
}

OrderedJson run_eoq(PolicyRequest& request) {
  EoqParams params;
  params.fixed_cost = request.params.number("fixed_cost", NumberCheck::kPositive);
  params.holding_cost = request.params.number("holding_cost", NumberCheck::kPositive);
  params.demand_rate = request.params.number("demand_rate", NumberCheck::kPositive);
  request.params.finish();
  OrderedJson evaluations = OrderedJson::array();
  for (JsonFields& policy : request.query_list("cost_at")) {
    double quantity = policy.number("Q", NumberCheck::kPositive);
    policy.finish();
    evaluations.push_back({{"Q", echo(policy.required("Q"))}, {"cost", eoq_cost(params, quantity)}});
  }
  EoqSolution best = eoq(params);
  OrderedJson document = request.output();
  document["optimal"] = {{"Q", best.order_quantity}};
  document["cost"] = best.cost;
  document["evaluations"] = std::move(evaluations);
  document["details"] = {{"cycle_time", best.order_quantity / params.demand_rate}};
  return document;
}

OrderedJson run_ss_exact(PolicyRequest& request) {
  SsParams params;
  params.costs = read_costs(request.params);
  params.fixed_cost = request.params.number("fixed_cost", NumberCheck::kNonNegative);
  params.lead_time = request.params.integer_or("lead_time", 0, 0);
  params.demand = read_discrete_demand(request.params);
  request.params.finish();
  if (!(params.demand.pmf(0) < 1.0)) {
    throw InputError(request.params.location(), "params.demand: demand is always zero");
  }
  SsModel model(params);
  OrderedJson evaluations = OrderedJson::array();
  for (JsonFields& policy : request.query_list("cost_at")) {
    std::int64_t reorder = policy.integer("s", kMinLevel);
    std::int64_t order_up_to = policy.integer("S", kMinLevel);
    policy.finish();
    if (order_up_to <= reorder) {
      throw policy.error("S", fmt::format("an integer greater than s = {}", reorder),
                         policy.required("S"));
    }
    evaluations.push_back({{"s", reorder}, {"S", order_up_to}, {"cost", model.cost({reorder, order_up_to})}});
  }
  SsSolution best = model.optimize();
  OrderedJson document = request.output();
  document["optimal"] = {{"s", best.policy.reorder_point}, {"S", best.policy.order_up_to}};
  document["cost"] = best.cost;
  document["evaluations"] = std::move(evaluations);
  return document;
}

OrderedJson run_rq_exact(PolicyRequest& request) {
  RqParams params;
  params.costs = read_costs(request.params);
  params.fixed_cost = request.params.number("fixed_cost", NumberCheck::kNonNegative);
  double lead_time = request.params.number("lead_time", NumberCheck::kNonNegative);
  Distribution demand = read_discrete_demand(request.params);
  request.params.finish();
  params.demand_rate = demand.mean();
  params.lead_time_demand = demand.over_periods(lead_time);
  RqModel model(params);
  OrderedJson evaluations = OrderedJson::array();
  for (JsonFields& policy : request.query_list("cost_at")) {
    std::int64_t reorder = policy.integer("r", kMinLevel);
    std::int64_t quantity = policy.integer("Q", 1);
    policy.finish();
    evaluations.push_back({{"r", reorder}, {"Q", quantity}, {"cost", model.cost({reorder, quantity})}});
  }
  RqSolution best = model.optimize();
  OrderedJson document = request.output();
  document["optimal"] = {{"r", best.policy.reorder_point}, {"Q", best.policy.order_quantity}};
  document["cost"] = best.cost;
  document["evaluations"] = std::move(evaluations);
  return document;
}

OrderedJson run_loss_function(PolicyRequest& request) {
  Distribution demand = parse_distribution(request.params.object("demand"));
  request.params.finish();
  OrderedJson evaluations = OrderedJson::array();
  for (JsonFields& point : request.query_list("loss_at")) {
    double x = point.number("x", NumberCheck::kAny);
    point.finish();
    OrderedJson evaluation = {{"x", echo(point.required("x"))},
                              {"loss", demand.loss(x)},
                              {"complementary_loss", demand.complementary_loss(x)}};
    if (!demand.is_discrete()) evaluation["second_order_loss"] = demand.second_order_loss(x);
    evaluations.push_back(std::move(evaluation));
  }
  OrderedJson document = request.output();
  document["evaluations"] = std::move(evaluations);
  return document;
}

}  // namespace echelon::inventory
