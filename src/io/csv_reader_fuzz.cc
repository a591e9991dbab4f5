// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the CSV reader and the schema-checked table reader: any byte string must
// either parse or raise InputError, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/csv_reader.h"
#include "io/table_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr echelon::io::ColumnSpec kColumns[] = {
      {"date"}, {"sku_id"}, {"quantity"}, {"speed", false}};
  std::string content(reinterpret_cast<const char*>(data), size);
  try {
    echelon::InputErrorList errors(16);
    echelon::io::TableReader table(echelon::io::CsvReader::from_string("fuzz.csv", content),
                                   kColumns, errors);
    while (table.next()) {
      table.date(0);
      table.id(1);
      table.number(2, echelon::io::kNonNegative);
      table.text(3);
      table.location(2);
    }
  } catch (const echelon::InputError&) {
    // Malformed input is reported, which is the expected outcome.
  }
  return 0;
}
