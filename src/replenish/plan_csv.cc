// SPDX-License-Identifier: Apache-2.0
#include "replenish/plan_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/error.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"
#include "replenish/supply_paths.h"

namespace echelon::replenish {
namespace {

// Days of demand that the planner's level at `node` covers on average.
double protection_days(const network::Dataset& dataset, const SupplyPaths& paths,
                       const network::SourcingOption* option, NodeIndex node) {
  const double review = dataset.config.review_period_days;
  const network::Network& net = dataset.network;
  if (paths.feeder(node).valid()) {
    return review + std::max(1.0, std::round(net.lanes[paths.feeder_lane(node)].transit_days_mean));
  }
  if (option == nullptr) return review;
  LaneIndex lane = paths.vendor_lane(option->vendor, node);
  return review + option->lead_time_days_mean + (lane.valid() ? net.lanes[lane].transit_days_mean : 0.0);
}

// A node's levels over the weeks; a week without a row keeps the level of the week before it
// (the first row's level before the first row).
void fill_missing_weeks(std::span<double> levels, const std::vector<char>& present) {
  std::size_t first = 0;
  while (first < levels.size() && !present[first]) ++first;
  for (std::size_t week = 0; week < levels.size(); ++week) {
    if (!present[week]) levels[week] = week < first ? levels[first] : levels[week - 1];
  }
}

// plan.csv, or the file `name` beside it, for a plan given as plan.csv or its directory.
std::filesystem::path plan_file(const std::filesystem::path& location, std::string_view name) {
  if (std::filesystem::is_directory(location)) return location / name;
  return name == "plan.csv" ? location : location.parent_path() / name;
}

constexpr io::NumberRule kWeek{.min = 0, .max = 5200, .integer = true, .expected = "a week number >= 0"};

// The SKU and node named in columns 0 and 1; an unknown one is reported.
std::optional<std::pair<SkuIndex, NodeIndex>> sku_and_node(const io::TableReader& table,
                                                           const network::Dataset& dataset,
                                                           InputErrorList& errors) {
  auto sku = dataset.sku_ids.find(table.text(0));
  if (!sku) errors.add(InputError::unknown_reference(table.location(0), "column 'sku_id'", "SKU", table.text(0)));
  auto node = dataset.network.node_ids.find(table.text(1));
  if (!node) errors.add(InputError::unknown_reference(table.location(1), "column 'node_id'", "node", table.text(1)));
  if (!sku || !node) return std::nullopt;
  return std::pair{*sku, *node};
}

}  // namespace

std::vector<ServingChargeRow> read_serving_charges(const std::filesystem::path& location,
                                                   const network::Dataset& dataset) {
  const std::filesystem::path path = plan_file(location, "serving_charges.csv");
  if (!std::filesystem::exists(path)) return {};
  static constexpr io::ColumnSpec kColumns[] = {{"sku_id"}, {"node_id"}, {"week"}, {"charge_per_unit"}};
  constexpr io::NumberRule kCharge{.expected = "a charge per unit (a number)"};
  InputErrorList errors;
  std::vector<ServingChargeRow> rows;
  io::TableReader table(io::CsvReader::open(path, path.filename().string()), kColumns, errors);
  while (table.valid() && table.next()) {
    auto where = sku_and_node(table, dataset, errors);
    auto week = table.number(2, kWeek);
    auto charge = table.number(3, kCharge);
    if (!where || !week || !charge) continue;
    rows.push_back({where->first, where->second, static_cast<std::size_t>(*week), *charge});
  }
  errors.throw_if_any();
  return rows;
}

std::vector<PlanRow> read_plan_rows(const std::filesystem::path& location, const network::Dataset& dataset) {
  const std::filesystem::path path = plan_file(location, "plan.csv");
  if (!std::filesystem::exists(path)) {
    throw InputError::missing_file({path.string(), 0, 0}, "the plan (plan.csv of `echelon plan`) is missing");
  }
  static constexpr io::ColumnSpec kColumns[] = {{"sku_id"},       {"node_id"},          {"week"},
                                                {"order_up_to"},  {"safety_stock"},     {"expected_on_hand"},
                                                {"vendor_id"}};
  constexpr io::NumberRule kAny{.expected = "a number"};
  InputErrorList errors;
  std::vector<PlanRow> rows;
  constexpr std::size_t kUnseen = kNoSourcing - 1;
  std::vector<std::size_t> option_of(dataset.sku_count(), kUnseen);  // by SKU: its sourcing option
  io::TableReader table(io::CsvReader::open(path, path.filename().string()), kColumns, errors);
  while (table.valid() && table.next()) {
    auto where = sku_and_node(table, dataset, errors);
    auto week = table.number(2, kWeek);
    auto level = table.number(3, io::kNonNegative);
    auto safety = table.number(4, kAny);
    auto on_hand = table.number(5, kAny);
    if (!where || !week || !level || !safety || !on_hand) continue;
    const auto [sku, node] = *where;
    std::size_t option = kNoSourcing;
    if (!table.text(6).empty()) {
      auto sourcing = dataset.sourcing_of(sku);
      for (std::size_t index = 0; index < sourcing.size(); ++index) {
        if (dataset.network.vendors[sourcing[index].vendor].id == table.text(6)) option = index;
      }
      if (option == kNoSourcing) {
        table.error(6, fmt::format("a vendor with a sourcing option for SKU {}", table.text(0)), table.text(6));
        continue;
      }
    }
    std::size_t& known = option_of[sku.value()];
    if (known == kUnseen) known = option;
    if (known != option) {
      table.error(6, fmt::format("the same vendor on every row of SKU {}", table.text(0)), table.text(6));
      continue;
    }
    rows.push_back({sku, node, static_cast<std::size_t>(*week), *level, *safety, *on_hand, option});
  }
  errors.throw_if_any();
  return rows;
}

PlanLevels read_plan_levels(const std::filesystem::path& location, const network::Dataset& dataset) {
  std::vector<PlanRow> rows = read_plan_rows(location, dataset);
  PlanLevels levels;
  if (rows.empty()) return levels;
  auto [first_row, last_row] = std::minmax_element(
      rows.begin(), rows.end(), [](const PlanRow& a, const PlanRow& b) { return a.week < b.week; });
  const std::size_t first_week = first_row->week;
  levels.weeks = last_row->week - first_week + 1;
  std::stable_sort(rows.begin(), rows.end(), [](const PlanRow& a, const PlanRow& b) {
    return std::tie(a.sku, a.node, a.week) < std::tie(b.sku, b.node, b.week);
  });
  SupplyPaths paths(dataset.network);
  std::vector<double> demand_sum;
  std::vector<char> present;
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin;
    while (end < rows.size() && rows[end].sku == rows[begin].sku) ++end;
    SkuLevels entry;
    entry.sku = rows[begin].sku;
    entry.sourcing_option = rows[begin].sourcing_option;
    const network::SourcingOption* option =
        entry.sourcing_option == kNoSourcing ? nullptr : &dataset.sourcing_of(entry.sku)[entry.sourcing_option];
    demand_sum.clear();
    present.clear();
    for (std::size_t index = begin; index < end; ++index) {
      const PlanRow& row = rows[index];
      if (entry.nodes.empty() || entry.nodes.back() != row.node) {
        entry.nodes.push_back(row.node);
        entry.order_up_to.resize(entry.nodes.size() * levels.weeks, 0.0);
        present.resize(entry.nodes.size() * levels.weeks, 0);
        demand_sum.push_back(0.0);
      }
      const std::size_t slot = (entry.nodes.size() - 1) * levels.weeks + row.week - first_week;
      entry.order_up_to[slot] = row.order_up_to;
      present[slot] = 1;
      demand_sum.back() += std::max(0.0, row.order_up_to - row.safety_stock) /
                           protection_days(dataset, paths, option, row.node);
    }
    for (std::size_t pos = 0; pos < entry.nodes.size(); ++pos) {
      const auto weeks_present = std::count(present.begin() + static_cast<std::ptrdiff_t>(pos * levels.weeks),
                                            present.begin() + static_cast<std::ptrdiff_t>((pos + 1) * levels.weeks), 1);
      entry.demand_per_day.push_back(demand_sum[pos] / static_cast<double>(weeks_present));
      fill_missing_weeks(std::span(entry.order_up_to).subspan(pos * levels.weeks, levels.weeks),
                         std::vector<char>(present.begin() + static_cast<std::ptrdiff_t>(pos * levels.weeks),
                                           present.begin() + static_cast<std::ptrdiff_t>((pos + 1) * levels.weeks)));
    }
    levels.skus.push_back(std::move(entry));
    begin = end;
  }
  return levels;
}

}  // namespace echelon::replenish
