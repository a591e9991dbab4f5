// SPDX-License-Identifier: Apache-2.0
// Every reference case of tests/data/reference/cases.json through run_policy, each field of
// `expected` checked within the case's tolerance (SCHEMA.md section 5).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "inventory/policy_api.h"

namespace echelon::inventory {
namespace {

using Json = nlohmann::json;

const Json& all_cases() {
  static const Json cases = [] {
    std::ifstream in(std::string(ECHELON_TEST_DATA_DIR) + "/reference/cases.json");
    return Json::parse(in);
  }();
  return cases;
}

// The tolerance whose key is the longest prefix of `path` (at a '.' or '[' boundary).
const Json* tolerance_for(const Json& tolerances, const std::string& path) {
  const Json* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& [key, value] : tolerances.items()) {
    bool matches = path == key || (path.size() > key.size() && path.compare(0, key.size(), key) == 0 &&
                                   (path[key.size()] == '.' || path[key.size()] == '['));
    if (matches && key.size() >= best_length) {
      best = &value;
      best_length = key.size();
    }
  }
  return best;
}

void compare(const Json& expected, const Json& actual, const std::string& path,
             const Json& tolerances) {
  if (expected.is_object()) {
    ASSERT_TRUE(actual.is_object()) << path;
    for (const auto& [key, value] : expected.items()) {
      std::string child = path.empty() ? key : path + "." + key;
      ASSERT_TRUE(actual.contains(key)) << "missing " << child;
      compare(value, actual.at(key), child, tolerances);
    }
    return;
  }
  if (expected.is_array()) {
    ASSERT_TRUE(actual.is_array()) << path;
    ASSERT_EQ(expected.size(), actual.size()) << path;
    for (std::size_t index = 0; index < expected.size(); ++index) {
      compare(expected[index], actual[index], path + "[" + std::to_string(index) + "]", tolerances);
    }
    return;
  }
  if (expected.is_string()) {
    EXPECT_EQ(expected, actual) << path;
    return;
  }
  ASSERT_TRUE(actual.is_number()) << path << " is " << actual.dump();
  double want = expected.get<double>();
  double got = actual.get<double>();
  const Json* tolerance = tolerance_for(tolerances, path);
  ASSERT_NE(tolerance, nullptr) << "no tolerance for " << path;
  if (tolerance->is_string()) {
    EXPECT_EQ(want, got) << path;
    return;
  }
  double allowed = std::max(tolerance->value("abs", 0.0), tolerance->value("rel", 0.0) * std::abs(want));
  EXPECT_LE(std::abs(got - want), allowed) << path << ": expected " << want << ", got " << got;
}

class ReferenceCase : public testing::TestWithParam<std::size_t> {};

TEST_P(ReferenceCase, MatchesExpectedWithinTolerance) {
  const Json& reference = all_cases().at(GetParam());
  OrderedJson output = run_policy(reference.at("input"), reference.at("id").get<std::string>());
  Json actual = Json::parse(to_text(output));
  EXPECT_EQ(actual.at("model"), reference.at("input").at("model"));
  compare(reference.at("expected"), actual, "", reference.at("tolerance"));
}

std::vector<std::size_t> case_indices() {
  std::vector<std::size_t> indices(all_cases().size());
  for (std::size_t index = 0; index < indices.size(); ++index) indices[index] = index;
  return indices;
}

INSTANTIATE_TEST_SUITE_P(Cases, ReferenceCase, testing::ValuesIn(case_indices()),
                         [](const testing::TestParamInfo<std::size_t>& info) {
                           return all_cases().at(info.param).at("id").get<std::string>();
                         });

TEST(ReferenceCases, CoverEveryModelOfTheSchema) {
  std::set<std::string> models;
  for (const Json& reference : all_cases()) models.insert(reference.at("input").at("model"));
  EXPECT_GE(all_cases().size(), 35U);
  for (const char* model : {"newsvendor", "base_stock", "eoq", "ss_exact", "rq_exact",
                            "serial_ssm", "serial_shang_song", "gsm_tree", "loss_function"}) {
    EXPECT_TRUE(models.contains(model)) << model;
  }
}

}  // namespace
}  // namespace echelon::inventory
