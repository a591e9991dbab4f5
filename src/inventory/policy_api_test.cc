// SPDX-License-Identifier: Apache-2.0
#include "inventory/policy_api.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"

namespace echelon::inventory {
namespace {

// The message of the InputError that running `text` raises ("" when none is raised).
std::string error_of(const std::string& text) {
  try {
    (void)run_policy_text(text, "case.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(PolicyApi, NamesTheFileAndTheOffendingField) {
  std::string message = error_of(
      R"({"model": "newsvendor", "params": {"holding_cost": 1, "stockout_cost": 2,
          "demand": {"distribution": "normal", "mean": 5, "sd": -1}}})");
  EXPECT_NE(message.find("case.json"), std::string::npos) << message;
  EXPECT_NE(message.find("params.demand.sd: expected a positive number, found \"-1\""),
            std::string::npos)
      << message;
}

TEST(PolicyApi, RejectsUnknownMissingAndMalformedInput) {
  EXPECT_NE(error_of(R"({"model": "eoq", "params": {"fixed_cost": 8, "holding_cost": 1,
                        "demand_rate": 3, "demnd": 1}})")
                .find("params.demnd: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"model": "eoq", "params": {"fixed_cost": 8, "holding_cost": 1}})")
                .find("params.demand_rate: missing required key"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"model": "magic", "params": {}})").find("model: expected one of"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"model": "eoq", "params": )").find("malformed JSON"), std::string::npos);
  EXPECT_NE(error_of(R"({"model": "eoq", "params": {"fixed_cost": 8, "holding_cost": 1,
                        "demand_rate": 3}, "query": {"cost_at": [{"Q": 0}]}})")
                .find("query.cost_at[0].Q: expected a positive number"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"model": "ss_exact", "params": {"holding_cost": 1, "stockout_cost": 4,
                        "fixed_cost": 5, "demand": {"distribution": "poisson", "mean": 6}},
                        "query": {"cost_at": [{"s": 6, "S": 6}]}})")
                .find("query.cost_at[0].S: expected an integer greater than s = 6"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"model": "ss_exact", "params": {"holding_cost": 1, "stockout_cost": 4,
                        "fixed_cost": 5, "demand": {"distribution": "normal", "mean": 6, "sd": 1}}})")
                .find("params.demand.distribution: expected a discrete distribution"),
            std::string::npos);
}

TEST(PolicyApi, PrintsSeventeenSignificantDigits) {
  OrderedJson document = {{"a", 0.1}, {"b", 8}, {"c", {1.0, -2.5e-300}}};
  EXPECT_EQ(to_text(document), R"({"a": 0.10000000000000001, "b": 8, "c": [1, -2.5e-300]})");
}

TEST(PolicyApi, EvaluationsFollowTheQueryOrder) {
  OrderedJson output = run_policy_text(
      R"({"model": "newsvendor", "params": {"holding_cost": 0.18, "stockout_cost": 0.7,
          "demand": {"distribution": "normal", "mean": 50, "sd": 8}},
          "query": {"cost_at": [{"S": 40}, {"S": 60}]}})",
      "case.json");
  ASSERT_EQ(output["evaluations"].size(), 2U);
  EXPECT_EQ(output["evaluations"][0]["S"], 40);
  EXPECT_NEAR(output["evaluations"][1]["cost"].get<double>(), 2.156131552870387, 1e-12);
  EXPECT_NEAR(output["optimal"]["S"].get<double>(), 56.60395592743389, 1e-10);
}

TEST(PolicyApi, OtherDistributions) {
  OrderedJson output = run_policy_text(
      R"({"model": "base_stock", "params": {"holding_cost": 1, "stockout_cost": 9, "lead_time": 2,
          "demand": {"distribution": "empirical", "pmf": [0.5, 0.25, 0.25]}}})",
      "case.json");
  // Demand over 3 periods has mean 2.25; the 90% point of its convolution is 4.
  EXPECT_EQ(output["optimal"]["S"], 4);
  OrderedJson gamma = run_policy_text(
      R"({"model": "newsvendor", "params": {"holding_cost": 1, "stockout_cost": 3,
          "demand": {"distribution": "gamma", "mean": 10, "sd": 5}}})",
      "case.json");
  EXPECT_GT(gamma["optimal"]["S"].get<double>(), 10.0);
}

TEST(PolicyApi, OneWarehouseManyRetailers) {
  OrderedJson output = run_policy_text(
      R"({"model": "owmr", "params": {"warehouse": {"lead_time": 3, "holding_cost": 0.5},
          "retailers": [{"demand_rate": 1, "transit_time": 1, "holding_cost": 1, "backorder_cost": 9},
                        {"demand_rate": 2, "transit_time": 1.5, "holding_cost": 1, "backorder_cost": 9}]},
          "query": {"cost_at": [{"warehouse_S": 11, "retailer_S": [3, 6]}]}})",
      "owmr.json");
  EXPECT_EQ(output["optimal"]["warehouse_S"], 11);
  EXPECT_EQ(output["optimal"]["retailer_S"][1], 6);
  EXPECT_NEAR(output["evaluations"][0]["cost"].get<double>(), output["cost"].get<double>(), 1e-12);
  // E[W] = E[B_0] / Lambda exactly, with B_0 the backorders of Poisson(9) demand over 11 units.
  EXPECT_NEAR(output["details"]["warehouse_delay"].get<double>(),
              output["details"]["warehouse_backorders"].get<double>() / 3.0, 1e-15);
}

}  // namespace
}  // namespace echelon::inventory
