// SPDX-License-Identifier: Apache-2.0
// `echelon <command>`: parses the command line, runs the chosen command, maps errors to exit
// codes (2 for bad input or usage, 1 for internal errors).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "app/cli/command.h"
#include "core/error.h"

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
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App root("echelon: multi-echelon inventory planning for retail networks", "echelon");
  root.require_subcommand(1);
  root.set_version_flag("--version", "echelon 0.1.0");
  echelon::cli::Action action;
  for (echelon::cli::Registrar registrar : kCommands) registrar(root, action);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = root.exit(error);
    return code == 0 ? echelon::cli::kExitOk : echelon::cli::kExitBadInput;
  }
  try {
    return action ? action() : echelon::cli::kExitBadInput;
  } catch (const echelon::InputErrors& errors) {
    std::fprintf(stderr, "%s\n", errors.what());
    std::fprintf(stderr, "%zu problem%s found\n", errors.total(), errors.total() == 1 ? "" : "s");
    return echelon::cli::kExitBadInput;
  } catch (const echelon::InputError& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return echelon::cli::kExitBadInput;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "internal error: %s\n", error.what());
    return echelon::cli::kExitInternal;
  }
}
