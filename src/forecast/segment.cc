// SPDX-License-Identifier: Apache-2.0
#include "forecast/segment.h"

#include <algorithm>
#include <cstddef>

namespace echelon::forecast {

std::string_view segment_name(Segment segment) {
  switch (segment) {
    case Segment::kFast: return "fast";
    case Segment::kIntermittent: return "intermittent";
    case Segment::kSlow: return "slow";
    case Segment::kNew: return "new";
  }
  return "unknown";
}

std::string_view confidence_name(Confidence confidence) {
  switch (confidence) {
    case Confidence::kHigh: return "high";
    case Confidence::kMedium: return "medium";
    case Confidence::kLow: return "low";
  }
  return "unknown";
}

Segment classify_segment(std::span<const double> history, int min_history, int window) {
  if (history.size() < static_cast<std::size_t>(std::max(min_history, 1))) return Segment::kNew;
  const std::size_t count = std::min(history.size(), static_cast<std::size_t>(std::max(window, 1)));
  std::size_t demand_periods = 0;
  for (std::size_t t = history.size() - count; t < history.size(); ++t) {
    if (history[t] > 0.0) ++demand_periods;
  }
  if (demand_periods == 0) return Segment::kSlow;
  const double adi = static_cast<double>(count) / static_cast<double>(demand_periods);
  if (adi < 1.32) return Segment::kFast;
  return adi <= 4.0 ? Segment::kIntermittent : Segment::kSlow;
}

}  // namespace echelon::forecast
