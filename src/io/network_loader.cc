// SPDX-License-Identifier: Apache-2.0
// nodes.csv, vendors.csv, regions.csv, lanes.csv, delivery.csv, skus.csv, sourcing.csv.
#include <fmt/format.h>

#include <map>
#include <set>
#include <utility>

#include "io/detail/loaders.h"

namespace echelon::io::detail {
namespace {

using network::Dataset;

std::optional<network::NodeType> parse_node_type(std::string_view text) {
  if (text == "dc") return network::NodeType::kDc;
  if (text == "fc") return network::NodeType::kFc;
  if (text == "sameday") return network::NodeType::kSameDay;
  return std::nullopt;
}

// Adds an id or reports the duplicate with the line of its first definition.
template <class IndexT>
std::optional<IndexT> add_unique(IdTable<IndexT>& table, std::vector<std::size_t>& lines,
                                 TableReader& table_reader, std::size_t column,
                                 std::string_view id) {
  auto index = table.add(id);
  if (!index) {
    std::size_t first = lines[table.find(id)->value()];
    table_reader.errors().add(InputError::duplicate_key(
        table_reader.location(column), fmt::format("'{}'", id), {table_reader.file(), first, 0}));
    return std::nullopt;
  }
  lines.push_back(table_reader.line());
  return index;
}

void load_nodes(const std::filesystem::path& dir, Dataset& dataset, DefinitionLines& lines,
                InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {
      {"node_id"}, {"type"}, {"lat"}, {"lon"}, {"storage_m3", false},
      {"inbound_units_per_day", false}, {"outbound_units_per_day", false},
      {"holding_rate_per_year", false}, {"fixed_cost_per_day", false}};
  auto table = open_table(dir, "nodes.csv", kColumns, false, errors);
  if (!table) return;
  auto& network = dataset.network;
  while (table->next()) {
    auto id = table->id(0);
    auto type = parse_node_type(table->text(1));
    if (!type) table->error(1, "one of dc, fc, sameday", table->text(1));
    auto lat = table->number(2, kLatitude);
    auto lon = table->number(3, kLongitude);
    network::Node node;
    node.storage_m3 = table->number(4, kNonNegative, network::kUnlimited).value_or(0);
    node.inbound_units_per_day = table->number(5, kNonNegative, network::kUnlimited).value_or(0);
    node.outbound_units_per_day = table->number(6, kNonNegative, network::kUnlimited).value_or(0);
    node.holding_rate_per_year = table->number(7, kNonNegative, -1.0).value_or(-1.0);
    node.fixed_cost_per_day = table->number(8, kNonNegative, 0.0).value_or(0.0);
    // A row with a valid id is kept even when other fields are bad (the error is already
    // recorded), so that references to it elsewhere do not cascade into more errors.
    if (!id || !add_unique(network.node_ids, lines.nodes, *table, 0, *id)) continue;
    node.id = std::string(*id);
    node.type = type.value_or(network::NodeType::kFc);
    node.lat = lat.value_or(0.0);
    node.lon = lon.value_or(0.0);
    network.nodes.push_back(std::move(node));
  }
}

void load_vendors_and_regions(const std::filesystem::path& dir, Dataset& dataset,
                              InputErrorList& errors) {
  static constexpr ColumnSpec kVendorColumns[] = {{"vendor_id"}, {"lat"}, {"lon"}, {"name", false}};
  auto& network = dataset.network;
  std::vector<std::size_t> vendor_lines;
  if (auto table = open_table(dir, "vendors.csv", kVendorColumns, false, errors)) {
    while (table->next()) {
      auto id = table->id(0);
      auto lat = table->number(1, kLatitude);
      auto lon = table->number(2, kLongitude);
      if (!id || !add_unique(network.vendor_ids, vendor_lines, *table, 0, *id)) continue;
      network.vendors.push_back({std::string(*id), lat.value_or(0.0), lon.value_or(0.0),
                                 std::string(table->text(3))});
    }
  }
  static constexpr ColumnSpec kRegionColumns[] = {
      {"region_id"}, {"lat"}, {"lon"}, {"population", false}};
  std::vector<std::size_t> region_lines;
  if (auto table = open_table(dir, "regions.csv", kRegionColumns, false, errors)) {
    while (table->next()) {
      auto id = table->id(0);
      auto lat = table->number(1, kLatitude);
      auto lon = table->number(2, kLongitude);
      auto population = table->number(3, kNonNegative, 0.0);
      if (!id) continue;
      if (network.region_ids.size() >= 65535) {
        table->error(0, "at most 65535 regions", *id);
        continue;
      }
      if (!add_unique(network.region_ids, region_lines, *table, 0, *id)) continue;
      network.regions.push_back(
          {std::string(*id), lat.value_or(0.0), lon.value_or(0.0), population.value_or(0.0)});
    }
  }
}

void load_lanes(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {{"from_id"}, {"to_id"}, {"transit_days_mean"},
                                            {"transit_days_sd", false}, {"cost_per_unit", false},
                                            {"cost_per_m3", false}};
  auto table = open_table(dir, "lanes.csv", kColumns, false, errors);
  if (!table) return;
  auto& network = dataset.network;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  while (table->next()) {
    network::Lane lane;
    std::string_view from = table->text(0);
    std::string_view to = table->text(1);
    auto vendor = network.vendor_ids.find(from);
    auto from_node = network.node_ids.find(from);
    auto to_node = network.node_ids.find(to);
    bool ok = true;
    if (!vendor && !from_node) {
      errors.add(InputError::unknown_reference(table->location(0), "column 'from_id'",
                                               "vendor or node", from));
      ok = false;
    }
    if (!to_node) {
      errors.add(InputError::unknown_reference(table->location(1), "column 'to_id'", "node", to));
      ok = false;
    }
    auto mean = table->number(2, kNonNegative);
    auto sd = table->number(3, kNonNegative, 0.0);
    auto cost_unit = table->number(4, kNonNegative, 0.0);
    auto cost_m3 = table->number(5, kNonNegative, 0.0);
    if (!ok || !mean || !sd || !cost_unit || !cost_m3) continue;
    if (from_node) {
      auto from_type = network.nodes[*from_node].type;
      if (*from_node == *to_node) {
        table->error(1, "a node other than from_id", to);
        continue;
      }
      if (from_type == network::NodeType::kSameDay ||
          network.nodes[*to_node].type == network::NodeType::kDc) {
        table->error(1, "a lane dc->fc, dc->sameday, fc->fc or fc->sameday", fmt::format("{}->{}", from, to));
        continue;
      }
      lane.from_node = *from_node;
    } else {
      lane.from_vendor = *vendor;
    }
    auto [it, inserted] = seen.try_emplace({std::string(from), std::string(to)}, table->line());
    if (!inserted) {
      errors.add(InputError::duplicate_key(table->row_location(),
                                           fmt::format("lane {}->{}", from, to),
                                           {table->file(), it->second, 0}));
      continue;
    }
    lane.to = *to_node;
    lane.transit_days_mean = *mean;
    lane.transit_days_sd = *sd;
    lane.cost_per_unit = *cost_unit;
    lane.cost_per_m3 = *cost_m3;
    network.lanes.push_back(lane);
  }
}

void load_delivery(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {
      {"node_id"}, {"region_id"}, {"speed"}, {"cost_per_unit"}, {"cutoff_hour", false}};
  auto table = open_table(dir, "delivery.csv", kColumns, false, errors);
  if (!table) return;
  auto& network = dataset.network;
  std::map<std::tuple<std::size_t, std::size_t, int>, std::size_t> seen;
  std::string speed_names;
  for (const auto& speed : dataset.config.speeds) {
    speed_names += speed_names.empty() ? speed.name : ", " + speed.name;
  }
  while (table->next()) {
    auto node = network.node_ids.find(table->text(0));
    auto region = network.region_ids.find(table->text(1));
    int speed = dataset.config.speed_index(std::string(table->text(2)));
    if (!node) {
      errors.add(InputError::unknown_reference(table->location(0), "column 'node_id'", "node",
                                               table->text(0)));
    }
    if (!region) {
      errors.add(InputError::unknown_reference(table->location(1), "column 'region_id'",
                                               "region", table->text(1)));
    }
    if (speed < 0) {
      table->error(2, fmt::format("a speed defined in echelon.yaml ({})", speed_names),
                   table->text(2));
    }
    auto cost = table->number(3, kNonNegative);
    std::optional<double> cutoff;
    if (speed >= 0) {
      cutoff = table->number(4, {.min = 0, .max = 24, .expected = "an hour in [0, 24]"},
                             dataset.config.speeds[speed].default_cutoff_hour);
    }
    if (!node || !region || speed < 0 || !cost || !cutoff) continue;
    auto [it, inserted] = seen.try_emplace({node->value(), region->value(), speed}, table->line());
    if (!inserted) {
      errors.add(InputError::duplicate_key(
          table->row_location(),
          fmt::format("delivery option {}->{} at {}", table->text(0), table->text(1), table->text(2)),
          {table->file(), it->second, 0}));
      continue;
    }
    network.delivery.push_back({*node, *region, SpeedIndex(speed), *cost, *cutoff});
  }
}

}  // namespace

void load_network(const std::filesystem::path& dir, Dataset& dataset, DefinitionLines& lines,
                  InputErrorList& errors) {
  dataset.network.speeds = dataset.config.speeds;
  load_nodes(dir, dataset, lines, errors);
  load_vendors_and_regions(dir, dataset, errors);
  load_lanes(dir, dataset, errors);
  load_delivery(dir, dataset, errors);
  // A stocking node nothing can replenish would hold stock forever.
  auto& network = dataset.network;
  std::vector<bool> has_inbound(network.node_count(), false);
  for (const auto& lane : network.lanes) has_inbound[lane.to.value()] = true;
  for (NodeIndex node : all<NodeIndex>(network.node_count())) {
    if (!has_inbound[node.value()] && !network.lanes.empty()) {
      errors.add(InputError({"nodes.csv", lines.nodes[node.value()], 0},
                            fmt::format("node '{}' has no inbound lane in lanes.csv (expected a "
                                        "lane from a vendor or another node)",
                                        network.nodes[node].id)));
    }
  }
}

void load_catalogue(const std::filesystem::path& dir, Dataset& dataset, DefinitionLines& lines,
                    InputErrorList& errors) {
  static constexpr ColumnSpec kSkuColumns[] = {{"sku_id"}, {"unit_volume_m3"}, {"unit_cost"},
                                               {"price"}, {"category", false},
                                               {"weight_kg", false}, {"launch_date", false}};
  if (auto table = open_table(dir, "skus.csv", kSkuColumns, false, errors)) {
    while (table->next()) {
      auto id = table->id(0);
      auto volume = table->number(1, kPositive);
      auto cost = table->number(2, kNonNegative);
      auto price = table->number(3, kNonNegative);
      auto weight = table->number(5, kNonNegative, 0.0);
      bool date_ok = true;
      auto launch = table->optional_date(6, date_ok);
      if (!id || !add_unique(dataset.sku_ids, lines.skus, *table, 0, *id)) continue;
      dataset.skus.push_back({std::string(*id), volume.value_or(1.0), cost.value_or(0.0),
                              price.value_or(0.0), std::string(table->text(4)),
                              weight.value_or(0.0), date_ok ? launch : std::nullopt});
    }
  }

  static constexpr ColumnSpec kSourcingColumns[] = {
      {"sku_id"}, {"vendor_id"}, {"unit_cost"}, {"lead_time_days_mean"},
      {"lead_time_days_sd", false}, {"moq", false}, {"case_pack", false}, {"ships_to", false}};
  const auto& network = dataset.network;
  std::vector<std::vector<network::SourcingOption>> by_sku(dataset.sku_count());
  if (auto table = open_table(dir, "sourcing.csv", kSourcingColumns, false, errors)) {
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> seen;
    while (table->next()) {
      auto sku = dataset.sku_ids.find(table->text(0));
      auto vendor = network.vendor_ids.find(table->text(1));
      if (!sku) {
        errors.add(InputError::unknown_reference(table->location(0), "column 'sku_id'", "SKU",
                                                 table->text(0)));
      }
      if (!vendor) {
        errors.add(InputError::unknown_reference(table->location(1), "column 'vendor_id'",
                                                 "vendor", table->text(1)));
      }
      auto cost = table->number(2, kNonNegative);
      auto lead_mean = table->number(3, kNonNegative);
      auto lead_sd = table->number(4, kNonNegative, 0.0);
      auto moq = table->number(5, kNonNegative, 0.0);
      auto case_pack = table->number(
          6, {.min = 1, .integer = true, .expected = "a whole number >= 1"}, 1.0);
      network::SourcingOption option;
      bool ships_ok = true;
      std::string_view ships = table->text(7);
      while (!ships.empty()) {
        std::size_t end = ships.find_first_of("; |");
        std::string_view node_id = ships.substr(0, end);
        ships = end == std::string_view::npos ? std::string_view() : ships.substr(end + 1);
        if (node_id.empty()) continue;
        auto node = network.node_ids.find(node_id);
        if (!node) {
          errors.add(InputError::unknown_reference(table->location(7), "column 'ships_to'",
                                                   "node", node_id));
          ships_ok = false;
        } else if (vendor && !network.lane_from_vendor(*vendor, *node).valid()) {
          table->error(7, fmt::format("nodes with a lane from vendor '{}' in lanes.csv",
                                      table->text(1)), node_id);
          ships_ok = false;
        } else {
          option.ships_to.push_back(*node);
        }
      }
      if (!sku || !vendor || !cost || !lead_mean || !lead_sd || !moq || !case_pack || !ships_ok) {
        continue;
      }
      auto [it, inserted] = seen.try_emplace({sku->value(), vendor->value()}, table->line());
      if (!inserted) {
        errors.add(InputError::duplicate_key(
            table->row_location(), fmt::format("({}, {})", table->text(0), table->text(1)),
            {table->file(), it->second, 0}));
        continue;
      }
      option.sku = *sku;
      option.vendor = *vendor;
      option.unit_cost = *cost;
      option.lead_time_days_mean = *lead_mean;
      option.lead_time_days_sd = *lead_sd;
      option.moq = *moq;
      option.case_pack = *case_pack;
      by_sku[sku->value()].push_back(std::move(option));
    }
  }
  dataset.sourcing_offset.assign(1, 0);
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    if (by_sku[sku.value()].empty() && !lines.skus.empty()) {
      errors.add(InputError({"skus.csv", lines.skus[sku.value()], 0},
                            fmt::format("SKU '{}' has no sourcing option (expected at least one "
                                        "row in sourcing.csv)", dataset.skus[sku].id)));
    }
    for (auto& option : by_sku[sku.value()]) dataset.sourcing.push_back(std::move(option));
    dataset.sourcing_offset.push_back(dataset.sourcing.size());
  }
}

}  // namespace echelon::io::detail
