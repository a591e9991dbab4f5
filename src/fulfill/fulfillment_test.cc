// SPDX-License-Identifier: Apache-2.0
#include "fulfill/fulfillment.h"

#include <gtest/gtest.h>

#include <array>
#include <span>
#include <vector>

namespace echelon::fulfill {
namespace {

using network::DemandClass;
using network::ServingOption;

// Region served on time by nodes 0 (cost 4) and 1 (cost 5); node 2 is a 2-day fallback (cost 3).
DemandClass two_node_class() {
  DemandClass demand_class;
  demand_class.region = RegionIndex(0);
  demand_class.speed = SpeedIndex(0);
  demand_class.eligible = {{NodeIndex(0), SpeedIndex(0), 4.0}, {NodeIndex(1), SpeedIndex(0), 5.0}};
  demand_class.fallback = {{NodeIndex(2), SpeedIndex(1), 3.0}};
  return demand_class;
}

TEST(FulfillGreedy, SpillsOverInListOrderThenDowngradesThenLoses) {
  DemandClass demand_class = two_node_class();
  std::vector<double> stock = {3.0, 2.0, 4.0};
  std::array<Shipment, 8> out{};
  FulfillResult result = fulfill_greedy(demand_class, 12.0, stock, out);
  ASSERT_EQ(result.shipments, 3u);
  EXPECT_EQ(out[0].node, NodeIndex(0));
  EXPECT_DOUBLE_EQ(out[0].quantity, 3.0);
  EXPECT_EQ(out[1].node, NodeIndex(1));
  EXPECT_DOUBLE_EQ(out[1].quantity, 2.0);
  EXPECT_TRUE(out[2].downgrade);
  EXPECT_EQ(out[2].speed, SpeedIndex(1));
  EXPECT_DOUBLE_EQ(result.on_time, 5.0);
  EXPECT_DOUBLE_EQ(result.downgraded, 4.0);
  EXPECT_DOUBLE_EQ(result.lost, 3.0);
  EXPECT_DOUBLE_EQ(result.shipping_cost, 3 * 4.0 + 2 * 5.0 + 4 * 3.0);
  EXPECT_EQ(stock, (std::vector<double>{0.0, 0.0, 0.0}));
}

TEST(FulfillGreedy, FirstNodeWithStockServesAWholeSmallOrder) {
  DemandClass demand_class = two_node_class();
  std::vector<double> stock = {0.0, 5.0, 9.0};
  std::array<Shipment, 8> out{};
  FulfillResult result = fulfill_greedy(demand_class, 2.0, stock, out);
  ASSERT_EQ(result.shipments, 1u);
  EXPECT_EQ(out[0].node, NodeIndex(1));
  EXPECT_DOUBLE_EQ(result.on_time, 2.0);
  EXPECT_DOUBLE_EQ(result.lost, 0.0);
  EXPECT_DOUBLE_EQ(stock[1], 3.0);
  EXPECT_DOUBLE_EQ(stock[2], 9.0);
}

TEST(FulfillGreedy, NeverShipsFractionsOfAUnit) {
  DemandClass demand_class = two_node_class();
  std::vector<double> stock = {0.5, 1.7, 0.0};
  std::array<Shipment, 8> out{};
  FulfillResult result = fulfill_greedy(demand_class, 3.0, stock, out);
  EXPECT_DOUBLE_EQ(result.on_time, 1.0);
  EXPECT_DOUBLE_EQ(result.lost, 2.0);
  EXPECT_DOUBLE_EQ(stock[0], 0.5);
  EXPECT_NEAR(stock[1], 0.7, 1e-12);
  // Fractional mode (expected demand) ships everything there is.
  std::vector<double> fractional = {0.5, 1.7, 0.0};
  FulfillResult relaxed = fulfill_greedy(demand_class, 3.0, fractional, out, 0.0);
  EXPECT_NEAR(relaxed.on_time, 2.2, 1e-12);
  EXPECT_NEAR(relaxed.lost, 0.8, 1e-12);
}

// Runs `rule` and fulfill_greedy on the same stock for several order sizes and expects the same
// shipments (node and quantity, in order), the same lost units and the same stock left.
template <typename Rule>
void expect_same_as_greedy(const DemandClass& demand_class, Rule rule) {
  for (double quantity : {1.0, 4.0, 7.0, 12.0}) {
    std::vector<double> greedy_stock = {3.0, 2.0, 4.0};
    std::vector<double> rule_stock = greedy_stock;
    std::array<Shipment, 8> greedy_out{};
    std::array<Shipment, 8> rule_out{};
    FulfillResult greedy = fulfill_greedy(demand_class, quantity, greedy_stock, greedy_out);
    FulfillResult other = rule(quantity, std::span<double>(rule_stock), std::span<Shipment>(rule_out));
    ASSERT_EQ(other.shipments, greedy.shipments) << quantity;
    for (std::size_t index = 0; index < greedy.shipments; ++index) {
      EXPECT_EQ(rule_out[index].node, greedy_out[index].node) << quantity;
      EXPECT_DOUBLE_EQ(rule_out[index].quantity, greedy_out[index].quantity) << quantity;
    }
    EXPECT_DOUBLE_EQ(other.on_time, greedy.on_time) << quantity;
    EXPECT_DOUBLE_EQ(other.downgraded, greedy.downgraded) << quantity;
    EXPECT_DOUBLE_EQ(other.lost, greedy.lost) << quantity;
    EXPECT_EQ(rule_stock, greedy_stock) << quantity;
  }
}

TEST(FulfillRanked, WithEqualChargesMatchesGreedy) {
  const std::vector<double> charge(3, 2.5);
  expect_same_as_greedy(two_node_class(), [&](double quantity, std::span<double> stock, std::span<Shipment> out) {
    return fulfill_ranked(two_node_class(), quantity, stock, out, charge);
  });
}

TEST(FulfillRanked, ChargesReorderEachListButEligibleStaysFirst) {
  DemandClass demand_class = two_node_class();
  // Node 0 costs 4 + 3 = 7 to serve from, node 1 5 + 1 = 6: node 1 first. The fallback node 2
  // (3 + 0) is cheaper than both but still comes after them.
  const std::vector<double> charge = {3.0, 1.0, 0.0};
  std::vector<double> stock = {3.0, 2.0, 4.0};
  std::array<Shipment, 8> out{};
  FulfillResult result = fulfill_ranked(demand_class, 6.0, stock, out, charge);
  ASSERT_EQ(result.shipments, 3u);
  EXPECT_EQ(out[0].node, NodeIndex(1));
  EXPECT_DOUBLE_EQ(out[0].quantity, 2.0);
  EXPECT_EQ(out[1].node, NodeIndex(0));
  EXPECT_DOUBLE_EQ(out[1].quantity, 3.0);
  EXPECT_EQ(out[2].node, NodeIndex(2));
  EXPECT_TRUE(out[2].downgrade);
  EXPECT_DOUBLE_EQ(out[2].quantity, 1.0);
  EXPECT_DOUBLE_EQ(result.on_time, 5.0);
  EXPECT_DOUBLE_EQ(result.downgraded, 1.0);
  EXPECT_DOUBLE_EQ(result.shipping_cost, 2 * 5.0 + 3 * 4.0 + 1 * 3.0);
  EXPECT_EQ(stock, (std::vector<double>{0.0, 0.0, 3.0}));
}

TEST(FulfillOpportunityCost, WithoutPricesMatchesGreedy) {
  const OpportunityCosts costs{.node_price = {}, .downgrade_penalty = 2.0, .lost_sale_penalty = 50.0};
  expect_same_as_greedy(two_node_class(), [&](double quantity, std::span<double> stock, std::span<Shipment> out) {
    return fulfill_opportunity_cost(two_node_class(), quantity, stock, out, costs);
  });
}

TEST(FulfillOpportunityCost, PriceMovesDemandToAFartherNode) {
  // Node 0 is worth 3 per unit to faster classes: 4 + 3 > 5, so node 1 ships first.
  DemandClass demand_class = two_node_class();
  std::vector<double> stock = {3.0, 2.0, 0.0};
  std::vector<double> price = {3.0, 0.0, 0.0};
  std::array<Shipment, 8> out{};
  OpportunityCosts costs{.node_price = price, .downgrade_penalty = 2.0, .lost_sale_penalty = 20.0};
  FulfillResult result = fulfill_opportunity_cost(demand_class, 4.0, stock, out, costs);
  ASSERT_EQ(result.shipments, 2u);
  EXPECT_EQ(out[0].node, NodeIndex(1));
  EXPECT_DOUBLE_EQ(out[0].quantity, 2.0);
  EXPECT_EQ(out[1].node, NodeIndex(0));
  EXPECT_DOUBLE_EQ(out[1].quantity, 2.0);
  EXPECT_DOUBLE_EQ(result.shipping_cost, 2 * 5.0 + 2 * 4.0);
}

TEST(FulfillOpportunityCost, HoldsStockBackWhenDepletingCostsMoreThanALostSale) {
  DemandClass demand_class = two_node_class();
  std::vector<double> stock = {3.0, 0.0, 2.0};
  // Node 0 protected (4 + 10 > 8); the fallback costs 3 + 2 = 5 < 8 and ships; the rest is lost.
  std::vector<double> price = {10.0, 0.0, 0.0};
  std::array<Shipment, 8> out{};
  OpportunityCosts costs{.node_price = price, .downgrade_penalty = 2.0, .lost_sale_penalty = 8.0};
  FulfillResult result = fulfill_opportunity_cost(demand_class, 4.0, stock, out, costs);
  EXPECT_DOUBLE_EQ(result.on_time, 0.0);
  EXPECT_DOUBLE_EQ(result.downgraded, 2.0);
  EXPECT_DOUBLE_EQ(result.lost, 2.0);
  EXPECT_DOUBLE_EQ(stock[0], 3.0);
}

TEST(FulfillOpportunityCost, CheapFallbackBeatsExpensiveOnTimeNodeOnlyWhenPenaltyIsSmall) {
  DemandClass demand_class = two_node_class();
  std::array<Shipment, 8> out{};
  std::vector<double> stock = {0.0, 5.0, 5.0};
  // On time from node 1 costs 5; the fallback 3 + 1 = 4 is cheaper.
  FulfillResult cheap = fulfill_opportunity_cost(
      demand_class, 1.0, stock, out, {.node_price = {}, .downgrade_penalty = 1.0, .lost_sale_penalty = 20.0});
  EXPECT_DOUBLE_EQ(cheap.downgraded, 1.0);
  // With a penalty of 3 the fallback costs 6 > 5: on time.
  FulfillResult dear = fulfill_opportunity_cost(
      demand_class, 1.0, stock, out, {.node_price = {}, .downgrade_penalty = 3.0, .lost_sale_penalty = 20.0});
  EXPECT_DOUBLE_EQ(dear.on_time, 1.0);
}

}  // namespace
}  // namespace echelon::fulfill
