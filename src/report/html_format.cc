// SPDX-License-Identifier: Apache-2.0
#include "report/html_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace echelon::report {
namespace {

constexpr std::string_view kNotAvailable = "\u2013";  // en dash

// Inserts a comma every three digits of the integer part of an unsigned decimal text.
std::string group_thousands(const std::string& digits) {
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out;
  out.reserve(digits.size() + point / 3);
  for (std::size_t pos = 0; pos < point; ++pos) {
    if (pos > 0 && (point - pos) % 3 == 0) out.push_back(',');
    out.push_back(digits[pos]);
  }
  out.append(digits, point, std::string::npos);
  return out;
}

// Rounds half away from zero at `decimals` (printf would round half to even on the binary
// value, so 0.125 -> "0.12"); returns the sign separately.
std::string unsigned_text(double value, int decimals, bool& negative) {
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(std::fabs(value) * scale) / scale;
  negative = value < 0.0 && rounded > 0.0;
  return fmt::format("{:.{}f}", rounded, decimals);
}

}  // namespace

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  decimals = std::clamp(decimals, 0, 6);
  bool negative = false;
  const std::string digits = unsigned_text(value, decimals, negative);
  return fmt::format("{}{}", negative ? "-" : "", group_thousands(digits));
}

std::string format_money(double value, std::string_view symbol, int decimals) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  decimals = std::clamp(decimals, 0, 6);
  bool negative = false;
  const std::string digits = unsigned_text(value, decimals, negative);
  return fmt::format("{}{}{}", negative ? "-" : "", symbol, group_thousands(digits));
}

std::string format_percent(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return std::string(kNotAvailable);
  return format_number(100.0 * fraction, decimals) + "%";
}

std::string format_quantity(double value, std::string_view unit, int decimals) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  return fmt::format("{} {}", format_number(value, decimals), unit);
}

std::string format_compact(double value, int small_decimals) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  const double magnitude = std::fabs(value);
  const double small_scale = std::pow(10.0, std::clamp(small_decimals, 0, 6));
  if (std::round(magnitude * small_scale) / small_scale < 1000.0) {
    return format_number(value, small_decimals);
  }
  constexpr double kScales[] = {1e3, 1e6, 1e9, 1e12};
  constexpr std::string_view kSuffixes[] = {"k", "M", "B", "T"};
  std::size_t step = 0;
  while (step + 1 < std::size(kScales) && magnitude >= kScales[step + 1]) ++step;
  // Three significant digits; when rounding reaches 1000 (999.6 k) the next suffix takes over.
  auto round_at = [&](std::size_t at) {
    const double scaled = magnitude / kScales[at];
    const double decimals = scaled >= 100.0 ? 0 : scaled >= 10.0 ? 1 : 2;
    return std::round(scaled * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
  };
  double rounded = round_at(step);
  if (rounded >= 1000.0 && step + 1 < std::size(kScales)) rounded = round_at(++step);
  std::string text = fmt::format("{:.2f}", rounded);
  while (text.back() == '0') text.pop_back();  // "1.50" -> "1.5", "120.00" -> "120"
  if (text.back() == '.') text.pop_back();
  return fmt::format("{}{} {}", value < 0 ? "-" : "", group_thousands(text), kSuffixes[step]);
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string json_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t pos = 0; pos < json.size(); ++pos) {
    out.push_back(json[pos]);
    if (json[pos] == '<' && pos + 1 < json.size() && json[pos + 1] == '/') out.push_back('\\');
  }
  return out;
}

}  // namespace echelon::report
