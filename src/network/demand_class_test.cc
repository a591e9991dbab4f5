// SPDX-License-Identifier: Apache-2.0
#include "network/demand_class.h"

#include <gtest/gtest.h>

namespace echelon::network {
namespace {

// Two nodes serve one region: near (cut-off 11 for 1day, 2day at 18) and far (cut-off 16 for
// 1day). Orders from 0 to 11 can go to both for 1day, 11 to 16 only to far, after 16 both again
// (next day). The 2day option of `near` is the fallback whenever near is not on time for 1day.
Network two_node_network() {
  Network network;
  network.speeds = Config::defaults().speeds;  // sameday, 1day, 2day
  network.node_ids.add("near");
  network.node_ids.add("far");
  network.nodes.push_back(Node{.id = "near"});
  network.nodes.push_back(Node{.id = "far"});
  network.region_ids.add("R");
  network.regions.push_back(Region{.id = "R"});
  network.delivery = {
      {NodeIndex(0), RegionIndex(0), SpeedIndex(1), 2.0, 11.0},
      {NodeIndex(1), RegionIndex(0), SpeedIndex(1), 5.0, 16.0},
      {NodeIndex(0), RegionIndex(0), SpeedIndex(2), 1.5, 18.0},
  };
  return network;
}

std::array<double, 24> flat_profile() {
  std::array<double, 24> profile;
  profile.fill(1.0);
  return profile;
}

TEST(DemandClasses, BucketsFollowCutoffs) {
  auto classes = build_demand_classes(two_node_network(), flat_profile());
  std::vector<const DemandClass*> one_day;
  for (const auto& demand_class : classes) {
    if (demand_class.speed == SpeedIndex(1)) one_day.push_back(&demand_class);
  }
  ASSERT_EQ(one_day.size(), 3u);
  EXPECT_DOUBLE_EQ(one_day[0]->bucket_end_hour, 11.0);
  EXPECT_NEAR(one_day[0]->share, 11.0 / 24.0, 1e-12);
  ASSERT_EQ(one_day[0]->eligible.size(), 2u);
  EXPECT_EQ(one_day[0]->eligible[0].node, NodeIndex(0));  // cheapest first
  EXPECT_TRUE(one_day[0]->fallback.empty());

  ASSERT_EQ(one_day[1]->eligible.size(), 1u);
  EXPECT_EQ(one_day[1]->eligible[0].node, NodeIndex(1));
  ASSERT_EQ(one_day[1]->fallback.size(), 1u);
  EXPECT_EQ(one_day[1]->fallback[0].node, NodeIndex(0));
  EXPECT_EQ(one_day[1]->fallback[0].speed, SpeedIndex(2));

  EXPECT_EQ(one_day[2]->eligible.size(), 2u);  // after the last cut-off: next day's first bucket
  double total_share = one_day[0]->share + one_day[1]->share + one_day[2]->share;
  EXPECT_NEAR(total_share, 1.0, 1e-12);
}

TEST(DemandClasses, SpeedWithoutOptionsFallsBackToSlowerOnes) {
  auto classes = build_demand_classes(two_node_network(), flat_profile());
  const DemandClass& same_day = classes.front();
  ASSERT_EQ(same_day.speed, SpeedIndex(0));
  EXPECT_TRUE(same_day.eligible.empty());
  ASSERT_EQ(same_day.fallback.size(), 2u);
  EXPECT_EQ(same_day.fallback[0].node, NodeIndex(0));  // 1.5 via 2day
  EXPECT_DOUBLE_EQ(same_day.fallback[0].cost_per_unit, 1.5);
  EXPECT_EQ(same_day.fallback[1].node, NodeIndex(1));
}

}  // namespace
}  // namespace echelon::network
