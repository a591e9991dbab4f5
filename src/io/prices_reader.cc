// SPDX-License-Identifier: Apache-2.0
#include "io/prices_reader.h"

#include <fmt/format.h>

#include "io/table_reader.h"

namespace echelon::io {

NodePrices read_prices(const std::filesystem::path& file, const network::Network& network) {
  static constexpr ColumnSpec kColumns[] = {{"node_id"}, {"resource"}, {"week"},       {"price"},
                                            {"use", false}, {"limit", false}};
  static constexpr std::string_view kResources[] = {"storage", "inbound", "outbound"};
  static constexpr NumberRule kWeek{.min = 1, .integer = true, .expected = "a week number (1, 2, ...)"};
  constexpr double kDaysPerWeek = 7.0;
  const std::string name = file.filename().string();
  if (!std::filesystem::exists(file)) {
    throw InputError::missing_file({name, 0, 0},
                                   fmt::format("--warm-start needs the prices of a previous plan: {} is missing",
                                               file.string()));
  }
  NodePrices prices;
  prices.per_day.assign(network.node_count(), {0.0, 0.0, 0.0});
  InputErrorList errors;
  TableReader table(CsvReader::open(file, name), kColumns, errors);
  while (table.valid() && table.next()) {
    auto node = network.node_ids.find(table.text(0));
    if (!node) {
      errors.add(InputError::unknown_reference(table.location(0), "column 'node_id'", "node", table.text(0)));
    }
    std::size_t resource = std::size(kResources);
    for (std::size_t index = 0; index < std::size(kResources); ++index) {
      if (table.text(1) == kResources[index]) resource = index;
    }
    if (resource == std::size(kResources)) table.error(1, "storage, inbound or outbound", table.text(1));
    auto week = table.number(2, kWeek);
    auto price = table.number(3, kNonNegative);
    if (!node || resource == std::size(kResources) || !week || !price) continue;
    // A stationary plan has one week; a time-phased one starts from its first week's prices.
    if (*week == 1.0) prices.per_day[node->value()][resource] = *price / kDaysPerWeek;
  }
  errors.throw_if_any();
  return prices;
}

}  // namespace echelon::io
