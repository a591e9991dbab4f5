// SPDX-License-Identifier: Apache-2.0
// The network planner (DESIGN section 3): couples the per-SKU subproblems through node
// capacities (storage volume, inbound and outbound units per day) and network on-time targets
// per speed, each priced by a Lagrange multiplier. Given prices every SKU is solved on its own
// (in parallel, deterministic for any thread count); the master raises the price of a resource
// used beyond its limit and lowers it when there is slack (a trust-region bundle method on
// capacity-normalised prices, price_master.h), with early iterations on a stratified sample of
// SKUs. The master's cuts come from the relaxed model's points (their priced value and their use
// of every resource, one model for both); the Lagrangian dual value built from certified per-SKU
// bounds at every price vector tried is a lower bound on the
// planning model's cost; when the plan still overuses resources after the last iteration, their
// prices are raised (and only the SKUs that use them re-solved, primal_recovery.cc) until the
// plan fits; then a restricted master LP over every plan the iterations and repair produced
// picks the cheapest mix that fits (plan_columns.h). Named phases: solve subproblems, update prices, recover primal, compute bound.
// Across processes (exchange.h) each rank solves its own SKUs; sums over SKUs are exact and
// every decision (master step, repair and fill switches, stopping) is taken identically on every
// rank, so any number of ranks gives the single-process plan bit for bit.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/run_context.h"
#include "core/status.h"
#include "optimize/exchange.h"
#include "optimize/planning_network.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {

enum class Resource { kStorage = 0, kInbound = 1, kOutbound = 2 };
inline constexpr std::size_t kResourceCount = 3;
std::string_view to_string(Resource resource);
// The price of `resource` at node `node` (by NodeIndex value).
double price_of(const Prices& prices, Resource resource, std::size_t node);
double& price_of(Prices& prices, Resource resource, std::size_t node);

struct LagrangianOptions {
  int max_iterations = 30;          // master iterations
  double gap_target = 0.01;         // relative gap on controllable cost
  double time_limit_seconds = 600;  // wall clock
  std::size_t sample_threshold = 5000;  // more SKUs than this: early iterations on a sample
  int sample_iterations = 10;       // iterations on the sample
  // After a sample, iterations on the whole catalogue start from the sample's best prices and
  // trust radius; each one re-solves every SKU, and past the first few they move the bound little.
  int full_iterations = 6;
  // ... and stop earlier once two in a row raised the bound by less than this share of the
  // controllable cost.
  double full_stall = 1e-3;
  int repair_rounds = 12;           // rounds over the overused resources
  int fill_rounds = 3;              // rounds that move cheaper plans into unused priced capacity
  // After repair, the restricted master LP over every plan the iterations and repair rounds
  // produced picks the cheapest mix that fits (plan_columns.h).
  bool restricted_master = true;
  // At most this many SKUs in its LP (those whose plans spread the widest in cost): its time
  // grows faster than its size (0.4 s at 6,600 SKUs, 59 s at 65,000).
  std::size_t restricted_master_skus = 25000;
  double dual_tolerance = 1e-4;     // stop when the master promises less (relative to cost)
  // The master prices the policy plans (their priced cost and use: prices at which the plans
  // the planner ships fit) or the relaxed model's points (the dual of the relaxed model). The
  // certified bound comes from the relaxed model either way, at every price vector tried.
  bool price_policy = false;
  bool service_constraints = false; // price the network on-time targets per speed (the bound
                                    // then covers only plans that meet them)
  SkuSolverOptions sku;
};

// Limit, use and price of every node resource (per day), and of every speed's on-time target.
struct CapacityState {
  std::vector<std::array<double, kResourceCount>> limit;  // by NodeIndex value
  std::vector<std::array<double, kResourceCount>> use;
  std::vector<double> service_target;   // per speed: on-time units per day required
  std::vector<double> service_on_time;  // per speed: planned on-time units per day
  // The same for the relaxed model's points: the master's supergradient.
  std::vector<std::array<double, kResourceCount>> relaxed_use;
  std::vector<double> relaxed_on_time;
};

// Relative overuse tolerated as "fits", and the largest relative overuse of any node resource.
inline constexpr double kFeasibleOveruse = 1e-3;
double largest_overuse(const CapacityState& state);

struct IterationLog {
  int iteration = 0;
  bool sampled = false;
  double lower_bound = 0.0;
  double plan_cost = 0.0;
  double violation = 0.0;  // largest relative overuse
};

struct LagrangianResult {
  SolveStatus status = SolveStatus::kIterationLimit;
  int iterations = 0;
  std::vector<SkuPlan> skus;
  Prices prices;
  Prices bound_prices;             // where lower_bound was certified
  std::vector<double> sku_bounds;  // per plan of skus: its certified bound at bound_prices
  CapacityState capacity;
  double lower_bound = 0.0;     // per day, whole network (certified for the model's scenarios)
  double plan_cost = 0.0;       // per day, policy model, optimization scenarios, unpriced
  double purchase_cost = 0.0;   // per day
  // The exact model's relaxed cost of its plan with the flows it chose under the coupling rows
  // (FC layer, per day): its optimum. Evaluated without the coupling, the same levels may cost
  // less (their flows then break a binding row), so this, not that, is the optimum to bracket.
  std::optional<double> coupled_relaxed_cost;
  std::vector<IterationLog> log;
  std::vector<std::string> notes;  // what the master did that a planner should know
  std::size_t skus_solved = 0;     // an incremental re-plan: SKUs solved again, all ranks
};

