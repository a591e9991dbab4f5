// SPDX-License-Identifier: Apache-2.0
#include "replenish/orders_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <tuple>

#include "io/csv_writer.h"

namespace echelon::replenish {
namespace {

std::string po_number(const network::Dataset& dataset, const PurchaseOrder& order) {
  std::string date = order.order_date.to_string();
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  return fmt::format("PO-{}-{}-{}", date, dataset.network.vendors[order.vendor].id,
                     dataset.network.nodes[order.destination].id);
}

// Money rounded to cents, so the files read cleanly.
double cents(double value) { return std::round(value * 100.0) / 100.0; }
double thousandths(double value) { return std::round(value * 1000.0) / 1000.0; }

void write_purchases(const std::filesystem::path& path, const network::Dataset& dataset,
                     std::vector<PurchaseOrder> purchases) {
  const auto& net = dataset.network;
  std::stable_sort(purchases.begin(), purchases.end(), [&](const PurchaseOrder& a, const PurchaseOrder& b) {
    return std::tie(net.vendors[a.vendor].id, net.nodes[a.destination].id, dataset.skus[a.sku].id) <
           std::tie(net.vendors[b.vendor].id, net.nodes[b.destination].id, dataset.skus[b.sku].id);
  });
  io::CsvWriter writer(path, {"po_number", "vendor_id", "destination_node_id", "sku_id", "quantity_units",
                              "need_units", "target_level_units", "position_units", "moq_units",
                              "case_pack_units", "unit_cost", "order_value", "order_date",
                              "expected_arrival_date", "lead_time_days", "arrival_week"});
  for (const PurchaseOrder& order : purchases) {
    writer.row(po_number(dataset, order), net.vendors[order.vendor].id, net.nodes[order.destination].id,
               dataset.skus[order.sku].id, order.quantity, thousandths(order.need),
               thousandths(order.target_level), thousandths(order.position), order.moq, order.case_pack,
               order.unit_cost, cents(order.quantity * order.unit_cost), order.order_date, order.arrival,
               thousandths(order.lead_days), order.arrival_week);
  }
  writer.commit();
}

void write_transfers(const std::filesystem::path& path, const network::Dataset& dataset,
                     std::vector<TransferOrder> transfers) {
  const auto& nodes = dataset.network.nodes;
  std::stable_sort(transfers.begin(), transfers.end(), [&](const TransferOrder& a, const TransferOrder& b) {
    return std::tie(a.kind, nodes[a.from].id, nodes[a.to].id, dataset.skus[a.sku].id) <
           std::tie(b.kind, nodes[b.from].id, nodes[b.to].id, dataset.skus[b.sku].id);
  });
  io::CsvWriter writer(path, {"transfer_type", "from_node_id", "to_node_id", "sku_id", "quantity_units",
                              "shortfall_units", "ship_date", "expected_arrival_date", "transit_days",
                              "cost_per_unit", "transfer_cost"});
  for (const TransferOrder& transfer : transfers) {
    writer.row(to_string(transfer.kind), nodes[transfer.from].id, nodes[transfer.to].id,
               dataset.skus[transfer.sku].id, transfer.quantity, transfer.shortfall, transfer.ship_date,
               transfer.arrival, transfer.transit_days, thousandths(transfer.cost_per_unit),
               cents(transfer.quantity * transfer.cost_per_unit));
  }
  writer.commit();
}

void write_overstock(const std::filesystem::path& path, const network::Dataset& dataset,
                     std::vector<OverstockItem> items) {
  const auto& nodes = dataset.network.nodes;
  std::stable_sort(items.begin(), items.end(), [&](const OverstockItem& a, const OverstockItem& b) {
    double value_a = a.excess * a.unit_cost;
    double value_b = b.excess * b.unit_cost;
    if (value_a != value_b) return value_a > value_b;
    return std::tie(dataset.skus[a.sku].id, nodes[a.node].id) < std::tie(dataset.skus[b.sku].id, nodes[b.node].id);
  });
  io::CsvWriter writer(path, {"sku_id", "node_id", "on_hand_units", "inbound_units", "position_units",
                              "peak_level_units", "excess_units", "removable_units", "demand_units_per_week",
                              "weeks_of_demand", "unit_cost", "excess_value", "action"});
  for (const OverstockItem& item : items) {
    writer.field(dataset.skus[item.sku].id);
    writer.field(nodes[item.node].id);
    for (double value : {item.on_hand, item.inbound, item.position, item.peak_level, item.excess,
                         item.removable, item.demand_per_week}) {
      writer.field(thousandths(value));
    }
    if (std::isfinite(item.weeks_of_demand)) {
      writer.field(std::round(item.weeks_of_demand * 10.0) / 10.0);
    } else {
      writer.field(std::string_view());
    }
    writer.field(item.unit_cost);
    writer.field(cents(item.excess * item.unit_cost));
    writer.field(item.vendor_ships_here ? "return_to_vendor" : "clearance");
    writer.end_row();
  }
  writer.commit();
}

}  // namespace

OrdersSummary summarize(const Orders& orders) {
  OrdersSummary summary;
  summary.order_date = orders.order_date;
  std::set<std::pair<std::size_t, std::size_t>> purchase_orders;
  std::set<std::size_t> vendors;
  for (const PurchaseOrder& order : orders.purchases) {
    purchase_orders.emplace(order.vendor.value(), order.destination.value());
    vendors.insert(order.vendor.value());
    summary.purchase_units += order.quantity;
    summary.purchase_value += order.quantity * order.unit_cost;
  }
  summary.purchase_orders = purchase_orders.size();
  summary.purchase_lines = orders.purchases.size();
  summary.vendors = vendors.size();
  for (const TransferOrder& transfer : orders.transfers) {
    (transfer.kind == TransferKind::kReplenish ? summary.replenish_transfers : summary.rebalance_transfers) += 1;
    summary.transfer_units += transfer.quantity;
    summary.transfer_cost += transfer.quantity * transfer.cost_per_unit;
  }
  for (const OverstockItem& item : orders.overstock) {
    summary.overstock_units += item.excess;
    summary.overstock_value += item.excess * item.unit_cost;
  }
  summary.overstock_lines = orders.overstock.size();
  summary.notes = orders.notes.size();
  return summary;
}

nlohmann::json to_json(const OrdersSummary& summary) {
  return {{"order_date", summary.order_date.to_string()},
          {"purchase_orders", summary.purchase_orders},
          {"purchase_lines", summary.purchase_lines},
          {"vendors", summary.vendors},
          {"purchase_units", summary.purchase_units},
          {"purchase_value", cents(summary.purchase_value)},
          {"replenish_transfers", summary.replenish_transfers},
          {"rebalance_transfers", summary.rebalance_transfers},
          {"transfer_units", summary.transfer_units},
          {"transfer_cost", cents(summary.transfer_cost)},
          {"overstock_lines", summary.overstock_lines},
          {"overstock_units", thousandths(summary.overstock_units)},
          {"overstock_value", cents(summary.overstock_value)},
          {"notes", summary.notes}};
}

OrdersSummary write_orders(io::OutputDir& out, const network::Dataset& dataset, const Orders& orders) {
  write_purchases(out.path("purchase_orders.csv"), dataset, orders.purchases);
  write_transfers(out.path("transfers.csv"), dataset, orders.transfers);
  write_overstock(out.path("overstock.csv"), dataset, orders.overstock);
  return summarize(orders);
}

OrdersSummary write_orders(io::OutputDir& out, const network::Dataset& dataset, const PlanLevels& levels,
                           const OrderOptions& options, std::vector<std::string>* orders_notes) {
  Orders orders = plan_orders(dataset, levels, positions_from_dataset(dataset), options);
  if (orders_notes != nullptr) *orders_notes = orders.notes;
  return write_orders(out, dataset, orders);
}

}  // namespace echelon::replenish
