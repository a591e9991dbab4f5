// SPDX-License-Identifier: Apache-2.0
// The per-file loaders behind read_dataset, shared by its two translation units.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/table_reader.h"
#include "network/dataset.h"

namespace echelon::io::detail {

// Opens `dir/name` as a TableReader; nullopt (and an error unless `optional`) when absent.
std::optional<TableReader> open_table(const std::filesystem::path& dir, const std::string& name,
                                      std::span<const ColumnSpec> columns, bool optional,
                                      InputErrorList& errors);

// Lines where each entity was defined, for "first defined at" and "has no sourcing" messages.
struct DefinitionLines {
  std::vector<std::size_t> nodes;
  std::vector<std::size_t> skus;
};

void load_network(const std::filesystem::path& dir, network::Dataset& dataset,
                  DefinitionLines& lines, InputErrorList& errors);
void load_catalogue(const std::filesystem::path& dir, network::Dataset& dataset,
                    DefinitionLines& lines, InputErrorList& errors);
void load_history(const std::filesystem::path& dir, network::Dataset& dataset,
                  InputErrorList& errors);
void load_positions(const std::filesystem::path& dir, network::Dataset& dataset,
                    InputErrorList& errors);
// Of the positions, what the planner reads: observed lead times and overrides.
void load_planner_inputs(const std::filesystem::path& dir, network::Dataset& dataset,
                         InputErrorList& errors);

}  // namespace echelon::io::detail
