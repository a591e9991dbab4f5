// SPDX-License-Identifier: Apache-2.0
// One malformed input per kind of dataset error, each asserting the exact message and location.
#include "io/dataset_reader.h"

#include "core/error.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>

namespace echelon::io {
namespace {

using Files = std::map<std::string, std::string>;

Files valid_files() {
  return {
      {"nodes.csv", "node_id,type,lat,lon,storage_m3\nDC1,dc,35,-90,100\nFC1,fc,40,-74,50\n"
                    "FC2,fc,34,-118,\n"},
      {"vendors.csv", "vendor_id,lat,lon\nV1,34,-118\n"},
      {"regions.csv", "region_id,lat,lon,population\nR1,40.7,-74,100\nR2,34,-118,50\n"},
      {"lanes.csv", "from_id,to_id,transit_days_mean\nV1,DC1,3\nDC1,FC1,2\nDC1,FC2,2\n"},
      {"delivery.csv", "node_id,region_id,speed,cost_per_unit,cutoff_hour\nFC1,R1,1day,4,14\n"
                       "FC2,R2,1day,4,14\nFC1,R2,2day,5,\n"},
      {"skus.csv", "sku_id,unit_volume_m3,unit_cost,price\nA,0.01,5,10\nB,0.02,7,15\n"},
      {"sourcing.csv", "sku_id,vendor_id,unit_cost,lead_time_days_mean\nA,V1,5,10\nB,V1,7,12\n"},
      {"demand.csv", "date,sku_id,region_id,quantity,speed\n2024-01-02,A,R2,3,2day\n"
                     "2024-01-01,B,R2,1,\n2024-01-01,A,R1,2,1day\n"},
  };
}

class DatasetReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("echelon_dataset_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const Files& files) {
    for (const auto& [name, content] : files) {
      if (content == "<absent>") continue;
      std::ofstream(dir_ / name) << content;
    }
  }

  network::Dataset load() {
    RunContext ctx(RunOptions{.threads = 1, .log_level = LogLevel::kOff});
    return read_dataset(dir_, ctx);
  }

  // The problems reported for `files`, one message each.
  std::vector<std::string> problems(const Files& files) {
    write(files);
    try {
      load();
    } catch (const InputErrors& errors) {
      std::vector<std::string> messages;
      for (const auto& error : errors.errors()) messages.emplace_back(error.what());
      return messages;
    }
    return {};
  }

  // The problems after replacing one file of the valid dataset.
  std::vector<std::string> problems_with(const std::string& name, const std::string& content) {
    Files files = valid_files();
    files[name] = content;
    return problems(files);
  }

