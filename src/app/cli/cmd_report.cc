// SPDX-License-Identifier: Apache-2.0
// `echelon report OUT [--data DIR] [--forecast DIR] [--compare DIR]`: (re)builds OUT/report.html
// from the outputs of `plan`, `forecast` and `compare`. With --data the page also shows the
// network, the plan's stock value and the demand history behind the forecast fans.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "app/cli/command.h"
#include "core/error.h"
#include "io/dataset_reader.h"
#include "report/html_report.h"

namespace echelon::cli {

void register_report(CLI::App& root, Action& action) {
  struct Args {
    std::string out;
    std::string data;
    std::string forecast;
    std::string compare;
    report::ReportOptions options;
    CommonFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = root.add_subcommand(
      "report", "(re)build report.html, one self-contained page, from an output directory");
  command->add_option("out", args->out, "output directory of `echelon plan` (report.html goes here)")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--data", args->data, "dataset directory: network, stock value, demand history")
      ->check(CLI::ExistingDirectory);
  command->add_option("--forecast", args->forecast, "outputs of `echelon forecast` (default: OUT)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--compare", args->compare, "outputs of `echelon compare` (default: OUT)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--top-skus", args->options.top_skus, "SKUs with a forecast fan chart")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  command->add_option("--currency", args->options.currency, "symbol in front of money amounts")
      ->capture_default_str();
  command->add_flag("--quiet,-q", args->flags.quiet, "no progress, warnings and errors only");
  command->footer(
      "Examples:\n"
      "  echelon plan examples/small --out out/small\n"
      "  echelon forecast examples/small --out out/small-forecast --backtest\n"
      "  echelon compare examples/small --plan out/small --out out/small\n"
      "  echelon report out/small --data examples/small --forecast out/small-forecast");
  command->callback([args, &action] {
    action = [args] {
      RunContext ctx(run_options(args->flags));
      std::optional<network::Dataset> dataset;
      if (!args->data.empty()) dataset = io::read_dataset(args->data, ctx);
      const report::ReportSources sources{args->out, args->forecast, args->compare};
      const std::filesystem::path path =
          report::write_report(sources, dataset ? &*dataset : nullptr, args->options);
      if (!args->flags.quiet) std::fputs(fmt::format("report: {}\n", path.string()).c_str(), stdout);
      return kExitOk;
    };
  });
}

}  // namespace echelon::cli
