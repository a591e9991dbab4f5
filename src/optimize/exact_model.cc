// SPDX-License-Identifier: Apache-2.0
#include "optimize/exact_model.h"

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <memory>

#include "core/error.h"
#include "optimize/scenarios.h"

namespace echelon::optimize {
namespace {

// One SKU's part of the model: its problem, scenarios and where its columns start.
struct SkuBlock {
  SkuIndex sku;
  SkuProblem problem;
  std::unique_ptr<CostModel> costs;
  ScenarioSet scenarios;
  std::size_t level_column = 0;  // candidates' levels, then per scenario arcs then lost
  std::size_t flow_column = 0;

  [[nodiscard]] std::size_t per_scenario() const {
    return costs->network().arc_node.size() + costs->network().class_count;
  }
  [[nodiscard]] std::size_t columns() const {
    return problem.nodes.size() + scenarios.scenario_count * per_scenario();
  }
};

// Row-wise triplets and bounds of the model as it is built.
struct ModelBuilder {
  std::vector<int> row, column;
  std::vector<double> value;
  std::vector<double> row_lower, row_upper;
  std::vector<double> column_lower, column_upper, objective;

  int add_row(double lower, double upper) {
    row_lower.push_back(lower);
    row_upper.push_back(upper);
    return static_cast<int>(row_lower.size() - 1);
  }
  void set(int at_row, std::size_t at_column, double entry) {
    row.push_back(at_row);
    column.push_back(static_cast<int>(at_column));
    value.push_back(entry);
  }
};

}  // namespace

LagrangianResult solve_exact(const PlanningNetwork& planning, const DemandRates& rates,
                             const SkuSolverOptions& sku_options, const ExactOptions& options,
                             RunContext& ctx) {
  const network::Dataset& dataset = *planning.dataset;
  const std::size_t nodes = dataset.network.node_count();
  const std::size_t speeds = planning.speed_count();
  const Prices zero = Prices::zero(nodes, speeds);

  // Blocks and the model's size.
  std::vector<SkuBlock> blocks(dataset.sku_count());
  std::size_t columns = 0;
  for (std::size_t index = 0; index < blocks.size(); ++index) {
    SkuBlock& block = blocks[index];
    block.sku = SkuIndex(index);
    double mean = 0.0;
    for (const DemandRate& rate : rates.of(block.sku)) mean += rate.mean_per_day;
    Tier tier = tier_of(mean, sku_options);
    SkuModel model = build_sku_model(planning, block.sku, rates.of(block.sku), tier, sku_options);
    block.problem = std::move(model.problem);
    block.scenarios = std::move(model.scenarios);
    block.costs = std::make_unique<CostModel>(block.problem, zero);
    block.level_column = columns;
    block.flow_column = columns + block.problem.nodes.size();
    columns += block.columns();
  }
  if (columns > options.max_columns) {
    throw InputError({"skus.csv", 0, 0},
                     fmt::format("too large for --method exact: the model would have {} columns (at most "
                                 "{}, --exact-max-columns); use it on a few dozen SKUs, or plan with the decomposition",
                                 columns, options.max_columns));
  }

  ModelBuilder model;
  model.column_lower.assign(columns, 0.0);
  model.column_upper.assign(columns, COIN_DBL_MAX);
  model.objective.assign(columns, 0.0);
  // Coupling rows first: storage, inbound, outbound per node with a finite limit.
  std::vector<std::array<int, kResourceCount>> coupling(nodes, {-1, -1, -1});
  for (std::size_t node = 0; node < nodes; ++node) {
    const auto& spec = dataset.network.nodes[NodeIndex(node)];
    const double limits[] = {spec.storage_m3, spec.inbound_units_per_day, spec.outbound_units_per_day};
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      if (!std::isfinite(limits[resource])) continue;
      coupling[node][resource] = model.add_row(-COIN_DBL_MAX, limits[resource]);
    }
  }
  for (SkuBlock& block : blocks) {
    const SkuProblem& problem = block.problem;
    const TransportNetwork& network = block.costs->network();
    const std::size_t candidates = problem.nodes.size();
    const std::size_t scenarios = block.scenarios.scenario_count;
    const double weight = 1.0 / static_cast<double>(std::max<std::size_t>(1, scenarios));
    const double cycle_share = 1.0 - problem.review_days / (2.0 * problem.protection_days);
    const double volume = problem.unit_volume_m3;
    // Reach: no level above the most demand a node can see is ever useful.
    std::vector<double> reach(candidates, 0.0);
    for (std::size_t scenario = 0; scenario < scenarios; ++scenario) {
      auto totals = block.scenarios.totals_of(scenario);
      std::vector<double> here(candidates, 0.0);
      for (std::size_t active = 0; active < network.class_count; ++active) {
        for (std::size_t arc = network.arc_offset[active]; arc < network.arc_offset[active + 1]; ++arc) {
          here[network.arc_node[arc]] += totals[active];
        }
      }
      for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
        reach[candidate] = std::max(reach[candidate], here[candidate]);
      }
    }
    for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
      std::size_t column = block.level_column + candidate;
      const CandidateNode& node = problem.nodes[candidate];
      model.column_lower[column] = node.min_level;
      model.column_upper[column] =
          std::max(node.min_level, std::min(node.max_level, std::ceil(reach[candidate])));
      model.objective[column] = block.costs->level_cost()[candidate];
      int storage = coupling[node.node.value()][0];
      if (storage >= 0) model.set(storage, column, volume);
    }
    for (std::size_t scenario = 0; scenario < scenarios; ++scenario) {
      auto totals = block.scenarios.totals_of(scenario);
      std::size_t first = block.flow_column + scenario * block.per_scenario();
      std::size_t lost_first = first + network.arc_node.size();
      std::vector<int> capacity_row(candidates);
      for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
        capacity_row[candidate] = model.add_row(-COIN_DBL_MAX, 0.0);
        model.set(capacity_row[candidate], block.level_column + candidate, -1.0);
      }
      for (std::size_t active = 0; active < network.class_count; ++active) {
        int demand_row = model.add_row(totals[active], totals[active]);
        for (std::size_t arc = network.arc_offset[active]; arc < network.arc_offset[active + 1]; ++arc) {
          std::size_t column = first + arc;
          std::size_t candidate = network.arc_node[arc];
          model.objective[column] = weight * network.arc_cost[arc];
          model.set(demand_row, column, 1.0);
          model.set(capacity_row[candidate], column, 1.0);
          NodeIndex node = problem.nodes[candidate].node;
          int storage = coupling[node.value()][0];
          if (storage >= 0) model.set(storage, column, -volume * cycle_share * weight);
          double per_day = weight / problem.protection_days;
          NodeIndex feeder = problem.nodes[candidate].feeder;
          int feeder_storage = feeder.valid() ? coupling[feeder.value()][0] : -1;
          if (feeder_storage >= 0) {
            model.set(feeder_storage, column, volume * problem.nodes[candidate].feeder_stock_days * per_day);
          }
          for (NodeIndex at : {node, feeder}) {
            if (!at.valid()) continue;
            for (std::size_t resource = 1; resource < kResourceCount; ++resource) {
              if (coupling[at.value()][resource] >= 0) model.set(coupling[at.value()][resource], column, per_day);
            }
          }
        }
        std::size_t lost = lost_first + active;
        model.objective[lost] = weight * network.lost_cost[active];
        model.set(demand_row, lost, 1.0);
      }
    }
  }
  ctx.report({.phase = "exact", .done = 0, .total = 1,
              .message = fmt::format("{} columns, {} rows", columns, model.row_lower.size())});

  CoinPackedMatrix matrix(false, model.row.data(), model.column.data(), model.value.data(),
                          static_cast<CoinBigIndex>(model.value.size()));
  matrix.setDimensions(static_cast<int>(model.row_lower.size()), static_cast<int>(columns));
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, model.column_lower.data(), model.column_upper.data(), model.objective.data(),
                     model.row_lower.data(), model.row_upper.data());
  for (const SkuBlock& block : blocks) {
    for (std::size_t candidate = 0; candidate < block.problem.nodes.size(); ++candidate) {
      solver.setInteger(static_cast<int>(block.level_column + candidate));
    }
  }
  CbcModel cbc(solver);
  cbc.setLogLevel(0);
  cbc.messageHandler()->setLogLevel(0);
  cbc.setMaximumSeconds(options.time_limit_seconds);
  cbc.setAllowableFractionGap(options.relative_gap);
  cbc.setNumberThreads(0);
  cbc.branchAndBound();

  LagrangianResult result;
  result.iterations = 1;
  result.prices = zero;
  // Capacity use of the plans (policy model), as the decomposition reports it; none without one.
  CapacityState& state = result.capacity;
  state.limit.resize(nodes);
  state.use.assign(nodes, {0.0, 0.0, 0.0});
  state.service_target.assign(speeds, 0.0);
  state.service_on_time.assign(speeds, 0.0);
  for (std::size_t node = 0; node < nodes; ++node) {
    const auto& spec = dataset.network.nodes[NodeIndex(node)];
    state.limit[node] = {spec.storage_m3, spec.inbound_units_per_day, spec.outbound_units_per_day};
  }
  const double* solution = cbc.bestSolution();
  if (solution == nullptr) {
    result.status = cbc.isProvenInfeasible() ? SolveStatus::kInfeasible : SolveStatus::kTimeLimit;
    result.notes.push_back(cbc.isProvenInfeasible() ? "the exact model has no feasible plan"
                                                    : "no feasible plan found within the time limit");
    result.lower_bound = cbc.getBestPossibleObjValue();
    return result;
  }
  // Proven optimal within CBC's allowable gap: the gap is reached (DESIGN 5a statuses).
  result.status = cbc.isProvenOptimal() ? SolveStatus::kGapReached : SolveStatus::kTimeLimit;
  result.lower_bound = cbc.getBestPossibleObjValue();
  result.coupled_relaxed_cost = cbc.getObjValue();
  result.notes.push_back(fmt::format("exact model: {} columns, {} rows, objective {:.6g}, best bound {:.6g}, "
                                     "{} nodes",
                                     columns, model.row_lower.size(), cbc.getObjValue(),
                                     cbc.getBestPossibleObjValue(), cbc.getNodeCount()));
  result.skus.resize(blocks.size());
  parallel_for(ctx.pool(), 0, blocks.size(), 8, [&](std::size_t first, std::size_t last) {
    for (std::size_t index = first; index < last; ++index) {
      const SkuBlock& block = blocks[index];
      std::vector<double> level(block.problem.nodes.size());
      for (std::size_t candidate = 0; candidate < level.size(); ++candidate) {
        level[candidate] = std::round(solution[block.level_column + candidate]);
      }
      result.skus[index] = plan_at_levels(planning, block.sku, rates.of(block.sku), level, zero, sku_options);
    }
  });
  for (const SkuPlan& plan : result.skus) {
    for (std::size_t node = 0; node < nodes; ++node) {
      state.use[node][0] += plan.storage_m3[node];
      state.use[node][1] += plan.inbound_units[node];
      state.use[node][2] += plan.outbound_units[node];
    }
    for (std::size_t speed = 0; speed < speeds; ++speed) state.service_on_time[speed] += plan.outcome.on_time[speed];
    result.plan_cost += plan_cost_per_day(plan);
    result.purchase_cost += plan.purchase;
  }
  return result;
}

}  // namespace echelon::optimize
