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
#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include "app/cli/command.h"
#include "core/error.h"
#include "replenish/plan_csv.h"
#include "simulate/planner_policy.h"
#include "simulate/policies.h"

namespace echelon::cli {
namespace {

// Reads plan.csv (and serving_charges.csv beside it, when there) into a StockPlan: the plan's
// first week is the first simulated week, whatever its number.
simulate::StockPlan read_plan(const std::filesystem::path& location, const network::Dataset& dataset) {
  const std::vector<replenish::PlanRow> rows = replenish::read_plan_rows(location, dataset);
  const std::vector<replenish::ServingChargeRow> charges = replenish::read_serving_charges(location, dataset);
  std::size_t first_week = rows.empty() ? 0 : rows.front().week;
  std::size_t last_week = first_week;
  for (const replenish::PlanRow& row : rows) {
    first_week = std::min(first_week, row.week);
    last_week = std::max(last_week, row.week);
  }
  simulate::StockPlan plan(dataset, last_week - first_week + 1);
  for (const replenish::PlanRow& row : rows) {
    plan.set(row.sku, row.node, row.week - first_week, row.order_up_to, std::max(0.0, row.safety_stock));
    if (row.sourcing_option != replenish::kNoSourcing) {
      plan.set_sourcing(row.sku, dataset.sourcing_offset[row.sku.value()] + row.sourcing_option);
    }
  }
  for (const replenish::ServingChargeRow& row : charges) {
    plan.set_fulfill_charge(row.sku, row.node, row.week - std::min(row.week, first_week), row.charge);
  }
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
