// SPDX-License-Identifier: Apache-2.0
// The planner's result as order inputs: levels per SKU and planning week, the chosen sourcing
// option, and each node's planned outflow as its demand rate.
#pragma once

#include <span>

#include "optimize/lagrangian.h"
#include "replenish/order_inputs.h"

namespace echelon::replenish {

PlanLevels levels_from_result(const optimize::LagrangianResult& result);

// The levels of a time-phased plan, one result per planning week (each with the same SKUs in
// the same order): a SKU's nodes are those stocked in any week (level 0 in the weeks a node is
// not), its vendor and flows those of the first week.
PlanLevels levels_from_weeks(std::span<const optimize::LagrangianResult> weeks);

}  // namespace echelon::replenish
