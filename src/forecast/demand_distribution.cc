// SPDX-License-Identifier: Apache-2.0
#include "forecast/demand_distribution.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "core/rng.h"
#include "forecast/series_forecaster.h"
#include "network/overrides.h"

namespace echelon::forecast {
namespace {

constexpr std::size_t kGrain = 256;
constexpr int kFastHistoryDays = 182;  // fast mode: the flat-rate models need no more

// Binomial(n, p) by inversion for small means, else its normal approximation.
std::int64_t sample_binomial(Rng& rng, std::int64_t trials, double prob) {
  if (trials <= 0 || prob <= 0.0) return 0;
  if (prob >= 1.0) return trials;
  const double n = static_cast<double>(trials);
  if (n * std::min(prob, 1.0 - prob) < 10.0) {
    if (prob > 0.5) return trials - sample_binomial(rng, trials, 1.0 - prob);
    const double u = rng.uniform();
    const double odds = prob / (1.0 - prob);
    double mass = std::exp(n * std::log1p(-prob));
    double cumulative = mass;
    std::int64_t count = 0;
    while (u > cumulative && count < trials) {
      mass *= odds * static_cast<double>(trials - count) / static_cast<double>(count + 1);
      ++count;
      cumulative += mass;
    }
    return count;
  }
  const double draw = n * prob + std::sqrt(n * prob * (1.0 - prob)) * sample_normal(rng);
  return std::clamp<std::int64_t>(std::llround(draw), 0, trials);
}

// Splits `total` units among cells with cumulative shares `cumulative` (last = 1).
void split_multinomial(Rng& rng, std::int64_t total, std::span<const double> shares,
                       std::span<const double> cumulative, float* out) {
  const std::size_t cells = shares.size();
  if (total <= 0 || cells == 0) return;
  if (total <= 32) {  // one categorical draw per unit
    for (std::int64_t unit = 0; unit < total; ++unit) {
      const double u = rng.uniform();
      const std::size_t cell = std::min<std::size_t>(
          static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin()),
          cells - 1);
      out[cell] += 1.0F;
    }
    return;
  }
  std::int64_t remaining = total;
  double remaining_share = 1.0;
  for (std::size_t cell = 0; cell + 1 < cells && remaining > 0; ++cell) {
    const double prob = remaining_share > 0.0 ? std::clamp(shares[cell] / remaining_share, 0.0, 1.0) : 1.0;
    const std::int64_t units = sample_binomial(rng, remaining, prob);
    out[cell] += static_cast<float>(units);
    remaining -= units;
    remaining_share -= shares[cell];
  }
  out[cells - 1] += static_cast<float>(remaining);
}

// Units per (region, speed) of every SKU over the share window, and of every category.
struct ShareCounts {
  std::vector<std::vector<double>> sku_units;  // per SKU, [region * speeds + speed]
  std::map<std::string, std::vector<double>> category_units;
};

ShareCounts count_cells(const network::Dataset& dataset, Date as_of, int window_days, std::size_t regions,
                        std::size_t speeds, std::span<const double> speed_mix, RunContext& ctx) {
  ShareCounts out;
  const network::DemandHistory& demand = dataset.demand;
  out.sku_units.assign(dataset.sku_count(), {});
  parallel_for(ctx.pool(), 0, dataset.sku_count(), kGrain, [&](std::size_t first, std::size_t last) {
    for (std::size_t sku = first; sku < last; ++sku) {
      std::vector<double>& units = out.sku_units[sku];
      units.assign(regions * speeds, 0.0);
      for (std::size_t row = demand.begin_of(SkuIndex(sku)); row < demand.end_of(SkuIndex(sku)); ++row) {
        if (demand.date[row] >= as_of.days()) break;
        if (as_of.days() - demand.date[row] > window_days || demand.region[row] >= regions) continue;
        const std::size_t base = demand.region[row] * speeds;
        if (demand.speed[row] >= 0 && static_cast<std::size_t>(demand.speed[row]) < speeds) {
          units[base + static_cast<std::size_t>(demand.speed[row])] += demand.quantity[row];
        } else {
          for (std::size_t speed = 0; speed < speeds; ++speed) units[base + speed] += demand.quantity[row] * speed_mix[speed];
        }
      }
    }
  });
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {  // fixed order: deterministic sums
    std::vector<double>& category = out.category_units[dataset.skus[SkuIndex(sku)].category];
    category.resize(regions * speeds, 0.0);
    for (std::size_t cell = 0; cell < regions * speeds; ++cell) category[cell] += out.sku_units[sku][cell];
  }
  return out;
}

// Daily SKU totals of the last `max_days` before the as-of date, from each SKU's first sale.
std::vector<std::vector<double>> sku_totals(const network::Dataset& dataset, Date as_of, int max_days,
                                            RunContext& ctx) {
  const network::DemandHistory& demand = dataset.demand;
  std::vector<std::vector<double>> out(dataset.sku_count());
  parallel_for(ctx.pool(), 0, dataset.sku_count(), kGrain, [&](std::size_t first, std::size_t last) {
    for (std::size_t sku = first; sku < last; ++sku) {
      const std::size_t begin = demand.begin_of(SkuIndex(sku));
      if (begin == demand.end_of(SkuIndex(sku)) || demand.date[begin] >= as_of.days()) continue;
      const std::int32_t first_day = std::max(demand.date[begin], as_of.days() - max_days);
      std::vector<double>& total = out[sku];
      total.assign(static_cast<std::size_t>(as_of.days() - first_day), 0.0);
      for (std::size_t row = begin; row < demand.end_of(SkuIndex(sku)); ++row) {
        if (demand.date[row] >= as_of.days()) break;
        if (demand.date[row] >= first_day) total[static_cast<std::size_t>(demand.date[row] - first_day)] += demand.quantity[row];
      }
    }
  });
  return out;
}

// Mean and variance of `sku`'s daily total averaged over days [first, first + count).
std::pair<double, double> total_moments(const DemandDistribution& distribution, SkuIndex sku, int first, int count) {
  double mean = 0.0, variance = 0.0;
  for (int step = first; step < first + count; ++step) {
    const CountDistribution::Moments moments =
        distribution.total_distribution(sku, static_cast<std::size_t>(step)).moments();
    mean += moments.mean;
    variance += moments.variance;
  }
  const double days = static_cast<double>(std::max(count, 1));
  return {mean / days, variance / days};
}

// A cell's moments from its SKU's total moments (thinned-total moments).
void set_cell_moments(CellDemand& demand, double mean, double variance) {
  demand.mean_per_day = demand.share * mean;
  demand.variance_per_day = demand.share * demand.share * variance + demand.share * (1.0 - demand.share) * mean;
}

// Cell means and variances from each SKU's daily totals and shares over the whole horizon.
void fill_moments(DemandDistribution& result, RunContext& ctx) {
  const std::size_t skus = result.sku_offset.size() - 1;
  parallel_for(ctx.pool(), 0, skus, kGrain, [&](std::size_t first, std::size_t last) {
    for (std::size_t sku = first; sku < last; ++sku) {
      const auto [mean, variance] = total_moments(result, SkuIndex(sku), 0, result.horizon_days);
      for (std::size_t cell = result.sku_offset[sku]; cell < result.sku_offset[sku + 1]; ++cell) {
        set_cell_moments(result.cells[cell], mean, variance);
      }
    }
  });
}

DemandDistribution empty_distribution(std::size_t skus, Date as_of, int horizon_days,
                                      const std::array<Calibration, kSegmentCount>& calibrations) {
  DemandDistribution result;
  result.start = as_of;
  result.horizon_days = horizon_days;
  result.calibrations = calibrations;
  result.total_mean.assign(skus * static_cast<std::size_t>(horizon_days), 0.0F);
  result.segment.assign(skus, static_cast<std::uint8_t>(Segment::kNew));
  return result;
}

DemandDistribution fast_distribution(const network::Dataset& dataset, Date as_of,
                                     const DemandDistributionOptions& options, RunContext& ctx) {
  const std::size_t horizon = static_cast<std::size_t>(options.horizon_days);
  const std::size_t regions = std::max<std::size_t>(dataset.network.region_count(), 1);
  const std::size_t speeds = std::max<std::size_t>(dataset.config.speeds.size(), 1);
  std::vector<double> speed_mix = dataset.config.speed_mix;
  if (speed_mix.size() != speeds) speed_mix.assign(speeds, 1.0 / static_cast<double>(speeds));

  const std::vector<std::vector<double>> histories = sku_totals(dataset, as_of, kFastHistoryDays, ctx);
  SeriesForecastOptions series_options;
  series_options.horizon = options.horizon_days;
  series_options.backtest_origins = options.backtest_origins;
  series_options.min_history = 56;
  series_options.segment_window = kFastHistoryDays;
  series_options.models.period = 7;
  series_options.candidates = {ModelKind::kSeasonalNaive, ModelKind::kMovingAverage, ModelKind::kCroston,
                               ModelKind::kSba, ModelKind::kTsb};
  series_options.levels = {0.5};
  const ForecastBatch batch = SeriesForecaster(series_options).run(histories, ctx);

  DemandDistribution result = empty_distribution(dataset.sku_count(), as_of, options.horizon_days, batch.calibrations);
  // SKUs without history: the mean daily rate of their category's established SKUs.
  std::map<std::string, std::pair<double, int>> category_rate;
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    if (histories[sku].empty() || batch.series[sku].segment == Segment::kNew) continue;
    double rate = 0.0;
    for (double value : batch.series[sku].mean) rate += value;
    auto& slot = category_rate[dataset.skus[SkuIndex(sku)].category];
    slot.first += rate / static_cast<double>(std::max<std::size_t>(horizon, 1));
    ++slot.second;
  }
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    float* total = &result.total_mean[sku * horizon];
    if (!histories[sku].empty()) {
      result.segment[sku] = static_cast<std::uint8_t>(batch.series[sku].segment);
      for (std::size_t step = 0; step < horizon; ++step) total[step] = static_cast<float>(batch.series[sku].mean[step]);
      continue;
    }
    const auto found = category_rate.find(dataset.skus[SkuIndex(sku)].category);
    const double rate = found != category_rate.end() ? found->second.first / found->second.second : 0.0;
    std::fill(total, total + horizon, static_cast<float>(rate));
  }

  // Shares: the SKU's recent cell units plus a prior of the category's mix (uniform regions x
  // speed mix when the category has none).
  const ShareCounts counts = count_cells(dataset, as_of, options.share_window_days, regions, speeds, speed_mix, ctx);
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    std::vector<double> prior(regions * speeds, 0.0);
    const std::vector<double>& category = counts.category_units.at(dataset.skus[SkuIndex(sku)].category);
    double category_total = 0.0;
    for (double units : category) category_total += units;
    for (std::size_t cell = 0; cell < regions * speeds; ++cell) {
      prior[cell] = category_total > 0.0 ? category[cell] / category_total
                                         : speed_mix[cell % speeds] / static_cast<double>(regions);
    }
    const std::vector<double>& own = counts.sku_units[sku];
    double own_total = 0.0;
    for (double units : own) own_total += units;
    for (std::size_t cell = 0; cell < regions * speeds; ++cell) {
      const double share = (own[cell] + options.share_prior_units * prior[cell]) / (own_total + options.share_prior_units);
      if (share <= 0.0) continue;
      result.cells.push_back({RegionIndex(cell / speeds), SpeedIndex(cell % speeds), share, 0.0, 0.0});
    }
    result.sku_offset.push_back(result.cells.size());
  }
  fill_moments(result, ctx);
  return result;
}

