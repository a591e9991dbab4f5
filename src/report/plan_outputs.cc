// SPDX-License-Identifier: Apache-2.0
#include "report/plan_outputs.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "io/atomic_file.h"
#include "io/csv_writer.h"
#include "network/overrides.h"

namespace echelon::report {
namespace {

constexpr double kDaysPerWeek = 7.0;

using optimize::kResourceCount;
using optimize::Resource;

double price_of(const optimize::Prices& prices, std::size_t resource, std::size_t node) {
  return optimize::price_of(prices, static_cast<Resource>(resource), node);
}

// JSON has no infinity: an unlimited resource is written as null.
nlohmann::json finite_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

// Rows by SKU, then week, then node.
void write_plan_csv(io::OutputDir& out, const network::Dataset& dataset,
                    std::span<const optimize::LagrangianResult> weeks) {
  io::CsvWriter plan(out.path("plan.csv"), {"sku_id", "node_id", "week", "order_up_to",
                                             "safety_stock", "expected_on_hand", "vendor_id"});
  for (std::size_t index = 0; index < weeks.front().skus.size(); ++index) {
    for (std::size_t week = 0; week < weeks.size(); ++week) {
      const optimize::SkuPlan& sku = weeks[week].skus[index];
      const std::string& vendor =
          sku.vendor.valid() ? dataset.network.vendors[sku.vendor].id : std::string();
      for (const optimize::NodeLevel& level : sku.levels) {
        plan.row(dataset.skus[sku.sku].id, dataset.network.nodes[level.node].id, week + 1, level.order_up_to,
                 std::round(level.safety_stock * 1000.0) / 1000.0,
                 std::round(level.expected_on_hand * 1000.0) / 1000.0, vendor);
      }
    }
  }
  plan.commit();
}

// The serving order the plan was priced with (fulfill::fulfill_ranked): per SKU, week and node,
// the charge per unit added to each option's shipping cost. Rows as in plan.csv.
void write_serving_charges_csv(io::OutputDir& out, const network::Dataset& dataset,
                               std::span<const optimize::LagrangianResult> weeks) {
  io::CsvWriter csv(out.path("serving_charges.csv"), {"sku_id", "node_id", "week", "charge_per_unit"});
  for (std::size_t index = 0; index < weeks.front().skus.size(); ++index) {
    for (std::size_t week = 0; week < weeks.size(); ++week) {
      const optimize::SkuPlan& sku = weeks[week].skus[index];
      for (const optimize::NodeLevel& level : sku.levels) {
        csv.row(dataset.skus[sku.sku].id, dataset.network.nodes[level.node].id, week + 1,
                std::round(level.fulfill_charge * 1e6) / 1e6);
      }
    }
  }
  csv.commit();
}

// Rows by node, then resource, then week.
void write_prices_csv(io::OutputDir& out, const network::Dataset& dataset,
                      std::span<const optimize::LagrangianResult> weeks) {
  io::CsvWriter prices(out.path("prices.csv"),
                       {"node_id", "resource", "week", "price", "use", "limit"});
  for (NodeIndex node : all<NodeIndex>(dataset.network.node_count())) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      for (std::size_t week = 0; week < weeks.size(); ++week) {
        const auto& state = weeks[week].capacity;
        prices.row(dataset.network.nodes[node].id,
                   std::string(optimize::to_string(static_cast<Resource>(resource))), week + 1,
                   kDaysPerWeek * price_of(weeks[week].prices, resource, node.value()),
                   state.use[node.value()][resource], state.limit[node.value()][resource]);
      }
    }
  }
  prices.commit();
}

// One row per override in force: whether it changed a decision and its SKU's cost with and
// without its overrides (per week).
void write_overrides_csv(io::OutputDir& out, const network::Dataset& dataset,
                         const optimize::OverrideImpact& impact) {
  io::CsvWriter csv(out.path("overrides_impact.csv"),
                    {"sku_id", "kind", "node_id", "value", "start_date", "end_date", "changed", "level_with",
                     "level_without", "cost_per_week_with", "cost_per_week_without", "cost_impact_per_week",
                     "note"});
  auto date_text = [](const std::optional<Date>& date) { return date ? date->to_string() : std::string(); };
  for (const optimize::OverrideEffect& effect : impact.effects) {
    const network::Override& rule = dataset.overrides[effect.rule];
    const optimize::SkuOverrideCost& cost = impact.cost_of(rule.sku);
    csv.row(dataset.skus[rule.sku].id, std::string(network::to_string(rule.kind)),
            rule.node.valid() ? dataset.network.nodes[rule.node].id : std::string(), rule.value,
            date_text(rule.start_date), date_text(rule.end_date), effect.changed ? "true" : "false",
            effect.level_with, effect.level_without, kDaysPerWeek * cost.cost_with,
            kDaysPerWeek * cost.cost_without, kDaysPerWeek * cost.impact(), rule.note);
  }
  csv.commit();
}

}  // namespace

