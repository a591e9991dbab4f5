// SPDX-License-Identifier: Apache-2.0
// The transportation solver against an exact LP solve (CLP) of the same problem, and its node
// duals against the subgradient inequality on random instances.
#include "optimize/transport.h"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>
#include <gtest/gtest.h>

#include <vector>

#include "core/rng.h"

namespace echelon::optimize {
namespace {

struct Instance {
  TransportNetwork network;
  std::vector<double> demand;
  std::vector<double> level;
};

Instance random_instance(Rng& rng) {
  Instance instance;
  auto& network = instance.network;
  network.node_count = 1 + rng.below(6);
  std::size_t classes = 1 + rng.below(10);
  for (std::size_t cls = 0; cls < classes; ++cls) {
    std::vector<std::uint32_t> nodes;
    std::vector<double> costs;
    for (std::uint32_t node = 0; node < network.node_count; ++node) {
      if (rng.uniform() < 0.6) {
        nodes.push_back(node);
        costs.push_back(-2.0 + 8.0 * rng.uniform());
      }
    }
    network.add_class(nodes, costs, 3.0 + 10.0 * rng.uniform());
    instance.demand.push_back(rng.uniform() < 0.2 ? 0.0 : 20.0 * rng.uniform());
  }
  for (std::size_t node = 0; node < network.node_count; ++node) {
    instance.level.push_back(rng.uniform() < 0.2 ? 0.0 : 30.0 * rng.uniform());
  }
  return instance;
}

// The same LP with CLP: variables are arcs then lost units; rows are classes then nodes.
double clp_optimum(const Instance& instance) {
  const auto& network = instance.network;
  std::size_t arcs = network.arc_node.size();
  std::size_t columns = arcs + network.class_count;
  std::size_t rows = network.class_count + network.node_count;
  CoinPackedMatrix matrix(true, 0, 0);
  matrix.setDimensions(static_cast<int>(rows), 0);
  std::vector<double> objective(columns), column_lower(columns, 0.0),
      column_upper(columns, COIN_DBL_MAX);
  for (std::size_t cls = 0; cls < network.class_count; ++cls) {
    for (std::size_t arc = network.arc_offset[cls]; arc < network.arc_offset[cls + 1]; ++arc) {
      int indices[2] = {static_cast<int>(cls),
                        static_cast<int>(network.class_count + network.arc_node[arc])};
      double values[2] = {1.0, 1.0};
      matrix.appendCol(2, indices, values);
      objective[arc] = network.arc_cost[arc];
    }
  }
  for (std::size_t cls = 0; cls < network.class_count; ++cls) {
    int index = static_cast<int>(cls);
    double value = 1.0;
    matrix.appendCol(1, &index, &value);
    objective[arcs + cls] = network.lost_cost[cls];
  }
  std::vector<double> row_lower(rows), row_upper(rows);
  for (std::size_t cls = 0; cls < network.class_count; ++cls) {
    row_lower[cls] = row_upper[cls] = instance.demand[cls];
  }
  for (std::size_t node = 0; node < network.node_count; ++node) {
    row_lower[network.class_count + node] = -COIN_DBL_MAX;
    row_upper[network.class_count + node] = instance.level[node];
  }
  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(matrix, column_lower.data(), column_upper.data(), objective.data(),
                    row_lower.data(), row_upper.data());
  model.dual();
  EXPECT_TRUE(model.isProvenOptimal());
  return model.objectiveValue();
}

TEST(TransportSolver, MatchesClpOnRandomInstances) {
  Rng rng = Rng::stream(17, 0, Purpose::kTest);
  TransportSolver solver;
  for (int trial = 0; trial < 400; ++trial) {
    Instance instance = random_instance(rng);
    double optimum = clp_optimum(instance);
    TransportResult result = solver.solve(instance.network, instance.demand, instance.level);
    ASSERT_NEAR(result.cost, optimum, 1e-7 * (1.0 + std::abs(optimum))) << "trial " << trial;
  }
}

TEST(TransportSolver, DualsAreSubgradients) {
  // Q is convex in the levels and -dual is a subgradient: Q(S') >= Q(S) - dual . (S' - S).
  Rng rng = Rng::stream(23, 0, Purpose::kTest);
  TransportSolver solver;
  TransportSolver other;
  for (int trial = 0; trial < 300; ++trial) {
    Instance instance = random_instance(rng);
    TransportResult base = solver.solve(instance.network, instance.demand, instance.level);
    std::vector<double> dual(base.dual.begin(), base.dual.end());
    for (int probe = 0; probe < 5; ++probe) {
      std::vector<double> moved = instance.level;
      double linear = base.cost;
      for (std::size_t node = 0; node < moved.size(); ++node) {
        moved[node] = std::max(0.0, moved[node] + 10.0 * (rng.uniform() - 0.5));
        linear -= dual[node] * (moved[node] - instance.level[node]);
      }
      double value = other.solve(instance.network, instance.demand, moved).cost;
      ASSERT_GE(value, linear - 1e-7 * (1.0 + std::abs(value))) << "trial " << trial;
    }
  }
}

TEST(TransportSolver, SingleNodeDualIsTheSavingOfOneMoreUnit) {
  TransportNetwork network;
  network.node_count = 1;
  std::uint32_t node = 0;
  double cost = 1.0;
  network.add_class({&node, 1}, {&cost, 1}, 10.0);
  TransportSolver solver;
  std::vector<double> demand{10.0};
  std::vector<double> level{5.0};
  TransportResult result = solver.solve(network, demand, level);
  EXPECT_DOUBLE_EQ(result.cost, 55.0);
  EXPECT_DOUBLE_EQ(result.dual[0], 9.0);
  EXPECT_DOUBLE_EQ(result.lost[0], 5.0);
  level[0] = 20.0;
  result = solver.solve(network, demand, level);
  EXPECT_DOUBLE_EQ(result.cost, 10.0);
  EXPECT_DOUBLE_EQ(result.dual[0], 0.0);
}

TEST(TransportSolver, SpillsToTheNextCheapestNode) {
  // Two classes share node 0; class 1 can also use node 1 at +1, class 0 only node 0.
  TransportNetwork network;
  network.node_count = 2;
  std::vector<std::uint32_t> only_first{0};
  std::vector<double> first_cost{1.0};
  network.add_class(only_first, first_cost, 20.0);
  std::vector<std::uint32_t> both{0, 1};
  std::vector<double> both_cost{1.0, 2.0};
  network.add_class(both, both_cost, 20.0);
  std::vector<double> demand{6.0, 6.0};
  std::vector<double> level{8.0, 10.0};
  TransportSolver solver;
  TransportResult result = solver.solve(network, demand, level);
  // Class 0 keeps node 0 (6 units), class 1 takes 2 there and 4 at node 1.
  EXPECT_DOUBLE_EQ(result.cost, 6.0 + 2.0 + 8.0);
  EXPECT_DOUBLE_EQ(result.dual[0], 1.0);  // one more unit at node 0 saves the +1 of node 1
  EXPECT_DOUBLE_EQ(result.dual[1], 0.0);
}

}  // namespace
}  // namespace echelon::optimize
