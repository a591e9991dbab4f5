// SPDX-License-Identifier: Apache-2.0
// Calendar dates as a count of days since 1970-01-01, with ISO `YYYY-MM-DD` parsing and
// formatting. Arithmetic on `Date` is in whole days; the proleptic Gregorian calendar is used
// (Hinnant's days_from_civil algorithm), so every date from year 1 to 9999 round-trips.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace echelon {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::int32_t days_since_epoch) : days_(days_since_epoch) {}

  // Nullopt unless `text` is exactly `YYYY-MM-DD` naming a real day.
  static std::optional<Date> parse(std::string_view text);
  static Date from_civil(CivilDate civil);

  [[nodiscard]] constexpr std::int32_t days() const { return days_; }
  [[nodiscard]] CivilDate civil() const;
  [[nodiscard]] std::string to_string() const;
  // 0 = Monday ... 6 = Sunday (ISO 8601).
  [[nodiscard]] int weekday() const;
  // 1..366.
  [[nodiscard]] int day_of_year() const;

  constexpr Date operator+(int days) const { return Date(days_ + days); }
  constexpr Date operator-(int days) const { return Date(days_ - days); }
  constexpr int operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::int32_t days_ = 0;
};

}  // namespace echelon
