// SPDX-License-Identifier: Apache-2.0
// The guaranteed-service model (Graves & Willems 2000) on an acyclic network: the data, the net
// demand each stage sees, and the evaluation of committed service times. gsm_tree.h and
// gsm_dag.h optimise over it.
//
// Conventions: an edge i -> j means i supplies j, q units of i per unit of j. Each stage j has a
// processing time T_j, a local (cumulative-value) holding cost h_j per unit per period and a
// safety factor z_j. Decision: outbound committed service times S_j >= 0 (S_j <= the maximum
// promised to customers where given). SI_j = max(external inbound CST, S_i over suppliers i);
// net lead time NLT_j = SI_j + T_j - S_j >= 0. Net demand sd sigma_j = sqrt(sum_d (u_jd sd_d)^2)
// over demand stages d, u_jd the units of j in one unit of d; safety stock z_j sigma_j
// sqrt(NLT_j); cost = sum_j h_j z_j sigma_j sqrt(NLT_j) per period (mean demand does not enter).
// Base stock mu_j NLT_j + safety stock.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace echelon::inventory {

struct GsmStage {
  std::string id;
  double processing_time = 0.0;        // T_j >= 0, periods
  double holding_cost = 0.0;           // h_j >= 0, local (cumulative-value) per unit per period
  double safety_factor = 1.0;          // z_j >= 0
  double demand_mean = 0.0;            // external demand per period (demand stages)
  double demand_sd = 0.0;              // external demand sd per period (demand stages)
  bool has_demand = false;
  double max_outbound_cst = std::numeric_limits<double>::infinity();
  double external_inbound_cst = 0.0;   // outside supplier's CST; SI_j >= it
};

struct GsmEdge {
  std::size_t from = 0;  // supplier stage index
  std::size_t to = 0;    // customer stage index
  double quantity = 1.0;
};

struct GsmEvaluation {
  bool feasible = false;
  std::vector<double> inbound_cst;
  std::vector<double> net_lead_time;
  std::vector<double> safety_stock;
  std::vector<double> base_stock;
  double cost = 0.0;
};

class GsmNetwork {
 public:
  // Throws std::invalid_argument on a cycle or an edge to an unknown stage.
  GsmNetwork(std::vector<GsmStage> stages, std::vector<GsmEdge> edges);

  [[nodiscard]] std::size_t size() const { return stages_.size(); }
  [[nodiscard]] const std::vector<GsmStage>& stages() const { return stages_; }
  [[nodiscard]] const std::vector<GsmEdge>& edges() const { return edges_; }
  // Suppliers and customers of a stage (edge indices).
  [[nodiscard]] const std::vector<std::size_t>& in_edges(std::size_t stage) const { return in_[stage]; }
  [[nodiscard]] const std::vector<std::size_t>& out_edges(std::size_t stage) const { return out_[stage]; }
  // Stages with every supplier before its customers.
  [[nodiscard]] const std::vector<std::size_t>& topological_order() const { return order_; }
  [[nodiscard]] double net_demand_sd(std::size_t stage) const { return sigma_[stage]; }
  [[nodiscard]] double net_demand_mean(std::size_t stage) const { return mu_[stage]; }
  // h_j z_j sigma_j: the cost of one unit of sqrt(NLT_j).
  [[nodiscard]] double cost_coefficient(std::size_t stage) const;
  // True when the network has no undirected cycle.
  [[nodiscard]] bool is_forest() const;
  // Largest inbound CST any policy can produce at each stage (longest supply path).
  [[nodiscard]] std::vector<double> max_inbound_cst() const;

  // A feasible policy of no higher cost from CSTs that satisfy the relaxed linking constraints
  // SI_j >= S_i (SI_j possibly above the largest supplier CST): in topological order
  // S'_j = min(S_j, SI'_j + T_j) with SI'_j recomputed from S'.
  [[nodiscard]] std::vector<double> repair(std::vector<double> outbound_cst) const;

  // Inbound CSTs, net lead times, stocks and cost of the given outbound CSTs; `feasible` is false
  // when a net lead time is negative, a CST is negative or above its maximum.
  [[nodiscard]] GsmEvaluation evaluate(const std::vector<double>& outbound_cst) const;

 private:
  std::vector<GsmStage> stages_;
  std::vector<GsmEdge> edges_;
  std::vector<std::vector<std::size_t>> in_;
  std::vector<std::vector<std::size_t>> out_;
  std::vector<std::size_t> order_;
  std::vector<double> sigma_;
  std::vector<double> mu_;
};

// Result of a GSM optimisation. `lower_bound` equals `cost` when the optimum is proven.
struct GsmSolution {
  std::vector<double> outbound_cst;
  double cost = 0.0;
  double lower_bound = 0.0;
  bool proven_optimal = false;
  std::size_t nodes = 0;  // branch-and-bound nodes (DAG solver)
};

}  // namespace echelon::inventory
