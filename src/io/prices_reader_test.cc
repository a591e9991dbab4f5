// SPDX-License-Identifier: Apache-2.0
#include "io/prices_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"

namespace echelon::io {
namespace {

class PricesReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("echelon_prices_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
    for (const char* id : {"DC1", "FC1"}) {
      network_.node_ids.add(id);
      network::Node node;
      node.id = id;
      network_.nodes.push_back(node);
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& text) {
    auto path = dir_ / "prices.csv";
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
  network::Network network_;
};

TEST_F(PricesReaderTest, WeeklyPricesBecomeDailyByNode) {
  auto prices = read_prices(write("node_id,resource,week,price,use,limit\n"
                                  "FC1,storage,1,70,3.5,4\n"
                                  "FC1,outbound,1,1.4,10,20\n"
                                  "DC1,inbound,1,0,1,2\n"),
                            network_);
  ASSERT_EQ(prices.per_day.size(), 2u);
  EXPECT_DOUBLE_EQ(prices.per_day[1][0], 10.0);
  EXPECT_DOUBLE_EQ(prices.per_day[1][2], 0.2);
  EXPECT_DOUBLE_EQ(prices.per_day[1][1], 0.0);
  EXPECT_DOUBLE_EQ(prices.per_day[0][1], 0.0);
}

TEST_F(PricesReaderTest, NamesFileLineAndColumnOfEveryProblem) {
  auto path = write("node_id,resource,week,price\n"
                    "FC9,storage,1,1\n"
                    "FC1,shelf,1,1\n"
                    "FC1,storage,1,-2\n");
  try {
    (void)read_prices(path, network_);
    FAIL() << "expected errors";
  } catch (const InputErrors& errors) {
    ASSERT_EQ(errors.total(), 3u) << errors.what();
    EXPECT_EQ(errors.errors()[0].location().line, 2u);
    EXPECT_EQ(errors.errors()[0].location().column, 1u);
    EXPECT_EQ(errors.errors()[1].location().line, 3u);
    EXPECT_EQ(errors.errors()[1].location().column, 5u);  // characters: "FC1," then the field
    EXPECT_NE(std::string(errors.what()).find("storage, inbound or outbound"), std::string::npos) << errors.what();
    EXPECT_EQ(errors.errors()[2].location().line, 4u);
    EXPECT_EQ(errors.errors()[2].location().column, 15u);
    EXPECT_NE(std::string(errors.what()).find("prices.csv"), std::string::npos);
  }
}

TEST_F(PricesReaderTest, MissingFileSaysWhatWarmStartNeeds) {
  try {
    (void)read_prices(dir_ / "prices.csv", network_);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--warm-start"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace echelon::io