struct PlanState;
struct SkuEvaluation;
class PlanColumns;

class LagrangianSolver {
 public:
  LagrangianSolver(const PlanningNetwork& planning, const DemandRates& rates,
                   LagrangianOptions options);
  // The same spread over the ranks of `exchange`: every rank calls solve() (a collective) and
  // gets the same prices, bounds, capacity use and notes; result.skus holds only the plans of
  // the rank's own SKUs (its range of partition_skus), in SKU order.
  LagrangianSolver(const PlanningNetwork& planning, const DemandRates& rates,
                   LagrangianOptions options, SkuExchange& exchange);
  LagrangianSolver(const LagrangianSolver&) = delete;
  LagrangianSolver& operator=(const LagrangianSolver&) = delete;

  // Plans every SKU; `warm_start` (may be null) gives starting prices.
  LagrangianResult solve(RunContext& ctx, const Prices* warm_start);
  // An incremental re-plan from an earlier plan of the same setup (plan_state.h): SKUs whose
  // inputs are unchanged keep their plan, bound and evaluation (returned in `known`, one entry
  // per plan of the result); the others are solved at the earlier final prices, and at its bound
  // prices for their share of the bound. Repair follows if the plan no longer fits. No master
  // iterations: the prices stay.
  LagrangianResult replan(RunContext& ctx, const PlanState& previous,
                          std::vector<std::optional<SkuEvaluation>>& known);

 private:
  // Limits and targets of every coupling constraint, use zero.
  [[nodiscard]] CapacityState initial_state() const;
  // This rank's SKUs.
  [[nodiscard]] std::vector<SkuIndex> own_skus() const;
  // Repair, then the plan's cost, bound and status from `plans` (this rank's, in SKU order);
  // the fill re-solves `fill_candidates` (this rank's, ascending). `columns` (may be null): the
  // plans of the master's iterations, for the restricted master.
  void finish(RunContext& ctx, std::vector<SkuPlan> plans, double bound, const std::vector<SkuIndex>& fill_candidates,
              LagrangianResult& result, PlanColumns* columns = nullptr) const;
  // Solves `skus` (indices) under `prices` into `plans` in parallel.
  void solve_subproblems(RunContext& ctx, const std::vector<SkuIndex>& skus, const Prices& prices,
                         std::vector<SkuPlan>& plans) const;
  // Use of every resource by `plans` scaled by `weight`.
  void accumulate_use(const std::vector<SkuPlan>& plans, double weight, CapacityState& state) const;
  // What the prices' constraint terms add to a sum of priced SKU costs: -price x limit per node
  // resource, +service price x target per speed.
  double constraint_terms(const Prices& prices, const CapacityState& state) const;
  // One oracle call of the master: solves `skus` under `prices`, their use and dual value.
  struct Answer {
    double bound = 0.0;     // certified
    double model = 0.0;     // the dual as the relaxed points price it (the master's cut)
    double cost = 0.0;      // unpriced
    double purchase = 0.0;
    double overuse = 0.0;   // largest relative
  };
  Answer evaluate(RunContext& ctx, const std::vector<SkuIndex>& skus, double weight,
                  const Prices& prices, std::vector<SkuPlan>& plans, CapacityState& state) const;
  // Every k-th SKU by velocity when the catalogue is large (empty otherwise); `weight` scales
  // the sample to the catalogue.
  std::vector<SkuIndex> stratified_sample(double& weight) const;
  // Primal recovery: switches SKU plans, cheapest per unit of capacity freed, until every
  // resource fits (or the rounds run out). Each round's re-solved plans join `columns` (may be
  // null).
  void repair(RunContext& ctx, std::vector<SkuPlan>& plans, LagrangianResult& result, PlanColumns* columns) const;
  // Then each SKU takes the plan of `columns` (its plans in the master's iterations and repair
  // rounds) that the restricted master LP weighs most, solved again at its prices. Returns
  // whether any SKU changed plan.
  bool recover_from_columns(RunContext& ctx, const PlanColumns& columns, std::vector<SkuPlan>& plans,
                            LagrangianResult& result) const;
  // Then fills the slack of priced resources with the plans of `candidates` that save the most.
  void fill_slack(RunContext& ctx, std::vector<SkuPlan>& plans, const std::vector<SkuIndex>& candidates,
                  LagrangianResult& result) const;

  // Position of `sku` (one of this rank's) in this rank's plans.
  [[nodiscard]] std::size_t local(SkuIndex sku) const {
    return sku.value() - partition_.begin(exchange_.rank());
  }

  const PlanningNetwork& planning_;
  const DemandRates& rates_;
  LagrangianOptions options_;
  LocalExchange local_exchange_;  // when no exchange is given
  SkuExchange& exchange_;
  SkuPartition partition_;
};

// The planner's options from echelon.yaml's optimizer settings (iterations, gap, time limit,
// tiers, scenarios, DC service); callers set the seed and any command-line overrides.
LagrangianOptions lagrangian_options(const network::OptimizerSettings& settings);

// Unpriced per-day cost of a SKU plan (what the plan costs), and its purchase part.
double plan_cost_per_day(const SkuPlan& plan);

}  // namespace echelon::optimize
