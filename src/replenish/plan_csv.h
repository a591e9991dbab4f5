// SPDX-License-Identifier: Apache-2.0
// Reads plan.csv (DESIGN section 5a: sku_id, node_id, week, order_up_to, safety_stock,
// expected_on_hand, vendor_id) into PlanLevels. The file's lowest week is week 0 (the order
// date). plan.csv carries no demand rate, so each node's rate is recovered from its level the
// way the planner sizes it: (order_up_to - safety_stock) is the mean demand over the
// protection interval, which is review period + vendor lead time + vendor lane transit at a
// node the vendor ships to, and review period + DC lane transit (at least a day) elsewhere.
#pragma once

#include <filesystem>
#include <vector>

#include "network/dataset.h"
#include "replenish/order_inputs.h"

namespace echelon::replenish {

// One row of plan.csv, checked against the dataset.
struct PlanRow {
  SkuIndex sku;
  NodeIndex node;
  std::size_t week = 0;                       // as written in the file
  double order_up_to = 0.0;
  double safety_stock = 0.0;
  double expected_on_hand = 0.0;
  std::size_t sourcing_option = kNoSourcing;  // index into dataset.sourcing_of(sku); the same on
                                              // every row of a SKU
};

// The rows of plan.csv in file order. `location` is plan.csv or the directory that holds it.
// Throws InputErrors listing every bad row (file, line, column), or InputError when the file is
// missing.
std::vector<PlanRow> read_plan_rows(const std::filesystem::path& location, const network::Dataset& dataset);

// One row of serving_charges.csv, which `echelon plan` writes next to plan.csv: the charge per
// unit that ranks the node's serving options for the SKU in that week (fulfill::fulfill_ranked).
struct ServingChargeRow {
  SkuIndex sku;
  NodeIndex node;
  std::size_t week = 0;  // as written in the file
  double charge = 0.0;
};

// The rows of serving_charges.csv next to the plan at `location` (plan.csv or its directory), in
// file order; empty when the plan has no such file. Throws InputErrors listing every bad row.
std::vector<ServingChargeRow> read_serving_charges(const std::filesystem::path& location,
                                                   const network::Dataset& dataset);

// read_plan_rows, as levels per SKU x node x week.
PlanLevels read_plan_levels(const std::filesystem::path& location, const network::Dataset& dataset);

}  // namespace echelon::replenish
