// SPDX-License-Identifier: Apache-2.0
// Demand segments by the Syntetos-Boylan average inter-demand interval (ADI): fast movers
// (demand in most periods), intermittent and slow (rare) movers, and new series whose history
// is too short to fit or backtest a model. Models are selected and calibrated per segment, and
// accuracy is reported per segment.
#pragma once

#include <span>
#include <string_view>

namespace echelon::forecast {

enum class Segment { kFast, kIntermittent, kSlow, kNew };
inline constexpr int kSegmentCount = 4;

// "fast", "intermittent", "slow", "new".
std::string_view segment_name(Segment segment);

// kNew if history.size() < min_history; else by ADI = periods / demand periods over the last
// `window` periods: < 1.32 fast (Syntetos & Boylan 2005), <= 4 intermittent, else slow.
Segment classify_segment(std::span<const double> history, int min_history, int window);

// Confidence attached to every forecast: low for new series and proxies, medium when the
// series' own backtest error is poor, high otherwise.
enum class Confidence { kHigh, kMedium, kLow };
std::string_view confidence_name(Confidence confidence);

}  // namespace echelon::forecast
