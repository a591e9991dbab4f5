// SPDX-License-Identifier: Apache-2.0
#include "simulate/planner_policy.h"

#include <algorithm>

#include "core/run_context.h"
#include "optimize/planning_network.h"

namespace echelon::simulate {
namespace {

class EchelonPlannerPolicy : public Policy {
 public:
  explicit EchelonPlannerPolicy(PlannerPolicyOptions options) : options_(std::move(options)) {
    options_.lagrangian.sku.seed = options_.seed;
  }
  [[nodiscard]] std::string name() const override { return "echelon"; }
  [[nodiscard]] StockPlan plan(const network::Dataset& dataset, const DemandModel& demand,
                               const ServingNetwork&,
                               const std::vector<double>& miss_scale) const override {
    network::Dataset inputs = planner_inputs(dataset, miss_scale);
    optimize::PlanningNetwork planning = optimize::build_planning_network(inputs);
    optimize::DemandRates rates = demand_rates(demand);
    // A context of its own: quiet, and its clock starts with this run (the time limit).
    RunContext ctx({.threads = options_.threads, .seed = options_.seed,
                    .log_level = LogLevel::kWarn});
    optimize::LagrangianSolver solver(planning, rates, options_.lagrangian);
    optimize::LagrangianResult result = solver.solve(ctx, nullptr);
    return stock_plan_from(dataset, result.skus);
  }

 private:
  PlannerPolicyOptions options_;
};

}  // namespace

optimize::DemandRates demand_rates(const DemandModel& model) {
  const std::size_t speeds = model.speed_count();
  optimize::DemandRates rates;
  for (SkuIndex sku : all<SkuIndex>(model.sku_count())) {
    for (const CellDemand& cell : model.cells(sku)) {
      if (cell.mean <= 0.0) continue;
      rates.rates.push_back({RegionIndex(cell.cell / speeds), SpeedIndex(cell.cell % speeds),
                             cell.mean, cell.variance});
    }
    rates.sku_offset.push_back(rates.rates.size());
  }
  return rates;
}

StockPlan stock_plan_from(const network::Dataset& dataset,
                          const std::vector<optimize::SkuPlan>& skus) {
  StockPlan plan(dataset, 1);
  for (const optimize::SkuPlan& sku : skus) {
    if (!sku.vendor.valid()) continue;  // no demand: nothing stocked
    plan.set_sourcing(sku.sku, dataset.sourcing_offset[sku.sku.value()] + sku.sourcing_option);
    for (const optimize::NodeLevel& level : sku.levels) {
      plan.set(sku.sku, level.node, 0, level.order_up_to, std::max(0.0, level.safety_stock));
      plan.set_fulfill_charge(sku.sku, level.node, 0, level.fulfill_charge);
    }
  }
  return plan;
}

network::Dataset planner_inputs(const network::Dataset& dataset, const std::vector<double>& miss_scale) {
  network::Dataset inputs = dataset.planner_view();
  std::vector<network::Speed>& speeds = inputs.config.speeds;
  auto knob = [&](std::size_t speed) {
    return speed < miss_scale.size() && miss_scale[speed] > 0.0 ? miss_scale[speed] : 1.0;
  };
  for (std::size_t speed = 0; speed < speeds.size(); ++speed) speeds[speed].downgrade_penalty /= knob(speed);
  // Both the network's speeds and the config's carry the penalties; keep them equal.
  for (std::size_t speed = 0; speed < inputs.network.speeds.size(); ++speed) {
    inputs.network.speeds[speed].downgrade_penalty = speeds[std::min(speed, speeds.size() - 1)].downgrade_penalty;
  }
  if (!speeds.empty()) {
    const double slowest = knob(speeds.size() - 1);
    inputs.config.costs.lost_sale_fraction /= slowest;
    inputs.config.costs.lost_sale_minimum /= slowest;
  }
  return inputs;
}

PlannerPolicyOptions planner_options(const network::Dataset& dataset, std::uint64_t seed, int threads) {
  const network::OptimizerSettings& settings = dataset.config.optimizer;
  PlannerPolicyOptions options;
  // The same options as `echelon plan`, so compare judges the plan that command makes.
  options.lagrangian = optimize::lagrangian_options(settings);
  options.seed = seed;
  options.threads = threads;
  return options;
}

std::unique_ptr<Policy> make_echelon_planner_policy(PlannerPolicyOptions options) {
  return std::make_unique<EchelonPlannerPolicy>(std::move(options));
}

}  // namespace echelon::simulate
