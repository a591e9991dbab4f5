// SPDX-License-Identifier: Apache-2.0
#include "forecast/demand_forecaster.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "forecast/global_model.h"
#include "network/overrides.h"

namespace echelon::forecast {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr int kRecentDays = 91;  // window of the recent region shares and proxy references

// Daily histories cut from the dataset: one per SKU with demand before the as-of date, and one
// per (SKU, region) pair with demand; all end the day before the as-of date.
struct Histories {
  std::vector<SkuIndex> sku_of;                   // per SKU series
  std::vector<std::vector<double>> sku;           // SKU totals
  std::vector<std::pair<SkuIndex, RegionIndex>> region_of;
  std::vector<std::vector<double>> region;        // SKU x region totals
  std::vector<std::vector<double>> speed_units;   // per region series, units per speed
  std::vector<double> recent_units;               // per region series, last kRecentDays
  std::vector<std::size_t> sku_series;            // per SKU index: series or npos
  std::vector<std::size_t> first_region;          // per SKU series: its first region series
  std::vector<std::size_t> region_end;            // per SKU series: one past its last region series
};

Histories cut_histories(const network::Dataset& dataset, Date as_of, std::size_t speed_count) {
  Histories out;
  const network::DemandHistory& demand = dataset.demand;
  out.sku_series.assign(dataset.sku_count(), std::string::npos);
  for (std::size_t sku_value = 0; sku_value < dataset.sku_count(); ++sku_value) {
    const SkuIndex sku(sku_value);
    const std::size_t begin = demand.begin_of(sku);
    const std::size_t end = demand.end_of(sku);
    if (begin == end || demand.date[begin] >= as_of.days()) continue;
    const std::int32_t first_day = demand.date[begin];
    const std::size_t length = static_cast<std::size_t>(as_of.days() - first_day);
    std::vector<double> total(length, 0.0);
    std::map<std::uint16_t, std::size_t> region_slot;
    const std::size_t first_region = out.region.size();
    for (std::size_t row = begin; row < end; ++row) {
      if (demand.date[row] >= as_of.days()) break;  // rows are sorted by date within a SKU
      const std::size_t day = static_cast<std::size_t>(demand.date[row] - first_day);
      const double quantity = demand.quantity[row];
      total[day] += quantity;
      auto [it, inserted] = region_slot.try_emplace(demand.region[row], 0);
      if (inserted) {
        it->second = out.region.size();
        out.region_of.emplace_back(sku, RegionIndex(demand.region[row]));
        out.region.emplace_back(length, 0.0);
        out.speed_units.emplace_back(speed_count, 0.0);
        out.recent_units.push_back(0.0);
      }
      out.region[it->second][day] += quantity;
      if (demand.speed[row] >= 0 && static_cast<std::size_t>(demand.speed[row]) < speed_count) {
        out.speed_units[it->second][static_cast<std::size_t>(demand.speed[row])] += quantity;
      }
      if (as_of.days() - demand.date[row] <= kRecentDays) out.recent_units[it->second] += quantity;
    }
    // Region series in region order, so output rows sort by (SKU, region).
    std::vector<std::size_t> order;
    for (const auto& [region, slot] : region_slot) order.push_back(slot);
    auto permute = [&](auto& column) {
      std::vector<std::decay_t<decltype(column[0])>> sorted;
      for (std::size_t slot : order) sorted.push_back(std::move(column[slot]));
      std::move(sorted.begin(), sorted.end(), column.begin() + static_cast<std::ptrdiff_t>(first_region));
    };
    permute(out.region_of);
    permute(out.region);
    permute(out.speed_units);
    permute(out.recent_units);
    out.sku_series[sku_value] = out.sku.size();
    out.sku_of.push_back(sku);
    out.sku.push_back(std::move(total));
    out.first_region.push_back(first_region);
    out.region_end.push_back(out.region.size());
  }
  return out;
}

// Price band: one band per doubling of the price.
int price_band(double price) { return static_cast<int>(std::floor(std::log2(std::max(price, 0.01)))); }

}  // namespace

DemandForecastOptions DemandForecastOptions::from_settings(const network::ForecastSettings& settings) {
  DemandForecastOptions options;
  options.horizon_days = settings.horizon_days;
  options.backtest_origins = settings.backtest_origins;
  options.method = settings.method;
  options.review_threshold = settings.review_threshold;
  return options;
}

