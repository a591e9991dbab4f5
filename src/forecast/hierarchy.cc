// SPDX-License-Identifier: Apache-2.0
#include "forecast/hierarchy.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echelon::forecast {

std::string_view level_name(ForecastLevel level) { return level == ForecastLevel::kSku ? "sku" : "region"; }

std::vector<double> region_shares(std::span<const std::vector<double>> regions, std::size_t end, int window,
                                  double prior) {
  const std::size_t count = regions.size();
  std::vector<double> recent(count, 0.0), longrun(count, 0.0);
  double recent_total = 0.0, longrun_total = 0.0;
  const std::size_t start = end > static_cast<std::size_t>(window) ? end - static_cast<std::size_t>(window) : 0;
  for (std::size_t region = 0; region < count; ++region) {
    const std::vector<double>& history = regions[region];
    const std::size_t stop = std::min(end, history.size());
    for (std::size_t day = 0; day < stop; ++day) {
      longrun[region] += history[day];
      if (day >= start) recent[region] += history[day];
    }
    recent_total += recent[region];
    longrun_total += longrun[region];
  }
  std::vector<double> shares(count, count > 0 ? 1.0 / static_cast<double>(count) : 0.0);
  if (longrun_total <= 0.0) return shares;
  for (std::size_t region = 0; region < count; ++region) {
    shares[region] = (recent[region] + prior * longrun[region] / longrun_total) / (recent_total + prior);
  }
  return shares;
}

LevelChoice choose_level(std::span<const SkuRegions> group, int backtest_step, int share_window,
                         double share_prior) {
  LevelChoice choice;
  choice.skus = static_cast<int>(group.size());
  double error_sku = 0.0, error_region = 0.0, volume = 0.0;
  for (const SkuRegions& sku : group) {
    if (sku.regions.empty() || sku.total == nullptr) continue;
    std::size_t origins = sku.total->backtest.size();
    for (const SeriesForecast& region : sku.regions) origins = std::min(origins, region.backtest.size());
    const std::size_t length = sku.histories.front().size();
    for (std::size_t origin = 0; origin < origins; ++origin) {
      const std::size_t holdout = (origin + 1) * static_cast<std::size_t>(backtest_step);
      if (holdout > length) break;
      const std::size_t end = length - holdout;
      const std::vector<double> shares = region_shares(sku.histories, end, share_window, share_prior);
      const std::vector<double>& total = sku.total->backtest[origin];
      const std::size_t steps = std::min(total.size(), holdout);
      for (std::size_t region = 0; region < sku.regions.size(); ++region) {
        const std::vector<double>& own = sku.regions[region].backtest[origin];
        for (std::size_t step = 0; step < steps && step < own.size(); ++step) {
          const double actual = sku.histories[region][end + step];
          error_sku += std::abs(actual - total[step] * shares[region]);
          error_region += std::abs(actual - own[step]);
          volume += actual;
        }
      }
    }
  }
  if (volume <= 0.0) {
    choice.wape_sku = choice.wape_region = std::numeric_limits<double>::quiet_NaN();
    return choice;
  }
  choice.wape_sku = error_sku / volume;
  choice.wape_region = error_region / volume;
  choice.level = choice.wape_region < choice.wape_sku ? ForecastLevel::kRegion : ForecastLevel::kSku;
  return choice;
}

}  // namespace echelon::forecast
