// SPDX-License-Identifier: Apache-2.0
#include "network/overrides.h"

namespace echelon::network {

std::string_view to_string(OverrideKind kind) {
  switch (kind) {
    case OverrideKind::kForecastScale: return "forecast_scale";
    case OverrideKind::kMinLevel: return "min_level";
    case OverrideKind::kMaxLevel: return "max_level";
    case OverrideKind::kFixedLevel: return "fixed_level";
    case OverrideKind::kExcludeNode: return "exclude_node";
  }
  return "forecast_scale";
}

bool overlaps(const Override& rule, Date first, Date last) {
  if (rule.start_date && *rule.start_date > last) return false;
  return !(rule.end_date && *rule.end_date < first);
}

std::vector<Override> overrides_within(std::span<const Override> rules, Date first, Date last) {
  std::vector<Override> kept;
  for (const Override& rule : rules) {
    if (overlaps(rule, first, last)) kept.push_back(rule);
  }
  return kept;
}

double forecast_scale_on(std::span<const Override> rules, SkuIndex sku, Date day) {
  double scale = 1.0;
  for (const Override& rule : rules) {
    if (rule.kind == OverrideKind::kForecastScale && rule.sku == sku && overlaps(rule, day, day)) {
      scale *= rule.value;
    }
  }
  return scale;
}

bool has_forecast_scale(std::span<const Override> rules) {
  for (const Override& rule : rules) {
    if (rule.kind == OverrideKind::kForecastScale) return true;
  }
  return false;
}

}  // namespace echelon::network