void write_plan_outputs(io::OutputDir& out, const optimize::PlanningNetwork& planning,
                        std::span<const optimize::LagrangianResult> weeks,
                        std::span<const optimize::PlanEvaluation> evaluations, const RunInfo& info) {
  const network::Dataset& dataset = *planning.dataset;
  write_plan_csv(out, dataset, weeks);
  write_serving_charges_csv(out, dataset, weeks);
  write_prices_csv(out, dataset, weeks);
  const optimize::LagrangianResult& result = weeks.front();
  const optimize::PlanEvaluation evaluation =
      weeks.size() == 1 ? evaluations.front() : optimize::average_over_weeks(evaluations);
  SolveStatus status = result.status;
  int iteration_count = 0;
  std::vector<std::string> notes;
  for (std::size_t week = 0; week < weeks.size(); ++week) {
    status = worse(status, weeks[week].status);
    iteration_count += weeks[week].iterations;
    for (const std::string& note : weeks[week].notes) {
      notes.push_back(weeks.size() == 1 ? note : fmt::format("week {}: {}", week + 1, note));
    }
  }

  nlohmann::json summary;
  summary["status"] = std::string(to_string(status));
  summary["method"] = info.method;
  summary["cost_period"] = "week";
  summary["lower_bound"] = kDaysPerWeek * evaluation.lower_bound;
  summary["plan_cost"] = kDaysPerWeek * evaluation.plan_cost;
  summary["plan_cost_ci"] = kDaysPerWeek * evaluation.plan_cost_ci;
  summary["plan_cost_relaxed"] = kDaysPerWeek * evaluation.plan_cost_relaxed;
  summary["plan_cost_policy"] = kDaysPerWeek * evaluation.plan_cost_policy;
  summary["controllable_cost"] = kDaysPerWeek * evaluation.controllable_cost;
  summary["gap"] = evaluation.gap;
  summary["gap_terms"] = {{"lagrangian", evaluation.terms.lagrangian},
                          {"policy", evaluation.terms.policy},
                          {"sampling", evaluation.terms.sampling},
                          {"certificate", evaluation.terms.certificate}};
  summary["iterations"] = iteration_count;
  summary["horizon_weeks"] = weeks.size();
  if (weeks.size() > 1) {
    nlohmann::json by_week = nlohmann::json::array();
    for (std::size_t week = 0; week < weeks.size(); ++week) {
      const optimize::PlanEvaluation& own = evaluations[week];
      by_week.push_back({{"week", week + 1},
                         {"status", std::string(to_string(weeks[week].status))},
                         {"iterations", weeks[week].iterations},
                         {"lower_bound", kDaysPerWeek * own.lower_bound},
                         {"plan_cost", kDaysPerWeek * own.plan_cost},
                         {"controllable_cost", kDaysPerWeek * own.controllable_cost},
                         {"gap", own.gap}});
    }
    summary["weeks"] = by_week;
  }
  summary["wall_seconds"] = info.wall_seconds;
  summary["threads"] = info.threads;
  summary["ranks"] = info.ranks;
  nlohmann::json rank_stats = nlohmann::json::array();
  for (const RankStats& rank : info.rank_stats) {
    rank_stats.push_back({{"exchange_seconds", rank.exchange_seconds},
                          {"exchange_calls", rank.exchange_calls},
                          {"wall_seconds", rank.wall_seconds},
                          {"cpu_seconds", rank.cpu_seconds},
                          {"peak_mib", rank.peak_mib}});
  }
  summary["rank_stats"] = rank_stats;
  summary["skus"] = dataset.sku_count();
  summary["nodes"] = dataset.network.node_count();
  summary["seed"] = info.seed;
  summary["planning_date"] = dataset.planning_date().to_string();
  summary["cost"] = {{"purchase", kDaysPerWeek * evaluation.purchase_cost},
                     {"holding", kDaysPerWeek * evaluation.holding},
                     {"shipping", kDaysPerWeek * evaluation.shipping},
                     {"inbound", kDaysPerWeek * evaluation.inbound},
                     {"downgrade", kDaysPerWeek * evaluation.downgrade},
                     {"lost_sale", kDaysPerWeek * evaluation.lost_sale}};
  nlohmann::json service = nlohmann::json::object();
  for (std::size_t speed = 0; speed < planning.speed_count(); ++speed) {
    double demand = evaluation.demand[speed];
    service[dataset.config.speeds[speed].name] = {
        {"target", dataset.config.speeds[speed].target_fill},
        {"fill", demand > 0.0 ? evaluation.delivered[speed] / demand : 1.0},
        {"on_time", demand > 0.0 ? evaluation.on_time[speed] / demand : 1.0},
        {"demand_per_week", kDaysPerWeek * demand},
        {"price", kDaysPerWeek * result.prices.service[speed]}};
  }
  summary["service"] = service;
  nlohmann::json capacity = nlohmann::json::object();
  for (NodeIndex node : all<NodeIndex>(dataset.network.node_count())) {
    nlohmann::json resources = nlohmann::json::object();
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      resources[std::string(optimize::to_string(static_cast<Resource>(resource)))] = {
          {"limit", finite_or_null(result.capacity.limit[node.value()][resource])},
          {"use", result.capacity.use[node.value()][resource]},
          {"price", kDaysPerWeek * price_of(result.prices, resource, node.value())}};
    }
    capacity[dataset.network.nodes[node].id] = resources;
  }
  summary["capacity"] = capacity;
  summary["notes"] = notes;
  if (info.overrides != nullptr) {
    write_overrides_csv(out, dataset, *info.overrides);
    summary["overrides"] = {{"count", info.overrides->effects.size()},
                            {"changed", info.overrides->changed},
                            {"skus", info.overrides->skus.size()},
                            {"cost_impact_per_week", kDaysPerWeek * info.overrides->cost_impact_per_day}};
  }
  nlohmann::json iterations = nlohmann::json::array();
  for (std::size_t week = 0; week < weeks.size(); ++week) {
    for (const auto& entry : weeks[week].log) {
      iterations.push_back({{"week", week + 1},
                          {"iteration", entry.iteration},
                          {"sampled", entry.sampled},
                          {"lower_bound", kDaysPerWeek * entry.lower_bound},
                          {"plan_cost", kDaysPerWeek * entry.plan_cost},
                          {"overuse", entry.violation}});
    }
  }
  summary["iteration_log"] = iterations;
  io::write_file_atomic(out.path("summary.json"), summary.dump(2) + "\n");

  io::CsvWriter kpis(out.path("kpis.csv"), {"kpi", "speed", "value", "unit"});
  kpis.row("plan_cost", "", kDaysPerWeek * evaluation.plan_cost, "per week");
  kpis.row("lower_bound", "", kDaysPerWeek * evaluation.lower_bound, "per week");
  kpis.row("controllable_cost", "", kDaysPerWeek * evaluation.controllable_cost, "per week");
  kpis.row("gap", "", evaluation.gap, "fraction");
  kpis.row("purchase_cost", "", kDaysPerWeek * evaluation.purchase_cost, "per week");
  kpis.row("holding_cost", "", kDaysPerWeek * evaluation.holding, "per week");
  kpis.row("shipping_cost", "", kDaysPerWeek * evaluation.shipping, "per week");
  kpis.row("inbound_cost", "", kDaysPerWeek * evaluation.inbound, "per week");
  kpis.row("downgrade_cost", "", kDaysPerWeek * evaluation.downgrade, "per week");
  kpis.row("lost_sale_cost", "", kDaysPerWeek * evaluation.lost_sale, "per week");
  for (std::size_t speed = 0; speed < planning.speed_count(); ++speed) {
    double demand = evaluation.demand[speed];
    const std::string& name = dataset.config.speeds[speed].name;
    kpis.row("fill", name, demand > 0.0 ? evaluation.delivered[speed] / demand : 1.0, "fraction");
    kpis.row("on_time", name, demand > 0.0 ? evaluation.on_time[speed] / demand : 1.0, "fraction");
    kpis.row("target", name, dataset.config.speeds[speed].target_fill, "fraction");
  }
  kpis.commit();
}

}  // namespace echelon::report
