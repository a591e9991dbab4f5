// SPDX-License-Identifier: Apache-2.0
// `echelon policy FILE.json`: one classic inventory model, JSON in, JSON out (the contract is
// tests/data/reference/SCHEMA.md). Reads the file, runs inventory::run_policy and prints the
// result on stdout; bad input reaches main as InputError (exit 2, nothing on stdout).
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "app/cli/command.h"
#include "core/error.h"
#include "inventory/policy_api.h"

namespace echelon::cli {

void register_policy(CLI::App& root, Action& action) {
  CLI::App* command = root.add_subcommand(
      "policy", "Solve one classic inventory model (JSON in: model and params; JSON out: the "
                "optimal policy, its cost and the cost of queried policies)");
  auto file = std::make_shared<std::string>();
  command->add_option("file", *file, "input JSON document")->required();
  add_examples(*command, {"echelon policy tests/policy/data/newsvendor.json",
                          "echelon policy request.json > result.json"},
               "The input and output schema is tests/data/reference/SCHEMA.md; the output is JSON.");
  command->callback([&action, file] {
    action = [file] {
      std::ifstream in(*file, std::ios::binary);
      if (!in) throw InputError::missing_file(SourceLocation{*file, 0, 0}, "cannot open the file");
      std::ostringstream text;
      text << in.rdbuf();
      inventory::OrderedJson output = inventory::run_policy_text(text.str(), *file);
      std::string printed = inventory::to_text(output);
      std::fwrite(printed.data(), 1, printed.size(), stdout);
      std::fputc('\n', stdout);
      return kExitOk;
    };
  });
}

}  // namespace echelon::cli
