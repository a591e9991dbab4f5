// SPDX-License-Identifier: Apache-2.0
// Time of one SKU subproblem under one price vector, by tier, on one core: a generated network
// (`echelon generate`: 20 nodes, 30 regions, 3 speeds by default), demand rates from the last 56
// days of history, zero prices and then the prices of a short planner run (capacity prices at
// the nodes that bind). Prints per tier the SKUs timed, mean and p95 milliseconds and solves per
// second, then the mean for the realistic mix of the targets (5% fast, 25% medium, 70% slow).
//
//   sku_subproblem_bench [--skus N] [--nodes N] [--regions N] [--per-tier N] [--only TIER]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "io/dataset_reader.h"
#include "io/generate/generator.h"
#include "optimize/lagrangian.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {
namespace {

struct Args {
  std::size_t skus = 3000;
  std::size_t nodes = 20;
  std::size_t regions = 30;
  std::size_t per_tier = 200;  // SKUs timed per tier (at most)
  int only = -1;               // one tier only (0 fast, 1 medium, 2 slow), for profiling
};

Args parse(int argc, char** argv) {
  Args args;
  for (int index = 1; index + 1 < argc; index += 2) {
    std::size_t value = std::strtoull(argv[index + 1], nullptr, 10);
    if (std::strcmp(argv[index], "--only") == 0) {
      std::string_view tier = argv[index + 1];
      args.only = tier == "fast" ? 0 : (tier == "medium" ? 1 : 2);
      continue;
    }
    if (std::strcmp(argv[index], "--skus") == 0) args.skus = value;
    else if (std::strcmp(argv[index], "--nodes") == 0) args.nodes = value;
    else if (std::strcmp(argv[index], "--regions") == 0) args.regions = value;
    else if (std::strcmp(argv[index], "--per-tier") == 0) args.per_tier = value;
    else {
      fmt::print(stderr, "unknown option {}\n", argv[index]);
      std::exit(2);
    }
  }
  return args;
}

struct TierTimes {
  std::vector<double> ms;
};

// Solves every SKU of `skus` once under `prices`; milliseconds per solve.
std::vector<double> time_solves(const PlanningNetwork& planning, const DemandRates& rates,
                                const std::vector<SkuIndex>& skus, const Prices& prices,
                                const SkuSolverOptions& options) {
  std::vector<double> ms;
  ms.reserve(skus.size());
  double sink = 0.0;
  for (SkuIndex sku : skus) {
    auto start = std::chrono::steady_clock::now();
    SkuPlan plan = solve_sku(planning, sku, rates.of(sku), prices, options);
    auto stop = std::chrono::steady_clock::now();
    sink += plan.total_priced();
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  if (sink == -1.0) fmt::print("");  // keeps the solves observable
  return ms;
}

void print_row(std::string_view name, std::vector<double> ms) {
  if (ms.empty()) {
    fmt::print("{:<8} {:>6}\n", name, 0);
    return;
  }
  std::sort(ms.begin(), ms.end());
  double mean = 0.0;
  for (double value : ms) mean += value;
  mean /= static_cast<double>(ms.size());
  double p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(ms.size())))];
  fmt::print("{:<8} {:>6} {:>10.3f} {:>10.3f} {:>12.0f}\n", name, ms.size(), mean, p95, 1000.0 / mean);
}

double mean_of(const std::vector<double>& ms) {
  double total = 0.0;
  for (double value : ms) total += value;
  return ms.empty() ? 0.0 : total / static_cast<double>(ms.size());
}

int run(const Args& args) {
  RunContext ctx(RunOptions{.threads = 1, .seed = 1, .log_level = LogLevel::kWarn});
  auto dir = std::filesystem::temp_directory_path() /
             fmt::format("echelon_sku_bench_{}_{}_{}", args.skus, args.nodes, args.regions);
  std::filesystem::remove_all(dir);  // a run cut short leaves its files behind
  io::generate_dataset({.skus = args.skus, .nodes = args.nodes, .regions = args.regions, .days = 120},
                       dir, ctx);
  network::Dataset dataset = io::read_dataset(dir, ctx);
  std::filesystem::remove_all(dir);
  PlanningNetwork planning = build_planning_network(dataset);
  DemandRates rates = rates_from_history(dataset, dataset.planning_date(), 56);
  SkuSolverOptions options;

  std::vector<std::vector<SkuIndex>> by_tier(3);
  std::vector<std::size_t> tier_total(3, 0);
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    double rate = 0.0;
    for (const DemandRate& entry : rates.of(SkuIndex(sku))) rate += entry.mean_per_day;
    std::size_t tier = rate >= options.fast_units_per_day ? 0 : (rate < options.slow_units_per_day ? 2 : 1);
    ++tier_total[tier];
    if (by_tier[tier].size() < args.per_tier) by_tier[tier].push_back(SkuIndex(sku));
  }
  // Prices where capacities bind: a few master iterations on the whole catalogue.
  LagrangianOptions master;
  master.max_iterations = 4;
  master.repair_rounds = 0;
  master.sku = options;
  RunContext quiet(RunOptions{.threads = 2, .seed = 1, .log_level = LogLevel::kWarn});
  LagrangianResult priced = LagrangianSolver(planning, rates, master).solve(quiet, nullptr);
  Prices zero = Prices::zero(dataset.network.node_count(), planning.speed_count());

  fmt::print("network: {} nodes ({} stocking), {} regions, {} speeds, {} demand classes; {} SKUs\n",
             dataset.network.node_count(), planning.stocking.size(), dataset.network.regions.size(),
             planning.speed_count(), planning.classes.size(), dataset.sku_count());
  const char* names[] = {"fast", "medium", "slow"};
  const double mix[] = {0.05, 0.25, 0.70};
  const double total = static_cast<double>(dataset.sku_count());
  fmt::print("generated mix: {:.1f}% fast, {:.1f}% medium, {:.1f}% slow\n",
             100.0 * static_cast<double>(tier_total[0]) / total,
             100.0 * static_cast<double>(tier_total[1]) / total,
             100.0 * static_cast<double>(tier_total[2]) / total);
  for (int pass = 0; pass < 2; ++pass) {
    const Prices& prices = pass == 0 ? zero : priced.prices;
    fmt::print("\nprices: {}\n{:<8} {:>6} {:>10} {:>10} {:>12}\n", pass == 0 ? "zero" : "after 4 iterations",
               "tier", "SKUs", "mean ms", "p95 ms", "solves/s");
    double mixed = 0.0;
    double generated = 0.0;
    for (std::size_t tier = 0; tier < 3; ++tier) {
      if (args.only >= 0 && static_cast<std::size_t>(args.only) != tier) continue;
      std::vector<double> ms = time_solves(planning, rates, by_tier[tier], prices, options);
      print_row(names[tier], ms);
      mixed += mix[tier] * mean_of(ms);
      generated += static_cast<double>(tier_total[tier]) / total * mean_of(ms);
    }
    fmt::print("mix 5/25/70: {:.3f} ms per SKU per price vector ({:.0f} solves/s)\n", mixed, 1000.0 / mixed);
    fmt::print("generated mix: {:.3f} ms per SKU per price vector\n", generated);
  }
  return 0;
}

}  // namespace
}  // namespace echelon::optimize

int main(int argc, char** argv) { return echelon::optimize::run(echelon::optimize::parse(argc, argv)); }
