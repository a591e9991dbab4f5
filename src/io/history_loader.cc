// SPDX-License-Identifier: Apache-2.0
// demand.csv, prices.csv, calendar.csv. demand.csv is the largest file of a dataset (tens of
// millions of rows at 100k SKUs): rows are parsed into columns, then grouped by SKU with a
// counting sort and ordered by (date, region, speed) within each SKU.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "io/detail/loaders.h"

namespace echelon::io::detail {
namespace {

using network::Dataset;

// Resolves SKU ids with a one-entry cache: files are usually sorted by SKU or by date then SKU.
class SkuLookup {
 public:
  explicit SkuLookup(const IdTable<SkuIndex>& ids) : ids_(ids) {}
  std::optional<SkuIndex> find(std::string_view id) {
    if (id != last_id_ || !last_index_) {
      last_id_.assign(id);
      last_index_ = ids_.find(id);
    }
    return last_index_;
  }

 private:
  const IdTable<SkuIndex>& ids_;
  std::string last_id_;
  std::optional<SkuIndex> last_index_;
};

// Row positions grouped by SKU: rows of SKU s are order[offset[s] .. offset[s+1]).
void group_by_sku(const std::vector<std::uint32_t>& sku_of_row, std::size_t sku_count,
                  std::vector<std::size_t>& offset, std::vector<std::uint32_t>& order) {
  offset.assign(sku_count + 1, 0);
  for (std::uint32_t sku : sku_of_row) ++offset[sku + 1];
  std::partial_sum(offset.begin(), offset.end(), offset.begin());
  std::vector<std::size_t> next(offset.begin(), offset.end() - 1);
  order.resize(sku_of_row.size());
  for (std::size_t row = 0; row < sku_of_row.size(); ++row) {
    order[next[sku_of_row[row]]++] = static_cast<std::uint32_t>(row);
  }
}

void load_demand(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {
      {"date"}, {"sku_id"}, {"region_id"}, {"quantity"}, {"speed", false}};
  auto table = open_table(dir, "demand.csv", kColumns, false, errors);
  if (!table) return;
  const auto& config = dataset.config;
  std::vector<std::uint32_t> sku_of_row;
  std::vector<std::uint32_t> line_of_row;
  network::DemandHistory raw;
  SkuLookup skus(dataset.sku_ids);
  bool has_speed = table->has(4);
  while (table->next()) {
    auto date = table->date(0);
    auto sku = skus.find(table->text(1));
    auto region = dataset.network.region_ids.find(table->text(2));
    auto quantity = table->number(3, kNonNegative);
    if (!sku) {
      errors.add(InputError::unknown_reference(table->location(1), "column 'sku_id'", "SKU",
                                               table->text(1)));
    }
    if (!region) {
      errors.add(InputError::unknown_reference(table->location(2), "column 'region_id'",
                                               "region", table->text(2)));
    }
    std::int8_t speed = -1;
    if (has_speed && !table->text(4).empty()) {
      int index = config.speed_index(std::string(table->text(4)));
      if (index < 0) {
        table->error(4, "a speed defined in echelon.yaml, or empty", table->text(4));
        continue;
      }
      speed = static_cast<std::int8_t>(index);
    }
    if (date && config.planning_date && *date >= *config.planning_date) {
      table->error(0, fmt::format("a date before the planning date {}",
                                  config.planning_date->to_string()),
                   table->text(0));
      continue;
    }
    if (!date || !sku || !region || !quantity) continue;
    sku_of_row.push_back(static_cast<std::uint32_t>(sku->value()));
    line_of_row.push_back(static_cast<std::uint32_t>(table->line()));
    raw.date.push_back(date->days());
    raw.region.push_back(static_cast<std::uint16_t>(region->value()));
    raw.speed.push_back(speed);
    raw.quantity.push_back(static_cast<float>(*quantity));
  }

  std::vector<std::uint32_t> order;
  auto& demand = dataset.demand;
  group_by_sku(sku_of_row, dataset.sku_count(), demand.sku_offset, order);
  auto key_less = [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(raw.date[a], raw.region[a], raw.speed[a]) <
           std::tie(raw.date[b], raw.region[b], raw.speed[b]);
  };
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    auto first = order.begin() + static_cast<std::ptrdiff_t>(demand.sku_offset[sku]);
    auto last = order.begin() + static_cast<std::ptrdiff_t>(demand.sku_offset[sku + 1]);
    if (!std::is_sorted(first, last, key_less)) std::stable_sort(first, last, key_less);
    for (auto it = first; it != last && it + 1 != last; ++it) {
      if (!key_less(*it, *(it + 1))) {
        errors.add(InputError::duplicate_key(
            {"demand.csv", line_of_row[*(it + 1)], 0},
            fmt::format("(date, sku_id, region_id, speed) = ({}, {}, {}, {})",
                        Date(raw.date[*it]).to_string(), dataset.skus[SkuIndex(sku)].id,
                        dataset.network.regions[RegionIndex(raw.region[*it])].id,
                        raw.speed[*it] < 0 ? "" : config.speeds[raw.speed[*it]].name),
            {"demand.csv", line_of_row[*it], 0}));
      }
    }
  }
  auto gather = [&](auto& target, const auto& source) {
    target.resize(order.size());
    for (std::size_t row = 0; row < order.size(); ++row) target[row] = source[order[row]];
  };
  gather(demand.date, raw.date);
  gather(demand.region, raw.region);
  gather(demand.speed, raw.speed);
  gather(demand.quantity, raw.quantity);
  if (!demand.date.empty()) {
    auto [low, high] = std::minmax_element(demand.date.begin(), demand.date.end());
    demand.first_date = Date(*low);
    demand.last_date = Date(*high);
  }
}

void load_prices(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {{"date"}, {"sku_id"}, {"price"}};
  auto& prices = dataset.prices;
  prices.sku_offset.assign(dataset.sku_count() + 1, 0);
  auto table = open_table(dir, "prices.csv", kColumns, true, errors);
  if (!table) return;
  std::vector<std::uint32_t> sku_of_row;
  std::vector<std::uint32_t> line_of_row;
  network::PriceHistory raw;
  SkuLookup skus(dataset.sku_ids);
  while (table->next()) {
    auto date = table->date(0);
    auto sku = skus.find(table->text(1));
    auto price = table->number(2, kNonNegative);
    if (!sku) {
      errors.add(InputError::unknown_reference(table->location(1), "column 'sku_id'", "SKU",
                                               table->text(1)));
    }
    if (!date || !sku || !price) continue;
    sku_of_row.push_back(static_cast<std::uint32_t>(sku->value()));
    line_of_row.push_back(static_cast<std::uint32_t>(table->line()));
    raw.date.push_back(date->days());
    raw.price.push_back(static_cast<float>(*price));
  }
  std::vector<std::uint32_t> order;
  group_by_sku(sku_of_row, dataset.sku_count(), prices.sku_offset, order);
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    auto first = order.begin() + static_cast<std::ptrdiff_t>(prices.sku_offset[sku]);
    auto last = order.begin() + static_cast<std::ptrdiff_t>(prices.sku_offset[sku + 1]);
    auto by_date = [&](std::uint32_t a, std::uint32_t b) { return raw.date[a] < raw.date[b]; };
    std::stable_sort(first, last, by_date);
    for (auto it = first; it != last && it + 1 != last; ++it) {
      if (raw.date[*it] == raw.date[*(it + 1)]) {
        errors.add(InputError::duplicate_key(
            {"prices.csv", line_of_row[*(it + 1)], 0},
            fmt::format("(date, sku_id) = ({}, {})", Date(raw.date[*it]).to_string(),
                        dataset.skus[SkuIndex(sku)].id),
            {"prices.csv", line_of_row[*it], 0}));
      }
    }
  }
  prices.date.resize(order.size());
  prices.price.resize(order.size());
  for (std::size_t row = 0; row < order.size(); ++row) {
    prices.date[row] = raw.date[order[row]];
    prices.price[row] = raw.price[order[row]];
  }
}

void load_calendar(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  static constexpr ColumnSpec kColumns[] = {{"date"}, {"event"}};
  auto table = open_table(dir, "calendar.csv", kColumns, true, errors);
  if (!table) return;
  while (table->next()) {
    auto date = table->date(0);
    auto event = table->id(1);
    if (date && event) dataset.calendar.push_back({*date, std::string(*event)});
  }
  std::stable_sort(dataset.calendar.begin(), dataset.calendar.end(),
                   [](const auto& a, const auto& b) { return a.date < b.date; });
}

}  // namespace

void load_history(const std::filesystem::path& dir, Dataset& dataset, InputErrorList& errors) {
  load_demand(dir, dataset, errors);
  load_prices(dir, dataset, errors);
  load_calendar(dir, dataset, errors);
}

}  // namespace echelon::io::detail
