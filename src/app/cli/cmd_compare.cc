// SPDX-License-Identifier: Apache-2.0
// `echelon compare DIR`: plans with every policy (echelon, single-echelon and national baselines,
// perfect-information floor), simulates them all on the same held-out demand and prints the
// comparison; writes comparison.csv (exactly the DESIGN 5a columns), comparison_extra.csv
// (controllable cost, turns, rebalancing, rationing), comparison_paired.csv and capacity.csv.
// Also the runner behind `echelon simulate`, which compares a single policy.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/cli/command.h"
#include "core/error.h"
#include "io/atomic_file.h"
#include "io/csv_writer.h"
#include "io/dataset_reader.h"
#include "simulate/compare.h"
#include "simulate/planner_policy.h"

namespace echelon::cli {
namespace {

// The header depends on the speeds, so the table is formatted here and written atomically:
// columns [first, last) of `table`.
void write_table(const std::filesystem::path& path, const simulate::ComparisonTable& table,
                 std::size_t first, std::size_t last) {
  std::string content = "policy";
  for (std::size_t column = first; column < last; ++column) content += "," + table.header[column];
  content += "\n";
  for (std::size_t row = 0; row < table.policies.size(); ++row) {
    content += table.policies[row];
    for (std::size_t column = first; column < last; ++column) {
      double value = table.values[row][column];
      content += std::isfinite(value) ? fmt::format(",{}", value) : std::string(",");
    }
    content += "\n";
  }
  io::write_file_atomic(path, content);
}

void write_paired(const std::filesystem::path& path, const std::vector<simulate::PairedRow>& rows,
                  const std::string& reference) {
  io::CsvWriter writer(path, {"policy", "reference", "controllable_cost_diff", "controllable_cost_diff_ci",
                              "total_cost_diff", "total_cost_diff_ci", "avg_stock_value_diff",
                              "avg_stock_value_diff_ci"});
  for (const simulate::PairedRow& row : rows) {
    writer.row(row.policy, reference, row.controllable_cost.mean, row.controllable_cost.half_width,
               row.total_cost.mean, row.total_cost.half_width, row.stock_value.mean,
               row.stock_value.half_width);
  }
  writer.commit();
}

double replication_count(const simulate::PolicyResult& policy) {
  return static_cast<double>(std::max<std::size_t>(1, policy.replications.size()));
}

// One node's KPIs of a policy, averaged over its replications (the peak is the largest); the day
// counts (overflow, outbound full) stay summed, to be divided by replication_count.
simulate::NodeKpis mean_over_replications(const simulate::PolicyResult& policy, NodeIndex node) {
  const double reps = replication_count(policy);
  simulate::NodeKpis mean;
  for (const simulate::Kpis& kpis : policy.replications) {
    const simulate::NodeKpis& stats = kpis.nodes[node.value()];
    mean.storage_mean_m3 += stats.storage_mean_m3 / reps;
    mean.storage_peak_m3 = std::max(mean.storage_peak_m3, stats.storage_peak_m3);
    mean.overflow_m3_days += stats.overflow_m3_days / reps;
    mean.overflow_days += stats.overflow_days;
    mean.inbound_units += stats.inbound_units / reps;
    mean.inbound_backlog_unit_days += stats.inbound_backlog_unit_days / reps;
    mean.outbound_units += stats.outbound_units / reps;
    mean.outbound_denied_units += stats.outbound_denied_units / reps;
    mean.outbound_full_days += stats.outbound_full_days;
    mean.stock_value_mean += stats.stock_value_mean / reps;
  }
  return mean;
}

// Capacity use per policy and node, averaged over replications.
void write_capacity(const std::filesystem::path& path, const simulate::Comparison& comparison,
                    const network::Network& net) {
  io::CsvWriter writer(path, {"policy", "node_id", "storage_limit_m3", "storage_mean_m3", "storage_peak_m3",
                              "overflow_m3_days", "overflow_days", "inbound_limit", "inbound_units",
                              "inbound_backlog_unit_days", "outbound_limit", "outbound_units",
                              "outbound_denied_units", "outbound_full_days", "stock_value_mean"});
  auto limit = [](double value) { return std::isfinite(value) ? fmt::format("{}", value) : std::string(); };
  for (const simulate::PolicyResult& policy : comparison.policies) {
    const double reps = replication_count(policy);
    for (NodeIndex node : all<NodeIndex>(net.node_count())) {
      const simulate::NodeKpis mean = mean_over_replications(policy, node);
      const network::Node& spec = net.nodes[node];
      writer.row(policy.name, spec.id, limit(spec.storage_m3), mean.storage_mean_m3, mean.storage_peak_m3,
                 mean.overflow_m3_days, mean.overflow_days / reps, limit(spec.inbound_units_per_day),
                 mean.inbound_units, mean.inbound_backlog_unit_days, limit(spec.outbound_units_per_day),
                 mean.outbound_units, mean.outbound_denied_units, mean.outbound_full_days / reps,
                 mean.stock_value_mean);
    }
  }
  writer.commit();
}

// A policy that stores more than a node holds, or is refused throughput, looks cheaper than it
// is: the table prices neither. Says which policies did, and by how much (capacity.csv has all).
void warn_over_capacity(RunContext& ctx, const simulate::Comparison& comparison, const network::Network& net) {
  for (const simulate::PolicyResult& policy : comparison.policies) {
    std::size_t overflowing = 0;
    double worst_ratio = 0.0;
    double denied = 0.0;
    double backlog = 0.0;
    for (NodeIndex node : all<NodeIndex>(net.node_count())) {
      const simulate::NodeKpis mean = mean_over_replications(policy, node);
      denied += mean.outbound_denied_units;
      backlog += mean.inbound_backlog_unit_days;
      const double limit = net.nodes[node].storage_m3;
      if (mean.overflow_days <= 0 || !std::isfinite(limit) || limit <= 0.0) continue;
      ++overflowing;
      worst_ratio = std::max(worst_ratio, mean.storage_mean_m3 / limit);
    }
    if (overflowing > 0) {
      ctx.log().warn("{}: stored above the storage limit at {} of {} nodes (mean stock up to {:.1f}x a limit); "
                     "the table does not price the space it lacks (capacity.csv)",
                     policy.name, overflowing, net.node_count(), worst_ratio);
    }
    if (denied > 0.0 || backlog > 0.0) {
      ctx.log().warn("{}: throughput limits refused {:.0f} outbound units and held back {:.0f} inbound unit-days "
                     "(capacity.csv)", policy.name, denied, backlog);
    }
  }
}

}  // namespace

void add_simulation_flags(CLI::App& command, SimulationFlags& flags) {
  command.add_option("dir", flags.dir, "dataset directory")->required()->check(CLI::ExistingDirectory);
  command.add_option("--days", flags.days, "measured days (default: simulation.days of echelon.yaml)")
      ->check(CLI::Range(1, 3650));
  command.add_option("--replications", flags.replications,
                     "replications (default: simulation.replications)")
      ->check(CLI::Range(1, 10000));
  command.add_option("--warmup", flags.warmup_days, "warm-up days (default: simulation.warmup_days)")
      ->check(CLI::Range(0, 3650));
  command.add_option("--training-days", flags.training_days,
                     "history days before the held-out period that the policies plan from")
      ->check(CLI::Range(7, 3650))
      ->capture_default_str();
  command.add_option("--calibration-days", flags.calibration_days,
                     "sampled days per calibration run of a baseline")
      ->check(CLI::Range(7, 3650))
      ->capture_default_str();
  command.add_option("--plan", flags.plan, "plan.csv, or the output directory of `echelon plan`");
  command.add_option("--rule", flags.rule, "fulfillment rule of the --plan: greedy or opportunity")
      ->check(CLI::IsMember({"greedy", "opportunity"}))
      ->capture_default_str();
  command.add_option("--start", flags.start,
                     "levels: replay the held-out history, every node starting at its level after a "
                     "warm-up; positions: start from inventory.csv and inbound.csv at the planning "
                     "date and sample the days after it from the demand model (no warm-up unless --warmup)")
      ->check(CLI::IsMember({"levels", "positions"}))
      ->capture_default_str();
  command.add_option("--rebalance", flags.rebalance,
                     "fc->fc rebalancing: a short node pulls from siblings holding more than their "
                     "level plus this fraction of it (default: off)")
      ->check(CLI::Range(0.0, 100.0));
  add_common_flags(command, flags.common, false);
  command.add_option("--out,-o", flags.common.out, "output directory (default: current directory)");
}

int run_policies(const SimulationFlags& flags, const PolicyFactory& make_policies,
                 const std::string& table_file) {
  RunContext ctx(run_options(flags.common));
  network::Dataset dataset = io::read_dataset(flags.dir, ctx);
  simulate::CompareOptions options;
  const network::SimulationSettings& settings = dataset.config.simulation;
  options.simulation.days = flags.days > 0 ? flags.days : settings.days;
  options.simulation.replications = flags.replications > 0 ? flags.replications : settings.replications;
  const bool forward = flags.start == "positions";
  options.simulation.warmup_days =
      flags.warmup_days >= 0 ? flags.warmup_days : (forward ? 0 : settings.warmup_days);
  options.simulation.start_from_positions = forward;
  options.simulation.rebalance_threshold = flags.rebalance;
  options.training_days = flags.training_days;
  options.calibration_days = flags.calibration_days;
  const int history_days = dataset.demand.last_date - dataset.demand.first_date + 1;
  // Held out: warm-up + measured days at the end of the history, and a week to train on.
  const int held_out = forward ? 0 : options.simulation.days + options.simulation.warmup_days;
  if (dataset.demand.rows() == 0 || history_days < held_out + 7) {
    throw InputError({flags.dir + "/demand.csv", 0, 0},
                     fmt::format("the history ({} days) is too short to hold out {} warm-up and {} "
                                 "simulated days and still train on a week",
                                 history_days, options.simulation.warmup_days, options.simulation.days));
  }
  options.training_days = std::min(options.training_days, history_days - held_out);
  std::vector<std::unique_ptr<simulate::Policy>> policies = make_policies(dataset);
  simulate::Comparison comparison = simulate::run_comparison(dataset, policies, options, ctx);
  simulate::ComparisonTable table = simulate::comparison_table(comparison, dataset.network.speeds);
  auto paired = simulate::paired_differences(comparison, options.reference);
  std::string text = simulate::format_comparison(table, paired, options.reference);
  std::string period =
      forward ? fmt::format("from the positions of {}, demand sampled for {} warm-up + {} measured days",
                            comparison.start.to_string(), options.simulation.warmup_days,
                            options.simulation.days)
              : fmt::format("held-out demand {} .. {} ({} warm-up + {} measured days)",
                            comparison.start.to_string(), dataset.demand.last_date.to_string(),
                            options.simulation.warmup_days, options.simulation.days);
  std::fputs(fmt::format("{}, {} replications\n", period, options.simulation.replications).c_str(), stdout);
  std::fputs(text.c_str(), stdout);
  std::filesystem::path out = flags.common.out.empty() ? std::filesystem::path(".") : std::filesystem::path(flags.common.out);
  std::filesystem::create_directories(out);
  write_table(out / table_file, table, 0, table.contract_columns);
  write_table(out / (std::filesystem::path(table_file).stem().string() + "_extra.csv"), table,
              table.contract_columns, table.header.size());
  if (!paired.empty()) write_paired(out / (std::filesystem::path(table_file).stem().string() + "_paired.csv"), paired, options.reference);
  write_capacity(out / "capacity.csv", comparison, dataset.network);
  warn_over_capacity(ctx, comparison, dataset.network);
  ctx.log().info("wrote {} in {:.1f} s", (out / table_file).string(), ctx.elapsed_seconds());
  return kExitOk;
}

void register_compare(CLI::App& root, Action& action) {
  auto flags = std::make_shared<SimulationFlags>();
  CLI::App* command = root.add_subcommand(
      "compare", "simulate the echelon plan and the baselines on the same held-out demand");
  add_simulation_flags(*command, *flags);
  command->footer(
      "Policies: echelon (the --plan, else the network planner run on the training window and\n"
      "calibrated like the baselines), single_echelon, national, perfect_information (the cost\n"
      "floor). A --plan must come from data that ends before the held-out days, or it has seen\n"
      "the demand it is judged on.\n"
      "Example:\n  echelon compare examples/m5 --plan out/ --days 56 --replications 10 --out /tmp/m5");
  command->callback([flags, &action] {
    action = [flags] {
      return run_policies(*flags, [flags](const network::Dataset& dataset) {
        std::vector<std::unique_ptr<simulate::Policy>> policies;
        if (flags->plan.empty()) {
          policies.push_back(simulate::make_echelon_planner_policy(
              simulate::planner_options(dataset, flags->common.seed, flags->common.threads)));
        } else {
          policies.push_back(plan_policy(*flags, "echelon", dataset));
        }
        policies.push_back(simulate::make_single_echelon_policy());
        policies.push_back(simulate::make_national_policy());
        policies.push_back(simulate::make_perfect_information_policy());
        return policies;
      }, "comparison.csv");
    };
  });
}

}  // namespace echelon::cli
