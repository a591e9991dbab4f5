// SPDX-License-Identifier: Apache-2.0
// Planner overrides (overrides.csv, DESIGN section 2) over time: which rules are in force over a
// planning horizon, and the forecast scale in force on a day. A rule's date window is inclusive
// at both ends; a missing start or end leaves that side open. The forecast and the planner both
// read overrides through these, so a promotion window means the same thing everywhere.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "network/dataset.h"

namespace echelon::network {

// The overrides.csv spelling of `kind` (forecast_scale, min_level, ...).
std::string_view to_string(OverrideKind kind);

// Whether the window of `rule` meets the days [first, last].
bool overlaps(const Override& rule, Date first, Date last);

// The rules whose window meets [first, last], in their original order: a rule dated entirely
// before or after a plan's horizon does not bind that plan.
std::vector<Override> overrides_within(std::span<const Override> rules, Date first, Date last);

// The product of the forecast_scale factors of `sku` in force on `day` (1 without any).
double forecast_scale_on(std::span<const Override> rules, SkuIndex sku, Date day);

// Whether any rule is a forecast_scale.
bool has_forecast_scale(std::span<const Override> rules);

}  // namespace echelon::network
