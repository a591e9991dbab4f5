// SPDX-License-Identifier: Apache-2.0
// `echelon validate DIR`: loads and checks a dataset; prints a summary, or every problem found.
#include <fmt/format.h>

#include <memory>

#include "app/cli/command.h"
#include "io/dataset_reader.h"

namespace echelon::cli {

void register_validate(CLI::App& root, Action& action) {
  struct Args {
    std::string dir;
    CommonFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = root.add_subcommand(
      "validate", "check a dataset directory and summarize it (exit 2 with every problem found)");
  command->add_option("dir", args->dir, "dataset directory")->required();
  add_common_flags(*command, args->flags, false);
  command->footer("Example:\n  echelon validate examples/small");
  command->callback([args, &action] {
    action = [args] {
      RunContext ctx(run_options(args->flags));
      network::Dataset dataset = io::read_dataset(args->dir, ctx);
      io::DatasetSummary summary = io::summarize(dataset);
      fmt::print("{}: valid\n", args->dir);
      fmt::print("  nodes {} ({} vendors, {} regions, {} lanes, {} delivery options)\n",
                 summary.nodes, summary.vendors, summary.regions, summary.lanes,
                 summary.delivery_options);
      fmt::print("  skus {} ({} sourcing options)\n", summary.skus, summary.sourcing_options);
      if (summary.demand_rows > 0) {
        fmt::print("  demand {} rows, {:.0f} units, {} to {}\n", summary.demand_rows,
                   summary.demand_units, dataset.demand.first_date.to_string(),
                   dataset.demand.last_date.to_string());
      }
      fmt::print("  planning date {}\n", dataset.planning_date().to_string());
      return kExitOk;
    };
  });
}

}  // namespace echelon::cli
