// SPDX-License-Identifier: Apache-2.0
// Orders on the four-node test network against hand-computed quantities.
#include "replenish/order_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "replenish/replenish_test_network.h"

namespace echelon::replenish {
namespace {

using testing::add_sku;
using testing::kDc;
using testing::kFa;
using testing::kFb;
using testing::kFx;
using testing::sku_levels;

Orders run(const network::Dataset& dataset, std::size_t weeks, std::vector<SkuLevels> skus,
           std::vector<NodePosition> stock, OrderOptions options = {}) {
  PlanLevels levels;
  levels.weeks = weeks;
  levels.skus = std::move(skus);
  return plan_orders(dataset, levels, Positions(std::move(stock)), options);
}

TEST(RoundToPack, RaisesToMoqThenWholeCasePacks) {
  EXPECT_EQ(round_to_pack(13.0, 0.0, 12.0), 24.0);
  EXPECT_EQ(round_to_pack(24.0, 0.0, 12.0), 24.0);
  EXPECT_EQ(round_to_pack(5.0, 50.0, 12.0), 60.0);  // MOQ 50 is not a whole pack: 5 packs
  EXPECT_EQ(round_to_pack(7.2, 0.0, 1.0), 8.0);
  EXPECT_EQ(round_to_pack(100.0, 30.0, 0.0), 100.0);  // no case pack given
  EXPECT_EQ(round_to_pack(0.0, 50.0, 12.0), 0.0);     // nothing needed, nothing ordered
  EXPECT_EQ(round_to_pack(-3.0, 50.0, 12.0), 0.0);
}

TEST(Ration, ProportionalLargestRemainderSumsToSupply) {
  // 7 units over requests 5, 3, 2: exact 3.5, 2.1, 1.4 -> floors 3, 2, 1, the last unit to 3.5.
  EXPECT_EQ(ration(7.0, {5.0, 3.0, 2.0}), (std::vector<double>{4.0, 2.0, 1.0}));
  EXPECT_EQ(ration(10.0, {6.0, 3.0, 6.0}), (std::vector<double>{4.0, 2.0, 4.0}));
  EXPECT_EQ(ration(20.0, {6.0, 3.0, 6.0}), (std::vector<double>{6.0, 3.0, 6.0}));
  EXPECT_EQ(ration(7.9, {5.0, 5.0}), (std::vector<double>{4.0, 3.0}));  // whole units; tie to the first
  std::vector<double> requests{17.0, 1.0, 9.0, 4.0, 30.0};
  std::vector<double> shares = ration(23.0, requests);
  EXPECT_EQ(std::accumulate(shares.begin(), shares.end(), 0.0), 23.0);
  for (std::size_t index = 0; index < shares.size(); ++index) {
    EXPECT_LE(shares[index], requests[index]);
    EXPECT_LE(std::abs(shares[index] - 23.0 * requests[index] / 61.0), 1.0);
  }
}

TEST(PlanOrders, PurchaseNetsInboundAndBackordersAndRoundsToPacks) {
  network::Dataset dataset = testing::test_network();
  SkuIndex sku = add_sku(dataset, "S1", 12.0, 50.0, 12.0);
  // DC position 30 + 25 - 5 = 50 against level 100: need 50 -> MOQ 50 -> 5 packs of 12 = 60.
  Orders orders = run(dataset, 1, {sku_levels(sku, {{kDc, 5.0, {100.0}}})},
                      {{.sku = sku, .node = kDc, .on_hand = 30.0, .inbound = 25.0, .backorders = 5.0}});
  ASSERT_EQ(orders.purchases.size(), 1u);
  const PurchaseOrder& order = orders.purchases[0];
  EXPECT_EQ(order.destination, kDc);
  EXPECT_EQ(order.vendor, VendorIndex(0));
  EXPECT_DOUBLE_EQ(order.position, 50.0);
  EXPECT_DOUBLE_EQ(order.need, 50.0);
  EXPECT_DOUBLE_EQ(order.quantity, 60.0);
  EXPECT_DOUBLE_EQ(order.lead_days, 14.0);  // 12 days vendor lead time + 2 days lane
  EXPECT_EQ(order.arrival, *Date::parse("2025-03-17"));
  EXPECT_TRUE(orders.transfers.empty());
  EXPECT_TRUE(orders.overstock.empty());
}

TEST(PlanOrders, NoOrderWhenEveryNodeIsAtItsLevel) {
  network::Dataset dataset = testing::test_network();
  SkuIndex sku = add_sku(dataset, "S1", 12.0, 0.0, 1.0);
  Orders orders = run(dataset, 1,
                      {sku_levels(sku, {{kDc, 2.0, {40.0}}, {kFa, 1.0, {10.0}}, {kFb, 1.0, {6.0}}})},
                      {{.sku = sku, .node = kDc, .on_hand = 30.0, .inbound = 10.0},
                       {.sku = sku, .node = kFa, .on_hand = 10.0},
                       {.sku = sku, .node = kFb, .on_hand = 2.0, .inbound = 4.0}});
  EXPECT_TRUE(orders.purchases.empty());
  EXPECT_TRUE(orders.transfers.empty());
  EXPECT_TRUE(orders.overstock.empty());
  EXPECT_TRUE(orders.notes.empty());
}

TEST(PlanOrders, ShortDcRationsInProportionAndReordersWhatItOwes) {
  network::Dataset dataset = testing::test_network();
  SkuIndex sku = add_sku(dataset, "S1", 12.0, 0.0, 1.0);
  // FA short 5, FB short 3, DC has 7: exact 4.375 and 2.625 -> FA 4, FB 3.
  Orders orders = run(dataset, 1,
                      {sku_levels(sku, {{kDc, 2.0, {20.0}}, {kFa, 1.0, {10.0}}, {kFb, 1.0, {6.0}}})},
                      {{.sku = sku, .node = kDc, .on_hand = 7.0},
                       {.sku = sku, .node = kFa, .on_hand = 5.0},
                       {.sku = sku, .node = kFb, .on_hand = 3.0}});
  ASSERT_EQ(orders.transfers.size(), 2u);
  EXPECT_EQ(orders.transfers[0].from, kDc);
  EXPECT_EQ(orders.transfers[0].to, kFa);
  EXPECT_EQ(orders.transfers[0].kind, TransferKind::kReplenish);
  EXPECT_DOUBLE_EQ(orders.transfers[0].quantity, 4.0);
  EXPECT_DOUBLE_EQ(orders.transfers[0].shortfall, 5.0);
  EXPECT_EQ(orders.transfers[0].arrival, *Date::parse("2025-03-04"));
  EXPECT_EQ(orders.transfers[1].to, kFb);
  EXPECT_DOUBLE_EQ(orders.transfers[1].quantity, 3.0);
  EXPECT_DOUBLE_EQ(orders.transfers[1].cost_per_unit, 0.3);
  // FB is back at its level, so it has nothing to spare for FA: the DC owes FA one unit and
  // reorders 20 - (7 - 7 - 1) = 21.
  ASSERT_EQ(orders.purchases.size(), 1u);
  EXPECT_DOUBLE_EQ(orders.purchases[0].position, -1.0);
  EXPECT_DOUBLE_EQ(orders.purchases[0].quantity, 21.0);
}

TEST(PlanOrders, RebalancesOnlyBeyondLevelPlusThresholdOverTheCheapestLane) {
  network::Dataset dataset = testing::test_network();
  SkuIndex sku = add_sku(dataset, "S1", 12.0, 0.0, 1.0);
  auto levels = [&] {
    return std::vector<SkuLevels>{
        sku_levels(sku, {{kFa, 1.0, {10.0}}, {kFb, 1.0, {5.0}}, {kFx, 0.0, {0.0}}})};
  };
  // FB keeps its level 5 plus one week of its demand (7 units): with 12 on hand it spares none.
  Orders orders = run(dataset, 1, levels(),
                      {{.sku = sku, .node = kFa, .on_hand = 2.0}, {.sku = sku, .node = kFb, .on_hand = 12.0}});
  EXPECT_TRUE(orders.transfers.empty());
  // With 15 on hand FB spares 3; FX (level 0, no demand: threshold 1 unit) spares 3 of its 4
  // over the cheaper lane (0.4 < 0.5), so FX gives first.
  orders = run(dataset, 1, levels(),
               {{.sku = sku, .node = kFa, .on_hand = 2.0},
                {.sku = sku, .node = kFb, .on_hand = 15.0},
                {.sku = sku, .node = kFx, .on_hand = 4.0}});
  ASSERT_EQ(orders.transfers.size(), 2u);
  EXPECT_EQ(orders.transfers[0].kind, TransferKind::kRebalance);
  EXPECT_EQ(orders.transfers[0].from, kFx);
  EXPECT_DOUBLE_EQ(orders.transfers[0].quantity, 3.0);
  EXPECT_DOUBLE_EQ(orders.transfers[0].shortfall, 8.0);
  EXPECT_EQ(orders.transfers[1].from, kFb);
  EXPECT_DOUBLE_EQ(orders.transfers[1].quantity, 3.0);
  EXPECT_DOUBLE_EQ(orders.transfers[1].shortfall, 5.0);
  // FA is still 2 short, owed by the DC, which buys them (level 0, position -2).
  ASSERT_EQ(orders.purchases.size(), 1u);
  EXPECT_EQ(orders.purchases[0].destination, kDc);
  EXPECT_DOUBLE_EQ(orders.purchases[0].quantity, 2.0);
  // The unit left at FX has no demand at all: overstock without a weeks-of-demand figure.
  ASSERT_EQ(orders.overstock.size(), 1u);
  EXPECT_EQ(orders.overstock[0].node, kFx);
  EXPECT_DOUBLE_EQ(orders.overstock[0].excess, 1.0);
  EXPECT_TRUE(std::isinf(orders.overstock[0].weeks_of_demand));
  // A larger threshold in units keeps FX's stock where it is.
  OrderOptions strict;
  strict.rebalance_threshold_units = 4.0;
  orders = run(dataset, 1, levels(),
               {{.sku = sku, .node = kFa, .on_hand = 2.0}, {.sku = sku, .node = kFx, .on_hand = 4.0}}, strict);
  EXPECT_TRUE(orders.transfers.empty());
}

TEST(PlanOrders, SeasonalLevelsAreOrderedForTheWeekTheReceiptLandsIn) {
  network::Dataset dataset = testing::test_network();
  // Lead times 12 + 2 = 14 days (lands in week 2) and 19 + 2 = 21 days (week 3, the peak).
  SkuIndex early = add_sku(dataset, "EARLY", 12.0, 0.0, 1.0);
  SkuIndex ahead = add_sku(dataset, "AHEAD", 19.0, 0.0, 1.0);
  const std::vector<double> season{10.0, 10.0, 10.0, 80.0, 80.0, 10.0};
  Orders orders = run(dataset, 6,
                      {sku_levels(early, {{kDc, 2.0, season}}), sku_levels(ahead, {{kDc, 2.0, season}})},
                      {{.sku = early, .node = kDc, .on_hand = 10.0}, {.sku = ahead, .node = kDc, .on_hand = 10.0}});
  ASSERT_EQ(orders.purchases.size(), 1u);
  const PurchaseOrder& order = orders.purchases[0];
  EXPECT_EQ(order.sku, ahead);
  EXPECT_EQ(order.arrival_week, 3u);
  EXPECT_DOUBLE_EQ(order.target_level, 80.0);
  EXPECT_DOUBLE_EQ(order.quantity, 70.0);
  EXPECT_EQ(order.arrival, *Date::parse("2025-03-24"));
  // Stock held for the peak is not overstock: the peak level is the reference.
  EXPECT_TRUE(orders.overstock.empty());
}

TEST(PlanOrders, OverstockBeyondWeeksOfDemandAboveThePeakLevel) {
  network::Dataset dataset = testing::test_network();
  SkuIndex sku = add_sku(dataset, "S1", 12.0, 0.0, 1.0);
  OrderOptions options;
  options.overstock_weeks = 4.0;
  // FA: peak level 30, 2 units a day (14 a week): 100 on hand is 70 above the peak, 5 weeks > 4.
  // DC: level 20, 1 a day: 60 above it is 8.6 weeks. FB: 50 above level 10 at 2 a day is 3.6
  // weeks, within the horizon.
  Orders orders = run(dataset, 2,
                      {sku_levels(sku, {{kDc, 1.0, {20.0, 20.0}}, {kFa, 2.0, {10.0, 30.0}}, {kFb, 2.0, {10.0, 10.0}}})},
                      {{.sku = sku, .node = kDc, .on_hand = 70.0, .inbound = 10.0},
                       {.sku = sku, .node = kFa, .on_hand = 100.0},
                       {.sku = sku, .node = kFb, .on_hand = 60.0}},
                      options);
  ASSERT_EQ(orders.overstock.size(), 2u);
  const OverstockItem& dc = orders.overstock[0];
  EXPECT_EQ(dc.node, kDc);
  EXPECT_DOUBLE_EQ(dc.excess, 60.0);
  EXPECT_DOUBLE_EQ(dc.removable, 60.0);
  EXPECT_NEAR(dc.weeks_of_demand, 60.0 / 7.0, 1e-12);
  EXPECT_TRUE(dc.vendor_ships_here);
  const OverstockItem& fa = orders.overstock[1];
  EXPECT_EQ(fa.node, kFa);
  EXPECT_DOUBLE_EQ(fa.peak_level, 30.0);
  EXPECT_DOUBLE_EQ(fa.excess, 70.0);
  EXPECT_DOUBLE_EQ(fa.weeks_of_demand, 5.0);
  EXPECT_FALSE(fa.vendor_ships_here);
  EXPECT_TRUE(orders.purchases.empty());
  EXPECT_TRUE(orders.transfers.empty());
}

TEST(PlanOrders, VendorThatDoesNotShipToTheNodeLeavesANote) {
  network::Dataset dataset = testing::test_network();
  SkuIndex sku = add_sku(dataset, "S1", 12.0, 0.0, 1.0);
  dataset.sourcing.back().ships_to = {kFx};
  Orders orders = run(dataset, 1, {sku_levels(sku, {{kDc, 1.0, {20.0}}, {kFx, 1.0, {5.0}}})}, {});
  ASSERT_EQ(orders.purchases.size(), 1u);
  EXPECT_EQ(orders.purchases[0].destination, kFx);
  EXPECT_DOUBLE_EQ(orders.purchases[0].lead_days, 15.0);  // 12 + the 3-day lane
  ASSERT_EQ(orders.notes.size(), 1u);
  EXPECT_NE(orders.notes[0].find("does not ship"), std::string::npos);
}

// A larger instance in any input order gives the same orders.
TEST(PlanOrders, DeterministicWhateverTheInputOrder) {
  network::Dataset dataset = testing::test_network();
  std::vector<SkuLevels> skus;
  std::vector<NodePosition> stock;
  for (int index = 0; index < 60; ++index) {
    SkuIndex sku = add_sku(dataset, "S" + std::to_string(index), 5.0 + index % 17, index % 3 * 10.0, 1.0 + index % 4);
    auto wave = [&](int node, int week) { return static_cast<double>((index * 7 + node * 13 + week * 5) % 23); };
    skus.push_back(sku_levels(sku, {{kDc, 1.0 + index % 5, {wave(0, 0), wave(0, 1), wave(0, 2)}},
                                    {kFa, 0.5 * (index % 4), {wave(1, 0), wave(1, 1), wave(1, 2)}},
                                    {kFb, 0.3 * (index % 6), {wave(2, 0), wave(2, 1), wave(2, 2)}}}));
    for (NodeIndex node : {kDc, kFa, kFb, kFx}) {
      stock.push_back({.sku = sku, .node = node, .on_hand = static_cast<double>((index * 11 + node.value() * 5) % 19),
                       .inbound = static_cast<double>((index + node.value()) % 3)});
    }
  }
  Orders first = run(dataset, 3, skus, stock);
  std::reverse(skus.begin(), skus.end());
  std::reverse(stock.begin(), stock.end());
  Orders second = run(dataset, 3, skus, stock);
  ASSERT_EQ(first.purchases.size(), second.purchases.size());
  ASSERT_EQ(first.transfers.size(), second.transfers.size());
  ASSERT_EQ(first.overstock.size(), second.overstock.size());
  EXPECT_GT(first.purchases.size(), 10u);
  EXPECT_GT(first.transfers.size(), 10u);
  for (std::size_t index = 0; index < first.purchases.size(); ++index) {
    EXPECT_EQ(first.purchases[index].sku, second.purchases[index].sku);
    EXPECT_EQ(first.purchases[index].quantity, second.purchases[index].quantity);
  }
  for (std::size_t index = 0; index < first.transfers.size(); ++index) {
    EXPECT_EQ(first.transfers[index].from, second.transfers[index].from);
    EXPECT_EQ(first.transfers[index].to, second.transfers[index].to);
    EXPECT_EQ(first.transfers[index].quantity, second.transfers[index].quantity);
  }
  // Every purchase is a whole number of case packs of at least the MOQ.
  for (const PurchaseOrder& order : first.purchases) {
    EXPECT_GE(order.quantity, std::max(order.need, order.moq));
    EXPECT_DOUBLE_EQ(std::fmod(order.quantity, order.case_pack), 0.0);
  }
}

}  // namespace
}  // namespace echelon::replenish
