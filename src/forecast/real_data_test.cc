// SPDX-License-Identifier: Apache-2.0
// The series forecaster on real M5 sales (tests/data/forecast/m5_slice.csv): it must beat the
// seasonal naive forecast out of sample and give intervals that cover about their share.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "forecast/accuracy.h"
#include "forecast/model.h"
#include "forecast/series_forecaster.h"

namespace echelon::forecast {
namespace {

std::vector<std::vector<double>> read_slice() {
  std::ifstream file(std::string(ECHELON_TEST_DATA_DIR) + "/forecast/m5_slice.csv");
  std::vector<std::vector<double>> out;
  std::string line;
  std::getline(file, line);
  while (std::getline(file, line)) {
    std::istringstream stream(line);
    std::string field;
    std::getline(stream, field, ',');
    std::vector<double> values;
    while (std::getline(stream, field, ',')) values.push_back(std::stod(field));
    out.push_back(std::move(values));
  }
  return out;
}

TEST(RealData, BeatsSeasonalNaiveOnM5SliceWithCalibratedIntervals) {
  const std::vector<std::vector<double>> data = read_slice();
  ASSERT_EQ(data.size(), 20u);
  constexpr std::size_t kHorizon = 28;
  std::vector<std::vector<double>> histories;
  for (const auto& series : data) histories.emplace_back(series.begin(), series.end() - kHorizon);
  SeriesForecastOptions options;
  options.horizon = kHorizon;
  options.levels = {0.025, 0.1, 0.5, 0.9, 0.975};
  RunContext ctx(RunOptions{});
  const ForecastBatch batch = SeriesForecaster(options).run(histories, ctx);

  ModelSettings naive;
  naive.period = 7;
  double ours = 0.0, seasonal_naive = 0.0;
  int counted = 0, inside95 = 0, days = 0;
  for (std::size_t s = 0; s < data.size(); ++s) {
    const std::span<const double> actual(data[s].data() + data[s].size() - kHorizon, kHorizon);
    const double scale = mse_scale(histories[s], 1);
    if (!(scale > 0.0)) continue;
    ours += rmsse(actual, batch.series[s].mean, scale);
    seasonal_naive += rmsse(actual, local_forecast(ModelKind::kSeasonalNaive, histories[s], kHorizon, naive), scale);
    ++counted;
    for (std::size_t step = 0; step < kHorizon; ++step) {
      inside95 += actual[step] >= batch.series[s].quantiles[0][step] &&
                  actual[step] <= batch.series[s].quantiles[4][step];
      ++days;
    }
  }
  ASSERT_GT(counted, 15);
  EXPECT_LT(ours / counted, 0.9 * seasonal_naive / counted);
  EXPECT_GT(static_cast<double>(inside95) / days, 0.88);
}

}  // namespace
}  // namespace echelon::forecast
