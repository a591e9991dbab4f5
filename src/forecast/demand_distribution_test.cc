// SPDX-License-Identifier: Apache-2.0
#include "forecast/demand_distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/rng.h"

namespace echelon::forecast {
namespace {

const Date kStart = *Date::parse("2024-01-01");
constexpr int kDays = 400;
constexpr double kDispersion = 0.05;  // variance = mean + 0.05 mean^2
// True split of each day's total: region 0 / 1 = 0.7 / 0.3; speeds 0.2 / 0.3 / 0.5.
constexpr double kRegionShare[] = {0.7, 0.3};
constexpr double kSpeedShare[] = {0.2, 0.3, 0.5};

double rate_of(std::size_t sku) { return 10.0 + 2.0 * static_cast<double>(sku); }

// `skus` SKUs whose daily totals are negative binomial (mean rate_of(sku), dispersion 0.05),
// each unit assigned to a (region, speed) cell with the true shares above.
network::Dataset make_dataset(std::size_t skus) {
  network::Dataset dataset;
  dataset.config = network::Config::defaults();
  for (const char* id : {"r0", "r1"}) {
    dataset.network.region_ids.add(id);
    dataset.network.regions.push_back({id, 0.0, 0.0, 1.0});
  }
  network::DemandHistory& demand = dataset.demand;
  demand.sku_offset.push_back(0);
  for (std::size_t sku = 0; sku < skus; ++sku) {
    const std::string id = "S" + std::to_string(sku);
    dataset.sku_ids.add(id);
    network::Sku item;
    item.id = id;
    item.category = "tools";
    item.price = 10.0;
    dataset.skus.push_back(item);
    Rng rng = Rng::stream(7, sku, Purpose::kTest);
    const double mean = rate_of(sku);
    for (int day = 0; day < kDays; ++day) {
      const auto total = sample_negative_binomial(rng, mean, mean + kDispersion * mean * mean);
      double units[2][3] = {};
      for (std::int64_t unit = 0; unit < total; ++unit) {
        const std::size_t region = rng.uniform() < kRegionShare[0] ? 0 : 1;
        const double u = rng.uniform();
        const std::size_t speed = u < kSpeedShare[0] ? 0 : (u < kSpeedShare[0] + kSpeedShare[1] ? 1 : 2);
        units[region][speed] += 1.0;
      }
      for (std::size_t region = 0; region < 2; ++region) {
        for (std::size_t speed = 0; speed < 3; ++speed) {
          if (units[region][speed] == 0.0) continue;
          demand.date.push_back((kStart + day).days());
          demand.region.push_back(static_cast<std::uint16_t>(region));
          demand.speed.push_back(static_cast<std::int8_t>(speed));
          demand.quantity.push_back(static_cast<float>(units[region][speed]));
        }
      }
    }
    demand.sku_offset.push_back(demand.rows());
  }
  demand.first_date = kStart;
  demand.last_date = kStart + (kDays - 1);
  return dataset;
}

DemandDistribution run(const network::Dataset& dataset, int threads) {
  RunOptions run_options;
  run_options.threads = threads;
  RunContext ctx(run_options);
  DemandDistributionOptions options;
  options.horizon_days = 28;
  return forecast_demand_distribution(dataset, kStart + kDays, options, ctx);
}

TEST(DemandDistribution, PerDayMeanAndVarianceMatchTheSimulatingDistribution) {
  const network::Dataset dataset = make_dataset(30);
  const DemandDistribution result = run(dataset, 2);
  ASSERT_EQ(result.sku_offset.size(), 31u);
  // Each SKU's estimates carry its own sampling error (a 28-day mean of negative binomial days
  // is within about 8% of the rate); over 30 SKUs the ratios to the truth must average out.
  double mean_ratio = 0.0, variance_ratio = 0.0;
  int cells_seen = 0;
  for (std::size_t sku = 0; sku < 30; ++sku) {
    const std::span<const CellDemand> cells = result.of(SkuIndex(sku));
    ASSERT_EQ(cells.size(), 6u);
    const double mean = rate_of(sku);
    for (const CellDemand& cell : cells) {
      const double share = kRegionShare[cell.region.value()] * kSpeedShare[cell.speed.value()];
      // Thinning a negative binomial total keeps its dispersion.
      const double true_mean = share * mean;
      const double true_variance = true_mean + kDispersion * true_mean * true_mean;
      EXPECT_NEAR(cell.mean_per_day, true_mean, 0.3 * true_mean) << "SKU " << sku;
      EXPECT_NEAR(cell.variance_per_day, true_variance, 0.6 * true_variance) << "SKU " << sku;
      mean_ratio += cell.mean_per_day / true_mean;
      variance_ratio += cell.variance_per_day / true_variance;
      ++cells_seen;
    }
  }
  EXPECT_NEAR(mean_ratio / cells_seen, 1.0, 0.04);
  // The predictive variance also holds the error of the estimated mean, so slightly above.
  EXPECT_NEAR(variance_ratio / cells_seen, 1.05, 0.12);
}

TEST(DemandDistribution, CellsAddUpToTheSkuTotal) {
  const network::Dataset dataset = make_dataset(4);
  const DemandDistribution result = run(dataset, 2);
  for (std::size_t sku = 0; sku < 4; ++sku) {
    double total = 0.0, share = 0.0;
    for (std::size_t step = 0; step < 28; ++step) total += result.total_distribution(SkuIndex(sku), step).moments().mean;
    double cell_sum = 0.0;
    for (const CellDemand& cell : result.of(SkuIndex(sku))) {
      cell_sum += cell.mean_per_day;
      share += cell.share;
    }
    EXPECT_NEAR(share, 1.0, 1e-9);
    EXPECT_NEAR(cell_sum, total / 28.0, 1e-9);
    // Sample paths: per day, the cells' mean over paths matches the total's distribution, and
    // each cell's spread matches its variance.
    const int paths = 4000;
    const std::vector<float> sample = result.sample_paths(SkuIndex(sku), paths, 11);
    const std::span<const CellDemand> cells = result.of(SkuIndex(sku));
    const std::size_t count = cells.size();
    for (std::size_t step : {0u, 13u, 27u}) {
      double sum = 0.0;
      std::vector<double> first(count, 0.0), second(count, 0.0);
      for (int path = 0; path < paths; ++path) {
        for (std::size_t cell = 0; cell < count; ++cell) {
          const double value = sample[(static_cast<std::size_t>(path) * 28 + step) * count + cell];
          sum += value;
          first[cell] += value;
          second[cell] += value * value;
        }
      }
      const CountDistribution::Moments day = result.total_distribution(SkuIndex(sku), step).moments();
      EXPECT_NEAR(sum / paths, day.mean, 0.04 * day.mean);
      for (std::size_t cell = 0; cell < count; ++cell) {
        const double mean = first[cell] / paths;
        const double variance = second[cell] / paths - mean * mean;
        // The thinned total on this day: s^2 Var(T) + s (1 - s) E[T].
        const double share = cells[cell].share;
        const double expected = share * share * day.variance + share * (1.0 - share) * day.mean;
        EXPECT_NEAR(variance, expected, 0.1 * expected);
      }
    }
  }
}

TEST(DemandDistribution, SameResultsOnOneAndTwoThreads) {
  const network::Dataset dataset = make_dataset(12);
  const DemandDistribution one = run(dataset, 1);
  const DemandDistribution two = run(dataset, 2);
  ASSERT_EQ(one.cells.size(), two.cells.size());
  for (std::size_t cell = 0; cell < one.cells.size(); ++cell) {
    EXPECT_EQ(one.cells[cell].mean_per_day, two.cells[cell].mean_per_day);
    EXPECT_EQ(one.cells[cell].variance_per_day, two.cells[cell].variance_per_day);
  }
  EXPECT_EQ(one.total_mean, two.total_mean);
  EXPECT_EQ(one.sample_paths(SkuIndex(3), 50, 5), two.sample_paths(SkuIndex(3), 50, 5));
}

}  // namespace
}  // namespace echelon::forecast
