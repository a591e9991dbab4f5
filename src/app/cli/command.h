// SPDX-License-Identifier: Apache-2.0
// The CLI's plumbing shared by every command: common flags, the run context they build, and the
// registration hook each command file implements. Commands only parse input, call the library
// and format output; exit codes are 0 ok, 1 internal error, 2 bad input or usage.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/run_context.h"

namespace echelon::network {
struct Dataset;
}
namespace echelon::simulate {
class Policy;
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
  std::string log_level = "info";
};

// Adds --threads, --seed and --quiet (and --out when `with_out`) to a subcommand.
void add_common_flags(CLI::App& command, CommonFlags& flags, bool with_out);

// A RunContext for the flags; progress goes to stderr (a bar on a terminal, lines otherwise).
RunOptions run_options(const CommonFlags& flags);

// What a subcommand runs once parsing succeeded; returns the exit code.
using Action = std::function<int()>;

// Each command file defines one of these; main.cc calls them all.
using Registrar = void (*)(CLI::App& root, Action& action);
void register_validate(CLI::App& root, Action& action);
void register_config(CLI::App& root, Action& action);
void register_generate(CLI::App& root, Action& action);
void register_policy(CLI::App& root, Action& action);
void register_forecast(CLI::App& root, Action& action);
void register_simulate(CLI::App& root, Action& action);
void register_compare(CLI::App& root, Action& action);
void register_plan(CLI::App& root, Action& action);

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
