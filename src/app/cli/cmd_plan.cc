// SPDX-License-Identifier: Apache-2.0
// `echelon plan DIR --out OUT`: validate, estimate demand, optimize, write the plan's outputs.
#include <fmt/format.h>

#include <memory>

#include "app/cli/command.h"
#include "io/dataset_reader.h"
#include "io/output_dir.h"
#include "optimize/exact_model.h"
#include "optimize/lagrangian.h"
#include "optimize/plan_evaluation.h"
#include "replenish/optimizer_levels.h"
#include "replenish/orders_writer.h"
#include "report/html_report.h"
#include "report/plan_outputs.h"

namespace echelon::cli {

void register_plan(CLI::App& root, Action& action) {
  struct Args {
    std::string dir;
    CommonFlags flags;
    int max_iterations = -1;
    double gap = -1.0;
    double time_limit = -1.0;
    int history_days = 56;
    std::string method = "decomposition";
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = root.add_subcommand(
      "plan", "plan inventory for the whole network: levels per SKU x node, prices, bound, gap");
  command->add_option("dir", args->dir, "dataset directory")->required();
  add_common_flags(*command, args->flags, true);
  command->add_option("--max-iterations", args->max_iterations,
                      "Lagrangian iterations (default: optimizer.max_iterations)")
      ->check(CLI::Range(1, 100000));
  command->add_option("--gap", args->gap, "stop at this relative gap (default: optimizer.gap_target)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--time-limit", args->time_limit,
                      "seconds (default: optimizer.time_limit_seconds)")
      ->check(CLI::Range(0.0, 1e7));
  command->add_option("--history-days", args->history_days,
                      "days of recent history behind the demand rates")
      ->check(CLI::Range(7, 3650))
      ->capture_default_str();
  command->add_option("--method", args->method,
                      "decomposition (Lagrangian, any size) or exact (one MIP, small instances)")
      ->check(CLI::IsMember({"decomposition", "exact"}))
      ->capture_default_str();
  command->footer(
      "Examples:\n  echelon plan examples/small --out out/small --threads 2\n"
      "  echelon plan tiny --out out/tiny-exact --method exact");
  command->callback([args, &action] {
    action = [args] {
      RunContext ctx(run_options(args->flags));
      network::Dataset dataset = io::read_dataset(args->dir, ctx);
      const auto& settings = dataset.config.optimizer;
      optimize::LagrangianOptions options;
      options.max_iterations = args->max_iterations > 0 ? args->max_iterations : settings.max_iterations;
      options.gap_target = args->gap >= 0.0 ? args->gap : settings.gap_target;
      options.time_limit_seconds =
          args->time_limit >= 0.0 ? args->time_limit : settings.time_limit_seconds;
      options.sku.seed = ctx.seed();
      options.sku.fast_units_per_day = settings.fast_units_per_day;
      options.sku.slow_units_per_day = settings.slow_units_per_day;

      optimize::PlanningNetwork planning = optimize::build_planning_network(dataset);
      optimize::DemandRates rates =
          optimize::rates_from_history(dataset, dataset.planning_date(), args->history_days);
      optimize::LagrangianResult result;
      if (args->method == "exact") {
        optimize::ExactOptions exact;
        exact.time_limit_seconds = options.time_limit_seconds;
        result = optimize::solve_exact(planning, rates, options.sku, exact, ctx);
      } else {
        optimize::LagrangianSolver solver(planning, rates, options);
        result = solver.solve(ctx, nullptr);
      }
      ctx.report({.phase = "evaluate", .done = 0, .total = 1, .message = "fresh scenarios"});
      optimize::PlanEvaluation evaluation =
          optimize::evaluate_plan(planning, rates, result, options.sku, ctx);

      io::OutputDir out(args->flags.out);
      report::RunInfo info;
      info.wall_seconds = ctx.elapsed_seconds();
      info.threads = ctx.threads();
      info.seed = ctx.seed();
      info.method = args->method;
      report::write_plan_outputs(out, planning, result, evaluation, info);
      std::vector<std::string> notes;
      replenish::write_orders(out, dataset, replenish::levels_from_result(result), {}, &notes);
      for (const std::string& note : notes) ctx.log().warn("{}", note);
      out.commit();
      if (dataset.config.output.write_report) {
        report::ReportOptions report_options;
        report_options.top_skus = dataset.config.output.top_skus_in_report;
        report::write_report({.out_dir = args->flags.out}, &dataset, report_options);
      }
      ctx.log().info(
          "{}: {} after {} iterations; plan {:.2f}/week (controllable {:.2f}), bound {:.2f}, "
          "gap {:.2f}% in {:.1f} s; outputs in {}",
          args->dir, to_string(result.status), result.iterations, 7.0 * evaluation.plan_cost,
          7.0 * evaluation.controllable_cost, 7.0 * evaluation.lower_bound, 100.0 * evaluation.gap,
          ctx.elapsed_seconds(), args->flags.out);
      return kExitOk;
    };
  });
}

}  // namespace echelon::cli
