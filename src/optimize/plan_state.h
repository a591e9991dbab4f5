// SPDX-License-Identifier: Apache-2.0
// What a plan keeps for the next run's incremental re-plan (`echelon plan --warm-start`): the
// final prices and the prices of the best certified bound, and per SKU (by id) a fingerprint of
// every input its subproblem reads, its plan, its certified bound at the bound prices and its
// evaluation. A SKU whose fingerprint is unchanged is the same subproblem at the same prices: its
// plan, bound and evaluation carry over exactly, and only the others are solved again.
// Inputs shared by every SKU (network, settings, solver options, seed) make up the setup
// fingerprint; when it differs nothing carries over.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/fingerprint.h"
#include "optimize/lagrangian.h"
#include "optimize/plan_evaluation.h"
#include "optimize/planning_network.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {

inline constexpr std::string_view kPlanStateFile = "plan_state.bin";

struct StoredSku {
  std::uint64_t fingerprint = 0;
  SkuPlan plan;
  double bound = 0.0;  // certified bound of its priced cost at the bound prices
  SkuEvaluation evaluation;
};

struct PlanState {
  std::uint64_t setup_fingerprint = 0;
  Prices prices;        // the plan's final prices
  Prices bound_prices;  // where the certified bound was found
  std::unordered_map<std::string, StoredSku> skus;  // by SKU id
};

// The fingerprint of SKU `sku`'s own inputs: its attributes, sourcing options, level and node
// overrides, and demand rates. One per SKU of the dataset.
std::vector<std::uint64_t> sku_fingerprints(const network::Dataset& dataset, const DemandRates& rates);

// The part of the setup fingerprint that the solver options make (callers add the network and
// settings they read).
void add_to_fingerprint(const SkuSolverOptions& options, Fingerprint& fingerprint);

// The state of a plan in memory: `plans` (any subset of SKUs, such as one rank's), their bounds
// and evaluations in the same order.
PlanState make_plan_state(std::uint64_t setup_fingerprint, const network::Dataset& dataset,
                          std::span<const std::uint64_t> fingerprints, const LagrangianResult& result,
                          std::span<const SkuEvaluation> evaluations);

// Writes the state of a plan of every SKU of `dataset` (plans, bounds and evaluations in SKU
// order) to `path`.
void write_plan_state(const std::filesystem::path& path, std::uint64_t setup_fingerprint,
                      const network::Dataset& dataset, std::span<const std::uint64_t> fingerprints,
                      const Prices& prices, const Prices& bound_prices, std::span<const SkuPlan> plans,
                      std::span<const double> bounds, std::span<const SkuEvaluation> evaluations);

// The state at `path`; none when the file does not exist. A file that is not a plan state, or
// one written for another network size, is an InputError naming the file.
std::optional<PlanState> read_plan_state(const std::filesystem::path& path, std::size_t nodes,
                                         std::size_t speeds);

}  // namespace echelon::optimize
