// SPDX-License-Identifier: Apache-2.0
// Shang & Song (2003) newsvendor bounds and heuristic for the echelon base-stock levels of a
// serial system, in the conventions of serial_system.h (stage 1 customer-facing, echelon holding
// costs h_j, backorder cost p at stage 1, stage j protects exactly L_j).
//
// For stage j, D~_j is the demand over L_1 + ... + L_j and p_j = p + h_{j+1} + ... + h_N. Lower
// bound: the newsvendor level of D~_j with holding cost h_1 + ... + h_j and stockout cost p_j;
// upper bound: the same with holding cost h_j. Heuristic: w lower + (1 - w) upper, then rounded.
// Discrete demand: the smallest integer with F >= ratio.
#pragma once

#include <vector>

#include "inventory/serial_system.h"

namespace echelon::inventory {

enum class LevelRounding { kNone, kUp, kDown, kNearest };

struct ShangSongLevels {
  std::vector<double> lower;      // S^l_j, unrounded
  std::vector<double> upper;      // S^u_j, unrounded
  std::vector<double> heuristic;  // rounded w S^l_j + (1 - w) S^u_j
};

// weight w in [0, 1] (0.5 in the paper).
[[nodiscard]] ShangSongLevels shang_song_levels(const SerialParams& params, double weight,
                                                LevelRounding rounding);

}  // namespace echelon::inventory
