// SPDX-License-Identifier: Apache-2.0
#include "forecast/global_model.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/rng.h"

namespace echelon::forecast {
namespace {

// Poisson demand with mean 4 (x3 on event days, every 10th day) and series-specific levels:
// the cross-series model must learn the event uplift from the calendar and the level from lags.
TEST(GlobalModel, LearnsCalendarEventUpliftAcrossSeries) {
  constexpr int kDays = 300;
  constexpr int kHorizon = 14;
  GlobalModelInputs inputs;
  inputs.first_day = *Date::parse("2024-01-01");
  inputs.last_history_day = inputs.first_day + (kDays - 1);
  for (int day = 0; day < kDays + kHorizon; ++day) inputs.events.push_back(day % 10 == 3 ? 1 : 0);
  std::vector<std::vector<double>> histories;
  for (int s = 0; s < 30; ++s) {
    Rng rng = Rng::stream(9, static_cast<std::uint64_t>(s), Purpose::kTest);
    const double level = s < 15 ? 4.0 : 12.0;
    std::vector<double> values;
    for (int day = 0; day < kDays; ++day) {
      values.push_back(static_cast<double>(sample_poisson(rng, level * (inputs.events[day] ? 3.0 : 1.0))));
    }
    histories.push_back(std::move(values));
  }
  inputs.histories = histories;
  GlobalModelOptions options;
  options.rounds = 60;
  const GlobalModel model = make_global_model(inputs, options);
  std::vector<std::vector<double>> out(histories.size(), std::vector<double>(kHorizon, 0.0));
  model(0, kHorizon, out);
  // Horizon days kDays .. kDays + 13: events on days 303 and 313 (steps 4 and 14).
  for (std::size_t s : {std::size_t{0}, std::size_t{20}}) {
    const double level = s < 15 ? 4.0 : 12.0;
    EXPECT_NEAR(out[s][0], level, 0.25 * level);
    EXPECT_NEAR(out[s][3], 3.0 * level, 0.25 * 3.0 * level);
    EXPECT_NEAR(out[s][13], 3.0 * level, 0.25 * 3.0 * level);
  }
  std::vector<std::vector<double>> again(histories.size(), std::vector<double>(kHorizon, 0.0));
  model(0, kHorizon, again);
  EXPECT_EQ(out, again);
}

}  // namespace
}  // namespace echelon::forecast
