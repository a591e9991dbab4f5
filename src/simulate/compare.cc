// SPDX-License-Identifier: Apache-2.0
#include "simulate/compare.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include <fmt/format.h>

#include "simulate/demand_source.h"

namespace echelon::simulate {
namespace {

// Calibration replications use their own stream indices, far from the evaluation's.
constexpr int kCalibrationReplication = 1 << 20;

// rate - target per speed with demand; +1 for speeds without demand. On-time rates count only
// orders some node can serve on time: no stock level can serve the others on time.
std::vector<double> service_margins(const Kpis& kpis, const std::vector<network::Speed>& speeds,
                                    bool on_fill) {
  std::vector<double> margins(speeds.size(), 1.0);
  for (std::size_t speed = 0; speed < speeds.size(); ++speed) {
    const SpeedKpis& measured = kpis.speeds[speed];
    if (measured.demanded <= 0.0 || (!on_fill && measured.reachable <= 0.0)) continue;
    double rate = on_fill ? measured.fill_rate() : measured.reachable_on_time_rate();
    margins[speed] = rate - speeds[speed].target_fill;
  }
  return margins;
}

double worst(const std::vector<double>& margins) {
  return margins.empty() ? 1.0 : *std::min_element(margins.begin(), margins.end());
}

struct Prepared {
  std::unique_ptr<ServingNetwork> serving;
  StockPlan plan;
  PolicyResult result;
};

// Coordinate bisection on log(knob), one speed at a time (slowest first, since faster speeds'
// stock also serves slower ones): each knob is set as lean as keeps its own speed on target, the
// others fixed; `calibration_rounds` passes settle their interaction. A last pass makes every knob
// richer until all targets hold at once.
void calibrate(const network::Dataset& dataset, const Policy& policy, const DemandModel& model,
               const CompareOptions& options, std::uint64_t seed, Prepared& prepared) {
  const std::vector<network::Speed>& speeds = dataset.network.speeds;
  DemandSource sampled = DemandSource::sampled(dataset, model);
  SimulationOptions run_options = options.simulation;
  run_options.days = options.calibration_days;
  run_options.start_from_positions = false;  // calibrate on the steady state
  auto margins_at = [&](const std::vector<double>& knobs) {
    StockPlan plan = policy.plan(dataset, model, *prepared.serving, knobs);
    PolicyRun run{policy.name(), &plan, prepared.serving.get(), policy.rule(), false};
    Kpis kpis = simulate_run(dataset, run, sampled, run_options, kCalibrationReplication, seed);
    return service_margins(kpis, speeds, policy.calibrate_on_fill());
  };
  std::vector<double> knobs(speeds.size(), 1.0);
  std::vector<double> margins = margins_at(knobs);
  const double lean_limit = std::log(options.max_miss_scale);
  const double rich_limit = std::log(options.min_miss_scale);
  for (int round = 0; round < options.calibration_rounds; ++round) {
    for (std::size_t speed = speeds.size(); speed-- > 0;) {
      if (margins[speed] >= 1.0) continue;  // no demand at this speed
      double lean = lean_limit;
      double rich = rich_limit;
      knobs[speed] = std::exp(lean);
      std::vector<double> trial = margins_at(knobs);
      if (trial[speed] >= 0.0) {
        margins = trial;
        continue;
      }
      // Out of reach even at the richest knob (a network whose capacity caps the service): no
      // bisection can do better.
      knobs[speed] = std::exp(rich);
      trial = margins_at(knobs);
      if (trial[speed] < 0.0) {
        margins = trial;
        continue;
      }
      std::vector<double> best = trial;
      for (int step = 0; step < options.calibration_iterations; ++step) {
        double middle = 0.5 * (lean + rich);
        knobs[speed] = std::exp(middle);
        trial = margins_at(knobs);
        if (trial[speed] >= 0.0) {
          rich = middle;
          best = trial;
        } else {
          lean = middle;
        }
      }
      knobs[speed] = std::exp(rich);
      margins = best;
    }
  }
  for (int attempt = 0; attempt < 8 && worst(margins) < 0.0; ++attempt) {
    bool richer = false;
    for (std::size_t speed = 0; speed < speeds.size(); ++speed) {
      if (margins[speed] >= 0.0 || knobs[speed] <= options.min_miss_scale) continue;
      knobs[speed] = std::max(options.min_miss_scale, knobs[speed] * 0.7);
      richer = true;
    }
    if (!richer) break;  // every short speed is at its richest knob already
    margins = margins_at(knobs);
  }
  prepared.result.miss_scale = knobs;
  prepared.result.calibration_margin = margins;
  prepared.result.targets_met_in_calibration = worst(margins) >= 0.0;
}

}  // namespace

Date held_out_start(const network::Dataset& dataset, const SimulationOptions& options) {
  return dataset.demand.last_date + 1 - (options.warmup_days + options.days);
}

Comparison run_comparison(const network::Dataset& dataset,
                          const std::vector<std::unique_ptr<Policy>>& policies,
                          const CompareOptions& options, RunContext& ctx) {
  Comparison comparison;
  const bool forward = options.simulation.start_from_positions;
  comparison.start = forward ? dataset.planning_date() : held_out_start(dataset, options.simulation);
  SimulationOptions simulation = options.simulation;
  simulation.positions_date = comparison.start;
  DemandModel model = estimate_demand_model(dataset, comparison.start, options.training_days);
  std::vector<Prepared> prepared(policies.size());
  ctx.report({"calibrate", 0.0, static_cast<double>(policies.size()), ""});
  // Each policy calibrates serially; policies run side by side.
  parallel_for(ctx.pool(), 0, policies.size(), 1, [&](std::size_t first, std::size_t last) {
    for (std::size_t index = first; index < last; ++index) {
      const Policy& policy = *policies[index];
      Prepared& entry = prepared[index];
      entry.result.name = policy.name();
      std::optional<network::Network> own = policy.serving_network(dataset);
      entry.serving = std::make_unique<ServingNetwork>(own ? *own : dataset.network,
                                                      dataset.config.order_hour_profile);
      if (policy.calibrated()) calibrate(dataset, policy, model, options, ctx.seed(), entry);
      std::vector<double> knobs = entry.result.miss_scale;
      if (knobs.empty()) knobs.assign(dataset.network.speed_count(), 1.0);
      entry.plan = policy.plan(dataset, model, *entry.serving, knobs);
    }
  });
  ctx.log().info("planned and calibrated {} policies in {:.1f} s", policies.size(), ctx.elapsed_seconds());
  const double simulate_start = ctx.elapsed_seconds();
  for (const Prepared& entry : prepared) {
    std::string margins;
    for (double margin : entry.result.calibration_margin) margins += fmt::format(" {:+.2f}", 100.0 * margin);
    std::string knobs;
    for (double knob : entry.result.miss_scale) knobs += fmt::format(" {:.3g}", knob);
    ctx.log().info("{}: knobs per speed{}; calibration service minus target per speed (points):{}{}",
                   entry.result.name, knobs.empty() ? " -" : knobs, margins,
                   entry.result.targets_met_in_calibration ? "" : " (targets not met)");
  }
  // Every (policy, replication) pair is an independent run on the held-out orders.
  // From the current positions the future is sampled from the demand model; otherwise the
  // held-out history is replayed.
  DemandSource evaluation =
      forward ? DemandSource::sampled(dataset, model) : DemandSource::replay(dataset, comparison.start);
  const std::size_t reps = static_cast<std::size_t>(std::max(1, options.simulation.replications));
  std::vector<Kpis> runs(policies.size() * reps);
  ctx.report({"simulate", 0.0, static_cast<double>(runs.size()), ""});
  parallel_for(ctx.pool(), 0, runs.size(), 1, [&](std::size_t first, std::size_t last) {
    for (std::size_t run_idx = first; run_idx < last; ++run_idx) {
      const std::size_t index = run_idx / reps;
      const Policy& policy = *policies[index];
      PolicyRun run{policy.name(), &prepared[index].plan, prepared[index].serving.get(),
                    policy.rule(), policy.unlimited_stock()};
      runs[run_idx] = simulate_run(dataset, run, evaluation, simulation,
                                   static_cast<int>(run_idx % reps), ctx.seed());
    }
  });
  for (std::size_t index = 0; index < policies.size(); ++index) {
    PolicyResult result = std::move(prepared[index].result);
    for (std::size_t rep = 0; rep < reps; ++rep) result.replications.push_back(std::move(runs[index * reps + rep]));
    comparison.policies.push_back(std::move(result));
  }
  ctx.report({"simulate", static_cast<double>(runs.size()), static_cast<double>(runs.size()), ""});
  ctx.log().info("simulated {} runs of {} days x {} SKUs x {} nodes in {:.1f} s", runs.size(),
                 options.simulation.warmup_days + options.simulation.days, dataset.sku_count(),
                 dataset.network.node_count(), ctx.elapsed_seconds() - simulate_start);
  return comparison;
}

ComparisonTable comparison_table(const Comparison& comparison,
                                 const std::vector<network::Speed>& speeds) {
  struct Column {
    std::string name;
    std::function<double(const Kpis&)> value;
    bool cost = false;
  };
  std::vector<Column> columns = {
      {"total_cost", [](const Kpis& k) { return k.cost.total(); }, true},
      {"purchase_cost", [](const Kpis& k) { return k.cost.purchase; }, true},
      {"holding_cost", [](const Kpis& k) { return k.cost.holding; }, true},
      {"inbound_cost", [](const Kpis& k) { return k.cost.inbound; }, true},
      {"outbound_cost", [](const Kpis& k) { return k.cost.outbound; }, true},
      {"downgrade_cost", [](const Kpis& k) { return k.cost.downgrade; }, true},
      {"lost_sale_cost", [](const Kpis& k) { return k.cost.lost_sale; }, true},
      {"avg_stock_value", [](const Kpis& k) { return k.stock_value_mean; }},
      {"lost_units", [](const Kpis& k) { return k.lost_units; }},
      {"in_region_fill", [](const Kpis& k) { return k.in_region_fill(); }},
  };
  for (std::size_t speed = 0; speed < speeds.size(); ++speed) {
    columns.push_back({"on_time_" + speeds[speed].name,
                       [speed](const Kpis& k) { return k.speeds[speed].on_time_rate(); }});
    columns.push_back({"fill_" + speeds[speed].name,
                       [speed](const Kpis& k) { return k.speeds[speed].fill_rate(); }});
  }
  const std::size_t contract = columns.size();
  columns.push_back({"controllable_cost", [](const Kpis& k) { return k.cost.controllable(); }, true});
  columns.push_back({"turns", [](const Kpis& k) { return k.turns(); }});
  columns.push_back({"rebalance_cost", [](const Kpis& k) { return k.rebalance_cost; }, true});
  columns.push_back({"rebalanced_units", [](const Kpis& k) { return k.rebalanced_units; }});
  columns.push_back({"rationed_units", [](const Kpis& k) { return k.rationed_units; }});
  // Unit flows, for conservation checks on the written numbers: over the measured days
  // demanded = on time + downgraded + lost; over the whole run (warm-up included)
  // initial + received = shipped + closing + in transit.
  auto speed_sum = [](double SpeedKpis::*field) {
    return [field](const Kpis& k) {
      double sum = 0.0;
      for (const SpeedKpis& speed : k.speeds) sum += speed.*field;
      return sum;
    };
  };
  columns.push_back({"units_demanded", speed_sum(&SpeedKpis::demanded)});
  columns.push_back({"units_on_time", speed_sum(&SpeedKpis::on_time)});
  columns.push_back({"units_downgraded", speed_sum(&SpeedKpis::downgraded)});
  columns.push_back({"run_initial_units", [](const Kpis& k) { return k.balance.initial_on_hand; }});
  columns.push_back({"run_received_units", [](const Kpis& k) { return k.balance.vendor_received; }});
  columns.push_back({"run_shipped_units", [](const Kpis& k) { return k.balance.shipped; }});
  columns.push_back({"run_closing_units", [](const Kpis& k) { return k.balance.closing_on_hand; }});
  columns.push_back({"run_in_transit_units", [](const Kpis& k) { return k.balance.transfers_in_transit; }});
  // DESIGN 5a order: the contract's columns, their cost half-widths, then the extra columns
  // and their half-widths.
  ComparisonTable table;
  std::vector<std::size_t> order;
  for (std::size_t index = 0; index < contract; ++index) order.push_back(index);
  for (std::size_t index = 0; index < contract; ++index) {
    if (columns[index].cost) order.push_back(index + columns.size());
  }
  for (std::size_t index = contract; index < columns.size(); ++index) order.push_back(index);
  for (std::size_t index = contract; index < columns.size(); ++index) {
    if (columns[index].cost) order.push_back(index + columns.size());
  }
  table.contract_columns = contract;
  for (std::size_t index = 0; index < contract; ++index) table.contract_columns += columns[index].cost ? 1 : 0;
  for (std::size_t slot : order) {
    table.header.push_back(slot < columns.size() ? columns[slot].name : columns[slot - columns.size()].name + "_ci");
  }
  for (const PolicyResult& policy : comparison.policies) {
    table.policies.push_back(policy.name);
    std::vector<Estimate> estimates;
    for (const Column& column : columns) {
      std::vector<double> sample;
      for (const Kpis& kpis : policy.replications) sample.push_back(column.value(kpis));
      estimates.push_back(estimate(sample));
    }
    std::vector<double> row;
    for (std::size_t slot : order) {
      row.push_back(slot < columns.size() ? estimates[slot].mean : estimates[slot - columns.size()].half_width);
    }
    table.values.push_back(std::move(row));
  }
  return table;
}

std::vector<PairedRow> paired_differences(const Comparison& comparison, const std::string& reference) {
  std::vector<PairedRow> rows;
  auto found = std::find_if(comparison.policies.begin(), comparison.policies.end(),
                            [&](const PolicyResult& policy) { return policy.name == reference; });
  if (found == comparison.policies.end()) return rows;
  auto sample = [](const PolicyResult& policy, auto metric) {
    std::vector<double> values;
    for (const Kpis& kpis : policy.replications) values.push_back(metric(kpis));
    return values;
  };
  auto controllable = [](const Kpis& k) { return k.cost.controllable(); };
  auto total = [](const Kpis& k) { return k.cost.total(); };
  auto stock = [](const Kpis& k) { return k.stock_value_mean; };
  for (const PolicyResult& policy : comparison.policies) {
    if (policy.name == reference) continue;
    rows.push_back({policy.name,
                    paired_difference(sample(policy, controllable), sample(*found, controllable)),
                    paired_difference(sample(policy, total), sample(*found, total)),
                    paired_difference(sample(policy, stock), sample(*found, stock))});
  }
  return rows;
}

std::string format_comparison(const ComparisonTable& table, const std::vector<PairedRow>& paired,
                              const std::string& reference) {
  auto column = [&](const std::string& name) {
    auto found = std::find(table.header.begin(), table.header.end(), name);
    return static_cast<std::size_t>(found - table.header.begin());
  };
  std::vector<std::pair<std::string, std::size_t>> shown = {
      {"total", column("total_cost")},         {"controllable", column("controllable_cost")},
      {"holding", column("holding_cost")},     {"outbound", column("outbound_cost")},
      {"downgrade", column("downgrade_cost")}, {"lost_sale", column("lost_sale_cost")},
      {"stock", column("avg_stock_value")},    {"in_region", column("in_region_fill")}};
  for (std::size_t index = 0; index < table.header.size(); ++index) {
    if (table.header[index].rfind("on_time_", 0) == 0) shown.emplace_back(table.header[index], index);
  }
  std::string text = fmt::format("{:<20}", "policy");
  for (const auto& [name, index] : shown) text += fmt::format(" {:>13}", name);
  text += "\n";
  for (std::size_t row = 0; row < table.policies.size(); ++row) {
    text += fmt::format("{:<20}", table.policies[row]);
    for (const auto& [name, index] : shown) {
      double value = table.values[row][index];
      bool rate = name == "in_region" || name.rfind("on_time_", 0) == 0;
      text += rate ? fmt::format(" {:>12.2f}%", 100.0 * value) : fmt::format(" {:>13.1f}", value);
    }
    text += "\n";
  }
  if (!paired.empty()) {
    text += fmt::format("\npaired differences against {} (mean +- 95% half-width):\n", reference);
    for (const PairedRow& row : paired) {
      text += fmt::format("{:<20} controllable cost {:+.1f} +- {:.1f}   stock value {:+.1f} +- {:.1f}\n",
                          row.policy, row.controllable_cost.mean, row.controllable_cost.half_width,
                          row.stock_value.mean, row.stock_value.half_width);
    }
  }
  return text;
}

}  // namespace echelon::simulate
