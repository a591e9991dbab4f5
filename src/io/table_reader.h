// SPDX-License-Identifier: Apache-2.0
// Schema-checked reading of one dataset CSV file. A `TableReader` checks the header against the
// file's columns (required ones present, no unknown ones unless prefixed `x_`, no repeats) and
// offers typed accessors that record every bad value in the shared InputErrorList and return
// nullopt, so one pass reports all problems of a file.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "io/csv_reader.h"

namespace echelon::io {

struct ColumnSpec {
  std::string_view name;
  bool required = true;
};

// Bounds of a numeric field; the text of `expected` appears in error messages.
struct NumberRule {
  double min = -1e300;
  double max = 1e300;
  bool integer = false;
  bool min_exclusive = false;
  std::string_view expected = "a number";
};

inline constexpr NumberRule kNonNegative{.min = 0.0, .expected = "a non-negative number"};
inline constexpr NumberRule kPositive{
    .min = 0.0, .min_exclusive = true, .expected = "a positive number"};
inline constexpr NumberRule kLatitude{.min = -90, .max = 90, .expected = "a latitude in [-90, 90]"};
inline constexpr NumberRule kLongitude{
    .min = -180, .max = 180, .expected = "a longitude in [-180, 180]"};

// Parses a finite decimal number (no leading '+', no spaces); nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

class TableReader {
 public:
  // Checks the header; problems go to `errors`. When a required column is missing, valid() is
  // false and the caller skips the file's rows.
  TableReader(CsvReader reader, std::span<const ColumnSpec> columns, InputErrorList& errors);

  [[nodiscard]] bool valid() const { return valid_; }
  // Next row; false at the end. A malformed row (quoting, field count) is recorded and ends the
  // file, since the rest cannot be trusted.
  bool next();

  // Whether the file has the schema column `column` (index into the spec).
  [[nodiscard]] bool has(std::size_t column) const { return positions_[column] != kAbsent; }
  [[nodiscard]] std::string_view text(std::size_t column) const;
  // Required text: records an error and returns nullopt when empty.
  std::optional<std::string_view> id(std::size_t column);
  // Numeric field; an empty optional field gives `fallback` (nullopt when none).
  std::optional<double> number(std::size_t column, const NumberRule& rule,
                               std::optional<double> fallback = std::nullopt);
  std::optional<Date> date(std::size_t column);
  // An optional date: nullopt when empty, error when malformed.
  std::optional<Date> optional_date(std::size_t column, bool& ok);

  [[nodiscard]] SourceLocation location(std::size_t column) const;
  [[nodiscard]] SourceLocation row_location() const { return {reader_.name(), reader_.line(), 0}; }
  [[nodiscard]] const std::string& file() const { return reader_.name(); }
  [[nodiscard]] std::size_t line() const { return reader_.line(); }
  // Records an error about this row's `column`.
  void error(std::size_t column, std::string_view expected, std::string_view found);
  InputErrorList& errors() { return errors_; }

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
  [[nodiscard]] std::string field_label(std::size_t column) const;

  CsvReader reader_;
  std::span<const ColumnSpec> columns_;
  InputErrorList& errors_;
  std::vector<std::size_t> positions_;  // schema column -> field position in the file
  bool valid_ = true;
};

}  // namespace echelon::io
