// SPDX-License-Identifier: Apache-2.0
// Reading and writing the JSON documents of `echelon policy` (see docs of policy_api.h): a
// checked reader that names the offending field by its path ("params.demand.sd") and rejects
// unknown keys, the demand-distribution parser, and a writer that prints every floating-point
// number with 17 significant digits so that it reads back as the same double.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/error.h"
#include "inventory/distribution.h"

namespace echelon::inventory {

using OrderedJson = nlohmann::ordered_json;

enum class NumberCheck { kAny, kPositive, kNonNegative, kProbability };

// One JSON object of the input, read key by key. `finish()` reports any key that was not read.
class JsonFields {
 public:
  // Throws InputError when `value` is not an object.
  JsonFields(const nlohmann::json& value, std::string path, SourceLocation location);

  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] const nlohmann::json& required(std::string_view key);
  [[nodiscard]] double number(std::string_view key, NumberCheck check);
  [[nodiscard]] double number_or(std::string_view key, NumberCheck check, double fallback);
  [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t minimum);
  [[nodiscard]] std::int64_t integer_or(std::string_view key, std::int64_t minimum,
                                        std::int64_t fallback);
  [[nodiscard]] std::string string(std::string_view key);
  [[nodiscard]] JsonFields object(std::string_view key);
  // The array under `key` (checked to be an array).
  [[nodiscard]] const nlohmann::json& array(std::string_view key);
  void finish() const;

  // "path.key" (or "key" at the top level).
  [[nodiscard]] std::string path_of(std::string_view key) const;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const SourceLocation& location() const { return location_; }
  // An InputError about `key` of this object.
  [[nodiscard]] InputError error(std::string_view key, std::string_view expected,
                                 const nlohmann::json& found) const;

 private:
  const nlohmann::json& value_;
  std::string path_;
  SourceLocation location_;
  std::set<std::string, std::less<>> read_;
};

// Checks a standalone JSON value (an array element) the way JsonFields checks a member.
[[nodiscard]] double json_number(const nlohmann::json& value, const std::string& path,
                                 const SourceLocation& location, NumberCheck check);
[[nodiscard]] std::int64_t json_integer(const nlohmann::json& value, const std::string& path,
                                        const SourceLocation& location, std::int64_t minimum);

// {"distribution": "normal", "mean", "sd"}, {"distribution": "poisson", "mean"},
// {"distribution": "negative_binomial", "mean", "variance"}, {"distribution": "gamma", "mean",
// "sd"}, {"distribution": "empirical", "pmf": [p0, p1, ...]}.
[[nodiscard]] Distribution parse_distribution(JsonFields fields);

// A number of the input, echoed into the output as it was written (integer or float).
[[nodiscard]] OrderedJson echo(const nlohmann::json& value);

// The document as text, floats with 17 significant digits, integers as integers.
[[nodiscard]] std::string to_text(const OrderedJson& document);

}  // namespace echelon::inventory