DemandDistribution full_distribution(const network::Dataset& dataset, Date as_of,
                                     const DemandDistributionOptions& options, RunContext& ctx) {
  DemandForecastOptions forecast_options = options.full;
  forecast_options.horizon_days = options.horizon_days;
  forecast_options.forecast_scale = false;  // applied to the totals afterwards, as in fast mode
  const DemandForecast forecast = DemandForecaster(forecast_options).run(dataset, as_of, ctx);
  const std::size_t horizon = static_cast<std::size_t>(options.horizon_days);
  const std::size_t speeds = std::max<std::size_t>(dataset.config.speeds.size(), 1);
  DemandDistribution result =
      empty_distribution(dataset.sku_count(), as_of, options.horizon_days, forecast.sku_calibrations);
  std::size_t series = 0;
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    result.segment[sku] = static_cast<std::uint8_t>(forecast.skus[SkuIndex(sku)].segment);
    float* total = &result.total_mean[sku * horizon];
    const std::size_t first_cell = result.cells.size();
    double sum = 0.0;
    for (; series < forecast.series.size() && forecast.series[series].sku.value() == sku; ++series) {
      const RegionForecast& region = forecast.series[series];
      for (std::size_t speed = 0; speed < speeds && speed < region.speed_share.size(); ++speed) {
        double units = 0.0;
        for (std::size_t step = 0; step < horizon; ++step) units += region.forecast.mean[step] * region.speed_share[speed];
        result.cells.push_back({region.region, SpeedIndex(speed), units, 0.0, 0.0});
      }
      for (std::size_t step = 0; step < horizon; ++step) {
        total[step] += static_cast<float>(region.forecast.mean[step]);
        sum += region.forecast.mean[step];
      }
    }
    for (std::size_t cell = first_cell; cell < result.cells.size(); ++cell) {
      result.cells[cell].share = sum > 0.0 ? result.cells[cell].share / sum
                                           : 1.0 / static_cast<double>(result.cells.size() - first_cell);
    }
    result.sku_offset.push_back(result.cells.size());
  }
  fill_moments(result, ctx);
  return result;
}

}  // namespace

