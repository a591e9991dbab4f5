// SPDX-License-Identifier: Apache-2.0
#include "core/date.h"

#include <cstdio>

namespace echelon {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool read_digits(std::string_view text, std::size_t first, std::size_t count, int& value) {
  value = 0;
  for (std::size_t pos = first; pos < first + count; ++pos) {
    char digit = text[pos];
    if (digit < '0' || digit > '9') return false;
    value = value * 10 + (digit - '0');
  }
  return true;
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  CivilDate civil;
  if (!read_digits(text, 0, 4, civil.year) || !read_digits(text, 5, 2, civil.month) ||
      !read_digits(text, 8, 2, civil.day)) {
    return std::nullopt;
  }
  if (civil.year < 1 || civil.month < 1 || civil.month > 12 || civil.day < 1 ||
      civil.day > days_in_month(civil.year, civil.month)) {
    return std::nullopt;
  }
  return from_civil(civil);
}

// Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
Date Date::from_civil(CivilDate civil) {
  int year = civil.year - (civil.month <= 2 ? 1 : 0);
  int era = (year >= 0 ? year : year - 399) / 400;
  int year_of_era = year - era * 400;
  int month_index = civil.month + (civil.month > 2 ? -3 : 9);
  int day_of_year = (153 * month_index + 2) / 5 + civil.day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return Date(era * 146097 + day_of_era - 719468);
}

CivilDate Date::civil() const {
  int shifted = days_ + 719468;
  int era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  int day_of_era = shifted - era * 146097;
  int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int month_index = (5 * day_of_year + 2) / 153;
  CivilDate civil;
  civil.day = day_of_year - (153 * month_index + 2) / 5 + 1;
  civil.month = month_index < 10 ? month_index + 3 : month_index - 9;
  civil.year = year_of_era + era * 400 + (civil.month <= 2 ? 1 : 0);
  return civil;
}

std::string Date::to_string() const {
  CivilDate value = civil();
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", value.year, value.month, value.day);
  return buffer;
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO weekday index 3).
  int offset = (days_ + 3) % 7;
  return offset < 0 ? offset + 7 : offset;
}

int Date::day_of_year() const {
  CivilDate value = civil();
  return days_ - from_civil({value.year, 1, 1}).days() + 1;
}

}  // namespace echelon
