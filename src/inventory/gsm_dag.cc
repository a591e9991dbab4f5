// SPDX-License-Identifier: Apache-2.0
#include "inventory/gsm_dag.h"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <queue>
#include <stdexcept>
#include <vector>

#include "inventory/gsm_lagrangian.h"
#include "inventory/gsm_local_search.h"

namespace echelon::inventory {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// One open node: its parent's bound and the interval changes from the root, in order.
struct BoundChange {
  std::size_t stage;
  double lower;
  double upper;
};

struct Node {
  double bound = 0.0;
  std::vector<BoundChange> changes;
};

struct NodeOrder {
  bool operator()(const Node& first, const Node& second) const { return first.bound > second.bound; }
};

// The LP over columns S_j (0..n-1), SI_j (n..2n-1), NLT_j (2n..3n-1).
class SecantLp {
 public:
  SecantLp(const GsmNetwork& network, const std::vector<double>& max_inbound,
           const std::vector<double>& nlt_upper)
      : count_(network.size()) {
    const std::vector<GsmStage>& stages = network.stages();
    const int columns = static_cast<int>(3 * count_);
    std::vector<double> column_lower(3 * count_, 0.0);
    std::vector<double> column_upper(3 * count_, 0.0);
    for (std::size_t stage = 0; stage < count_; ++stage) {
      column_upper[stage] = std::min(stages[stage].max_outbound_cst,
                                     max_inbound[stage] + stages[stage].processing_time);
      column_lower[count_ + stage] = stages[stage].external_inbound_cst;
      column_upper[count_ + stage] = max_inbound[stage];
      column_upper[2 * count_ + stage] = nlt_upper[stage];
    }
    CoinPackedMatrix matrix(false, 0, 0);
    matrix.setDimensions(0, columns);
    std::vector<double> row_lower;
    std::vector<double> row_upper;
    for (std::size_t stage = 0; stage < count_; ++stage) {
      int indices[3] = {static_cast<int>(2 * count_ + stage), static_cast<int>(count_ + stage),
                        static_cast<int>(stage)};
      double values[3] = {1.0, -1.0, 1.0};
      matrix.appendRow(3, indices, values);
      row_lower.push_back(stages[stage].processing_time);
      row_upper.push_back(stages[stage].processing_time);
    }
    for (const GsmEdge& edge : network.edges()) {
      int indices[2] = {static_cast<int>(count_ + edge.to), static_cast<int>(edge.from)};
      double values[2] = {1.0, -1.0};
      matrix.appendRow(2, indices, values);
      row_lower.push_back(0.0);
      row_upper.push_back(kInfinity);
    }
    std::vector<double> objective(3 * count_, 0.0);
    model_.setLogLevel(0);
    model_.loadProblem(matrix, column_lower.data(), column_upper.data(), objective.data(),
                       row_lower.data(), row_upper.data());
  }

  enum class Outcome { kOptimal, kInfeasible, kFailed };

  // Solves with NLT_j in [lower_j, upper_j] and slope_j on NLT_j. A warm start that ends in
  // neither optimality nor proven infeasibility is retried from a slack basis.
  Outcome solve(const std::vector<double>& lower, const std::vector<double>& upper,
                const std::vector<double>& slope, bool first) {
    for (std::size_t stage = 0; stage < count_; ++stage) {
      int column = static_cast<int>(2 * count_ + stage);
      model_.setColumnBounds(column, lower[stage], upper[stage]);
      model_.setObjectiveCoefficient(column, slope[stage]);
    }
    if (first) {
      model_.initialSolve();
    } else {
      model_.dual();
      if (!model_.isProvenOptimal() && !model_.isProvenPrimalInfeasible()) model_.primal();
    }
    if (!model_.isProvenOptimal() && !model_.isProvenPrimalInfeasible()) {
      model_.allSlackBasis(true);
      model_.initialSolve();
    }
    if (model_.isProvenOptimal()) return Outcome::kOptimal;
    return model_.isProvenPrimalInfeasible() ? Outcome::kInfeasible : Outcome::kFailed;
  }

  [[nodiscard]] double objective() const { return model_.objectiveValue(); }
  [[nodiscard]] double outbound(std::size_t stage) const { return model_.getColSolution()[stage]; }
  [[nodiscard]] double net_lead_time(std::size_t stage) const {
    return model_.getColSolution()[2 * count_ + stage];
  }
  [[nodiscard]] double net_lead_time_reduced_cost(std::size_t stage) const {
    return model_.getReducedCost()[2 * count_ + stage];
  }

 private:
  std::size_t count_;
  ClpSimplex model_;
};

}  // namespace

