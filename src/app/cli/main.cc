// SPDX-License-Identifier: Apache-2.0
// `echelon <command>`: parses the command line and runs the chosen command through
// run_command, which maps errors to exit codes (2 for bad input or usage, 1 for internal errors).
#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace {

constexpr echelon::cli::Registrar kCommands[] = {
    echelon::cli::register_validate,
    echelon::cli::register_config,
    echelon::cli::register_generate,
    echelon::cli::register_policy,
    echelon::cli::register_forecast,
    echelon::cli::register_simulate,
    echelon::cli::register_compare,
    echelon::cli::register_plan,
    echelon::cli::register_report,
    echelon::cli::register_orders,
};

}  // namespace

int main(int argc, char** argv) {
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
  echelon::cli::Action action;
  for (echelon::cli::Registrar registrar : kCommands) registrar(root, action);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = root.exit(error);
    return code == 0 ? echelon::cli::kExitOk : echelon::cli::kExitBadInput;
  }
  std::vector<CLI::App*> chosen = root.get_subcommands();
  if (chosen.empty()) return echelon::cli::kExitBadInput;
  return echelon::cli::run_command(*chosen.front(), action);
}
