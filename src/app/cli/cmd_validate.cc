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
  add_examples(*command, {"echelon validate examples/small", "echelon validate data/100k --json | jq .skus"},
               "Problems are listed one a line as file:line:column: error: ..., then exit code 2.");
  command->callback([args, &action] {
    action = [args] {
      RunContext ctx(run_options(args->flags));
      network::Dataset dataset = io::read_dataset(args->dir, ctx);
      io::DatasetSummary counts = io::summarize(dataset);
      Summary summary;
      summary.data = {{"dir", args->dir},
                      {"valid", true},
                      {"nodes", counts.nodes},
                      {"vendors", counts.vendors},
                      {"regions", counts.regions},
                      {"lanes", counts.lanes},
                      {"delivery_options", counts.delivery_options},
                      {"skus", counts.skus},
                      {"sourcing_options", counts.sourcing_options},
                      {"demand_rows", counts.demand_rows},
                      {"demand_units", counts.demand_units},
                      {"planning_date", dataset.planning_date().to_string()}};
      summary.text = fmt::format("{}: valid\n", args->dir);
      summary.text += fmt::format("  nodes {} ({} vendors, {} regions, {} lanes, {} delivery options)\n",
                                  counts.nodes, counts.vendors, counts.regions, counts.lanes,
                                  counts.delivery_options);
      summary.text += fmt::format("  skus {} ({} sourcing options)\n", counts.skus, counts.sourcing_options);
      if (counts.demand_rows > 0) {
        summary.data["first_demand_date"] = dataset.demand.first_date.to_string();
        summary.data["last_demand_date"] = dataset.demand.last_date.to_string();
        summary.text += fmt::format("  demand {} rows, {:.0f} units, {} to {}\n", counts.demand_rows,
                                    counts.demand_units, dataset.demand.first_date.to_string(),
                                    dataset.demand.last_date.to_string());
      }
      summary.text += fmt::format("  planning date {}\n", dataset.planning_date().to_string());
      return summary;
    };
  });
}

}  // namespace echelon::cli
