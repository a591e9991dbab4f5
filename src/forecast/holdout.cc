// SPDX-License-Identifier: Apache-2.0
#include "forecast/holdout.h"

#include <cmath>
#include <limits>
#include <map>

#include "forecast/accuracy.h"

namespace echelon::forecast {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr int kWeightDays = 28;  // dollar-sales weights over the last 28 days before the origin

struct Accumulator {
  int series = 0;
  double mase_sum = 0.0, rmsse_sum = 0.0;
  int mase_count = 0, rmsse_count = 0;
  double pinball = 0.0, weight = 0.0;
  int inside80 = 0, inside95 = 0, days = 0;
  double actual = 0.0, forecast = 0.0;

  void add(const Accumulator& other) {
    series += other.series;
    mase_sum += other.mase_sum;
    rmsse_sum += other.rmsse_sum;
    mase_count += other.mase_count;
    rmsse_count += other.rmsse_count;
    pinball += other.pinball;
    weight += other.weight;
    inside80 += other.inside80;
    inside95 += other.inside95;
    days += other.days;
    actual += other.actual;
    forecast += other.forecast;
  }
  [[nodiscard]] SegmentAccuracy result(std::string name) const {
    SegmentAccuracy out;
    out.segment = std::move(name);
    out.series = series;
    out.mase = mase_count > 0 ? mase_sum / mase_count : kNan;
    out.rmsse = rmsse_count > 0 ? rmsse_sum / rmsse_count : kNan;
    out.weighted_pinball = weight > 0.0 ? pinball / weight : kNan;
    out.coverage80 = days > 0 ? static_cast<double>(inside80) / days : kNan;
    out.coverage95 = days > 0 ? static_cast<double>(inside95) / days : kNan;
    out.actual_units = actual;
    out.forecast_units = forecast;
    return out;
  }
};

}  // namespace

HoldoutReport evaluate_holdout(const network::Dataset& dataset, Date as_of,
                               const DemandForecaster& forecaster, RunContext& ctx) {
  const int horizon = forecaster.options().horizon_days;
  const Date origin = as_of - horizon;
  const DemandForecast forecast = forecaster.run(dataset, origin, ctx);
  const std::vector<double>& levels = forecaster.options().levels;
  const network::DemandHistory& demand = dataset.demand;

  std::array<Accumulator, kSegmentCount> by_segment{};
  for (const RegionForecast& region : forecast.series) {
    const std::size_t begin = demand.begin_of(region.sku);
    const std::size_t end = demand.end_of(region.sku);
    if (begin == end || demand.date[begin] >= origin.days()) continue;
    // The region's daily history before the origin (from the SKU's first demand) and actuals.
    const std::int32_t first_day = demand.date[begin];
    std::vector<double> history(static_cast<std::size_t>(origin.days() - first_day), 0.0);
    std::vector<double> actual(static_cast<std::size_t>(horizon), 0.0);
    for (std::size_t row = begin; row < end; ++row) {
      if (demand.region[row] != region.region.value()) continue;
      const std::int32_t day = demand.date[row];
      if (day < origin.days()) {
        history[static_cast<std::size_t>(day - first_day)] += demand.quantity[row];
      } else if (day < as_of.days()) {
        actual[static_cast<std::size_t>(day - origin.days())] += demand.quantity[row];
      }
    }
    Accumulator& acc = by_segment[static_cast<std::size_t>(region.forecast.segment)];
    const std::vector<double>& mean = region.forecast.mean;
    ++acc.series;
    const double scaled_abs = mase(actual, mean, mae_scale(history, 7));
    if (std::isfinite(scaled_abs)) {
      acc.mase_sum += scaled_abs;
      ++acc.mase_count;
    }
    const double scaled_sq = rmsse(actual, mean, mse_scale(history, 1));
    if (std::isfinite(scaled_sq)) {
      acc.rmsse_sum += scaled_sq;
      ++acc.rmsse_count;
    }
    double recent_units = 0.0;
    for (std::size_t day = history.size() - std::min<std::size_t>(history.size(), kWeightDays); day < history.size(); ++day) {
      recent_units += history[day];
    }
    const double weight = recent_units * std::max(dataset.skus[region.sku].price, 1e-6);
    const double scale = mae_scale(history, 1);
    if (weight > 0.0 && scale > 0.0) {
      double loss = 0.0;
      for (std::size_t level = 0; level < levels.size(); ++level) {
        loss += pinball_sum(actual, region.forecast.quantiles[level], levels[level]);
      }
      acc.pinball += weight * loss / (static_cast<double>(horizon) * static_cast<double>(levels.size()) * scale);
      acc.weight += weight;
    }
    // The calibrated prediction intervals (levels set on the forecaster's own backtest).
    const Calibration& calibration = region.forecast.calibration;
    for (std::size_t step = 0; step < static_cast<std::size_t>(horizon); ++step) {
      const auto [lower80, upper80] = calibration.interval(mean[step], 0.8, static_cast<int>(step));
      const auto [lower95, upper95] = calibration.interval(mean[step], 0.95, static_cast<int>(step));
      acc.inside80 += actual[step] >= lower80 && actual[step] <= upper80;
      acc.inside95 += actual[step] >= lower95 && actual[step] <= upper95;
      ++acc.days;
      acc.actual += actual[step];
      acc.forecast += mean[step];
    }
  }
  HoldoutReport report;
  report.origin = origin;
  report.horizon_days = horizon;
  Accumulator all;
  for (std::size_t seg = 0; seg < kSegmentCount; ++seg) {
    if (by_segment[seg].series == 0) continue;
    report.segments.push_back(by_segment[seg].result(std::string(segment_name(static_cast<Segment>(seg)))));
    all.add(by_segment[seg]);
  }
  report.segments.push_back(all.result("all"));
  return report;
}

}  // namespace echelon::forecast