std::vector<CellDemand> cells_over(const DemandDistribution& distribution, SkuIndex sku, int first, int count) {
  const auto [mean, variance] = total_moments(distribution, sku, first, count);
  std::vector<CellDemand> cells(distribution.of(sku).begin(), distribution.of(sku).end());
  for (CellDemand& cell : cells) set_cell_moments(cell, mean, variance);
  return cells;
}

CountDistribution DemandDistribution::total_distribution(SkuIndex sku, std::size_t step) const {
  return calibrations[segment[sku.value()]].distribution(daily_total(sku)[step]);
}

std::vector<float> DemandDistribution::sample_paths(SkuIndex sku, int paths, std::uint64_t seed) const {
  const std::span<const CellDemand> sku_cells = of(sku);
  const std::size_t cell_count = sku_cells.size();
  const std::size_t horizon = static_cast<std::size_t>(horizon_days);
  const std::size_t count = static_cast<std::size_t>(std::max(paths, 0));
  std::vector<float> out(count * horizon * cell_count, 0.0F);
  if (out.empty()) return out;
  std::vector<double> shares(cell_count), cumulative(cell_count);
  double running = 0.0;
  for (std::size_t cell = 0; cell < cell_count; ++cell) {
    shares[cell] = sku_cells[cell].share;
    running += shares[cell];
    cumulative[cell] = running;
  }
  for (std::size_t cell = 0; cell < cell_count; ++cell) {
    shares[cell] /= running;
    cumulative[cell] /= running;
  }
  const Calibration& calibration = calibrations[segment[sku.value()]];
  const double rho = calibration.correlation;
  const double innovation = std::sqrt(1.0 - rho * rho);
  Rng rng = Rng::stream(seed, sku.value(), Purpose::kForecastPaths);
  std::vector<CountDistribution> days;
  for (std::size_t step = 0; step < horizon; ++step) days.push_back(total_distribution(sku, step));
  for (std::size_t path = 0; path < count; ++path) {
    double latent = 0.0;
    for (std::size_t step = 0; step < horizon; ++step) {
      const double shock = sample_normal(rng);
      latent = step == 0 ? shock : rho * latent + innovation * shock;
      const double level = std::clamp(normal_cdf(latent), 1e-12, 1.0 - 1e-12);
      const auto total = static_cast<std::int64_t>(days[step].quantile(level));
      split_multinomial(rng, total, shares, cumulative, &out[(path * horizon + step) * cell_count]);
    }
  }
  return out;
}

