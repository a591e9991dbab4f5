// SPDX-License-Identifier: Apache-2.0
#include "forecast/theta.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace echelon::forecast {
namespace {

// y_t = base + slope t + amplitude sin(2 pi t / 12) + 5 ((7 t mod 5) - 2), t = 1..48.
std::vector<double> series(double base, double slope, double amplitude) {
  std::vector<double> out;
  for (int t = 1; t <= 48; ++t) {
    out.push_back(base + slope * t + amplitude * std::sin(2.0 * std::numbers::pi * t / 12.0) +
                  5.0 * (((t * 7) % 5) - 2));
  }
  return out;
}

// References: R 4.2.2, forecast 8.20, thetaf(ts(y, frequency = 12), h = 6)$mean.
TEST(Theta, MatchesRThetafWithoutSignificantSeason) {
  const std::vector<double> expected{192.038040, 192.958739, 193.879438, 194.800137, 195.720836, 196.641535};
  const std::vector<double> forecast = fit_theta(series(100.0, 2.0, 15.0), 12).forecast(6);
  for (std::size_t step = 0; step < expected.size(); ++step) EXPECT_NEAR(forecast[step], expected[step], 0.05);
}

TEST(Theta, MatchesRThetafWithMultiplicativeSeason) {
  const std::vector<double> expected{122.043114, 135.504262, 141.292401, 130.636441, 129.359731, 107.044907};
  const ThetaFit fit = fit_theta(series(100.0, 0.2, 30.0), 12);
  EXPECT_EQ(fit.season.size(), 12u);
  const std::vector<double> forecast = fit.forecast(6);
  for (std::size_t step = 0; step < expected.size(); ++step) EXPECT_NEAR(forecast[step], expected[step], 0.05);
}

TEST(Theta, MatchesRThetafOnANonSeasonalSeries) {
  // thetaf(ts(50 + 0.5 t + 4 ((3 t mod 7) - 3), frequency = 1), h = 4)$mean, t = 1..48.
  std::vector<double> values;
  for (int t = 1; t <= 48; ++t) values.push_back(50.0 + 0.5 * t + 4.0 * (((t * 3) % 7) - 3));
  const std::vector<double> expected{73.462074, 73.706755, 73.951436, 74.196117};
  const std::vector<double> forecast = fit_theta(values, 1).forecast(4);
  for (std::size_t step = 0; step < expected.size(); ++step) EXPECT_NEAR(forecast[step], expected[step], 0.05);
}

}  // namespace
}  // namespace echelon::forecast
