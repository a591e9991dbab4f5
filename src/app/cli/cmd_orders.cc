// SPDX-License-Identifier: Apache-2.0
// `echelon orders DIR --plan PLAN --out OUT`: the orders to place today for a plan (plan.csv of
// `echelon plan`, DESIGN 5a) given the dataset's inventory.csv and inbound.csv: purchase
// orders, DC -> node and rebalancing transfers, and the overstock list (docs/outputs.md).
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "app/cli/command.h"
#include "core/error.h"
#include "io/dataset_reader.h"
#include "io/output_dir.h"
#include "replenish/orders_writer.h"
#include "replenish/plan_csv.h"

namespace echelon::cli {

void register_orders(CLI::App& root, Action& action) {
  struct Args {
    std::string dir;
    std::string plan;
    std::string date;
    replenish::OrderOptions options;
    CommonFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = root.add_subcommand(
      "orders", "purchase orders, transfers and overstock for a plan and the current stock");
  command->add_option("dir", args->dir, "dataset directory (inventory.csv, inbound.csv, sourcing.csv)")
      ->required();
  command->add_option("--plan", args->plan, "plan.csv, or the output directory of `echelon plan`")
      ->required();
  command->add_option("--date", args->date, "order date, YYYY-MM-DD (default: the planning date)");
  command->add_option("--rebalance-weeks", args->options.rebalance_threshold_weeks,
                      "a node gives stock to a sibling only beyond its level plus this many weeks of "
                      "its demand")
      ->check(CLI::Range(0.0, 520.0))
      ->capture_default_str();
  command->add_option("--rebalance-units", args->options.rebalance_threshold_units,
                      "... and at least this many units")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  command->add_option("--overstock-weeks", args->options.overstock_weeks,
                      "list stock above the peak level worth more than this many weeks of demand")
      ->check(CLI::Range(0.0, 520.0))
      ->capture_default_str();
  add_common_flags(*command, args->flags, true);
  add_examples(*command,
               {"echelon orders examples/small --plan out/small --out out/small",
                "echelon orders examples/small --plan out/small/plan.csv --out out/orders --date 2025-01-06 "
                "--overstock-weeks 12 --json"},
               "Writes purchase_orders.csv, transfers.csv and overstock.csv (columns in docs/outputs.md).");
  command->callback([args, &action] {
    action = [args] {
      if (!args->date.empty()) {
        std::optional<Date> date = Date::parse(args->date);
        if (!date) throw InputError::bad_value({"command line"}, "--date", "a date as YYYY-MM-DD", args->date);
        args->options.order_date = *date;
      }
      RunContext ctx(run_options(args->flags));
      network::Dataset dataset = io::read_dataset(args->dir, ctx);
      ctx.report({.phase = "orders", .done = 0, .total = 1, .message = "reading the plan"});
      const double read_seconds = ctx.elapsed_seconds();
      replenish::PlanLevels levels = replenish::read_plan_levels(args->plan, dataset);
      const double plan_seconds = ctx.elapsed_seconds() - read_seconds;
      io::OutputDir out(args->flags.out);
      std::vector<std::string> notes;
      replenish::OrdersSummary result = replenish::write_orders(out, dataset, levels, args->options, &notes);
      out.commit();
      ctx.report({.phase = "orders", .done = 1, .total = 1, .message = ""});
      for (const std::string& note : notes) ctx.log().warn("{}", note);
      ctx.log().info("read the dataset in {:.2f} s, the plan in {:.2f} s; orders computed and written in {:.2f} s",
                     read_seconds, plan_seconds, ctx.elapsed_seconds() - read_seconds - plan_seconds);
      Summary summary;
      summary.data = replenish::to_json(result);
      summary.data["skus_planned"] = levels.skus.size();
      summary.data["plan_weeks"] = levels.weeks;
      summary.text = fmt::format(
          "orders for {}: {} purchase orders ({} lines, {:.0f} units, value {:.2f}) from {} vendors; "
          "{} transfers and {} rebalancing moves ({:.0f} units); {} overstock lines (value {:.2f}) -> {}\n",
          result.order_date.to_string(), result.purchase_orders, result.purchase_lines, result.purchase_units,
          result.purchase_value, result.vendors, result.replenish_transfers, result.rebalance_transfers,
          result.transfer_units, result.overstock_lines, result.overstock_value, args->flags.out);
      return summary;
    };
  });
}

}  // namespace echelon::cli