void apply_forecast_scale(DemandDistribution& distribution, std::span<const network::Override> rules,
                          RunContext& ctx) {
  if (!network::has_forecast_scale(rules)) return;
  const std::size_t horizon = static_cast<std::size_t>(distribution.horizon_days);
  for (const network::Override& rule : rules) {
    if (rule.kind != network::OverrideKind::kForecastScale) continue;
    float* total = &distribution.total_mean[rule.sku.value() * horizon];
    for (std::size_t step = 0; step < horizon; ++step) {
      const Date day = distribution.start + static_cast<int>(step);
      if (network::overlaps(rule, day, day)) total[step] = static_cast<float>(total[step] * rule.value);
    }
  }
  fill_moments(distribution, ctx);
}

DemandDistribution forecast_demand_distribution(const network::Dataset& dataset, Date as_of,
                                                const DemandDistributionOptions& options, RunContext& ctx) {
  DemandDistribution result =
      options.fast ? fast_distribution(dataset, as_of, options, ctx) : full_distribution(dataset, as_of, options, ctx);
  if (options.forecast_scale) apply_forecast_scale(result, dataset.overrides, ctx);
  ctx.log().info("demand distribution: {} SKUs, {} cells, {} days from {} ({} mode)", dataset.sku_count(),
                 result.cells.size(), options.horizon_days, as_of.to_string(), options.fast ? "fast" : "full");
  return result;
}

}  // namespace echelon::forecast
