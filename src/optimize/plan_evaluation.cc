// SPDX-License-Identifier: Apache-2.0
#include "optimize/plan_evaluation.h"

#include <algorithm>
#include <cmath>

#include "optimize/policy_model.h"
#include "optimize/relaxed_model.h"
#include "optimize/scenarios.h"

namespace echelon::optimize {
namespace {

SkuEvaluation evaluate_sku(const PlanningNetwork& planning, const DemandRates& rates,
                           const SkuPlan& plan, const SkuSolverOptions& options) {
  SkuModel model = build_sku_model(planning, plan.sku, rates.of(plan.sku), plan.tier, options);
  const SkuProblem& problem = model.problem;
  const ScenarioSet& optimization = model.scenarios;
  Prices none = Prices::zero(problem.network_nodes, planning.speed_count());
  // Costs without prices, orders served in the plan's own ranking (set at its prices), as the
  // simulator serves them. Candidates without a level hold no stock, so their rank is moot.
  std::vector<double> ranking(problem.network_nodes, 0.0);
  for (const NodeLevel& entry : plan.levels) ranking[entry.node.value()] = entry.fulfill_charge;
  CostModel costs(problem, none, ranking);
  std::vector<double> level(problem.nodes.size(), 0.0);
  for (const NodeLevel& entry : plan.levels) {
    int candidate = costs.candidate_of(entry.node);
    if (candidate >= 0) level[candidate] = entry.order_up_to;
  }
  // More fresh scenarios than the plan was fitted to: the plan cost's sampling error shrinks,
  // at the price of policy evaluations only (no search).
  int count = scenario_count(plan.tier, options) * std::max(1, options.evaluation_scale);
  ScenarioSet fresh = draw_scenarios(problem, static_cast<std::size_t>(count), options.seed,
                                     Purpose::kEvaluation);
  SkuEvaluation result;
  RelaxedModel relaxed(costs, optimization);
  result.relaxed = relaxed.evaluate(level, {});
  PolicyModel policy(costs, optimization);
  result.policy = policy.evaluate(level);
  PolicyModel out_of_sample(costs, fresh);
  std::vector<double> per_scenario(fresh.scenario_count);
  result.fresh = out_of_sample.evaluate(level, per_scenario);
  double variance = 0.0;
  for (double value : per_scenario) variance += (value - result.fresh) * (value - result.fresh);
  if (per_scenario.size() > 1) {
    variance /= static_cast<double>(per_scenario.size() - 1);
    result.fresh_variance = variance / static_cast<double>(per_scenario.size());
  }
  result.outcome = out_of_sample.outcome(level);
  return result;
}

}  // namespace

PlanEvaluation evaluate_plan(const PlanningNetwork& planning, const DemandRates& rates,
                             const LagrangianResult& result, const SkuSolverOptions& options,
                             RunContext& ctx) {
  LocalExchange local;
  return evaluate_plan(planning, rates, result, options, ctx, local);
}

PlanEvaluation evaluate_plan(const PlanningNetwork& planning, const DemandRates& rates,
                             const LagrangianResult& result, const SkuSolverOptions& options,
                             RunContext& ctx, SkuExchange& exchange,
                             const std::vector<std::optional<SkuEvaluation>>* known) {
  const std::size_t skus = result.skus.size();
  std::vector<SkuEvaluation> evaluations(skus);
  parallel_for(ctx.pool(), 0, skus, 16, [&](std::size_t first, std::size_t last) {
    for (std::size_t index = first; index < last; ++index) {
      if (known != nullptr && (*known)[index]) {
        evaluations[index] = *(*known)[index];
        continue;
      }
      evaluations[index] = evaluate_sku(planning, rates, result.skus[index], options);
    }
  });
  // Sums over SKUs, laid out as: the scalar totals below, then demand, on time and delivered
  // per speed.
  enum Total { kFresh, kRelaxed, kPolicy, kUpstream, kPurchase, kVariance, kCertificate, kHolding, kShipping,
               kInbound, kDowngrade, kLostSale, kTotalCount };
  const std::size_t speeds = planning.speed_count();
  std::vector<ExactSum> sums(kTotalCount + 3 * speeds);
  std::span<ExactSum> demand(sums.data() + kTotalCount, speeds);
  std::span<ExactSum> on_time(demand.data() + speeds, speeds);
  std::span<ExactSum> delivered(on_time.data() + speeds, speeds);
  for (std::size_t index = 0; index < skus; ++index) {
    const SkuPlan& sku = result.skus[index];
    const SkuEvaluation& evaluation = evaluations[index];
    // The FC layer's costs hold the cheapest vendor cost per unit; add the rest of the upstream.
    double upstream = sku.upstream_extra();
    sums[kFresh] += evaluation.fresh + upstream;
    sums[kRelaxed] += evaluation.relaxed + upstream;
    sums[kPolicy] += evaluation.policy + upstream;
    sums[kUpstream] += upstream;
    sums[kPurchase] += sku.purchase;
    sums[kVariance] += evaluation.fresh_variance;
    sums[kCertificate] += sku.relaxed_optimum_priced - sku.lower_bound_priced;
    const Outcome& outcome = evaluation.outcome;
    sums[kHolding] += outcome.holding + sku.dc_holding;
    sums[kShipping] += outcome.shipping;
    sums[kInbound] += outcome.inbound + sku.vendor_inbound;
    sums[kDowngrade] += outcome.downgrade;
    sums[kLostSale] += outcome.lost_sale;
    for (std::size_t speed = 0; speed < speeds; ++speed) {
      demand[speed] += outcome.demand[speed];
      on_time[speed] += outcome.on_time[speed];
      delivered[speed] += outcome.demand[speed] - outcome.lost[speed];
    }
  }
  exchange.sum(sums);

  PlanEvaluation plan;
  plan.lower_bound = result.lower_bound;
  plan.plan_cost = sums[kFresh].value();
  plan.plan_cost_relaxed = sums[kRelaxed].value();
  if (result.coupled_relaxed_cost) plan.plan_cost_relaxed = *result.coupled_relaxed_cost + sums[kUpstream].value();
  plan.plan_cost_policy = sums[kPolicy].value();
  plan.purchase_cost = sums[kPurchase].value();
  const double variance = sums[kVariance].value();
  const double certificate = sums[kCertificate].value();
  plan.holding = sums[kHolding].value();
  plan.shipping = sums[kShipping].value();
  plan.inbound = sums[kInbound].value();
  plan.downgrade = sums[kDowngrade].value();
  plan.lost_sale = sums[kLostSale].value();
  for (std::size_t speed = 0; speed < speeds; ++speed) {
    plan.demand.push_back(demand[speed].value());
    plan.on_time.push_back(on_time[speed].value());
    plan.delivered.push_back(delivered[speed].value());
  }
  plan.skus = std::move(evaluations);
  plan.plan_cost_ci = 1.96 * std::sqrt(variance);
  plan.controllable_cost = plan.plan_cost - plan.purchase_cost;
  double scale = std::max(1e-9, plan.controllable_cost);
  plan.gap = (plan.plan_cost - plan.lower_bound) / scale;
  plan.terms.certificate = certificate / scale;
  plan.terms.lagrangian = (plan.plan_cost_relaxed - plan.lower_bound - certificate) / scale;
  plan.terms.policy = (plan.plan_cost_policy - plan.plan_cost_relaxed) / scale;
  plan.terms.sampling = (plan.plan_cost - plan.plan_cost_policy) / scale;
  return plan;
}

PlanEvaluation average_over_weeks(std::span<const PlanEvaluation> weeks) {
  PlanEvaluation plan;
  if (weeks.empty()) return plan;
  const double count = static_cast<double>(weeks.size());
  const std::size_t speeds = weeks.front().demand.size();
  plan.demand.assign(speeds, 0.0);
  plan.on_time.assign(speeds, 0.0);
  plan.delivered.assign(speeds, 0.0);
  double variance = 0.0;
  GapTerms absolute;  // per day
  for (const PlanEvaluation& week : weeks) {
    for (auto [total, value] : {std::pair{&plan.lower_bound, week.lower_bound}, {&plan.plan_cost, week.plan_cost},
                                {&plan.plan_cost_relaxed, week.plan_cost_relaxed},
                                {&plan.plan_cost_policy, week.plan_cost_policy},
                                {&plan.purchase_cost, week.purchase_cost}, {&plan.holding, week.holding},
                                {&plan.shipping, week.shipping}, {&plan.inbound, week.inbound},
                                {&plan.downgrade, week.downgrade}, {&plan.lost_sale, week.lost_sale}}) {
      *total += value / count;
    }
    for (std::size_t speed = 0; speed < speeds; ++speed) {
      plan.demand[speed] += week.demand[speed] / count;
      plan.on_time[speed] += week.on_time[speed] / count;
      plan.delivered[speed] += week.delivered[speed] / count;
    }
    variance += week.plan_cost_ci * week.plan_cost_ci;
    const double scale = std::max(1e-9, week.controllable_cost) / count;
    absolute.lagrangian += week.terms.lagrangian * scale;
    absolute.policy += week.terms.policy * scale;
    absolute.sampling += week.terms.sampling * scale;
    absolute.certificate += week.terms.certificate * scale;
  }
  plan.plan_cost_ci = std::sqrt(variance) / count;
  plan.controllable_cost = plan.plan_cost - plan.purchase_cost;
  const double scale = std::max(1e-9, plan.controllable_cost);
  plan.gap = (plan.plan_cost - plan.lower_bound) / scale;
  plan.terms = {absolute.lagrangian / scale, absolute.policy / scale, absolute.sampling / scale,
                absolute.certificate / scale};
  return plan;
}

}  // namespace echelon::optimize
