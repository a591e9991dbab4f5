// SPDX-License-Identifier: Apache-2.0
// Loads a dataset directory (DESIGN section 2) into a network::Dataset and checks it whole:
// column types and ranges, unknown or repeated columns, duplicate keys, references to unknown
// nodes, vendors, regions and SKUs, SKUs without sourcing, dates out of range, regions with
// demand but no delivery option. Every problem is reported (capped, with a count) in one
// InputErrors exception; a dataset that loads is consistent.
#pragma once

#include <cstddef>
#include <filesystem>

#include "core/run_context.h"
#include "network/dataset.h"

namespace echelon::io {

// Sizes of what was read, for `echelon validate` and logs.
struct DatasetSummary {
  std::size_t nodes = 0;
  std::size_t vendors = 0;
  std::size_t regions = 0;
  std::size_t lanes = 0;
  std::size_t delivery_options = 0;
  std::size_t skus = 0;
  std::size_t sourcing_options = 0;
  std::size_t demand_rows = 0;
  double demand_units = 0.0;
};

enum class DatasetParts {
  kAll,
  // What the planner reads beside the demand rates (Dataset::planner_view): no histories
  // (demand, prices, calendar) and no stock positions (inventory, inbound).
  kPlannerInputs,
};

// Reads the files of `dir` that `parts` names. Throws InputErrors listing all problems found.
network::Dataset read_dataset(const std::filesystem::path& dir, RunContext& ctx,
                              DatasetParts parts = DatasetParts::kAll);

DatasetSummary summarize(const network::Dataset& dataset);

}  // namespace echelon::io
