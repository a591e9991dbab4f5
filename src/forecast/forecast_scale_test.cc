// SPDX-License-Identifier: Apache-2.0
// forecast_scale overrides in the planner's demand distribution: a promotion multiplies the
// daily totals of its SKU on its own days only, and the cell rates average the scaled days.
#include <gtest/gtest.h>

#include <string>

#include "forecast/demand_distribution.h"

namespace echelon::forecast {
namespace {

const Date kStart = *Date::parse("2024-01-01");
constexpr int kDays = 200;
constexpr int kHorizon = 28;

// Three SKUs selling 6 units every day in one region at one speed.
network::Dataset flat_dataset() {
  network::Dataset dataset;
  dataset.config = network::Config::defaults();
  dataset.network.region_ids.add("r0");
  dataset.network.regions.push_back({"r0", 0.0, 0.0, 1.0});
  network::DemandHistory& demand = dataset.demand;
  demand.sku_offset.push_back(0);
  for (std::size_t sku = 0; sku < 3; ++sku) {
    const std::string id = "S" + std::to_string(sku);
    dataset.sku_ids.add(id);
    network::Sku item;
    item.id = id;
    item.category = "tools";
    item.price = 10.0;
    dataset.skus.push_back(item);
    for (int day = 0; day < kDays; ++day) {
      demand.date.push_back((kStart + day).days());
      demand.region.push_back(0);
      demand.speed.push_back(0);
      demand.quantity.push_back(6.0F);
    }
    demand.sku_offset.push_back(demand.rows());
  }
  demand.first_date = kStart;
  demand.last_date = kStart + (kDays - 1);
  return dataset;
}

DemandDistribution distribution(const network::Dataset& dataset, bool scale) {
  RunContext ctx(RunOptions{.threads = 1, .log_level = LogLevel::kOff});
  DemandDistributionOptions options;
  options.horizon_days = kHorizon;
  options.forecast_scale = scale;
  return forecast_demand_distribution(dataset, kStart + kDays, options, ctx);
}

TEST(ForecastScale, MultipliesTheTotalsOfItsDaysOnly) {
  network::Dataset dataset = flat_dataset();
  const Date as_of = kStart + kDays;
  network::Override promotion;
  promotion.sku = SkuIndex(1);
  promotion.kind = network::OverrideKind::kForecastScale;
  promotion.value = 3.0;
  promotion.start_date = as_of + 7;
  promotion.end_date = as_of + 13;
  network::Override expired = promotion;
  expired.sku = SkuIndex(2);
  expired.start_date = as_of - 20;
  expired.end_date = as_of - 1;
  dataset.overrides = {promotion, expired};

  const DemandDistribution plain = distribution(dataset, false);
  const DemandDistribution scaled = distribution(dataset, true);
  for (SkuIndex sku : all<SkuIndex>(3)) {
    for (int step = 0; step < kHorizon; ++step) {
      const bool promoted = sku == promotion.sku && step >= 7 && step <= 13;
      const double base = plain.daily_total(sku)[static_cast<std::size_t>(step)];
      ASSERT_GT(base, 0.0);
      EXPECT_FLOAT_EQ(scaled.daily_total(sku)[static_cast<std::size_t>(step)],
                      static_cast<float>((promoted ? 3.0 : 1.0) * base))
          << "sku " << sku.value() << " step " << step;
    }
    // A flat 6 a day forecast: the cell rate averages 21 days at 6 and 7 at 18 (= 9) when
    // promoted, since the calibrated distribution keeps each day's mean.
    ASSERT_EQ(scaled.of(sku).size(), 1U);
    const double plain_mean = plain.of(sku)[0].mean_per_day;
    const double expected = sku == promotion.sku ? plain_mean * (21.0 + 3.0 * 7.0) / 28.0 : plain_mean;
    EXPECT_NEAR(scaled.of(sku)[0].mean_per_day, expected, 1e-4 * expected);
  }
}

// The demand of one planning week (cells_over): the promoted SKU's week 2 has three times the
// rate of its other weeks, and its variance follows the thinned-total moments of those days;
// the whole horizon gives the cells' own moments bit for bit.
TEST(ForecastScale, AWeekWindowHoldsOnlyItsOwnDays) {
  network::Dataset dataset = flat_dataset();
  const Date as_of = kStart + kDays;
  network::Override promotion;
  promotion.sku = SkuIndex(1);
  promotion.kind = network::OverrideKind::kForecastScale;
  promotion.value = 3.0;
  promotion.start_date = as_of + 7;
  promotion.end_date = as_of + 13;
  dataset.overrides = {promotion};
  const DemandDistribution scaled = distribution(dataset, true);
  for (SkuIndex sku : all<SkuIndex>(3)) {
    const std::vector<CellDemand> whole = cells_over(scaled, sku, 0, kHorizon);
    ASSERT_EQ(whole.size(), 1U);
    EXPECT_EQ(whole[0].mean_per_day, scaled.of(sku)[0].mean_per_day);
    EXPECT_EQ(whole[0].variance_per_day, scaled.of(sku)[0].variance_per_day);
    const double week_one = cells_over(scaled, sku, 0, 7)[0].mean_per_day;
    const std::vector<CellDemand> week_two = cells_over(scaled, sku, 7, 7);
    const double factor = sku == promotion.sku ? 3.0 : 1.0;
    EXPECT_NEAR(week_two[0].mean_per_day, factor * week_one, 1e-5 * week_one);
    // One cell (share 1): the cell's variance is the average of the days' total variances.
    double variance = 0.0;
    for (std::size_t step = 7; step < 14; ++step) variance += scaled.total_distribution(sku, step).moments().variance;
    EXPECT_NEAR(week_two[0].variance_per_day, variance / 7.0, 1e-9 * variance);
  }
}

}  // namespace
}  // namespace echelon::forecast
