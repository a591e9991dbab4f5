// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "core/rng.h"
#include "inventory/gsm_dag.h"
#include "inventory/gsm_lagrangian.h"
#include "inventory/gsm_tree.h"
#include "inventory/policy_api.h"

namespace echelon::inventory {
namespace {

// Minimum cost over every integer CST vector (exhaustive enumeration).
double enumerate_minimum(const GsmNetwork& network) {
  std::vector<double> max_inbound = network.max_inbound_cst();
  std::vector<double> outbound(network.size(), 0.0);
  double best = std::numeric_limits<double>::infinity();
  std::function<void(std::size_t)> visit = [&](std::size_t stage) {
    if (stage == network.size()) {
      GsmEvaluation evaluation = network.evaluate(outbound);
      if (evaluation.feasible) best = std::min(best, evaluation.cost);
      return;
    }
    const GsmStage& data = network.stages()[stage];
    double top = std::min(data.max_outbound_cst, max_inbound[stage] + data.processing_time);
    for (double value = 0.0; value <= top; value += 1.0) {
      outbound[stage] = value;
      visit(stage + 1);
    }
  };
  visit(0);
  return best;
}

// A random acyclic network on `count` stages: stage k may supply any later stage; the last
// stages carry demand. `tree` keeps one supplier per stage (an assembly-free distribution tree
// when read backwards, here: each stage has at most one customer).
GsmNetwork random_network(Rng& rng, std::size_t count, bool tree) {
  std::vector<GsmStage> stages(count);
  for (std::size_t stage = 0; stage < count; ++stage) {
    stages[stage].id = std::to_string(stage);
    stages[stage].processing_time = static_cast<double>(rng.below(3));
    stages[stage].holding_cost = 0.5 + rng.uniform() * 3.0;
    stages[stage].safety_factor = 1.645;
  }
  std::vector<GsmEdge> edges;
  for (std::size_t stage = 0; stage + 1 < count; ++stage) {
    std::size_t customer = stage + 1 + rng.below(count - stage - 1);
    edges.push_back({stage, customer, 1.0 + static_cast<double>(rng.below(2))});
    if (!tree && stage + 2 < count && rng.uniform() < 0.5) {
      std::size_t other = stage + 1 + rng.below(count - stage - 1);
      if (other != customer) edges.push_back({stage, other, 1.0});
    }
  }
  // Stages without customers face demand.
  std::vector<bool> supplies(count, false);
  for (const GsmEdge& edge : edges) supplies[edge.from] = true;
  for (std::size_t stage = 0; stage < count; ++stage) {
    if (!supplies[stage]) {
      stages[stage].has_demand = true;
      stages[stage].demand_sd = 1.0 + static_cast<double>(rng.below(5));
      stages[stage].max_outbound_cst = static_cast<double>(rng.below(3));
    }
  }
  stages[0].external_inbound_cst = static_cast<double>(rng.below(2));
  return GsmNetwork(std::move(stages), std::move(edges));
}

TEST(GsmTree, MatchesEnumerationOnRandomTrees) {
  Rng rng = Rng::stream(11, 1, Purpose::kTest);
  for (int instance = 0; instance < 25; ++instance) {
    GsmNetwork network = random_network(rng, 5 + instance % 2, true);
    ASSERT_TRUE(network.is_forest());
    GsmSolution solution = solve_gsm_tree(network);
    EXPECT_NEAR(solution.cost, enumerate_minimum(network), 1e-9) << instance;
  }
}

TEST(GsmDag, MatchesEnumerationOnRandomNetworks) {
  Rng rng = Rng::stream(12, 1, Purpose::kTest);
  for (int instance = 0; instance < 25; ++instance) {
    GsmNetwork network = random_network(rng, 5 + instance % 2, false);
    GsmSolution solution = solve_gsm_dag(network, GsmDagOptions{});
    EXPECT_TRUE(solution.proven_optimal);
    double minimum = enumerate_minimum(network);
    EXPECT_NEAR(solution.cost, minimum, 1e-9 * std::max(1.0, minimum)) << instance;
    EXPECT_NEAR(solution.lower_bound, minimum, 1e-7 * std::max(1.0, minimum)) << instance;
  }
}

// Denser random networks: every ordered pair linked with probability 0.35, processing times up
// to 3, demand at every stage without customers and at some others.
GsmNetwork dense_network(Rng& rng, std::size_t count) {
  std::vector<GsmStage> stages(count);
  for (std::size_t stage = 0; stage < count; ++stage) {
    stages[stage].id = std::to_string(stage);
    stages[stage].processing_time = static_cast<double>(rng.below(4));
    stages[stage].holding_cost = 0.2 + 3.0 * rng.uniform();
  }
  std::vector<GsmEdge> edges;
  for (std::size_t first = 0; first < count; ++first) {
    for (std::size_t second = first + 1; second < count; ++second) {
      if (rng.uniform() < 0.35) edges.push_back({first, second, 1.0});
    }
  }
  std::vector<bool> supplies(count, false);
  for (const GsmEdge& edge : edges) supplies[edge.from] = true;
  for (std::size_t stage = 0; stage < count; ++stage) {
    if (!supplies[stage] || rng.uniform() < 0.2) {
      stages[stage].has_demand = true;
      stages[stage].demand_sd = 1.0 + static_cast<double>(rng.below(4));
      stages[stage].max_outbound_cst = static_cast<double>(rng.below(4));
    }
  }
  return GsmNetwork(std::move(stages), std::move(edges));
}

TEST(GsmDag, MatchesEnumerationOnDenseRandomNetworks) {
  // Includes instances where an LP vertex has an inbound CST above every supplier's CST, which
  // must be repaired before it is evaluated.
  Rng rng = Rng::stream(99, 1, Purpose::kTest);
  for (int instance = 0; instance < 80; ++instance) {
    GsmNetwork network = dense_network(rng, 5 + rng.below(2));
    for (int variant = 0; variant < 3; ++variant) {
      // Branch and bound alone, with reduced-cost tightening, and with the Lagrangian bound.
      GsmDagOptions options;
      options.reduced_cost_tightening = variant >= 1;
      options.lagrangian_bound = variant == 2;
      GsmSolution solution = solve_gsm_dag(network, options);
      double minimum = enumerate_minimum(network);
      EXPECT_TRUE(solution.proven_optimal);
      EXPECT_NEAR(solution.cost, minimum, 1e-9 * std::max(1.0, minimum)) << instance;
    }
  }
}

TEST(GsmLagrangian, BoundsTheOptimumAndIsExactOnTrees) {
  Rng rng = Rng::stream(21, 1, Purpose::kTest);
  for (int instance = 0; instance < 40; ++instance) {
    GsmNetwork network = dense_network(rng, 5 + rng.below(2));
    double minimum = enumerate_minimum(network);
    GsmLagrangianResult result = gsm_lagrangian_bound(network, std::numeric_limits<double>::infinity(), 10.0, 200);
    ASSERT_TRUE(result.applicable);
    EXPECT_LE(result.lower_bound, minimum * (1.0 + 1e-12) + 1e-12) << instance;
    ASSERT_FALSE(result.outbound_cst.empty());
    GsmEvaluation evaluation = network.evaluate(result.outbound_cst);
    EXPECT_TRUE(evaluation.feasible);
    EXPECT_NEAR(evaluation.cost, result.cost, 1e-12 * std::max(1.0, result.cost));
    EXPECT_GE(result.cost, minimum * (1.0 - 1e-12));
  }
  for (int instance = 0; instance < 10; ++instance) {
    GsmNetwork tree = random_network(rng, 8, true);
    GsmLagrangianResult result = gsm_lagrangian_bound(tree, std::numeric_limits<double>::infinity(), 10.0, 50);
    double optimum = solve_gsm_tree(tree).cost;
    EXPECT_NEAR(result.lower_bound, optimum, 1e-9 * std::max(1.0, optimum));
    EXPECT_NEAR(result.cost, optimum, 1e-9 * std::max(1.0, optimum));
  }
}

TEST(GsmDag, AgreesWithTheTreeDynamicProgram) {
  Rng rng = Rng::stream(13, 1, Purpose::kTest);
  for (int instance = 0; instance < 10; ++instance) {
    GsmNetwork network = random_network(rng, 12, true);
    double tree = solve_gsm_tree(network).cost;
    EXPECT_NEAR(solve_gsm_dag(network, GsmDagOptions{}).cost, tree, 1e-9 * std::max(1.0, tree));
  }
}

TEST(GsmDag, SchemaExampleWithQuantities) {
  OrderedJson output = run_policy_text(R"({"model": "gsm_dag",
   "params": {"demand_bound_constant": 1.645,
     "stages": [{"id": "part", "processing_time": 4, "holding_cost": 1.0},
                {"id": "left", "processing_time": 2, "holding_cost": 3.0},
                {"id": "right", "processing_time": 3, "holding_cost": 2.5},
                {"id": "final", "processing_time": 1, "holding_cost": 7.0, "max_outbound_cst": 1,
                 "demand": {"distribution": "normal", "mean": 20, "sd": 6}},
                {"id": "spares", "processing_time": 1, "holding_cost": 1.5, "max_outbound_cst": 0,
                 "demand": {"distribution": "normal", "mean": 5, "sd": 3}}],
     "edges": [{"from": "part", "to": "left"}, {"from": "part", "to": "right", "quantity": 2},
               {"from": "left", "to": "final"}, {"from": "right", "to": "final"},
               {"from": "part", "to": "spares"}]},
   "query": {"cost_at": [{"outbound_cst": {"part": 4, "left": 6, "right": 7, "final": 1, "spares": 0}}]}})",
                                       "dag.json");
  EXPECT_NEAR(output["cost"].get<double>(), 152.05258343267283, 1e-9);
  EXPECT_EQ(output["optimal"]["outbound_cst"]["part"], 0);
  EXPECT_EQ(output["optimal"]["outbound_cst"]["final"], 1);
  EXPECT_EQ(output["optimal"]["net_lead_time"]["part"], 4);
  EXPECT_EQ(output["optimal"]["net_lead_time"]["right"], 3);
  EXPECT_NEAR(output["details"]["net_demand_sd"]["part"].get<double>(), 18.24828759089466, 1e-12);
  EXPECT_NEAR(output["evaluations"][0]["cost"].get<double>(), 199.3474512848948, 1e-9);
  EXPECT_EQ(output["details"]["proven_optimal"], true);
}

TEST(GsmTree, RejectsANetworkWithACycle) {
  try {
    (void)run_policy_text(R"({"model": "gsm_tree", "params": {"demand_bound_constant": 1,
      "stages": [{"id": "a", "processing_time": 1, "holding_cost": 1},
                 {"id": "b", "processing_time": 1, "holding_cost": 1},
                 {"id": "c", "processing_time": 1, "holding_cost": 1, "max_outbound_cst": 0,
                  "demand": {"distribution": "normal", "mean": 1, "sd": 1}}],
      "edges": [{"from": "a", "to": "b"}, {"from": "a", "to": "c"}, {"from": "b", "to": "c"}]}})",
                          "x.json");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("params.edges: expected a tree"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace echelon::inventory