  std::filesystem::path dir_;
};

using Messages = std::vector<std::string>;

TEST_F(DatasetReaderTest, LoadsValidDatasetGroupedBySku) {
  write(valid_files());
  network::Dataset dataset = load();
  EXPECT_EQ(dataset.sku_count(), 2u);
  EXPECT_EQ(dataset.network.node_count(), 3u);
  EXPECT_TRUE(std::isinf(dataset.network.nodes[NodeIndex(2)].storage_m3));
  EXPECT_DOUBLE_EQ(dataset.network.delivery[2].cutoff_hour, 18.0);  // 2day default cut-off
  const auto& demand = dataset.demand;
  ASSERT_EQ(demand.rows(), 3u);
  // SKU A's rows first, in date order, then B's.
  EXPECT_EQ(demand.end_of(SkuIndex(0)), 2u);
  EXPECT_EQ(Date(demand.date[0]).to_string(), "2024-01-01");
  EXPECT_EQ(demand.region[0], 0);
  EXPECT_EQ(demand.speed[0], 1);
  EXPECT_FLOAT_EQ(demand.quantity[1], 3.0f);
  EXPECT_EQ(demand.speed[2], -1);
  EXPECT_EQ(dataset.planning_date().to_string(), "2024-01-03");
  EXPECT_EQ(dataset.sourcing_of(SkuIndex(1)).front().lead_time_days_mean, 12.0);
}

TEST_F(DatasetReaderTest, PlannerInputsLeaveOutHistoriesAndPositions) {
  Files files = valid_files();
  files["overrides.csv"] = "sku_id,kind,value,node_id,start_date,end_date\nA,max_level,4,FC1,,\n";
  files["demand.csv"] = "not,a,demand,file\n";  // never opened for planner inputs
  write(files);
  RunContext ctx(RunOptions{.threads = 1, .log_level = LogLevel::kOff});
  network::Dataset dataset = read_dataset(dir_, ctx, DatasetParts::kPlannerInputs);
  EXPECT_EQ(dataset.sku_count(), 2u);
  EXPECT_EQ(dataset.sourcing.size(), 2u);
  EXPECT_EQ(dataset.demand.rows(), 0u);
  ASSERT_EQ(dataset.overrides.size(), 1u);
  EXPECT_EQ(dataset.overrides.front().value, 4.0);
  EXPECT_THROW(read_dataset(dir_, ctx), InputErrors);  // the whole dataset reads demand.csv
}

TEST_F(DatasetReaderTest, UnknownNodeInLane) {
  EXPECT_EQ(problems_with("lanes.csv", "from_id,to_id,transit_days_mean\nV1,DC1,3\nDC1,FC1,2\n"
                                       "DC1,FC2,2\nDC1,FC9,2\n"),
            Messages{"lanes.csv:5:5: error: column 'to_id': unknown node \"FC9\""});
}

TEST_F(DatasetReaderTest, SkuWithoutSourcing) {
  EXPECT_EQ(problems_with("sourcing.csv", "sku_id,vendor_id,unit_cost,lead_time_days_mean\n"
                                          "A,V1,5,10\n"),
            Messages{"skus.csv:3: error: SKU 'B' has no sourcing option (expected at least one "
                     "row in sourcing.csv)"});
}

TEST_F(DatasetReaderTest, NegativeQuantity) {
  Files files = valid_files();
  files["demand.csv"] += "2024-01-01,A,R2,-3,1day\n";
  EXPECT_EQ(problems(files), Messages{"demand.csv:5:17: error: column 'quantity': expected a "
                                      "non-negative number, found \"-3\""});
}

TEST_F(DatasetReaderTest, DuplicateKeys) {
  EXPECT_EQ(problems_with("skus.csv", "sku_id,unit_volume_m3,unit_cost,price\nA,0.01,5,10\n"
                                      "B,0.02,7,15\nA,0.03,1,2\n"),
            Messages{"skus.csv:4:1: error: duplicate key 'A', first defined at skus.csv:2"});
  Files files = valid_files();
  files["demand.csv"] += "2024-01-01,A,R1,5,1day\n";
  EXPECT_EQ(problems(files),
            Messages{"demand.csv:5: error: duplicate key (date, sku_id, region_id, speed) = "
                     "(2024-01-01, A, R1, 1day), first defined at demand.csv:4"});
}

TEST_F(DatasetReaderTest, DateOutOfRange) {
  Files files = valid_files();
  files["echelon.yaml"] = "planning_date: 2024-01-02\n";
  EXPECT_EQ(problems(files), Messages{"demand.csv:2:1: error: column 'date': expected a date "
                                      "before the planning date 2024-01-02, found \"2024-01-02\""});
}

TEST_F(DatasetReaderTest, MalformedDate) {
  Files files = valid_files();
  files["demand.csv"] += "2024-1-05,A,R1,1,1day\n";
  EXPECT_EQ(problems(files), Messages{"demand.csv:5:1: error: column 'date': expected a date as "
                                      "YYYY-MM-DD, found \"2024-1-05\""});
}

TEST_F(DatasetReaderTest, DeliveryOptionWithUnknownNodeOrSpeed) {
  EXPECT_EQ(problems_with("delivery.csv", "node_id,region_id,speed,cost_per_unit,cutoff_hour\n"
                                          "FC1,R1,1day,4,14\nFC2,R2,1day,4,14\nFC7,R2,2day,5,\n"
                                          "FC1,R2,3day,5,\n"),
            (Messages{"delivery.csv:4:1: error: column 'node_id': unknown node \"FC7\"",
                      "delivery.csv:5:8: error: column 'speed': expected a speed defined in "
                      "echelon.yaml (sameday, 1day, 2day), found \"3day\""}));
}

TEST_F(DatasetReaderTest, RegionWithDemandButNoDelivery) {
  EXPECT_EQ(problems_with("delivery.csv", "node_id,region_id,speed,cost_per_unit,cutoff_hour\n"
                                          "FC1,R1,1day,4,14\n"),
            Messages{"delivery.csv: error: region 'R2' has demand in demand.csv but no delivery "
                     "option (expected at least one row with region_id R2)"});
}

TEST_F(DatasetReaderTest, UnknownAndMissingColumns) {
  EXPECT_EQ(problems_with("skus.csv", "sku_id,unit_volume_m3,unit_cost,price,colour,x_note\n"
                                      "A,0.01,5,10,red,n\nB,0.02,7,15,blue,m\n"),
            Messages{"skus.csv:1:39: error: unknown column 'colour' (expected one of: sku_id, "
                     "unit_volume_m3, unit_cost, price, category, weight_kg, launch_date; prefix "
                     "extra columns with 'x_')"});
  auto found = problems_with("vendors.csv", "vendor_id,lat\nV1,34\n");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "vendors.csv:1: error: missing required column 'lon'");
}

