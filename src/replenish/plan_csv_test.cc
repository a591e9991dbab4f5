// SPDX-License-Identifier: Apache-2.0
// plan.csv in, order files out, on the four-node test network.
#include "replenish/plan_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/error.h"
#include "io/output_dir.h"
#include "replenish/optimizer_levels.h"
#include "replenish/orders_writer.h"
#include "replenish/replenish_test_network.h"

namespace echelon::replenish {
namespace {

class PlanCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("echelon_replenish_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }
  [[nodiscard]] std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
};

TEST_F(PlanCsvTest, ReadsWeeksVendorAndRecoversDemandRates) {
  network::Dataset dataset = testing::test_network();
  testing::add_sku(dataset, "S1", 12.0, 0.0, 1.0);
  // Weeks 3 and 4 become weeks 0 and 1; FA has no week-4 row and keeps its week-3 level.
  write("plan.csv",
        "sku_id,node_id,week,order_up_to,safety_stock,expected_on_hand,vendor_id\n"
        "S1,DC,3,63,21,30,V1\n"
        "S1,DC,4,84,21,30,V1\n"
        "S1,FA,3,20,4,9,V1\n");
  PlanLevels levels = read_plan_levels(dir_, dataset);
  EXPECT_EQ(levels.weeks, 2u);
  ASSERT_EQ(levels.skus.size(), 1u);
  const SkuLevels& sku = levels.skus[0];
  EXPECT_EQ(sku.sourcing_option, 0u);
  ASSERT_EQ(sku.nodes, (std::vector<NodeIndex>{testing::kDc, testing::kFa}));
  EXPECT_EQ(sku.order_up_to, (std::vector<double>{63.0, 84.0, 20.0, 20.0}));
  // DC: (63 - 21) / (7 review + 12 lead + 2 lane) = 2 and (84 - 21) / 21 = 3, averaged 2.5.
  // FA: (20 - 4) / (7 review + 1 day from the DC) = 2.
  EXPECT_DOUBLE_EQ(sku.demand_per_day[0], 2.5);
  EXPECT_DOUBLE_EQ(sku.demand_per_day[1], 2.0);
}

TEST_F(PlanCsvTest, ReportsEveryBadRowWithItsLocation) {
  network::Dataset dataset = testing::test_network();
  testing::add_sku(dataset, "S1", 12.0, 0.0, 1.0);
  write("plan.csv",
        "sku_id,node_id,week,order_up_to,safety_stock,expected_on_hand,vendor_id\n"
        "S1,NOWHERE,1,5,1,1,V1\n"
        "S1,FA,1,-5,1,1,V1\n"
        "S1,FB,1,5,1,1,V9\n");
  try {
    read_plan_levels(dir_ / "plan.csv", dataset);
    FAIL() << "expected InputErrors";
  } catch (const InputErrors& errors) {
    ASSERT_EQ(errors.total(), 3u);
    EXPECT_THAT(errors.errors()[0].what(), ::testing::HasSubstr("plan.csv:2:4"));
    EXPECT_THAT(errors.errors()[0].what(), ::testing::HasSubstr("NOWHERE"));
    EXPECT_THAT(errors.errors()[1].what(), ::testing::HasSubstr("plan.csv:3:"));
    EXPECT_THAT(errors.errors()[2].what(), ::testing::HasSubstr("sourcing option for SKU S1"));
  }
  EXPECT_THROW(read_plan_levels(dir_ / "missing.csv", dataset), InputError);
}

TEST_F(PlanCsvTest, WritesTheThreeFilesWithHandComputedRows) {
  network::Dataset dataset = testing::test_network();
  SkuIndex sku = testing::add_sku(dataset, "S1", 12.0, 50.0, 12.0);
  dataset.inventory = {{sku, testing::kDc, 7.0}, {sku, testing::kFa, 5.0}, {sku, testing::kFb, 3.0}};
  dataset.inbound = {{sku, testing::kDc, 4.0, *Date::parse("2025-03-05")}};
  PlanLevels levels;
  levels.skus = {testing::sku_levels(sku, {{testing::kDc, 2.0, {20.0}},
                                           {testing::kFa, 1.0, {10.0}},
                                           {testing::kFb, 1.0, {6.0}}})};
  io::OutputDir out(dir_ / "out");
  OrdersSummary summary = write_orders(out, dataset, levels);
  out.commit();
  // As in the rationing test: FA gets 4 of its 5, FB its 3; the DC's position is
  // 7 - 7 + 4 - 1 = 3, so it needs 17, raised to the MOQ 50 and 5 packs of 12 = 60.
  EXPECT_EQ(read("out/purchase_orders.csv"),
            "po_number,vendor_id,destination_node_id,sku_id,quantity_units,need_units,target_level_units,"
            "position_units,moq_units,case_pack_units,unit_cost,order_value,order_date,expected_arrival_date,"
            "lead_time_days,arrival_week\n"
            "PO-20250303-V1-DC,V1,DC,S1,60,17,20,3,50,12,10,600,2025-03-03,2025-03-17,14,0\n");
  EXPECT_EQ(read("out/transfers.csv"),
            "transfer_type,from_node_id,to_node_id,sku_id,quantity_units,shortfall_units,ship_date,"
            "expected_arrival_date,transit_days,cost_per_unit,transfer_cost\n"
            "replenish,DC,FA,S1,4,5,2025-03-03,2025-03-04,1,0.2,0.8\n"
            "replenish,DC,FB,S1,3,3,2025-03-03,2025-03-05,2,0.3,0.9\n");
  EXPECT_EQ(read("out/overstock.csv"),
            "sku_id,node_id,on_hand_units,inbound_units,position_units,peak_level_units,excess_units,"
            "removable_units,demand_units_per_week,weeks_of_demand,unit_cost,excess_value,action\n");
  EXPECT_EQ(summary.purchase_orders, 1u);
  EXPECT_DOUBLE_EQ(summary.purchase_value, 600.0);
  EXPECT_EQ(summary.replenish_transfers, 2u);
  EXPECT_DOUBLE_EQ(summary.transfer_units, 7.0);
  EXPECT_NEAR(summary.transfer_cost, 1.7, 1e-12);
}

// A time-phased planner result as order inputs: weeks side by side per node, a node first
// stocked in a later week empty before it, vendor and flows from the first week.
TEST(LevelsFromWeeks, LaysOutEveryWeekOfEveryNode) {
  auto plan = [](std::vector<std::pair<std::size_t, double>> levels, std::size_t option) {
    optimize::SkuPlan sku;
    sku.sku = SkuIndex(0);
    sku.vendor = VendorIndex(0);
    sku.sourcing_option = option;
    for (const auto& [node, level] : levels) {
      sku.levels.push_back({.node = NodeIndex(node), .order_up_to = level, .shipped_per_day = 1.0 + level});
    }
    return sku;
  };
  std::vector<optimize::LagrangianResult> weeks(3);
  weeks[0].skus = {plan({{1, 8.0}, {0, 15.0}}, 0)};
  weeks[1].skus = {plan({{1, 14.0}, {2, 5.0}, {0, 35.0}}, 1)};
  weeks[2].skus = {plan({{0, 15.0}}, 1)};
  const PlanLevels levels = levels_from_weeks(weeks);
  EXPECT_EQ(levels.weeks, 3U);
  ASSERT_EQ(levels.skus.size(), 1U);
  const SkuLevels& sku = levels.skus[0];
  EXPECT_THAT(sku.nodes, ::testing::ElementsAre(NodeIndex(1), NodeIndex(0), NodeIndex(2)));
  EXPECT_THAT(sku.order_up_to, ::testing::ElementsAre(8.0, 14.0, 0.0, 15.0, 35.0, 15.0, 0.0, 5.0, 0.0));
  EXPECT_THAT(sku.demand_per_day, ::testing::ElementsAre(9.0, 16.0, 0.0));
  EXPECT_EQ(sku.sourcing_option, 0U);
}

}  // namespace
}  // namespace echelon::replenish
