// SPDX-License-Identifier: Apache-2.0
// `echelon generate`: writes a synthetic dataset directory.
#include <fmt/format.h>

#include <memory>

#include "app/cli/command.h"
#include "core/error.h"
#include "io/generate/generator.h"

namespace echelon::cli {

void register_generate(CLI::App& root, Action& action) {
  struct Args {
    io::GenerateOptions options;
    std::string start;
    CommonFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = root.add_subcommand("generate", "write a realistic synthetic dataset");
  command->add_option("--skus", args->options.skus, "number of SKUs")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}))
      ->capture_default_str();
  command->add_option("--nodes", args->options.nodes, "stocking nodes (DCs, FCs, same-day sites)")
      ->check(CLI::Range(std::size_t{3}, std::size_t{500}))
      ->capture_default_str();
  command->add_option("--regions", args->options.regions, "demand regions")
      ->check(CLI::Range(std::size_t{1}, std::size_t{5000}))
      ->capture_default_str();
  command->add_option("--days", args->options.days, "days of demand history")
      ->check(CLI::Range(28, 3650))
      ->capture_default_str();
  command->add_option("--start", args->start, "first day of history, YYYY-MM-DD (default 2023-01-02)");
  add_common_flags(*command, args->flags, true);
  add_examples(*command, {"echelon generate --skus 300 --nodes 9 --regions 30 --days 730 --out data/small",
                          "echelon generate --skus 100000 --nodes 20 --regions 30 --out data/100k --threads 2"});
  command->callback([args, &action] {
    action = [args] {
      if (!args->start.empty()) {
        auto start = Date::parse(args->start);
        if (!start) {
          throw InputError::bad_value({"command line", 0, 0}, "--start", "a date as YYYY-MM-DD",
                                      args->start);
        }
        args->options.start = *start;
      }
      RunContext ctx(run_options(args->flags));
      io::GenerateSummary result = io::generate_dataset(args->options, args->flags.out, ctx);
      ctx.log().info("wrote {}: {} SKUs, {} DCs, {} FCs, {} same-day sites, {} vendors, {} demand "
                     "rows ({:.0f} units) in {:.1f} s",
                     args->flags.out, args->options.skus, result.dcs, result.fcs,
                     result.sameday_sites, result.vendors, result.demand_rows,
                     result.demand_units, ctx.elapsed_seconds());
      Summary summary;
      summary.data = {{"skus", args->options.skus},           {"dcs", result.dcs},
                      {"fcs", result.fcs},                     {"sameday_sites", result.sameday_sites},
                      {"vendors", result.vendors},             {"regions", args->options.regions},
                      {"days", args->options.days},            {"demand_rows", result.demand_rows},
                      {"demand_units", result.demand_units},   {"seed", ctx.seed()}};
      return summary;
    };
  });
}

}  // namespace echelon::cli
