// SPDX-License-Identifier: Apache-2.0
// Parses the command line and runs the chosen command through run_command, which maps errors to
// exit codes (2 for bad input or usage, 1 for internal errors).
#include <CLI/CLI.hpp>

#include "app/cli/command.h"
#include "optimize/exchange.h"

namespace echelon::cli {
namespace {

constexpr Registrar kCommands[] = {
    register_validate, register_config, register_generate, register_policy,
    register_forecast, register_simulate, register_compare, register_report,
    register_orders,
};

}  // namespace

int run_cli(int argc, char** argv, optimize::SkuExchange* exchange) {
  CLI::App root("echelon: multi-echelon inventory planning for retail networks", "echelon");
  root.require_subcommand(1);
  root.set_version_flag("--version", "echelon 0.1.0");
  root.footer(
      "Run `echelon COMMAND --help` for a command's flags and examples.\n"
      "Exit codes: 0 ok, 1 internal error, 2 bad input or usage.\n"
      "Examples:\n"
      "  echelon validate examples/small\n"
      "  echelon plan examples/small --out out/small\n"
      "  echelon orders examples/small --plan out/small --out out/small");
  Action action;
  for (Registrar registrar : kCommands) registrar(root, action);
  register_plan_on(root, action, exchange);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = root.exit(error);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  std::vector<CLI::App*> chosen = root.get_subcommands();
  if (chosen.empty()) return kExitBadInput;
  if (exchange != nullptr && exchange->size() > 1 && chosen.front()->get_name() != "plan") {
    std::fprintf(stderr, "only `plan` runs across MPI ranks; run `%s` in one process\n",
                 chosen.front()->get_name().c_str());
    return kExitBadInput;
  }
  return run_command(*chosen.front(), action);
}

}  // namespace echelon::cli
