// SPDX-License-Identifier: Apache-2.0
#include "forecast/series_forecaster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/rng.h"
#include "forecast/sample_paths.h"

namespace echelon::forecast {
namespace {

constexpr int kHistory = 364;
constexpr int kHorizon = 28;

// Series from known distributions: Poisson with a weekly profile (fast), and Bernoulli(0.35)
// demand days with Poisson(3) + 1 sizes (intermittent). Histories plus the true future.
struct Simulated {
  std::vector<std::vector<double>> histories;
  std::vector<std::vector<double>> futures;
};

Simulated simulate(int fast, int intermittent) {
  const double weekly[] = {1.3, 1.1, 0.9, 0.8, 0.8, 1.0, 1.1};
  Simulated out;
  for (int s = 0; s < fast + intermittent; ++s) {
    Rng rng = Rng::stream(42, static_cast<std::uint64_t>(s), Purpose::kTest);
    std::vector<double> values;
    for (int t = 0; t < kHistory + kHorizon; ++t) {
      if (s < fast) {
        values.push_back(static_cast<double>(sample_poisson(rng, (4.0 + s % 10) * weekly[t % 7])));
      } else {
        values.push_back(rng.uniform() < 0.35 ? 1.0 + static_cast<double>(sample_poisson(rng, 3.0)) : 0.0);
      }
    }
    out.histories.emplace_back(values.begin(), values.begin() + kHistory);
    out.futures.emplace_back(values.begin() + kHistory, values.end());
  }
  return out;
}

ForecastBatch run_batch(const Simulated& data, int threads) {
  RunOptions run;
  run.threads = threads;
  RunContext ctx(run);
  SeriesForecastOptions options;
  options.horizon = kHorizon;
  options.backtest_origins = 2;
  options.models.ets.max_evaluations = 150;
  options.models.ets_max_history = 200;
  options.levels = {0.1, 0.5, 0.8, 0.9, 0.95, 0.99};
  return SeriesForecaster(options).run(data.histories, ctx);
}

TEST(SeriesForecaster, CalibratedOnSimulatedSeriesAndDeterministic) {
  const Simulated data = simulate(24, 16);
  const ForecastBatch batch = run_batch(data, 1);
  ASSERT_EQ(batch.series.size(), 40u);
  int inside80 = 0, below50 = 0, total = 0;
  double mean_error = 0.0, truth = 0.0;
  for (std::size_t s = 0; s < batch.series.size(); ++s) {
    const SeriesForecast& forecast = batch.series[s];
    EXPECT_EQ(forecast.segment, s < 24 ? Segment::kFast : Segment::kIntermittent);
    EXPECT_NE(forecast.confidence, Confidence::kLow);
    ASSERT_EQ(forecast.mean.size(), static_cast<std::size_t>(kHorizon));
    for (int step = 0; step < kHorizon; ++step) {
      for (std::size_t level = 0; level < forecast.quantiles.size(); ++level) {
        const double q = forecast.quantiles[level][step];
        EXPECT_EQ(q, std::floor(q));
        EXPECT_GE(q, 0.0);
        if (level > 0) {
          EXPECT_GE(q, forecast.quantiles[level - 1][step]);
        }
      }
      const double actual = data.futures[s][step];
      inside80 += actual >= forecast.quantiles[0][step] && actual <= forecast.quantiles[3][step];
      below50 += actual <= forecast.quantiles[1][step];
      mean_error += forecast.mean[step] - actual;
      truth += actual;
      ++total;
    }
  }
  // Discrete intervals cover at least their nominal share; on these series they should not
  // be much wider than needed either.
  EXPECT_GT(static_cast<double>(inside80) / total, 0.78);
  EXPECT_LT(static_cast<double>(inside80) / total, 0.92);
  EXPECT_GT(static_cast<double>(below50) / total, 0.5);
  EXPECT_LT(static_cast<double>(below50) / total, 0.7);
  EXPECT_LT(std::abs(mean_error) / truth, 0.05);  // unbiased in total

  const ForecastBatch again = run_batch(data, 2);
  for (std::size_t s = 0; s < batch.series.size(); ++s) {
    EXPECT_EQ(batch.series[s].mean, again.series[s].mean);
    EXPECT_EQ(batch.series[s].quantiles, again.series[s].quantiles);
    EXPECT_EQ(batch.series[s].model, again.series[s].model);
  }
}

TEST(SeriesForecaster, ShortHistoriesAreNewAndLowConfidence) {
  RunContext ctx(RunOptions{});
  SeriesForecastOptions options;
  options.horizon = 7;
  const std::vector<std::vector<double>> histories{{1, 0, 2}, std::vector<double>(100, 2.0)};
  const ForecastBatch batch = SeriesForecaster(options).run(histories, ctx);
  EXPECT_EQ(batch.series[0].segment, Segment::kNew);
  EXPECT_EQ(batch.series[0].confidence, Confidence::kLow);
  EXPECT_EQ(batch.series[1].segment, Segment::kFast);
  EXPECT_NEAR(batch.series[1].mean[0], 2.0, 1e-6);
}

TEST(SamplePaths, KeepMarginalsAndDayToDayCorrelation) {
  SeriesForecast forecast;
  forecast.mean = {2.0, 5.0, 5.0, 9.0};
  forecast.calibration.dispersion = 0.3;
  forecast.calibration.correlation = 0.7;
  Rng rng = Rng::stream(7, 1, Purpose::kForecastPaths);
  constexpr int kPaths = 20000;
  const std::vector<float> paths = sample_paths(forecast, kPaths, rng);
  ASSERT_EQ(paths.size(), static_cast<std::size_t>(kPaths) * 4);
  for (std::size_t step = 0; step < 4; ++step) {
    double sum = 0.0;
    int at_or_below_q90 = 0;
    const double q90 = forecast.distribution(step).quantile(0.9);
    const double mass = forecast.distribution(step).cdf(q90);
    for (int path = 0; path < kPaths; ++path) {
      sum += paths[path * 4 + step];
      at_or_below_q90 += paths[path * 4 + step] <= q90;
    }
    EXPECT_NEAR(sum / kPaths, forecast.mean[step], 0.04 * forecast.mean[step]);
    EXPECT_NEAR(static_cast<double>(at_or_below_q90) / kPaths, mass, 0.01);
  }
  // Correlation of days 2 and 3 (equal marginals): positive and strong.
  double mean2 = 0.0, mean3 = 0.0;
  for (int path = 0; path < kPaths; ++path) {
    mean2 += paths[path * 4 + 1];
    mean3 += paths[path * 4 + 2];
  }
  mean2 /= kPaths;
  mean3 /= kPaths;
  double cov = 0.0, var2 = 0.0, var3 = 0.0;
  for (int path = 0; path < kPaths; ++path) {
    const double a = paths[path * 4 + 1] - mean2, b = paths[path * 4 + 2] - mean3;
    cov += a * b;
    var2 += a * a;
    var3 += b * b;
  }
  EXPECT_GT(cov / std::sqrt(var2 * var3), 0.5);
  Rng same = Rng::stream(7, 1, Purpose::kForecastPaths);
  EXPECT_EQ(sample_paths(forecast, kPaths, same), paths);
}

}  // namespace
}  // namespace echelon::forecast
