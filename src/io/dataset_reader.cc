// SPDX-License-Identifier: Apache-2.0
#include "io/dataset_reader.h"

#include <fmt/format.h>

#include "io/config_reader.h"
#include "io/detail/loaders.h"

namespace echelon::io {
namespace detail {

std::optional<TableReader> open_table(const std::filesystem::path& dir, const std::string& name,
                                      std::span<const ColumnSpec> columns, bool optional,
                                      InputErrorList& errors) {
  std::filesystem::path path = dir / name;
  if (!std::filesystem::exists(path)) {
    if (!optional) {
      errors.add(InputError::missing_file({name, 0, 0},
                                          fmt::format("required file is missing from {}",
                                                      dir.string())));
    }
    return std::nullopt;
  }
  try {
    return TableReader(CsvReader::open(path, name), columns, errors);
  } catch (InputError& error) {
    errors.add(std::move(error));
    return std::nullopt;
  }
}

}  // namespace detail

namespace {

// Regions that have demand must be reachable by some delivery option.
void check_regions_served(const network::Dataset& dataset, InputErrorList& errors) {
  const auto& network = dataset.network;
  std::vector<bool> served(network.region_count(), false);
  for (const auto& option : network.delivery) served[option.region.value()] = true;
  std::vector<bool> reported(network.region_count(), false);
  for (std::uint16_t region : dataset.demand.region) {
    if (!served[region] && !reported[region]) {
      reported[region] = true;
      errors.add(InputError(
          {"delivery.csv", 0, 0},
          fmt::format("region '{}' has demand in demand.csv but no delivery option (expected at "
                      "least one row with region_id {})",
                      network.regions[RegionIndex(region)].id, network.regions[RegionIndex(region)].id)));
    }
  }
}

}  // namespace

network::Dataset read_dataset(const std::filesystem::path& dir, RunContext& ctx, DatasetParts parts) {
  InputErrorList errors;
  if (!std::filesystem::is_directory(dir)) {
    errors.add(InputError::missing_file({dir.string(), 0, 0}, "expected a dataset directory"));
    errors.throw_if_any();
  }
  network::Dataset dataset;
  std::filesystem::path config_path = dir / "echelon.yaml";
  dataset.config = std::filesystem::exists(config_path)
                       ? read_config(config_path, "echelon.yaml", errors)
                       : network::Config::defaults();
  detail::DefinitionLines lines;
  detail::load_network(dir, dataset, lines, errors);
  detail::load_catalogue(dir, dataset, lines, errors);
  ctx.report({.phase = "load", .done = 1, .total = 3, .message = "network and catalogue"});
  if (parts == DatasetParts::kAll) {
    detail::load_history(dir, dataset, errors);
    ctx.report({.phase = "load", .done = 2, .total = 3, .message = "demand history"});
    detail::load_positions(dir, dataset, errors);
    check_regions_served(dataset, errors);
  } else {
    detail::load_planner_inputs(dir, dataset, errors);
  }
  errors.throw_if_any();
  ctx.log().debug("loaded {}: {} SKUs, {} nodes, {} demand rows", dir.string(),
                  dataset.sku_count(), dataset.network.node_count(), dataset.demand.rows());
  return dataset;
}

DatasetSummary summarize(const network::Dataset& dataset) {
  DatasetSummary summary;
  summary.nodes = dataset.network.node_count();
  summary.vendors = dataset.network.vendors.size();
  summary.regions = dataset.network.region_count();
  summary.lanes = dataset.network.lanes.size();
  summary.delivery_options = dataset.network.delivery.size();
  summary.skus = dataset.sku_count();
  summary.sourcing_options = dataset.sourcing.size();
  summary.demand_rows = dataset.demand.rows();
  for (float quantity : dataset.demand.quantity) summary.demand_units += quantity;
  return summary;
}

}  // namespace echelon::io
