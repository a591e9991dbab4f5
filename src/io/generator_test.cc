// SPDX-License-Identifier: Apache-2.0
#include "io/generate/generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "io/dataset_reader.h"

namespace echelon::io {
namespace {

std::filesystem::path scratch(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("echelon_generate_test_" + std::to_string(::getpid()) + "_" + name);
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::stringstream text;
  text << stream.rdbuf();
  return text.str();
}

GenerateOptions small_options() {
  GenerateOptions options;
  options.skus = 150;
  options.nodes = 9;
  options.regions = 12;
  options.days = 120;
  return options;
}

TEST(Generator, RoundTripsThroughValidation) {
  auto dir = scratch("roundtrip");
  RunContext ctx(RunOptions{.threads = 2, .seed = 11, .log_level = LogLevel::kOff});
  GenerateSummary summary = generate_dataset(small_options(), dir, ctx);
  EXPECT_EQ(summary.dcs, 1u);
  EXPECT_EQ(summary.fcs, 6u);
  EXPECT_EQ(summary.sameday_sites, 2u);

  network::Dataset dataset = read_dataset(dir, ctx);
  DatasetSummary loaded = summarize(dataset);
  EXPECT_EQ(loaded.skus, 150u);
  EXPECT_EQ(loaded.nodes, 9u);
  EXPECT_EQ(loaded.regions, 12u);
  EXPECT_EQ(loaded.demand_rows, summary.demand_rows);
  EXPECT_DOUBLE_EQ(loaded.demand_units, summary.demand_units);
  EXPECT_EQ(dataset.planning_date(), small_options().start + small_options().days);

  // A long-tail catalogue: most SKUs sell under 0.2 units a day, a few far more.
  std::size_t slow = 0;
  double fastest = 0.0;
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    double units = 0.0;
    for (std::size_t row = dataset.demand.begin_of(sku); row < dataset.demand.end_of(sku); ++row) {
      units += dataset.demand.quantity[row];
    }
    double per_day = units / small_options().days;
    slow += per_day < 0.2;
    fastest = std::max(fastest, per_day);
  }
  EXPECT_GT(slow, 90u);
  EXPECT_GT(fastest, 2.0);
  // Every FC and same-day site serves some region; some capacity is finite.
  EXPECT_FALSE(dataset.network.delivery.empty());
  EXPECT_TRUE(std::isfinite(dataset.network.nodes[NodeIndex(1)].storage_m3));
  std::filesystem::remove_all(dir);
}

// 2,800 SKUs make seven vendors: a SKU's sourcing options must still be distinct vendors.
TEST(Generator, SourcingOptionsNameDistinctVendorsForAnyVendorCount) {
  auto dir = scratch("seven_vendors");
  RunContext ctx(RunOptions{.threads = 2, .seed = 5, .log_level = LogLevel::kOff});
  GenerateOptions options;
  options.skus = 2800;
  options.nodes = 4;
  options.regions = 3;
  options.days = 30;
  GenerateSummary summary = generate_dataset(options, dir, ctx);
  EXPECT_EQ(summary.vendors, 7u);
  EXPECT_NO_THROW((void)read_dataset(dir, ctx));  // duplicate (sku, vendor) keys would throw
  std::filesystem::remove_all(dir);
}

TEST(Generator, IdenticalForAnyThreadCount) {
  auto one = scratch("one");
  auto four = scratch("four");
  RunContext single(RunOptions{.threads = 1, .seed = 5, .log_level = LogLevel::kOff});
  RunContext many(RunOptions{.threads = 4, .seed = 5, .log_level = LogLevel::kOff});
  generate_dataset(small_options(), one, single);
  generate_dataset(small_options(), four, many);
  for (const auto& entry : std::filesystem::directory_iterator(one)) {
    std::string name = entry.path().filename().string();
    EXPECT_EQ(slurp(entry.path()), slurp(four / name)) << name;
  }
  std::filesystem::remove_all(one);
  std::filesystem::remove_all(four);
}

TEST(Generator, SeedChangesTheData) {
  auto first = scratch("seed1");
  auto second = scratch("seed2");
  RunContext seed1(RunOptions{.threads = 2, .seed = 1, .log_level = LogLevel::kOff});
  RunContext seed2(RunOptions{.threads = 2, .seed = 2, .log_level = LogLevel::kOff});
  generate_dataset(small_options(), first, seed1);
  generate_dataset(small_options(), second, seed2);
  EXPECT_NE(slurp(first / "demand.csv"), slurp(second / "demand.csv"));
  std::filesystem::remove_all(first);
  std::filesystem::remove_all(second);
}

}  // namespace
}  // namespace echelon::io
