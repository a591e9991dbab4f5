// SPDX-License-Identifier: Apache-2.0
// `echelon config --defaults` prints every option of echelon.yaml with its default;
// `echelon config DIR` prints the effective settings of a dataset.
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "app/cli/command.h"
#include "io/config_reader.h"

namespace echelon::cli {

void register_config(CLI::App& root, Action& action) {
  struct Args {
    bool defaults = false;
    std::string dir;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command =
      root.add_subcommand("config", "print the options of echelon.yaml and their values");
  command->add_flag("--defaults", args->defaults, "every option with its default and meaning");
  command->add_option("dir", args->dir, "dataset directory whose echelon.yaml to show");
  add_examples(*command, {"echelon config --defaults > echelon.yaml", "echelon config examples/small"},
               "The output is YAML and is itself a valid echelon.yaml.");
  command->callback([args, &action] {
    action = [args] {
      if (args->defaults || args->dir.empty()) {
        fmt::print("{}", io::defaults_yaml());
        return kExitOk;
      }
      InputErrorList errors;
      std::filesystem::path path = std::filesystem::path(args->dir) / "echelon.yaml";
      network::Config config = std::filesystem::exists(path)
                                   ? io::read_config(path, "echelon.yaml", errors)
                                   : network::Config::defaults();
      errors.throw_if_any();
      fmt::print("{}", io::config_yaml(config));
      return kExitOk;
    };
  });
}

}  // namespace echelon::cli