TEST_F(DatasetReaderTest, MissingRequiredFile) {
  auto found = problems_with("sourcing.csv", "<absent>");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(),
            "sourcing.csv: error: required file is missing from " + dir_.string());
}

TEST_F(DatasetReaderTest, BadEnumsAndRanges) {
  EXPECT_EQ(problems_with("nodes.csv", "node_id,type,lat,lon,storage_m3\nDC1,dc,35,-90,100\n"
                                       "FC1,warehouse,40,-74,50\nFC2,fc,134,-118,-5\n"),
            (Messages{"nodes.csv:3:5: error: column 'type': expected one of dc, fc, sameday, "
                      "found \"warehouse\"",
                      "nodes.csv:4:8: error: column 'lat': expected a latitude in [-90, 90], "
                      "found \"134\"",
                      "nodes.csv:4:17: error: column 'storage_m3': expected a non-negative "
                      "number, found \"-5\""}));
}

TEST_F(DatasetReaderTest, ReportsEveryProblemAcrossFiles) {
  Files files = valid_files();
  files["demand.csv"] += "2024-01-01,Z,R1,1,1day\n2024-01-01,A,R9,1,1day\n2024-01-01,A,R1,x,\n";
  files["sourcing.csv"] += "A,V2,5,10\n";
  auto found = problems(files);
  EXPECT_EQ(found, (Messages{
                       "sourcing.csv:4:3: error: column 'vendor_id': unknown vendor \"V2\"",
                       "demand.csv:5:12: error: column 'sku_id': unknown SKU \"Z\"",
                       "demand.csv:6:14: error: column 'region_id': unknown region \"R9\"",
                       "demand.csv:7:17: error: column 'quantity': expected a non-negative "
                       "number, found \"x\"",
                   }));
}

TEST_F(DatasetReaderTest, OverridesAndLeadTimes) {
  Files files = valid_files();
  files["overrides.csv"] = "sku_id,kind,value,node_id,start_date,end_date\n"
                           "A,exclude_node,1,,,\nB,scale_up,2,,,\nA,min_level,3,FC1,2024-02-01,"
                           "2024-01-01\n";
  files["lead_times.csv"] = "vendor_id,sku_id,order_date,receipt_date\nV1,,2024-01-10,2024-01-05\n";
  EXPECT_EQ(problems(files),
            (Messages{"lead_times.csv:2:16: error: column 'receipt_date': expected a receipt "
                      "date on or after the order date 2024-01-10, found \"2024-01-05\"",
                      "overrides.csv:2:18: error: column 'node_id': expected a node id "
                      "(exclude_node names the node to exclude), found \"\"",
                      "overrides.csv:3:3: error: column 'kind': expected one of forecast_scale, "
                      "min_level, max_level, fixed_level, exclude_node, found \"scale_up\"",
                      "overrides.csv:4:30: error: column 'end_date': expected an end date on or "
                      "after the start date 2024-02-01, found \"2024-01-01\""}));
}

TEST_F(DatasetReaderTest, MalformedCsvStopsThatFileOnly) {
  Files files = valid_files();
  files["skus.csv"] = "sku_id,unit_volume_m3,unit_cost,price\nA,0.01,5,10\nB,0.02,\"7,15\n";
  auto found = problems(files);
  ASSERT_GE(found.size(), 1u);
  EXPECT_EQ(found[0], "skus.csv:3:8: error: unterminated quoted field: expected a closing '\"'");
}

}  // namespace
}  // namespace echelon::io
