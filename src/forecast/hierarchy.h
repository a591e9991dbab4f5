// SPDX-License-Identifier: Apache-2.0
// Where a SKU's regional forecast comes from: the SKU total split by regional shares learned
// from history (SKU level: one well-estimated series, stable proportions), or each SKU x region
// series forecast on its own with the SKU total as their sum (region level: regions that move
// differently). Both are coherent by construction; the choice is made per segment of SKU totals
// by the region-level backtest error of the two, on the same rolling origins.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "forecast/series_forecaster.h"

namespace echelon::forecast {

enum class ForecastLevel { kSku, kRegion };

// "sku", "region".
std::string_view level_name(ForecastLevel level);

// Shares of a SKU's regions at position `end` of their aligned daily histories: the units of the
// `window` periods before `end` plus `prior` pseudo-units spread as the whole history before
// `end` (uniform without any). Sums to 1.
std::vector<double> region_shares(std::span<const std::vector<double>> regions, std::size_t end, int window,
                                  double prior);

// One SKU for the level choice: its total's forecast and its region series' histories and
// forecasts, all with backtests (SeriesForecastOptions::keep_backtest).
struct SkuRegions {
  const SeriesForecast* total = nullptr;
  std::span<const std::vector<double>> histories;
  std::span<const SeriesForecast> regions;
};

struct LevelChoice {
  ForecastLevel level = ForecastLevel::kSku;
  double wape_sku = 0.0;     // region-level backtest WAPE of the split SKU forecast (NaN: none)
  double wape_region = 0.0;  // the same for the region series' own forecasts
  int skus = 0;
};

// Compares the two levels over `group` on every backtest origin both have (origin k + 1 starts
// (k + 1) * backtest_step periods before the end); SKU level on ties or without backtests.
LevelChoice choose_level(std::span<const SkuRegions> group, int backtest_step, int share_window,
                         double share_prior);

}  // namespace echelon::forecast
