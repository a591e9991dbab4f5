// SPDX-License-Identifier: Apache-2.0
// Writes the orders of a plan (docs/outputs.md): purchase_orders.csv (one line per SKU and
// destination, grouped into one purchase order per vendor and destination), transfers.csv
// (DC -> node replenishment and node -> node rebalancing) and overstock.csv (largest value tied
// up first), and summarizes them. `echelon plan` calls write_orders at its end; `echelon orders`
// does the same from a plan.csv.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>

#include "io/output_dir.h"
#include "network/dataset.h"
#include "replenish/order_inputs.h"
#include "replenish/order_planner.h"

namespace echelon::replenish {

struct OrdersSummary {
  Date order_date;
  std::size_t purchase_orders = 0;  // distinct (vendor, destination)
  std::size_t purchase_lines = 0;
  std::size_t vendors = 0;
  double purchase_units = 0.0;
  double purchase_value = 0.0;      // money, at the vendors' unit costs
  std::size_t replenish_transfers = 0;
  std::size_t rebalance_transfers = 0;
  double transfer_units = 0.0;
  double transfer_cost = 0.0;       // money, lane costs
  std::size_t overstock_lines = 0;
  double overstock_units = 0.0;
  double overstock_value = 0.0;     // money, excess units at unit cost
  std::size_t notes = 0;
};

OrdersSummary summarize(const Orders& orders);
nlohmann::json to_json(const OrdersSummary& summary);

// Writes the three files of `orders` into `out` (staged until out.commit()).
OrdersSummary write_orders(io::OutputDir& out, const network::Dataset& dataset, const Orders& orders);

// Plans the orders for `levels` against the dataset's inventory.csv and inbound.csv, writes
// them, and returns the summary; notes on orders that could not be placed go to `orders_notes`
// when given.
OrdersSummary write_orders(io::OutputDir& out, const network::Dataset& dataset, const PlanLevels& levels,
                           const OrderOptions& options = {}, std::vector<std::string>* orders_notes = nullptr);

}  // namespace echelon::replenish
