// SPDX-License-Identifier: Apache-2.0
#include "core/date.h"

#include <gtest/gtest.h>

namespace echelon {
namespace {

TEST(Date, ParsesKnownDays) {
  EXPECT_EQ(Date::parse("1970-01-01")->days(), 0);
  EXPECT_EQ(Date::parse("2000-03-01")->days(), 11017);
  EXPECT_EQ(Date::parse("2024-02-29")->to_string(), "2024-02-29");
}

TEST(Date, RejectsMalformedOrImpossibleDays) {
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2023-13-01"));
  EXPECT_FALSE(Date::parse("2023-1-01"));
  EXPECT_FALSE(Date::parse("2023/01/01"));
  EXPECT_FALSE(Date::parse("20230101xx"));
  EXPECT_FALSE(Date::parse(""));
}

TEST(Date, RoundTripsEveryDayOfFourCenturies) {
  Date first = *Date::parse("1900-01-01");
  for (int offset = 0; offset < 146097; ++offset) {
    Date day = first + offset;
    ASSERT_EQ(Date::parse(day.to_string())->days(), day.days());
  }
}

TEST(Date, WeekdayAndDayOfYear) {
  EXPECT_EQ(Date::parse("2024-01-01")->weekday(), 0);  // a Monday
  EXPECT_EQ(Date::parse("1969-12-31")->weekday(), 2);  // a Wednesday
  EXPECT_EQ(Date::parse("2024-12-31")->day_of_year(), 366);
  EXPECT_EQ(Date::parse("2023-12-31")->day_of_year(), 365);
}

}  // namespace
}  // namespace echelon
