// SPDX-License-Identifier: Apache-2.0
// `echelon simulate DIR --plan OUT`: simulates one plan (plan.csv of `echelon plan`, DESIGN 5a)
// on the held-out demand of DIR, the plan's first week on the first simulated week (warm-up
// included), its last week repeated after that; without --plan, one of the built-in policies
// (echelon: the network planner, calibrated to the speed targets). Prints the KPIs and writes
// simulation.csv (the columns of comparison.csv), simulation_extra.csv and capacity.csv.
// --start levels (default) replays the held-out history with every node starting at its level
// after a warm-up: the fair footing for judging policies. --start positions starts from the
// dataset's inventory.csv and inbound.csv at the planning date and samples the days after it:
// what the plan does from where the network stands today.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <memory>

#include "app/cli/command.h"
#include "core/error.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"
#include "simulate/planner_policy.h"
#include "simulate/policies.h"

namespace echelon::cli {
namespace {

// Reads plan.csv into a StockPlan; every problem is reported at once.
simulate::StockPlan read_plan(const std::filesystem::path& location, const network::Dataset& dataset) {
  std::filesystem::path path = location;
  if (std::filesystem::is_directory(path)) path /= "plan.csv";
  if (!std::filesystem::exists(path)) {
    throw InputError::missing_file({path.string(), 0, 0}, "the plan to simulate (plan.csv) is missing");
  }
  static constexpr io::ColumnSpec kColumns[] = {
      {"sku_id"}, {"node_id"}, {"week"}, {"order_up_to"}, {"safety_stock"}, {"expected_on_hand"}, {"vendor_id"}};
  InputErrorList errors;
  struct Row {
    SkuIndex sku;
    NodeIndex node;
    std::size_t week;
    double level;
    double safety;
  };
  std::vector<Row> rows;
  std::map<std::size_t, std::size_t> vendor_option;  // sku -> sourcing index
  std::size_t weeks = 1;
  io::TableReader table(io::CsvReader::open(path, path.filename().string()), kColumns, errors);
  constexpr io::NumberRule kWeek{.min = 0, .max = 5200, .integer = true, .expected = "a week number >= 0"};
  while (table.valid() && table.next()) {
    auto sku = dataset.sku_ids.find(table.text(0));
    if (!sku) errors.add(InputError::unknown_reference(table.location(0), "column 'sku_id'", "SKU", table.text(0)));
    auto node = dataset.network.node_ids.find(table.text(1));
    if (!node) errors.add(InputError::unknown_reference(table.location(1), "column 'node_id'", "node", table.text(1)));
    auto week = table.number(2, kWeek);
    auto level = table.number(3, io::kNonNegative);
    auto safety = table.number(4, io::kNonNegative);
    auto vendor = dataset.network.vendor_ids.find(table.text(6));
    if (!vendor) errors.add(InputError::unknown_reference(table.location(6), "column 'vendor_id'", "vendor", table.text(6)));
    if (!sku || !node || !week || !level || !safety || !vendor) continue;
    std::optional<std::size_t> option;
    for (std::size_t index = dataset.sourcing_offset[sku->value()]; index < dataset.sourcing_offset[sku->value() + 1]; ++index) {
      if (dataset.sourcing[index].vendor == *vendor) option = index;
    }
    if (!option) {
      table.error(6, fmt::format("a vendor with a sourcing option for SKU {}", table.text(0)), table.text(6));
      continue;
    }
    vendor_option[sku->value()] = *option;
    weeks = std::max(weeks, static_cast<std::size_t>(*week) + 1);
    rows.push_back({*sku, *node, static_cast<std::size_t>(*week), *level, *safety});
  }
  errors.throw_if_any();
  // The plan's first week covers the first simulated days, whatever its number.
  std::size_t first_week = weeks;
  for (const Row& row : rows) first_week = std::min(first_week, row.week);
  if (rows.empty()) first_week = 0;
  simulate::StockPlan plan(dataset, weeks - first_week);
  for (const Row& row : rows) plan.set(row.sku, row.node, row.week - first_week, row.level, row.safety);
  for (const auto& [sku, option] : vendor_option) plan.set_sourcing(SkuIndex(sku), option);
  return plan;
}

}  // namespace

std::unique_ptr<simulate::Policy> plan_policy(const SimulationFlags& flags, const std::string& name,
                                              const network::Dataset& dataset) {
  auto rule = flags.rule == "opportunity" ? simulate::FulfillmentRule::kOpportunityCost
                                          : simulate::FulfillmentRule::kGreedy;
  return simulate::make_fixed_plan_policy(name, read_plan(flags.plan, dataset), rule);
}

void register_simulate(CLI::App& root, Action& action) {
  struct Args {
    SimulationFlags flags;
    std::string policy = "echelon";
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = root.add_subcommand("simulate", "simulate a plan on held-out demand");
  add_simulation_flags(*command, args->flags);
  command->add_option("--policy", args->policy, "built-in policy when no --plan is given")
      ->check(CLI::IsMember({"echelon", "echelon_heuristic", "single_echelon", "national",
                             "perfect_information"}))
      ->capture_default_str();
  command->footer("Example:\n  echelon simulate examples/m5 --plan out/ --days 56 --replications 10");
  command->callback([args, &action] {
    action = [args] {
      return run_policies(args->flags, [args](const network::Dataset& dataset) {
        std::vector<std::unique_ptr<simulate::Policy>> policies;
        if (!args->flags.plan.empty()) {
          policies.push_back(plan_policy(args->flags, "plan", dataset));
        } else if (args->policy == "single_echelon") {
          policies.push_back(simulate::make_single_echelon_policy());
        } else if (args->policy == "national") {
          policies.push_back(simulate::make_national_policy());
        } else if (args->policy == "perfect_information") {
          policies.push_back(simulate::make_perfect_information_policy());
        } else if (args->policy == "echelon_heuristic") {
          policies.push_back(simulate::make_echelon_heuristic_policy());
        } else {
          policies.push_back(simulate::make_echelon_planner_policy(
              simulate::planner_options(dataset, args->flags.common.seed, args->flags.common.threads)));
        }
        return policies;
      }, "simulation.csv");
    };
  });
}

}  // namespace echelon::cli
