// SPDX-License-Identifier: Apache-2.0
// The planner's result as order inputs: one week of levels per SKU (the planner's levels are
// stationary), the chosen sourcing option, and each node's planned outflow as its demand rate.
#pragma once

#include "optimize/lagrangian.h"
#include "replenish/order_inputs.h"

namespace echelon::replenish {

PlanLevels levels_from_result(const optimize::LagrangianResult& result);

}  // namespace echelon::replenish
