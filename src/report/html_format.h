// SPDX-License-Identifier: Apache-2.0
// Numbers as people read them in report.html: thousands separators, a fixed number of
// decimals, a currency symbol or a unit, percentages from fractions. Non-finite values (an
// unlimited capacity, a metric that could not be computed) print as an en dash. Also the
// escaping that puts text and JSON safely inside an HTML page.
#pragma once

#include <string>
#include <string_view>

namespace echelon::report {

// 1234567.891 -> "1,234,567.89" with decimals = 2; rounds half away from zero; "-0" never
// appears. decimals in [0, 6].
std::string format_number(double value, int decimals = 0);

// format_number with a currency symbol in front: -1234.5 -> "-$1,235" (decimals = 0).
std::string format_money(double value, std::string_view symbol = "$", int decimals = 0);

// A fraction as a percentage: 0.9534 -> "95.3%" (decimals = 1).
std::string format_percent(double fraction, int decimals = 1);

// format_number followed by a unit: (1234.5, "m³", 1) -> "1,234.5 m³".
std::string format_quantity(double value, std::string_view unit, int decimals = 0);

// Large values shortened for tiles: 1234 -> "1.23 k", 4560000 -> "4.56 M", 2.1e9 -> "2.1 B";
// three significant digits; below 1000 as format_number with `small_decimals`.
std::string format_compact(double value, int small_decimals = 0);

// Text for HTML element content or a double-quoted attribute: & < > " ' escaped.
std::string html_escape(std::string_view text);

// JSON text for a <script type="application/json"> block: every "</" becomes "<\/" (the same
// JSON value) so that no string inside can close the script element.
std::string json_for_script(std::string_view json);

}  // namespace echelon::report
