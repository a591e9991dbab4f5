// SPDX-License-Identifier: Apache-2.0
// `echelon policy` handlers for the guaranteed-service model: gsm_tree (Graves-Willems dynamic
// program) and gsm_dag (branch and bound on general acyclic networks).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <utility>

#include "inventory/gsm_dag.h"
#include "inventory/gsm_tree.h"
#include "inventory/policy_request.h"

namespace echelon::inventory {
namespace {

GsmNetwork read_network(JsonFields& params) {
  double safety_factor = params.number("demand_bound_constant", NumberCheck::kNonNegative);
  const nlohmann::json& stage_list = params.array("stages");
  if (stage_list.empty()) throw params.error("stages", "a non-empty array", stage_list);
  std::vector<GsmStage> stages;
  std::map<std::string, std::size_t> index_of;
  for (std::size_t index = 0; index < stage_list.size(); ++index) {
    JsonFields stage(stage_list[index], fmt::format("{}[{}]", params.path_of("stages"), index),
                     params.location());
    GsmStage parsed;
    parsed.id = stage.string("id");
    if (!index_of.emplace(parsed.id, index).second) {
      throw stage.error("id", "an id not used by another stage", stage.required("id"));
    }
    parsed.processing_time = static_cast<double>(stage.integer("processing_time", 0));
    parsed.holding_cost = stage.number("holding_cost", NumberCheck::kNonNegative);
    parsed.safety_factor = safety_factor;
    parsed.external_inbound_cst = static_cast<double>(stage.integer_or("external_inbound_cst", 0, 0));
    if (stage.has("max_outbound_cst")) {
      parsed.max_outbound_cst = static_cast<double>(stage.integer("max_outbound_cst", 0));
    }
    if (stage.has("demand")) {
      JsonFields demand = stage.object("demand");
      if (demand.string("distribution") != "normal") {
        throw demand.error("distribution", "normal", demand.required("distribution"));
      }
      parsed.demand_mean = demand.number("mean", NumberCheck::kAny);
      parsed.demand_sd = demand.number("sd", NumberCheck::kNonNegative);
      demand.finish();
      parsed.has_demand = true;
      if (!stage.has("max_outbound_cst")) {
        (void)stage.required("max_outbound_cst");  // throws: required at demand stages
      }
    }
    stage.finish();
    stages.push_back(std::move(parsed));
  }
  std::vector<GsmEdge> edges;
  const nlohmann::json& edge_list = params.array("edges");
  for (std::size_t index = 0; index < edge_list.size(); ++index) {
    JsonFields edge(edge_list[index], fmt::format("{}[{}]", params.path_of("edges"), index),
                    params.location());
    GsmEdge parsed;
    for (const char* end : {"from", "to"}) {
      std::string id = edge.string(end);
      auto found = index_of.find(id);
      if (found == index_of.end()) throw edge.error(end, "the id of a stage", edge.required(end));
      (std::string_view(end) == "from" ? parsed.from : parsed.to) = found->second;
    }
    parsed.quantity = edge.number_or("quantity", NumberCheck::kPositive, 1.0);
    edge.finish();
    edges.push_back(parsed);
  }
  try {
    return GsmNetwork(std::move(stages), std::move(edges));
  } catch (const std::invalid_argument& error) {
    throw InputError(params.location(), fmt::format("{}: {}", params.path_of("edges"), error.what()));
  }
}

// A CST or lead time: an integer when it is one.
OrderedJson time_json(double value) {
  if (value == std::floor(value) && std::abs(value) < 9e15) return static_cast<std::int64_t>(value);
  return value;
}

OrderedJson by_stage(const GsmNetwork& network, const std::vector<double>& values, bool times) {
  OrderedJson object = OrderedJson::object();
  for (std::size_t stage = 0; stage < network.size(); ++stage) {
    object[network.stages()[stage].id] = times ? time_json(values[stage]) : OrderedJson(values[stage]);
  }
  return object;
}

OrderedJson gsm_evaluations(PolicyRequest& request, const GsmNetwork& network) {
  OrderedJson evaluations = OrderedJson::array();
  for (JsonFields& policy : request.query_list("cost_at")) {
    JsonFields given = policy.object("outbound_cst");
    policy.finish();
    std::vector<double> outbound(network.size(), 0.0);
    for (std::size_t stage = 0; stage < network.size(); ++stage) {
      outbound[stage] = static_cast<double>(given.integer(network.stages()[stage].id, 0));
    }
    given.finish();
    GsmEvaluation evaluation = network.evaluate(outbound);
    if (!evaluation.feasible) {
      throw InputError(given.location(),
                       fmt::format("{}: infeasible policy (a net lead time is negative or a CST "
                                   "exceeds its maximum)",
                                   given.path()));
    }
    evaluations.push_back({{"outbound_cst", by_stage(network, outbound, true)}, {"cost", evaluation.cost}});
  }
  return evaluations;
}

OrderedJson gsm_output(PolicyRequest& request, const GsmNetwork& network,
                       const GsmSolution& solution, OrderedJson evaluations) {
  GsmEvaluation evaluation = network.evaluate(solution.outbound_cst);
  OrderedJson document = request.output();
  document["optimal"] = {{"outbound_cst", by_stage(network, solution.outbound_cst, true)},
                         {"inbound_cst", by_stage(network, evaluation.inbound_cst, true)},
                         {"net_lead_time", by_stage(network, evaluation.net_lead_time, true)},
                         {"safety_stock", by_stage(network, evaluation.safety_stock, false)},
                         {"base_stock", by_stage(network, evaluation.base_stock, false)}};
  document["cost"] = evaluation.cost;
  document["evaluations"] = std::move(evaluations);
  std::vector<double> sigma(network.size());
  for (std::size_t stage = 0; stage < network.size(); ++stage) sigma[stage] = network.net_demand_sd(stage);
  document["details"] = {{"net_demand_sd", by_stage(network, sigma, false)},
                         {"lower_bound", solution.lower_bound},
                         {"proven_optimal", solution.proven_optimal},
                         {"nodes", solution.nodes}};
  return document;
}

}  // namespace

OrderedJson run_gsm_tree(PolicyRequest& request) {
  GsmNetwork network = read_network(request.params);
  request.params.finish();
  if (!network.is_forest()) {
    throw InputError(request.params.location(),
                     fmt::format("{}: expected a tree (no cycle when edge directions are ignored); "
                                 "use gsm_dag for general networks",
                                 request.params.path_of("edges")));
  }
  OrderedJson evaluations = gsm_evaluations(request, network);
  GsmSolution solution;
  try {
    solution = solve_gsm_tree(network);
  } catch (const std::invalid_argument& error) {
    throw InputError(request.params.location(), fmt::format("params: {}", error.what()));
  }
  return gsm_output(request, network, solution, std::move(evaluations));
}

OrderedJson run_gsm_dag(PolicyRequest& request) {
  GsmDagOptions options;
  options.time_limit_seconds =
      request.params.number_or("time_limit_seconds", NumberCheck::kPositive, options.time_limit_seconds);
  GsmNetwork network = read_network(request.params);
  request.params.finish();
  OrderedJson evaluations = gsm_evaluations(request, network);
  GsmSolution solution;
  try {
    solution = solve_gsm_dag(network, options);
  } catch (const std::invalid_argument& error) {
    throw InputError(request.params.location(), fmt::format("params: {}", error.what()));
  }
  return gsm_output(request, network, solution, std::move(evaluations));
}

}  // namespace echelon::inventory
