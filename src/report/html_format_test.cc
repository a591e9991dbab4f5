// SPDX-License-Identifier: Apache-2.0
#include "report/html_format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace echelon::report {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(FormatNumber, GroupsThousandsAndRoundsHalfAwayFromZero) {
  EXPECT_EQ(format_number(0), "0");
  EXPECT_EQ(format_number(999), "999");
  EXPECT_EQ(format_number(1000), "1,000");
  EXPECT_EQ(format_number(123456), "123,456");
  EXPECT_EQ(format_number(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(format_number(999.5), "1,000");
  EXPECT_EQ(format_number(2.5), "3");  // printf would give "2" (half to even)
  EXPECT_EQ(format_number(0.125, 2), "0.13");
  EXPECT_EQ(format_number(-1234.5), "-1,235");
  EXPECT_EQ(format_number(-0.4), "0");  // never "-0"
  EXPECT_EQ(format_number(1e12), "1,000,000,000,000");
}

TEST(FormatNumber, NonFiniteIsADash) {
  EXPECT_EQ(format_number(kInf), "\u2013");
  EXPECT_EQ(format_number(std::nan("")), "\u2013");
  EXPECT_EQ(format_money(kInf), "\u2013");
  EXPECT_EQ(format_percent(std::nan("")), "\u2013");
}

TEST(FormatMoney, SymbolAfterTheSign) {
  EXPECT_EQ(format_money(1234567.4), "$1,234,567");
  EXPECT_EQ(format_money(-1234.5), "-$1,235");
  EXPECT_EQ(format_money(12.5, "\u20ac", 2), "\u20ac12.50");
  EXPECT_EQ(format_money(-0.001, "$", 2), "$0.00");
}

TEST(FormatPercent, FractionTimesHundred) {
  EXPECT_EQ(format_percent(0.9534), "95.3%");
  EXPECT_EQ(format_percent(1.0, 0), "100%");
  EXPECT_EQ(format_percent(0.00125, 2), "0.13%");
  EXPECT_EQ(format_percent(12.3456, 1), "1,234.6%");
}

TEST(FormatQuantity, NumberThenUnit) {
  EXPECT_EQ(format_quantity(1234.5, "m\u00b3", 1), "1,234.5 m\u00b3");
  EXPECT_EQ(format_quantity(26, "units/day"), "26 units/day");
}

TEST(FormatCompact, ThreeSignificantDigits) {
  EXPECT_EQ(format_compact(999), "999");
  EXPECT_EQ(format_compact(999.4), "999");
  EXPECT_EQ(format_compact(999.6), "1 k");
  EXPECT_EQ(format_compact(1234), "1.23 k");
  EXPECT_EQ(format_compact(15500), "15.5 k");
  EXPECT_EQ(format_compact(-15500), "-15.5 k");
  EXPECT_EQ(format_compact(120000), "120 k");
  EXPECT_EQ(format_compact(999600), "1 M");  // 999.6 k rounds up into the next suffix
  EXPECT_EQ(format_compact(4560000), "4.56 M");
  EXPECT_EQ(format_compact(2.1e9), "2.1 B");
  EXPECT_EQ(format_compact(3.5e15), "3,500 T");
  EXPECT_EQ(format_compact(12.345, 1), "12.3");
}

TEST(HtmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">R&D's</a>"), "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("plain"), "plain");
}

TEST(JsonForScript, NoClosingTagAndSameValue) {
  const nlohmann::json value = {{"sku", "</script><b>"}, {"list", {1, 2}}};
  const std::string text = json_for_script(value.dump());
  EXPECT_EQ(text.find("</"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(text), value);
}

}  // namespace
}  // namespace echelon::report
