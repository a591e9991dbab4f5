// SPDX-License-Identifier: Apache-2.0
// `echelon policy` handler for model "owmr": one warehouse and several retailers with Poisson
// demand and base-stock levels (owmr.h). params: {"warehouse": {"lead_time", "holding_cost"},
// "retailers": [{"demand_rate", "transit_time", "holding_cost", "backorder_cost"}, ...],
// "approximation": "two_moment" (default) or "metric"}; query cost_at
// [{"warehouse_S": n, "retailer_S": [...]}]. The warehouse side is exact, the retailers'
// outstanding orders are approximated as named.
#include <fmt/format.h>

#include <utility>

#include "inventory/owmr.h"
#include "inventory/policy_request.h"

namespace echelon::inventory {
namespace {

OrderedJson levels_json(const std::vector<std::int64_t>& levels) {
  OrderedJson list = OrderedJson::array();
  for (std::int64_t level : levels) list.push_back(level);
  return list;
}

}  // namespace

OrderedJson run_owmr(PolicyRequest& request) {
  OwmrParams params;
  JsonFields warehouse = request.params.object("warehouse");
  params.warehouse_lead_time = warehouse.number("lead_time", NumberCheck::kNonNegative);
  params.warehouse_holding_cost = warehouse.number("holding_cost", NumberCheck::kNonNegative);
  warehouse.finish();
  const nlohmann::json& retailers = request.params.array("retailers");
  if (retailers.empty()) throw request.params.error("retailers", "a non-empty array", retailers);
  for (std::size_t index = 0; index < retailers.size(); ++index) {
    JsonFields retailer(retailers[index], fmt::format("{}[{}]", request.params.path_of("retailers"), index),
                        request.params.location());
    OwmrRetailer parsed;
    parsed.demand_rate = retailer.number("demand_rate", NumberCheck::kPositive);
    parsed.transit_time = retailer.number("transit_time", NumberCheck::kNonNegative);
    parsed.holding_cost = retailer.number("holding_cost", NumberCheck::kPositive);
    parsed.backorder_cost = retailer.number("backorder_cost", NumberCheck::kPositive);
    retailer.finish();
    params.retailers.push_back(parsed);
  }
  RetailerApproximation approximation = RetailerApproximation::kTwoMoment;
  if (request.params.has("approximation")) {
    std::string name = request.params.string("approximation");
    if (name == "metric") {
      approximation = RetailerApproximation::kMetric;
    } else if (name != "two_moment") {
      throw request.params.error("approximation", "one of two_moment, metric",
                                 request.params.required("approximation"));
    }
  }
  request.params.finish();

  OrderedJson evaluations = OrderedJson::array();
  for (JsonFields& policy : request.query_list("cost_at")) {
    OwmrPolicy given;
    given.warehouse_level = policy.integer("warehouse_S", 0);
    const nlohmann::json& levels = policy.array("retailer_S");
    policy.finish();
    if (levels.size() != params.retailers.size()) {
      throw policy.error("retailer_S", fmt::format("an array of {} levels", params.retailers.size()), levels);
    }
    for (std::size_t index = 0; index < levels.size(); ++index) {
      given.retailer_levels.push_back(json_integer(
          levels[index], fmt::format("{}[{}]", policy.path_of("retailer_S"), index), policy.location(), 0));
    }
    OwmrEvaluation evaluation = evaluate_owmr(params, given, approximation);
    evaluations.push_back({{"warehouse_S", given.warehouse_level},
                           {"retailer_S", levels_json(given.retailer_levels)},
                           {"cost", evaluation.cost}});
  }
  OwmrSolution best = optimize_owmr(params, approximation);
  OrderedJson document = request.output();
  document["optimal"] = {{"warehouse_S", best.policy.warehouse_level},
                         {"retailer_S", levels_json(best.policy.retailer_levels)}};
  document["cost"] = best.evaluation.cost;
  document["evaluations"] = std::move(evaluations);
  document["details"] = {{"warehouse_backorders", best.evaluation.warehouse_backorders},
                         {"warehouse_on_hand", best.evaluation.warehouse_on_hand},
                         {"warehouse_delay", best.evaluation.warehouse_delay},
                         {"retailer_backorders", best.evaluation.retailer_backorders},
                         {"retailer_on_hand", best.evaluation.retailer_on_hand}};
  return document;
}

}  // namespace echelon::inventory
