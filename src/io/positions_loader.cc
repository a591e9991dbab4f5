// SPDX-License-Identifier: Apache-2.0
// inventory.csv, inbound.csv, lead_times.csv, overrides.csv: the current state of the network
// and the planner's judgment.
#include <fmt/format.h>

#include <map>

#include "io/detail/loaders.h"

namespace echelon::io::detail {
namespace {

using network::Dataset;

std::optional<SkuIndex> find_sku(TableReader& table, std::size_t column, const Dataset& dataset) {
  auto sku = dataset.sku_ids.find(table.text(column));
  if (!sku) {
    table.errors().add(InputError::unknown_reference(
        table.location(column), fmt::format("column '{}'", "sku_id"), "SKU", table.text(column)));
  }
  return sku;
}

std::optional<NodeIndex> find_node(TableReader& table, std::size_t column, const Dataset& dataset) {
  auto node = dataset.network.node_ids.find(table.text(column));
  if (!node) {
    table.errors().add(InputError::unknown_reference(
        table.location(column), "column 'node_id'", "node", table.text(column)));
  }
  return node;
}

void load_inventory(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {{"sku_id"}, {"node_id"}, {"on_hand"}};
  auto table = open_table(dir, "inventory.csv", kColumns, true, errors);
  if (!table) return;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> seen;
  while (table->next()) {
    auto sku = find_sku(*table, 0, dataset);
    auto node = find_node(*table, 1, dataset);
    auto on_hand = table->number(2, kNonNegative);
    if (!sku || !node || !on_hand) continue;
    auto [it, inserted] = seen.try_emplace({sku->value(), node->value()}, table->line());
    if (!inserted) {
      errors.add(InputError::duplicate_key(
          table->row_location(), fmt::format("({}, {})", table->text(0), table->text(1)),
          {table->file(), it->second, 0}));
      continue;
    }
    dataset.inventory.push_back({*sku, *node, *on_hand});
  }
}

void load_inbound(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {{"sku_id"}, {"node_id"}, {"quantity"}, {"eta_date"}};
  auto table = open_table(dir, "inbound.csv", kColumns, true, errors);
  if (!table) return;
  while (table->next()) {
    auto sku = find_sku(*table, 0, dataset);
    auto node = find_node(*table, 1, dataset);
    auto quantity = table->number(2, kPositive);
    auto eta = table->date(3);
    if (!sku || !node || !quantity || !eta) continue;
    dataset.inbound.push_back({*sku, *node, *quantity, *eta});
  }
}

void load_lead_times(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {
      {"vendor_id"}, {"sku_id", false}, {"order_date"}, {"receipt_date"}};
  auto table = open_table(dir, "lead_times.csv", kColumns, true, errors);
  if (!table) return;
  while (table->next()) {
    auto vendor = dataset.network.vendor_ids.find(table->text(0));
    if (!vendor) {
      errors.add(InputError::unknown_reference(table->location(0), "column 'vendor_id'",
                                               "vendor", table->text(0)));
    }
    std::optional<SkuIndex> sku = SkuIndex::invalid();
    if (!table->text(1).empty()) sku = find_sku(*table, 1, dataset);
    auto ordered = table->date(2);
    auto received = table->date(3);
    if (ordered && received && *received < *ordered) {
      table->error(3, fmt::format("a receipt date on or after the order date {}",
                                  ordered->to_string()),
                   table->text(3));
      continue;
    }
    if (!vendor || !sku || !ordered || !received) continue;
    dataset.lead_times.push_back({*vendor, *sku, *ordered, *received});
  }
}

std::optional<network::OverrideKind> parse_override_kind(std::string_view text) {
  using network::OverrideKind;
  if (text == "forecast_scale") return OverrideKind::kForecastScale;
  if (text == "min_level") return OverrideKind::kMinLevel;
  if (text == "max_level") return OverrideKind::kMaxLevel;
  if (text == "fixed_level") return OverrideKind::kFixedLevel;
  if (text == "exclude_node") return OverrideKind::kExcludeNode;
  return std::nullopt;
}

void load_overrides(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {{"sku_id"},          {"kind"},
                                            {"value"},           {"node_id", false},
                                            {"start_date", false}, {"end_date", false},
                                            {"note", false}};
  auto table = open_table(dir, "overrides.csv", kColumns, true, errors);
  if (!table) return;
  while (table->next()) {
    auto sku = find_sku(*table, 0, dataset);
    auto kind = parse_override_kind(table->text(1));
    if (!kind) {
      table->error(1, "one of forecast_scale, min_level, max_level, fixed_level, exclude_node",
                   table->text(1));
    }
    auto value = table->number(2, kNonNegative);
    NodeIndex node = NodeIndex::invalid();
    bool node_ok = true;
    if (!table->text(3).empty()) {
      auto found = find_node(*table, 3, dataset);
      node_ok = found.has_value();
      if (found) node = *found;
    } else if (kind == network::OverrideKind::kExcludeNode) {
      table->error(3, "a node id (exclude_node names the node to exclude)", "");
      node_ok = false;
    }
    bool start_ok = true;
    bool end_ok = true;
    auto start = table->optional_date(4, start_ok);
    auto end = table->optional_date(5, end_ok);
    if (start && end && *end < *start) {
      table->error(5, fmt::format("an end date on or after the start date {}", start->to_string()),
                   table->text(5));
      continue;
    }
    if (!sku || !kind || !value || !node_ok || !start_ok || !end_ok) continue;
    dataset.overrides.push_back(
        {*sku, *kind, *value, node, start, end, std::string(table->text(6)), table->line()});
  }
}

}  // namespace

void load_positions(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  load_inventory(dir, dataset, errors);
  load_inbound(dir, dataset, errors);
  load_planner_inputs(dir, dataset, errors);
}

void load_planner_inputs(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  load_lead_times(dir, dataset, errors);
  load_overrides(dir, dataset, errors);
}

}  // namespace echelon::io::detail