CountDistribution RegionForecast::speed_distribution(std::size_t speed, std::size_t step) const {
  return forecast.calibration.distribution(forecast.mean[step] * speed_share[speed]);
}

DemandForecaster::DemandForecaster(DemandForecastOptions options) : options_(std::move(options)) {}

DemandForecast DemandForecaster::run(const network::Dataset& dataset, Date as_of,
                                     RunContext& ctx) const {
  const DemandForecastOptions& opt = options_;
  const std::size_t horizon = static_cast<std::size_t>(opt.horizon_days);
  const std::size_t speed_count = std::max<std::size_t>(dataset.config.speeds.size(), 1);
  std::vector<double> speed_mix = dataset.config.speed_mix;
  if (speed_mix.size() != speed_count) speed_mix.assign(speed_count, 1.0 / static_cast<double>(speed_count));

  const Histories histories = cut_histories(dataset, as_of, speed_count);
  SeriesForecastOptions series_options;
  series_options.horizon = opt.horizon_days;
  series_options.backtest_origins = opt.backtest_origins;
  series_options.min_history = opt.min_history_days;
  series_options.levels = opt.levels;
  series_options.models.period = 7;
  series_options.keep_backtest = true;
  if (opt.method != "auto") series_options.forced_model = opt.method;
  const SeriesForecaster forecaster(series_options);
  ctx.report({"forecast", 0.0, 2.0, "SKU totals"});
  // The cross-series model sees calendar events and each SKU's selling price on one day axis.
  GlobalModelInputs inputs;
  GlobalModel global;
  if ((opt.global_model && opt.method == "auto") || opt.method == "gbt") {
    inputs.histories = histories.sku;
    inputs.last_history_day = as_of - 1;
    std::size_t longest = 1;
    for (const std::vector<double>& history : histories.sku) longest = std::max(longest, history.size());
    inputs.first_day = as_of - static_cast<int>(longest);
    const std::size_t days = longest + horizon;
    inputs.events.assign(days, 0);
    for (const network::CalendarEvent& event : dataset.calendar) {
      const int day = event.date - inputs.first_day;
      if (day >= 0 && static_cast<std::size_t>(day) < days) inputs.events[static_cast<std::size_t>(day)] = 1;
    }
    const network::PriceHistory& prices = dataset.prices;
    if (prices.sku_offset.size() == dataset.sku_count() + 1) {
      for (SkuIndex sku : histories.sku_of) {
        std::vector<float> daily(days, std::numeric_limits<float>::quiet_NaN());
        // A price holds from its date until the next price row.
        for (std::size_t row = prices.sku_offset[sku.value()]; row < prices.sku_offset[sku.value() + 1]; ++row) {
          const int from = std::max(0, prices.date[row] - inputs.first_day.days());
          const int to = row + 1 < prices.sku_offset[sku.value() + 1]
                             ? prices.date[row + 1] - inputs.first_day.days()
                             : static_cast<int>(days);
          for (int day = from; day < std::min(to, static_cast<int>(days)); ++day) {
            daily[static_cast<std::size_t>(day)] = prices.price[row];
          }
        }
        inputs.prices.push_back(std::move(daily));
      }
    }
    global = make_global_model(inputs, GlobalModelOptions{});
  }
  const ForecastBatch sku_batch = forecaster.run(histories.sku, ctx, global);
  ctx.report({"forecast", 1.0, 2.0, "SKU x region"});
  // Region series only shape the regional split: local models (a forced "gbt" selects there).
  SeriesForecastOptions region_options = series_options;
  if (region_options.forced_model == "gbt") region_options.forced_model.clear();
  const ForecastBatch region_batch = SeriesForecaster(region_options).run(histories.region, ctx);

  DemandForecast result;
  result.start = as_of;
  result.horizon_days = opt.horizon_days;
  result.choices = sku_batch.choices;
  result.calibrations = region_batch.calibrations;
  result.sku_calibrations = sku_batch.calibrations;
  // The level per segment of SKU totals, by the region-level backtest error of both.
  std::array<std::vector<SkuRegions>, kSegmentCount> level_groups;
  for (std::size_t entry = 0; entry < histories.sku.size(); ++entry) {
    const SeriesForecast& total = sku_batch.series[entry];
    if (total.segment == Segment::kNew) continue;
    const std::size_t first = histories.first_region[entry];
    const std::size_t count = histories.region_end[entry] - first;
    level_groups[static_cast<std::size_t>(total.segment)].push_back(
        {&total, std::span(histories.region).subspan(first, count), std::span(region_batch.series).subspan(first, count)});
  }
  for (std::size_t seg = 0; seg < kSegmentCount; ++seg) {
    result.levels[seg] = choose_level(level_groups[seg], opt.horizon_days, kRecentDays, opt.region_share_prior);
    if (opt.hierarchy == "sku" || static_cast<Segment>(seg) == Segment::kNew) result.levels[seg].level = ForecastLevel::kSku;
    if (opt.hierarchy == "region" && static_cast<Segment>(seg) != Segment::kNew) {
      result.levels[seg].level = ForecastLevel::kRegion;
    }
  }
  result.skus.resize(dataset.sku_count());

  // Proxy references: mean daily forecast of established SKUs per (category, price band), per
  // category, and overall; recent regional demand per category.
  std::map<std::pair<std::string, int>, std::pair<double, int>> band_rate;
  std::map<std::string, std::pair<double, int>> category_rate;
  std::pair<double, int> overall_rate{0.0, 0};
  std::map<std::string, std::map<std::size_t, double>> category_regions;
  for (std::size_t entry = 0; entry < histories.sku.size(); ++entry) {
    const network::Sku& sku = dataset.skus[histories.sku_of[entry]];
    for (std::size_t series = histories.first_region[entry]; series < histories.region_end[entry]; ++series) {
      category_regions[sku.category][histories.region_of[series].second.value()] += histories.recent_units[series];
    }
    const SeriesForecast& forecast = sku_batch.series[entry];
    if (forecast.segment == Segment::kNew) continue;
    double rate = 0.0;
    for (double value : forecast.mean) rate += value;
    rate /= static_cast<double>(std::max<std::size_t>(horizon, 1));
    auto add = [rate](std::pair<double, int>& slot) {
      slot.first += rate;
      ++slot.second;
    };
    add(band_rate[{sku.category, price_band(sku.price)}]);
    add(category_rate[sku.category]);
    add(overall_rate);
  }
  auto proxy_rate = [&](const network::Sku& sku) {
    for (const auto* slot : {band_rate.count({sku.category, price_band(sku.price)}) != 0
                                 ? &band_rate.at({sku.category, price_band(sku.price)})
                                 : nullptr,
                             category_rate.count(sku.category) != 0 ? &category_rate.at(sku.category) : nullptr,
                             &overall_rate}) {
      if (slot != nullptr && slot->second > 0) return slot->first / slot->second;
    }
    return 0.0;
  };

  // Planner scale per (SKU, day) from forecast_scale overrides.
  auto scale_of = [&](SkuIndex sku, Date day) {
    return opt.forecast_scale ? network::forecast_scale_on(dataset.overrides, sku, day) : 1.0;
  };

  auto finish = [&](RegionForecast& region, const std::vector<double>& speed_units) {
    double units = 0.0;
    for (double value : speed_units) units += value;
    region.speed_share.resize(speed_count);
    for (std::size_t speed = 0; speed < speed_count; ++speed) {
      region.speed_share[speed] = (speed_units[speed] + opt.speed_share_prior * speed_mix[speed]) /
                                  (units + opt.speed_share_prior);
    }
    SeriesForecast& forecast = region.forecast;
    for (std::size_t step = 0; step < horizon; ++step) {
      forecast.mean[step] *= scale_of(region.sku, as_of + static_cast<int>(step));
    }
    forecast.fill_quantiles(opt.levels);
    std::vector<double>& sku_total = result.skus[region.sku].total;
    sku_total.resize(horizon, 0.0);
    for (std::size_t step = 0; step < horizon; ++step) sku_total[step] += forecast.mean[step];
    result.series.push_back(std::move(region));
  };

  for (std::size_t sku_value = 0; sku_value < dataset.sku_count(); ++sku_value) {
    const SkuIndex sku_index(sku_value);
    const network::Sku& sku = dataset.skus[sku_index];
    SkuForecastInfo& info = result.skus[sku_index];
    info.total.assign(horizon, 0.0);
    const std::size_t entry = histories.sku_series[sku_value];
    const bool has_history = entry != std::string::npos;
    const bool established = has_history && sku_batch.series[entry].segment != Segment::kNew;

    // The SKU total per day.
    std::vector<double> total(horizon, 0.0);
    if (established) {
      const SeriesForecast& forecast = sku_batch.series[entry];
      total = forecast.mean;
      info.model = forecast.model;
      info.segment = forecast.segment;
      info.confidence = forecast.confidence;
      info.backtest_wape = forecast.backtest_wape;
      info.wape_change = forecast.wape_older > 0.0 ? forecast.wape_recent / forecast.wape_older - 1.0 : kNan;
    } else {
      // Short or no history: the proxy rate, blended with the SKU's own mean by history length.
      double own = 0.0, days = 0.0;
      if (has_history) {
        for (double value : histories.sku[entry]) own += value;
        days = static_cast<double>(histories.sku[entry].size());
      }
      const double weight = std::min(1.0, days / std::max(opt.min_history_days, 1));
      const double rate = weight * (days > 0.0 ? own / days : 0.0) + (1.0 - weight) * proxy_rate(sku);
      total.assign(horizon, rate);
      info.model = std::string(model_name(ModelKind::kProxy));
      info.segment = Segment::kNew;
      info.confidence = Confidence::kLow;
      info.backtest_wape = kNan;
      info.wape_change = kNan;
    }
    if (info.confidence == Confidence::kLow) {
      info.review_reason = "low_confidence";
    } else if (std::isfinite(info.wape_change) && info.wape_change > opt.review_threshold) {
      info.review_reason = "error_increase";
    }

    if (has_history) {
      const std::size_t first = histories.first_region[entry];
      const std::size_t last = histories.region_end[entry];
      const std::span<const std::vector<double>> regions = std::span(histories.region).subspan(first, last - first);
      info.level = established ? result.levels[static_cast<std::size_t>(info.segment)].level : ForecastLevel::kSku;
      // SKU level: the total split by recent shares; region level: each region's own forecast,
      // the total being their sum.
      const std::vector<double> shares = region_shares(regions, regions.front().size(), kRecentDays, opt.region_share_prior);
      for (std::size_t series = first; series < last; ++series) {
        RegionForecast region;
        region.sku = sku_index;
        region.region = histories.region_of[series].second;
        region.forecast = region_batch.series[series];
        region.forecast.model = info.model;
        region.forecast.backtest.clear();
        if (!established) {
          region.forecast.calibration = region_batch.calibrations[static_cast<std::size_t>(Segment::kNew)];
          region.forecast.confidence = Confidence::kLow;
        }
        if (info.level == ForecastLevel::kSku) {
          for (std::size_t step = 0; step < horizon; ++step) region.forecast.mean[step] = total[step] * shares[series - first];
        }
        finish(region, histories.speed_units[series]);
      }
    } else {
      // A brand-new SKU: the category's recent regional split (all regions alike without one).
      std::map<std::size_t, double> shares;
      if (category_regions.count(sku.category) != 0) shares = category_regions.at(sku.category);
      double share_total = 0.0;
      for (const auto& [region, units] : shares) share_total += units;
      if (share_total <= 0.0) {
        shares.clear();
        for (std::size_t region = 0; region < dataset.network.region_count(); ++region) shares[region] = 1.0;
        share_total = static_cast<double>(shares.size());
      }
      for (const auto& [region_value, units] : shares) {
        if (units <= 0.0) continue;
        RegionForecast region;
        region.sku = sku_index;
        region.region = RegionIndex(region_value);
        region.forecast.model = info.model;
        region.forecast.segment = Segment::kNew;
        region.forecast.confidence = Confidence::kLow;
        region.forecast.calibration = region_batch.calibrations[static_cast<std::size_t>(Segment::kNew)];
        region.forecast.mean.resize(horizon);
        for (std::size_t step = 0; step < horizon; ++step) region.forecast.mean[step] = total[step] * units / share_total;
        finish(region, std::vector<double>(speed_count, 0.0));
      }
    }
  }
  ctx.log().info("forecast: {} SKUs, {} SKU x region series, {} days from {}", dataset.sku_count(),
                 result.series.size(), opt.horizon_days, as_of.to_string());
  return result;
}

}  // namespace echelon::forecast
