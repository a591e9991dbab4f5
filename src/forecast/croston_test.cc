// SPDX-License-Identifier: Apache-2.0
#include "forecast/croston.h"

#include <gtest/gtest.h>

#include <vector>

#include "forecast/model.h"

namespace echelon::forecast {
namespace {

// Hand computation for {0,0,3,0,2,0,0,4}, alpha = beta = 0.1:
// Croston: z = 3, p = 3 at t3; z = 2.9, p = 2.9 at t5 (gap 2); z = 3.01, p = 2.91 at t8 (gap 3).
const std::vector<double> kSeries{0, 0, 3, 0, 2, 0, 0, 4};

TEST(Croston, MatchesHandComputation) {
  EXPECT_NEAR(croston_rate(kSeries), 3.01 / 2.91, 1e-12);
}

TEST(Croston, SbaScalesByOneMinusHalfAlpha) {
  EXPECT_NEAR(sba_rate(kSeries), 0.95 * 3.01 / 2.91, 1e-12);
  CrostonOptions options;
  options.alpha = 0.3;
  EXPECT_NEAR(sba_rate(kSeries, options), 0.85 * croston_rate(kSeries, options), 1e-12);
}

TEST(Croston, TsbMatchesHandComputation) {
  // pi starts at 3/8 and moves 10% towards 1 on demand days and towards 0 otherwise:
  // 0.3375, 0.30375, 0.373375, 0.3360375, 0.40243375, 0.362190375, 0.3259713375,
  // 0.39337420375; z = 3, then 2.9 at t5, then 3.01 at t8.
  EXPECT_NEAR(tsb_rate(kSeries), 0.39337420375 * 3.01, 1e-12);
}

TEST(Croston, NoDemandGivesZero) {
  const std::vector<double> zeros(10, 0.0);
  EXPECT_EQ(croston_rate(zeros), 0.0);
  EXPECT_EQ(sba_rate(zeros), 0.0);
  EXPECT_EQ(tsb_rate(zeros), 0.0);
}

TEST(Croston, ConstantDemandEveryPeriodIsTheDemand) {
  const std::vector<double> series(20, 4.0);
  EXPECT_NEAR(croston_rate(series), 4.0, 1e-12);
  EXPECT_NEAR(tsb_rate(series), 4.0, 1e-12);
}

TEST(LocalModels, SeasonalNaiveRepeatsTheLastSeason) {
  ModelSettings settings;
  settings.period = 3;
  const std::vector<double> history{1, 2, 3, 4, 5, 6, 7};
  const std::vector<double> out = local_forecast(ModelKind::kSeasonalNaive, history, 5, settings);
  EXPECT_EQ(out, (std::vector<double>{5, 6, 7, 5, 6}));
}

TEST(LocalModels, MovingAverageWithAndWithoutProfile) {
  ModelSettings settings;
  settings.period = 2;
  settings.ma_window = 4;
  settings.seasonal_profile = false;
  const std::vector<double> history{9, 9, 1, 3, 1, 3};
  EXPECT_EQ(local_forecast(ModelKind::kMovingAverage, history, 2, settings),
            (std::vector<double>{2, 2}));
  // Profile over 2 seasons {1,3,1,3}: ratios 0.5 and 1.5; weight 8 / (8 + 8) = 0.5.
  settings.seasonal_profile = true;
  settings.profile_seasons = 2;
  settings.profile_shrinkage = 8.0;
  const std::vector<double> shaped = local_forecast(ModelKind::kMovingAverage, history, 3, settings);
  EXPECT_NEAR(shaped[0], 2.0 * 0.75, 1e-12);
  EXPECT_NEAR(shaped[1], 2.0 * 1.25, 1e-12);
  EXPECT_NEAR(shaped[2], 2.0 * 0.75, 1e-12);
}

TEST(LocalModels, NamesRoundTrip) {
  for (ModelKind kind : {ModelKind::kSeasonalNaive, ModelKind::kMovingAverage, ModelKind::kEts,
                         ModelKind::kCroston, ModelKind::kSba, ModelKind::kTsb, ModelKind::kGlobal}) {
    ModelKind parsed = ModelKind::kProxy;
    ASSERT_TRUE(parse_model_kind(model_name(kind), parsed));
    EXPECT_EQ(parsed, kind);
  }
}

}  // namespace
}  // namespace echelon::forecast
