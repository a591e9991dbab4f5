// SPDX-License-Identifier: Apache-2.0
#include "inventory/shang_song.h"

#include <cmath>

#include "inventory/newsvendor.h"

namespace echelon::inventory {

ShangSongLevels shang_song_levels(const SerialParams& params, double weight,
                                  LevelRounding rounding) {
  const std::size_t stage_count = params.stages.size();
  ShangSongLevels levels;
  double cumulative_lead_time = 0.0;
  double cumulative_holding = 0.0;
  for (std::size_t stage = 0; stage < stage_count; ++stage) {
    cumulative_lead_time += params.stages[stage].lead_time;
    cumulative_holding += params.stages[stage].echelon_holding_cost;
    double stockout = params.stockout_cost;
    for (std::size_t later = stage + 1; later < stage_count; ++later) {
      stockout += params.stages[later].echelon_holding_cost;
    }
    Distribution demand = params.demand.over_periods(cumulative_lead_time);
    double lower = newsvendor(demand, {cumulative_holding, stockout}).level;
    double upper =
        newsvendor(demand, {params.stages[stage].echelon_holding_cost, stockout}).level;
    double blend = weight * lower + (1.0 - weight) * upper;
    switch (rounding) {
      case LevelRounding::kNone: break;
      case LevelRounding::kUp: blend = std::ceil(blend); break;
      case LevelRounding::kDown: blend = std::floor(blend); break;
      case LevelRounding::kNearest: blend = std::round(blend); break;
    }
    levels.lower.push_back(lower);
    levels.upper.push_back(upper);
    levels.heuristic.push_back(blend);
  }
  return levels;
}

}  // namespace echelon::inventory