GsmSolution solve_gsm_dag(const GsmNetwork& network, const GsmDagOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t count = network.size();
  const std::vector<GsmStage>& stages = network.stages();
  bool integral = true;
  for (const GsmStage& stage : stages) {
    for (double value : {stage.processing_time, stage.external_inbound_cst, stage.max_outbound_cst}) {
      if (std::isfinite(value) && value != std::floor(value)) integral = false;
    }
  }
  std::vector<double> max_inbound = network.max_inbound_cst();
  std::vector<double> coefficient(count);
  std::vector<double> root_lower(count, 0.0);
  std::vector<double> root_upper(count);
  for (std::size_t stage = 0; stage < count; ++stage) {
    coefficient[stage] = network.cost_coefficient(stage);
    root_upper[stage] = max_inbound[stage] + stages[stage].processing_time;
    // NLT_j >= SI_j + T_j - max S_j with SI_j >= the external inbound CST: a stage that must
    // quote less than its processing time always carries stock (demand stages, mostly).
    double highest_quote = std::min(stages[stage].max_outbound_cst, root_upper[stage]);
    root_lower[stage] = std::max(0.0, stages[stage].external_inbound_cst +
                                          stages[stage].processing_time - highest_quote);
  }
  SecantLp lp(network, max_inbound, root_upper);

  GsmSolution best;
  best.cost = kInfinity;
  // A first incumbent: every internal stage quotes 0, demand stages their maximum where the
  // inbound time allows it.
  {
    std::vector<double> outbound(count, 0.0);
    for (std::size_t stage = 0; stage < count; ++stage) {
      if (std::isfinite(stages[stage].max_outbound_cst) && stages[stage].has_demand) {
        outbound[stage] = std::min(stages[stage].max_outbound_cst,
                                   stages[stage].external_inbound_cst + stages[stage].processing_time);
      }
    }
    GsmEvaluation evaluation = network.evaluate(outbound);
    if (evaluation.feasible) {
      best.outbound_cst = improve_gsm_policy(network, outbound);
      best.cost = network.evaluate(best.outbound_cst).cost;
    }
  }
  // Cost cut-off on the root intervals: a better policy has c_j sqrt(NLT_j) at most the
  // incumbent's cost less every other stage's smallest cost. Applied again at each new incumbent.
  auto cut_off = [&] {
    double floor_cost = 0.0;
    for (std::size_t stage = 0; stage < count; ++stage) floor_cost += coefficient[stage] * std::sqrt(root_lower[stage]);
    for (std::size_t stage = 0; stage < count; ++stage) {
      if (coefficient[stage] <= 0.0) continue;
      double room = best.cost - (floor_cost - coefficient[stage] * std::sqrt(root_lower[stage]));
      double cap = room > 0.0 ? (room / coefficient[stage]) * (room / coefficient[stage]) : 0.0;
      if (integral) cap = std::floor(cap + 1e-9);
      root_upper[stage] = std::max(root_lower[stage], std::min(root_upper[stage], cap));
    }
  };
  double lagrangian_bound = -kInfinity;
  if (options.lagrangian_bound) {
    GsmLagrangianResult lagrangian =
        gsm_lagrangian_bound(network, best.cost, options.lagrangian_time_share * options.time_limit_seconds,
                             options.lagrangian_iterations);
    if (lagrangian.applicable) {
      lagrangian_bound = lagrangian.lower_bound;
      if (!lagrangian.outbound_cst.empty() && lagrangian.cost < best.cost) {
        best.outbound_cst = improve_gsm_policy(network, lagrangian.outbound_cst);
        best.cost = std::min(lagrangian.cost, network.evaluate(best.outbound_cst).cost);
        if (best.cost == lagrangian.cost) best.outbound_cst = lagrangian.outbound_cst;
      }
    }
  }
  if (std::isfinite(best.cost)) cut_off();

  std::priority_queue<Node, std::vector<Node>, NodeOrder> open;
  open.push(Node{0.0, {}});
  std::vector<double> lower(count);
  std::vector<double> upper(count);
  std::vector<double> slope(count);
  double global_bound = kInfinity;  // smallest bound among nodes left unexplored at a limit
  bool first = true;
  bool stopped = false;
  std::size_t nodes = 0;
  std::size_t failed = 0;
  double unresolved_bound = kInfinity;  // bound of subtrees whose LP could not be solved
  auto secant = [&](std::size_t stage, double value) {
    double low = lower[stage];
    return coefficient[stage] * std::sqrt(low) + slope[stage] * (value - low);
  };
  while (!open.empty()) {
    if (std::max(open.top().bound, lagrangian_bound) >= best.cost * (1.0 - options.relative_gap)) break;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (nodes >= options.node_limit || elapsed > options.time_limit_seconds) {
      stopped = true;
      break;
    }
    Node node = open.top();
    open.pop();
    ++nodes;
    lower = root_lower;
    upper = root_upper;
    bool empty = false;
    for (const BoundChange& change : node.changes) {
      lower[change.stage] = std::max(lower[change.stage], change.lower);
      upper[change.stage] = std::min(upper[change.stage], change.upper);
    }
    for (std::size_t stage = 0; stage < count; ++stage) empty = empty || upper[stage] < lower[stage];
    if (empty) continue;
    double constant = 0.0;
    for (std::size_t stage = 0; stage < count; ++stage) {
      double low = lower[stage];
      double high = upper[stage];
      slope[stage] = high > low ? coefficient[stage] * (std::sqrt(high) - std::sqrt(low)) / (high - low) : 0.0;
      constant += coefficient[stage] * std::sqrt(low) - slope[stage] * low;
    }
    SecantLp::Outcome outcome = lp.solve(lower, upper, slope, first);
    first = false;
    if (outcome == SecantLp::Outcome::kInfeasible) continue;
    if (outcome == SecantLp::Outcome::kFailed) {
      // No bound for this subtree: keep its parent's bound so the result is not called proven.
      unresolved_bound = std::min(unresolved_bound, node.bound);
      ++failed;
      continue;
    }
    double bound = std::max(node.bound, lp.objective() + constant);
    if (bound >= best.cost * (1.0 - options.relative_gap)) continue;

    std::vector<double> outbound(count);
    for (std::size_t stage = 0; stage < count; ++stage) {
      double value = lp.outbound(stage);
      if (integral && std::abs(value - std::round(value)) < 1e-6) value = std::round(value);
      outbound[stage] = std::max(0.0, value);
    }
    outbound = network.repair(std::move(outbound));
    GsmEvaluation evaluation = network.evaluate(outbound);
    if (evaluation.feasible && evaluation.cost < best.cost) {
      std::vector<double> improved = improve_gsm_policy(network, outbound);
      GsmEvaluation polished = network.evaluate(improved);
      bool better = polished.feasible && polished.cost < evaluation.cost;
      best.outbound_cst = better ? improved : outbound;
      best.cost = better ? polished.cost : evaluation.cost;
      cut_off();
    }
    // Reduced-cost tightening: a solution of this subtree cheaper than the incumbent has
    // secant-LP value below it, so NLT_j can move from its bound by at most slack / |r_j|.
    // Smaller intervals give steeper secants in the children.
    double slack = best.cost * (1.0 - options.relative_gap) - bound;
    std::vector<BoundChange> tightened;
    for (std::size_t stage = 0; options.reduced_cost_tightening && stage < count && slack > 0.0; ++stage) {
      if (upper[stage] <= lower[stage]) continue;
      double reduced = lp.net_lead_time_reduced_cost(stage);
      double value = lp.net_lead_time(stage);
      double width = upper[stage] - lower[stage];
      if (reduced > 1e-9 && value <= lower[stage] + 1e-9) {
        double limit = lower[stage] + slack / reduced;
        if (integral) limit = std::floor(limit + 1e-9);
        if (limit < upper[stage] - 0.1 * width || (integral && limit < upper[stage])) {
          tightened.push_back({stage, lower[stage], limit});
        }
      } else if (reduced < -1e-9 && value >= upper[stage] - 1e-9) {
        double limit = upper[stage] - slack / -reduced;
        if (integral) limit = std::ceil(limit - 1e-9);
        if (limit > lower[stage] + 0.1 * width || (integral && limit > lower[stage])) {
          tightened.push_back({stage, limit, upper[stage]});
        }
      }
    }
    for (const BoundChange& change : tightened) {
      lower[change.stage] = change.lower;
      upper[change.stage] = change.upper;
      node.changes.push_back(change);
    }

    // Branch on the stage whose secant underestimates most at the LP point.
    std::size_t branch = count;
    double largest = 0.0;
    for (std::size_t stage = 0; stage < count; ++stage) {
      if (coefficient[stage] == 0.0 || upper[stage] <= lower[stage]) continue;
      double value = std::clamp(lp.net_lead_time(stage), lower[stage], upper[stage]);
      double gap = coefficient[stage] * std::sqrt(value) - secant(stage, value);
      if (gap > largest) {
        largest = gap;
        branch = stage;
      }
    }
    if (branch == count || largest <= 1e-12 * std::max(1.0, best.cost)) continue;
    double split = std::clamp(lp.net_lead_time(branch), lower[branch], upper[branch]);
    double left_end = split;
    double right_start = split;
    if (integral) {
      left_end = std::floor(split + 1e-9);
      right_start = std::ceil(split - 1e-9);
      if (left_end == right_start) {
        // An integral LP value strictly inside: split there, with the point on one side only.
        if (left_end > lower[branch]) {
          right_start = left_end;
          left_end -= 1.0;
        } else {
          right_start += 1.0;
        }
      }
    }
    for (auto [low, high] : {std::pair{lower[branch], left_end}, std::pair{right_start, upper[branch]}}) {
      low = std::max(low, lower[branch]);
      high = std::min(high, upper[branch]);
      if (high < low) continue;
      Node child{bound, node.changes};
      child.changes.push_back({branch, low, high});
      open.push(std::move(child));
    }
  }
  if (best.outbound_cst.empty()) throw std::invalid_argument("the GSM instance has no feasible policy");
  global_bound = open.empty() ? best.cost : std::min(best.cost, open.top().bound);
  best.lower_bound = std::min({std::max(global_bound, lagrangian_bound), best.cost, unresolved_bound});
  if (failed > 0) stopped = true;
  best.proven_optimal = !stopped || best.cost - best.lower_bound <= options.relative_gap * best.cost;
  best.nodes = nodes;
  return best;
}

}  // namespace echelon::inventory
