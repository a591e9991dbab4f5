// SPDX-License-Identifier: Apache-2.0
#include "inventory/policy_json.h"

#include <fmt/format.h>

#include <cmath>
#include <utility>
#include <vector>

namespace echelon::inventory {
namespace {

std::string_view expected_text(NumberCheck check) {
  switch (check) {
    case NumberCheck::kAny: return "a number";
    case NumberCheck::kPositive: return "a positive number";
    case NumberCheck::kNonNegative: return "a number >= 0";
    case NumberCheck::kProbability: return "a number in (0, 1)";
  }
  return "a number";
}

bool passes(double value, NumberCheck check) {
  if (!std::isfinite(value)) return false;
  switch (check) {
    case NumberCheck::kAny: return true;
    case NumberCheck::kPositive: return value > 0.0;
    case NumberCheck::kNonNegative: return value >= 0.0;
    case NumberCheck::kProbability: return value > 0.0 && value < 1.0;
  }
  return false;
}

InputError value_error(const SourceLocation& location, const std::string& path,
                       std::string_view expected, const nlohmann::json& found) {
  std::string shown = found.is_string() ? found.get<std::string>() : found.dump();
  return InputError::bad_value(location, path, expected, shown);
}

void write(const OrderedJson& value, std::string& out) {
  switch (value.type()) {
    case OrderedJson::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ", ";
        first = false;
        out += OrderedJson(key).dump();
        out += ": ";
        write(member, out);
      }
      out += '}';
      return;
    }
    case OrderedJson::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& member : value) {
        if (!first) out += ", ";
        first = false;
        write(member, out);
      }
      out += ']';
      return;
    }
    case OrderedJson::value_t::number_float: {
      double number = value.get<double>();
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      out += fmt::format("{:.17g}", number);
      return;
    }
    default: out += value.dump(); return;
  }
}

}  // namespace

JsonFields::JsonFields(const nlohmann::json& value, std::string path, SourceLocation location)
    : value_(value), path_(std::move(path)), location_(std::move(location)) {
  if (!value_.is_object()) {
    throw value_error(location_, path_.empty() ? std::string("(document)") : path_, "an object",
                      value_);
  }
}

std::string JsonFields::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

InputError JsonFields::error(std::string_view key, std::string_view expected,
                             const nlohmann::json& found) const {
  return value_error(location_, path_of(key), expected, found);
}

bool JsonFields::has(std::string_view key) const { return value_.contains(key); }

const nlohmann::json& JsonFields::required(std::string_view key) {
  auto found = value_.find(key);
  if (found == value_.end()) {
    throw InputError(location_, fmt::format("{}: missing required key", path_of(key)));
  }
  read_.emplace(key);
  return *found;
}

double JsonFields::number(std::string_view key, NumberCheck check) {
  return json_number(required(key), path_of(key), location_, check);
}

double JsonFields::number_or(std::string_view key, NumberCheck check, double fallback) {
  return has(key) ? number(key, check) : fallback;
}

std::int64_t JsonFields::integer(std::string_view key, std::int64_t minimum) {
  return json_integer(required(key), path_of(key), location_, minimum);
}

std::int64_t JsonFields::integer_or(std::string_view key, std::int64_t minimum,
                                    std::int64_t fallback) {
  return has(key) ? integer(key, minimum) : fallback;
}

std::string JsonFields::string(std::string_view key) {
  const nlohmann::json& value = required(key);
  if (!value.is_string()) throw error(key, "a string", value);
  return value.get<std::string>();
}

JsonFields JsonFields::object(std::string_view key) {
  return JsonFields(required(key), path_of(key), location_);
}

const nlohmann::json& JsonFields::array(std::string_view key) {
  const nlohmann::json& value = required(key);
  if (!value.is_array()) throw error(key, "an array", value);
  return value;
}

void JsonFields::finish() const {
  for (const auto& [key, member] : value_.items()) {
    if (!read_.contains(key)) {
      throw InputError(location_, fmt::format("{}: unknown key", path_of(key)));
    }
  }
}

double json_number(const nlohmann::json& value, const std::string& path,
                   const SourceLocation& location, NumberCheck check) {
  if (!value.is_number() || !passes(value.get<double>(), check)) {
    throw value_error(location, path, expected_text(check), value);
  }
  return value.get<double>();
}

std::int64_t json_integer(const nlohmann::json& value, const std::string& path,
                          const SourceLocation& location, std::int64_t minimum) {
  std::string expected = fmt::format("an integer >= {}", minimum);
  if (!value.is_number()) throw value_error(location, path, expected, value);
  double number = value.get<double>();
  if (!std::isfinite(number) || number != std::floor(number) || number < static_cast<double>(minimum) ||
      std::abs(number) > 9.0e15) {
    throw value_error(location, path, expected, value);
  }
  return static_cast<std::int64_t>(number);
}

Distribution parse_distribution(JsonFields fields) {
  std::string name = fields.string("distribution");
  Distribution result = Distribution::poisson(0.0);
  if (name == "normal") {
    double mean = fields.number("mean", NumberCheck::kAny);
    double sd = fields.number("sd", NumberCheck::kPositive);
    result = Distribution::normal(mean, sd);
  } else if (name == "poisson") {
    result = Distribution::poisson(fields.number("mean", NumberCheck::kPositive));
  } else if (name == "gamma") {
    double mean = fields.number("mean", NumberCheck::kPositive);
    result = Distribution::gamma(mean, fields.number("sd", NumberCheck::kPositive));
  } else if (name == "negative_binomial") {
    double mean = fields.number("mean", NumberCheck::kPositive);
    double variance = fields.number("variance", NumberCheck::kPositive);
    if (!(variance > mean)) {
      throw fields.error("variance", "a number greater than mean", fields.required("variance"));
    }
    result = Distribution::negative_binomial(mean, variance);
  } else if (name == "empirical") {
    const nlohmann::json& pmf = fields.array("pmf");
    std::vector<double> weights;
    double total = 0.0;
    for (std::size_t index = 0; index < pmf.size(); ++index) {
      weights.push_back(json_number(pmf[index], fmt::format("{}[{}]", fields.path_of("pmf"), index),
                                    fields.location(), NumberCheck::kNonNegative));
      total += weights.back();
    }
    if (!(total > 0.0)) throw fields.error("pmf", "weights with a positive sum", pmf);
    result = Distribution::table(std::move(weights));
  } else {
    throw fields.error("distribution",
                       "one of normal, poisson, gamma, negative_binomial, empirical",
                       fields.required("distribution"));
  }
  fields.finish();
  return result;
}

OrderedJson echo(const nlohmann::json& value) { return OrderedJson::parse(value.dump()); }

std::string to_text(const OrderedJson& document) {
  std::string out;
  write(document, out);
  return out;
}

}  // namespace echelon::inventory
