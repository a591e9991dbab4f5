// SPDX-License-Identifier: Apache-2.0
#include "io/table_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <utility>

namespace echelon::io {

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

TableReader::TableReader(CsvReader reader, std::span<const ColumnSpec> columns,
                         InputErrorList& errors)
    : reader_(std::move(reader)), columns_(columns), errors_(errors),
      positions_(columns.size(), kAbsent) {
  std::string allowed;
  for (const ColumnSpec& spec : columns_) {
    if (!allowed.empty()) allowed += ", ";
    allowed += spec.name;
  }
  const auto& header = reader_.header();
  for (std::size_t field = 0; field < header.size(); ++field) {
    SourceLocation where{reader_.name(), reader_.header_line(), reader_.header_column(field)};
    const std::string& name = header[field];
    std::size_t column = kAbsent;
    for (std::size_t index = 0; index < columns_.size(); ++index) {
      if (columns_[index].name == name) column = index;
    }
    if (column == kAbsent) {
      if (!name.starts_with("x_")) errors_.add(InputError::unknown_column(where, name, allowed));
      continue;
    }
    if (positions_[column] != kAbsent) {
      errors_.add(InputError(where, fmt::format("column '{}' appears twice in the header", name)));
      continue;
    }
    positions_[column] = field;
  }
  for (std::size_t column = 0; column < columns_.size(); ++column) {
    if (columns_[column].required && positions_[column] == kAbsent) {
      errors_.add(InputError::missing_column({reader_.name(), reader_.header_line(), 0},
                                             columns_[column].name));
      valid_ = false;
    }
  }
}

bool TableReader::next() {
  if (!valid_) return false;
  try {
    return reader_.next();
  } catch (InputError& error) {
    errors_.add(std::move(error));
    valid_ = false;
    return false;
  }
}

std::string_view TableReader::text(std::size_t column) const {
  std::size_t position = positions_[column];
  return position == kAbsent ? std::string_view() : reader_[position];
}

SourceLocation TableReader::location(std::size_t column) const {
  std::size_t position = positions_[column];
  if (position == kAbsent) return row_location();
  return reader_.location(position);
}

std::string TableReader::field_label(std::size_t column) const {
  return fmt::format("column '{}'", columns_[column].name);
}

void TableReader::error(std::size_t column, std::string_view expected, std::string_view found) {
  errors_.add(InputError::bad_value(location(column), field_label(column), expected, found));
}

std::optional<std::string_view> TableReader::id(std::size_t column) {
  std::string_view value = text(column);
  if (value.empty()) {
    error(column, "a non-empty id", value);
    return std::nullopt;
  }
  return value;
}

std::optional<double> TableReader::number(std::size_t column, const NumberRule& rule,
                                          std::optional<double> fallback) {
  std::string_view value = text(column);
  if (value.empty() && !columns_[column].required) return fallback;
  std::optional<double> parsed = parse_number(value);
  bool ok = parsed.has_value() && *parsed <= rule.max &&
            (rule.min_exclusive ? *parsed > rule.min : *parsed >= rule.min) &&
            (!rule.integer || std::floor(*parsed) == *parsed);
  if (!ok) {
    error(column, rule.expected, value);
    return std::nullopt;
  }
  return parsed;
}

std::optional<Date> TableReader::date(std::size_t column) {
  std::string_view value = text(column);
  std::optional<Date> parsed = Date::parse(value);
  if (!parsed) error(column, "a date as YYYY-MM-DD", value);
  return parsed;
}

std::optional<Date> TableReader::optional_date(std::size_t column, bool& ok) {
  ok = true;
  if (text(column).empty()) return std::nullopt;
  std::optional<Date> parsed = date(column);
  ok = parsed.has_value();
  return parsed;
}

}  // namespace echelon::io
