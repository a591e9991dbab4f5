// SPDX-License-Identifier: Apache-2.0
#include "io/config_reader.h"

#include <gtest/gtest.h>

namespace echelon::io {
namespace {

std::vector<std::string> problems(const std::string& yaml) {
  InputErrorList errors;
  parse_config(yaml, "echelon.yaml", errors);
  std::vector<std::string> messages;
  for (const auto& error : errors.errors()) messages.emplace_back(error.what());
  return messages;
}

TEST(ConfigReader, PrintedDefaultsParseBackToDefaults) {
  InputErrorList errors;
  network::Config config = parse_config(defaults_yaml(), "defaults", errors);
  ASSERT_TRUE(errors.empty()) << errors.errors().front().what();
  network::Config defaults = network::Config::defaults();
  EXPECT_EQ(config.optimizer.max_iterations, defaults.optimizer.max_iterations);
  EXPECT_EQ(config.forecast.method, defaults.forecast.method);
  ASSERT_EQ(config.speeds.size(), 3u);
  EXPECT_EQ(config.speeds[1].name, "1day");
  EXPECT_DOUBLE_EQ(config.speeds[0].target_fill, defaults.speeds[0].target_fill);
  EXPECT_DOUBLE_EQ(config.speed_mix[2], defaults.speed_mix[2]);
  for (int hour = 0; hour < 24; ++hour) {
    EXPECT_NEAR(config.order_hour_profile[hour], defaults.order_hour_profile[hour], 1e-4);
  }
}

TEST(ConfigReader, ReadsValuesOverDefaults) {
  InputErrorList errors;
  network::Config config = parse_config(
      "planning_date: 2024-03-01\noptimizer:\n  max_iterations: 7\n"
      "speeds:\n  - {name: fast, promise_hours: 24, target_fill: 0.9}\n"
      "  - {name: slow, promise_hours: 72}\nspeed_mix: {fast: 0.25, slow: 0.75}\n",
      "echelon.yaml", errors);
  ASSERT_TRUE(errors.empty()) << errors.errors().front().what();
  EXPECT_EQ(config.planning_date->to_string(), "2024-03-01");
  EXPECT_EQ(config.optimizer.max_iterations, 7);
  ASSERT_EQ(config.speeds.size(), 2u);
  EXPECT_DOUBLE_EQ(config.speed_mix[0], 0.25);
}

TEST(ConfigReader, NamesUnknownKeysWithTheirLocation) {
  EXPECT_EQ(problems("optimizer:\n  max_iteration: 7\n"),
            std::vector<std::string>{"echelon.yaml:2:3: error: unknown option "
                                     "'optimizer.max_iteration' (see `echelon config --defaults`)"});
  EXPECT_EQ(problems("horizon: 3\n"),
            std::vector<std::string>{"echelon.yaml:1:1: error: unknown option 'horizon' (see "
                                     "`echelon config --defaults`)"});
}

TEST(ConfigReader, RejectsOutOfRangeAndMistypedValues) {
  EXPECT_EQ(problems("optimizer:\n  gap_target: 2\n"),
            std::vector<std::string>{"echelon.yaml:2:15: error: optimizer.gap_target: expected a "
                                     "number in [0, 1], found \"2\""});
  EXPECT_EQ(problems("horizon_weeks: 1.5\n"),
            std::vector<std::string>{"echelon.yaml:1:16: error: horizon_weeks: expected an "
                                     "integer in [1, 104], found \"1.5\""});
  EXPECT_EQ(problems("planning_date: 2024-02-30\n"),
            std::vector<std::string>{"echelon.yaml:1:16: error: planning_date: expected a date "
                                     "as YYYY-MM-DD, found \"2024-02-30\""});
}

TEST(ConfigReader, ChecksSpeedMix) {
  EXPECT_EQ(problems("speed_mix: {sameday: 0.5, 1day: 0.1, 2day: 0.1}\n"),
            std::vector<std::string>{"echelon.yaml:1:12: error: speed_mix: expected shares that "
                                     "sum to 1, found \"a map\""});
  EXPECT_EQ(problems("speed_mix: {sameday: 0.5, express: 0.5}\n").front(),
            "echelon.yaml:1:27: error: speed_mix: unknown speed 'express'");
}

TEST(ConfigReader, ReportsYamlSyntaxErrors) {
  auto found = problems("optimizer: [1, 2\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("echelon.yaml:2:1: error: expected valid YAML"), std::string::npos)
      << found[0];
}

}  // namespace
}  // namespace echelon::io
