// SPDX-License-Identifier: Apache-2.0
#include "forecast/demand_forecaster.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon::forecast {
namespace {

const Date kStart = *Date::parse("2024-01-01");

// SKU "A" (category food, price 3): 6 units/day in region r0 at speed 0 and 4 units/day in
// region r1 without a speed, from kStart for `days` days, then 100/day in both regions for
// another 30 days (after the as-of date used by the tests). SKU "B" (same category and price
// band) has no history.
network::Dataset make_dataset(int days) {
  network::Dataset dataset;
  dataset.config = network::Config::defaults();
  for (const char* id : {"r0", "r1"}) {
    dataset.network.region_ids.add(id);
    dataset.network.regions.push_back({id, 0.0, 0.0, 1.0});
  }
  for (const char* id : {"A", "B"}) {
    dataset.sku_ids.add(id);
    network::Sku sku;
    sku.id = id;
    sku.category = "food";
    sku.price = 3.0;
    dataset.skus.push_back(sku);
  }
  network::DemandHistory& demand = dataset.demand;
  demand.sku_offset.push_back(0);
  for (int day = 0; day < days + 30; ++day) {
    const bool spike = day >= days;
    demand.date.push_back((kStart + day).days());
    demand.region.push_back(0);
    demand.speed.push_back(0);
    demand.quantity.push_back(spike ? 100.0F : 6.0F);
    demand.date.push_back((kStart + day).days());
    demand.region.push_back(1);
    demand.speed.push_back(-1);
    demand.quantity.push_back(spike ? 100.0F : 4.0F);
  }
  demand.sku_offset.push_back(demand.rows());
  demand.sku_offset.push_back(demand.rows());
  demand.first_date = kStart;
  demand.last_date = kStart + (days + 29);
  return dataset;
}

DemandForecastOptions small_options() {
  DemandForecastOptions options;
  options.horizon_days = 14;
  options.backtest_origins = 2;
  return options;
}

TEST(DemandForecaster, ConstantDemandSplitsCoherentlyByRegionAndSpeed) {
  const network::Dataset dataset = make_dataset(200);
  RunContext ctx(RunOptions{});
  const DemandForecast result = DemandForecaster(small_options()).run(dataset, kStart + 200, ctx);
  ASSERT_EQ(result.series.size(), 4u);  // A in r0, r1; the proxy B in r0, r1
  const RegionForecast& r0 = result.series[0];
  const RegionForecast& r1 = result.series[1];
  EXPECT_EQ(r0.sku, SkuIndex(0));
  EXPECT_EQ(r0.region, RegionIndex(0));
  EXPECT_EQ(r1.region, RegionIndex(1));
  for (std::size_t step = 0; step < 14; ++step) {
    // Every candidate model returns the constant; the days after the as-of date (100/day) are
    // not seen.
    EXPECT_NEAR(r0.forecast.mean[step], 6.0, 1e-6);
    EXPECT_NEAR(r1.forecast.mean[step], 4.0, 1e-6);
    double speed_sum = 0.0;
    for (std::size_t speed = 0; speed < 3; ++speed) speed_sum += r0.speed_distribution(speed, step).mean();
    EXPECT_NEAR(speed_sum, r0.forecast.mean[step], 1e-9);
  }
  // r0: 1200 units at speed 0, shrunk with 20 pseudo-units of the mix {0.1, 0.3, 0.6}.
  EXPECT_NEAR(r0.speed_share[0], (1200.0 + 2.0) / 1220.0, 1e-12);
  EXPECT_NEAR(r0.speed_share[2], 12.0 / 1220.0, 1e-12);
  // r1 has no speed information: the configured mix.
  EXPECT_NEAR(r1.speed_share[1], 0.3, 1e-12);
  EXPECT_EQ(result.skus[SkuIndex(0)].confidence, Confidence::kHigh);
  EXPECT_TRUE(result.skus[SkuIndex(0)].review_reason.empty());
}

TEST(DemandForecaster, NewSkuGetsLowConfidenceProxyFromItsCategory) {
  const network::Dataset dataset = make_dataset(200);
  RunContext ctx(RunOptions{});
  const DemandForecast result = DemandForecaster(small_options()).run(dataset, kStart + 200, ctx);
  const SkuForecastInfo& info = result.skus[SkuIndex(1)];
  EXPECT_EQ(info.model, "proxy");
  EXPECT_EQ(info.confidence, Confidence::kLow);
  EXPECT_EQ(info.review_reason, "low_confidence");
  // The category's rate (10/day) split by the category's recent regional shares (0.6 / 0.4).
  EXPECT_NEAR(result.series[2].forecast.mean[0], 6.0, 1e-6);
  EXPECT_NEAR(result.series[3].forecast.mean[0], 4.0, 1e-6);
}

TEST(DemandForecaster, ForecastScaleOverrideAppliesOnItsDates) {
  network::Dataset dataset = make_dataset(200);
  network::Override scale;
  scale.sku = SkuIndex(0);
  scale.kind = network::OverrideKind::kForecastScale;
  scale.value = 2.0;
  scale.start_date = kStart + 203;
  scale.end_date = kStart + 205;
  dataset.overrides.push_back(scale);
  RunContext ctx(RunOptions{});
  const DemandForecast result = DemandForecaster(small_options()).run(dataset, kStart + 200, ctx);
  EXPECT_NEAR(result.series[0].forecast.mean[2], 6.0, 1e-6);
  EXPECT_NEAR(result.series[0].forecast.mean[3], 12.0, 1e-6);
  EXPECT_NEAR(result.series[0].forecast.mean[5], 12.0, 1e-6);
  EXPECT_NEAR(result.series[0].forecast.mean[6], 6.0, 1e-6);
}


// SKU "W": 10 units a day in region r0 on weekdays and in region r1 at weekends, so the total is
// flat but the regions follow opposite weekly patterns only the region series can see.
network::Dataset make_weekly_dataset(int days) {
  network::Dataset dataset = make_dataset(days);
  network::DemandHistory demand;
  demand.sku_offset.push_back(0);
  for (int day = 0; day < days; ++day) {
    const Date date = kStart + day;
    const bool weekend = date.weekday() >= 5;
    demand.date.push_back(date.days());
    demand.region.push_back(weekend ? 1 : 0);
    demand.speed.push_back(0);
    demand.quantity.push_back(10.0F);
  }
  demand.sku_offset.push_back(demand.rows());
  demand.sku_offset.push_back(demand.rows());
  demand.first_date = kStart;
  demand.last_date = kStart + (days - 1);
  dataset.demand = demand;
  return dataset;
}

TEST(DemandForecaster, RegionsWithOwnWeeklyPatternsAreForecastAtRegionLevel) {
  const network::Dataset dataset = make_weekly_dataset(200);
  RunContext ctx(RunOptions{});
  const DemandForecast result = DemandForecaster(small_options()).run(dataset, kStart + 200, ctx);
  const SkuForecastInfo& info = result.skus[SkuIndex(0)];
  EXPECT_EQ(info.level, ForecastLevel::kRegion);
  const LevelChoice& choice = result.levels[static_cast<std::size_t>(info.segment)];
  EXPECT_LT(choice.wape_region, 0.05);  // the seasonal naive repeats the pattern exactly
  EXPECT_GT(choice.wape_sku, 0.4);      // a fixed 5/7 : 2/7 split misses every day
  for (std::size_t step = 0; step < 14; ++step) {
    const bool weekend = (kStart + 200 + static_cast<int>(step)).weekday() >= 5;
    EXPECT_NEAR(result.series[0].forecast.mean[step], weekend ? 0.0 : 10.0, 0.5);
    EXPECT_NEAR(result.series[1].forecast.mean[step], weekend ? 10.0 : 0.0, 0.5);
  }
}

TEST(DemandForecaster, SkuLevelSplitsTheTotalByShrunkRecentShares) {
  const network::Dataset dataset = make_weekly_dataset(200);
  DemandForecastOptions options = small_options();
  options.hierarchy = "sku";
  RunContext ctx(RunOptions{});
  const DemandForecast result = DemandForecaster(options).run(dataset, kStart + 200, ctx);
  // Last 91 days and whole history: r0 holds the weekday units; the prior of 10 units follows
  // the whole history's mix.
  double recent[2] = {0.0, 0.0}, all[2] = {0.0, 0.0};
  for (int day = 0; day < 200; ++day) {
    const std::size_t region = (kStart + day).weekday() >= 5 ? 1 : 0;
    all[region] += 10.0;
    if (day >= 200 - 91) recent[region] += 10.0;
  }
  const double prior = options.region_share_prior;
  const double share0 = (recent[0] + prior * all[0] / (all[0] + all[1])) / (recent[0] + recent[1] + prior);
  const SkuForecastInfo& info = result.skus[SkuIndex(0)];
  EXPECT_EQ(info.level, ForecastLevel::kSku);
  for (std::size_t step = 0; step < 14; ++step) {
    EXPECT_NEAR(result.series[0].forecast.mean[step], info.total[step] * share0, 1e-9);
    EXPECT_NEAR(result.series[1].forecast.mean[step], info.total[step] * (1.0 - share0), 1e-9);
  }
}

TEST(DemandForecaster, RegionAndSpeedForecastsAddUpToTheSkuTotal) {
  for (const char* hierarchy : {"auto", "sku", "region"}) {
    for (const network::Dataset& dataset : {make_dataset(200), make_weekly_dataset(200)}) {
      DemandForecastOptions options = small_options();
      options.hierarchy = hierarchy;
      RunContext ctx(RunOptions{});
      const DemandForecast result = DemandForecaster(options).run(dataset, kStart + 200, ctx);
      for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
        std::vector<double> sum(14, 0.0);
        for (const RegionForecast& region : result.series) {
          if (region.sku != SkuIndex(sku)) continue;
          for (std::size_t step = 0; step < 14; ++step) {
            sum[step] += region.forecast.mean[step];
            double speeds = 0.0;
            for (std::size_t speed = 0; speed < region.speed_share.size(); ++speed) {
              speeds += region.speed_distribution(speed, step).mean();
            }
            EXPECT_NEAR(speeds, region.forecast.mean[step], 1e-9);
          }
        }
        for (std::size_t step = 0; step < 14; ++step) {
          EXPECT_NEAR(sum[step], result.skus[SkuIndex(sku)].total[step], 1e-9) << hierarchy;
        }
      }
    }
  }
}

}  // namespace
}  // namespace echelon::forecast
