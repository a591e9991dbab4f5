// SPDX-License-Identifier: Apache-2.0
// The CLI's plumbing shared by every command: common flags, the run context they build, and the
// registration hook each command file implements. Commands only parse input, call the library
// and format output; exit codes are 0 ok, 1 internal error, 2 bad input or usage.
#pragma once

#include <CLI/CLI.hpp>

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "core/run_context.h"

namespace echelon::network {
struct Dataset;
}
namespace echelon::simulate {
class Policy;
}
namespace echelon::optimize {
class SkuExchange;
}

namespace echelon::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

// Flags every command accepts (those that apply to it).
struct CommonFlags {
  int threads = 0;             // 0 = all hardware threads
  std::uint64_t seed = 1;
  std::string out;             // output directory
  bool quiet = false;          // no progress, warnings and errors only
  bool json = false;           // stdout carries only a JSON summary of the run
  std::string log_level = "info";
};

// Adds --threads, --seed, --quiet, --json and --log-level (and --out when `with_out`) to a
// subcommand.
void add_common_flags(CLI::App& command, CommonFlags& flags, bool with_out);

// A RunContext for the flags; progress goes to stderr (a bar on a terminal, lines otherwise).
RunOptions run_options(const CommonFlags& flags);

// What a command reports when it succeeds: `data` is printed as JSON under --json, `text` (the
// lines a person reads) otherwise, unless --quiet.
struct Summary {
  nlohmann::json data = nlohmann::json::object();
  std::string text;
};

// What a subcommand runs once parsing succeeded. Either returns the exit code (the plumbing then
// builds the --json summary from the command name, exit code, wall time, the files written to
// --out and the summary.json among them), or returns a Summary (exit code 0).
class Action {
 public:
  Action() = default;
  template <class Run>
    requires std::is_invocable_r_v<int, Run&>
  Action(Run run) : code_(std::move(run)) {}  // NOLINT(google-explicit-constructor)
  template <class Run>
    requires(std::same_as<std::invoke_result_t<Run&>, Summary>)
  Action(Run run) : summary_(std::move(run)) {}  // NOLINT(google-explicit-constructor)

  explicit operator bool() const { return code_ || summary_; }
  [[nodiscard]] bool has_summary() const { return static_cast<bool>(summary_); }
  int operator()() const { return summary_ ? (summary_(), 0) : code_(); }
  [[nodiscard]] Summary summary() const { return summary_(); }

 private:
  std::function<int()> code_;
  std::function<Summary()> summary_;
};

// Runs the action of the parsed subcommand `command`: honours its --json and --quiet, maps
// InputError/InputErrors to exit 2 and other exceptions to exit 1 (the message on stderr, and
// under --json also an error object on stdout). Returns the exit code.
int run_command(CLI::App& command, const Action& action);

// Adds an "Examples:" footer (each line a command) to a subcommand's --help.
void add_examples(CLI::App& command, const std::vector<std::string>& examples,
                  const std::string& note = "");

// Parses argv and runs the chosen command; `plan` spreads its SKUs over `exchange` (null: one
// process). Returns the exit code. Every executable's main calls this.
int run_cli(int argc, char** argv, optimize::SkuExchange* exchange);

// Each command file defines one of these; run_cli calls them all.
using Registrar = void (*)(CLI::App& root, Action& action);
void register_validate(CLI::App& root, Action& action);
void register_config(CLI::App& root, Action& action);
void register_generate(CLI::App& root, Action& action);
void register_policy(CLI::App& root, Action& action);
void register_forecast(CLI::App& root, Action& action);
void register_simulate(CLI::App& root, Action& action);
void register_compare(CLI::App& root, Action& action);
void register_plan(CLI::App& root, Action& action);
// `plan` with its SKUs spread over the ranks of `exchange` (null: one process).
void register_plan_on(CLI::App& root, Action& action, optimize::SkuExchange* exchange);
void register_report(CLI::App& root, Action& action);
void register_orders(CLI::App& root, Action& action);

// Flags shared by `simulate` and `compare`; 0 or -1 take the dataset's simulation settings.
struct SimulationFlags {
  std::string dir;
  int days = 0;
  int replications = 0;
  int warmup_days = -1;
  int training_days = 91;      // history before the held-out period the policies plan from
  int calibration_days = 182;  // sampled days per calibration run
  std::string plan;            // plan.csv of `echelon plan`, or its output directory
  std::string rule = "greedy"; // fulfillment rule of that plan: greedy or opportunity
  std::string start = "levels"; // levels (held-out replay) or positions (inventory.csv, inbound.csv)
  double rebalance = -1.0;     // fc->fc rebalancing threshold (fraction of level); < 0: off
  CommonFlags common;
};
void add_simulation_flags(CLI::App& command, SimulationFlags& flags);
// The policies to simulate, made once the dataset is read.
using PolicyFactory =
    std::function<std::vector<std::unique_ptr<simulate::Policy>>(const network::Dataset&)>;
// Calibrates, simulates and prints the policies; writes `table_file`, its paired differences
// and capacity.csv to the output directory (cmd_compare.cc).
int run_policies(const SimulationFlags& flags, const PolicyFactory& make_policies,
                 const std::string& table_file);
// The policy of flags.plan, named `name` (cmd_simulate.cc reads plan.csv).
std::unique_ptr<simulate::Policy> plan_policy(const SimulationFlags& flags, const std::string& name,
                                              const network::Dataset& dataset);

}  // namespace echelon::cli
