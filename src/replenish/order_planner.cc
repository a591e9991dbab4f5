// SPDX-License-Identifier: Apache-2.0
#include "replenish/order_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "replenish/supply_paths.h"

namespace echelon::replenish {
namespace {

constexpr double kEps = 1e-9;

// Whole units still needed to bring `position` up to `target`.
double shortfall(double target, double position) {
  return target - position > kEps ? std::ceil(target - position - kEps) : 0.0;
}

Date after_days(Date date, double days) { return date + static_cast<int>(std::lround(days)); }

// Computes one SKU's orders on dense per-node arrays, reused from SKU to SKU.
class SkuOrderBuilder {
 public:
  SkuOrderBuilder(const network::Dataset& dataset, const OrderOptions& options, Date order_date,
                  std::size_t weeks, Orders& orders)
      : dataset_(dataset),
        net_(dataset.network),
        paths_(dataset.network),
        options_(options),
        order_date_(order_date),
        weeks_(std::max<std::size_t>(weeks, 1)),
        orders_(orders) {
    const std::size_t nodes = net_.node_count();
    level_.resize(nodes * weeks_);
    for (auto* column : {&on_hand_, &inbound_, &position_, &available_, &demand_, &unfilled_}) {
      column->resize(nodes);
    }
  }

  void run(SkuIndex sku, const SkuLevels* levels, std::span<const NodePosition> stock) {
    load(sku, levels, stock);
    replenish_from_dcs();
    rebalance();
    // What a DC could not ship it owes: it counts against the DC's position.
    for (NodeIndex node : all<NodeIndex>(net_.node_count())) {
      NodeIndex dc = paths_.feeder(node);
      if (dc.valid()) position_[dc.value()] -= unfilled_[node.value()];
    }
    // Overstock looks at stock already there or on its way, before today's purchases.
    std::vector<double> position_before_purchases = position_;
    buy_from_vendor();
    flag_overstock(position_before_purchases);
  }

 private:
  void load(SkuIndex sku, const SkuLevels* levels, std::span<const NodePosition> stock) {
    sku_ = sku;
    std::fill(level_.begin(), level_.end(), 0.0);
    for (auto* column : {&on_hand_, &inbound_, &position_, &demand_, &unfilled_}) {
      std::fill(column->begin(), column->end(), 0.0);
    }
    option_ = nullptr;
    if (levels != nullptr) {
      for (std::size_t pos = 0; pos < levels->nodes.size(); ++pos) {
        const std::size_t node = levels->nodes[pos].value();
        std::copy_n(levels->order_up_to.begin() + static_cast<std::ptrdiff_t>(pos * weeks_), weeks_,
                    level_.begin() + static_cast<std::ptrdiff_t>(node * weeks_));
        demand_[node] = levels->demand_per_day[pos];
      }
      auto sourcing = dataset_.sourcing_of(sku);
      if (levels->sourcing_option < sourcing.size()) option_ = &sourcing[levels->sourcing_option];
    }
    for (const NodePosition& record : stock) {
      const std::size_t node = record.node.value();
      on_hand_[node] = record.on_hand;
      inbound_[node] = record.inbound;
      position_[node] = record.on_hand + record.inbound - record.backorders;
    }
    for (std::size_t node = 0; node < available_.size(); ++node) {
      available_[node] = std::max(0.0, std::floor(on_hand_[node] + kEps));
    }
  }

  [[nodiscard]] double level(NodeIndex node, std::size_t week) const {
    return level_[node.value() * weeks_ + std::min(week, weeks_ - 1)];
  }
  [[nodiscard]] std::size_t week_of(double days) const {
    return std::min(weeks_ - 1, static_cast<std::size_t>(std::max(0.0, std::floor(days / 7.0 + kEps))));
  }
  // Days until a replenishment of `node` placed today arrives.
  [[nodiscard]] double lead_days(NodeIndex node) const {
    if (paths_.feeder(node).valid()) return net_.lanes[paths_.feeder_lane(node)].transit_days_mean;
    if (option_ == nullptr) return 0.0;
    LaneIndex lane = paths_.vendor_lane(option_->vendor, node);
    return option_->lead_time_days_mean + (lane.valid() ? net_.lanes[lane].transit_days_mean : 0.0);
  }
  // The level a replenishment placed today should restore: that of the week it lands in.
  [[nodiscard]] double target(NodeIndex node) const { return level(node, week_of(lead_days(node))); }

  void move(TransferKind kind, NodeIndex from, NodeIndex to, LaneIndex lane, double quantity,
            double need) {
    const network::Lane& spec = net_.lanes[lane];
    orders_.transfers.push_back({.kind = kind,
                                 .sku = sku_,
                                 .from = from,
                                 .to = to,
                                 .quantity = quantity,
                                 .shortfall = need,
                                 .transit_days = spec.transit_days_mean,
                                 .cost_per_unit = lane_cost_per_unit(spec, dataset_.skus[sku_].unit_volume_m3),
                                 .ship_date = order_date_,
                                 .arrival = after_days(order_date_, spec.transit_days_mean)});
    on_hand_[from.value()] -= quantity;
    available_[from.value()] -= quantity;
    position_[from.value()] -= quantity;
    inbound_[to.value()] += quantity;
    position_[to.value()] += quantity;
    unfilled_[to.value()] -= quantity;
  }

  void replenish_from_dcs() {
    for (NodeIndex node : all<NodeIndex>(net_.node_count())) {
      if (net_.nodes[node].type != network::NodeType::kDc) {
        unfilled_[node.value()] = shortfall(target(node), position_[node.value()]);
      }
    }
    std::vector<double> requests;
    for (NodeIndex dc : all<NodeIndex>(net_.node_count())) {
      std::span<const NodeIndex> children = paths_.fed_by(dc);
      if (children.empty()) continue;
      requests.clear();
      for (NodeIndex child : children) requests.push_back(unfilled_[child.value()]);
      std::vector<double> shipped = ration(available_[dc.value()], requests);
      for (std::size_t index = 0; index < children.size(); ++index) {
        if (shipped[index] <= 0.0) continue;
        move(TransferKind::kReplenish, dc, children[index], paths_.feeder_lane(children[index]),
             shipped[index], requests[index]);
      }
    }
  }

  // Units `donor` can give: on-hand stock beyond what it keeps until its own replenishment can
  // arrive, plus the threshold.
  [[nodiscard]] double spare(NodeIndex donor) const {
    double keep = 0.0;
    for (std::size_t week = 0; week <= week_of(lead_days(donor)); ++week) {
      keep = std::max(keep, level(donor, week));
    }
    double threshold = std::max(options_.rebalance_threshold_units,
                                options_.rebalance_threshold_weeks * 7.0 * demand_[donor.value()]);
    double excess = position_[donor.value()] - keep - threshold;
    return std::max(0.0, std::min(available_[donor.value()], std::floor(excess + kEps)));
  }

  void rebalance() {
    const double volume = dataset_.skus[sku_].unit_volume_m3;
    std::vector<std::tuple<double, double, NodeIndex, LaneIndex>> donors;
    for (NodeIndex node : all<NodeIndex>(net_.node_count())) {
      if (unfilled_[node.value()] <= 0.0) continue;
      donors.clear();
      for (LaneIndex lane : paths_.lateral_lanes_into(node)) {
        const network::Lane& spec = net_.lanes[lane];
        donors.emplace_back(lane_cost_per_unit(spec, volume), spec.transit_days_mean, spec.from_node, lane);
      }
      std::sort(donors.begin(), donors.end());
      for (const auto& [cost, transit, donor, lane] : donors) {
        double need = unfilled_[node.value()];
        if (need <= 0.0) break;
        double quantity = std::min(spare(donor), need);
        if (quantity >= 1.0) move(TransferKind::kRebalance, donor, node, lane, quantity, need);
      }
    }
  }

  void buy_from_vendor() {
    const std::string& sku_id = dataset_.skus[sku_].id;
    for (NodeIndex node : all<NodeIndex>(net_.node_count())) {
      if (paths_.feeder(node).valid()) continue;
      const double need = target(node) - position_[node.value()];
      if (need <= kEps) continue;
      if (option_ == nullptr) {
        orders_.notes.push_back(fmt::format("SKU {}: {:.0f} units short at {} but the plan names no vendor",
                                            sku_id, std::ceil(need - kEps), net_.nodes[node].id));
        continue;
      }
      LaneIndex lane = paths_.vendor_lane(option_->vendor, node);
      const auto& ships_to = option_->ships_to;
      if (!lane.valid() ||
          (!ships_to.empty() && std::find(ships_to.begin(), ships_to.end(), node) == ships_to.end())) {
        orders_.notes.push_back(fmt::format("SKU {}: {:.0f} units short at {} but vendor {} does not ship there",
                                            sku_id, std::ceil(need - kEps), net_.nodes[node].id,
                                            net_.vendors[option_->vendor].id));
        continue;
      }
      const double lead = lead_days(node);
      PurchaseOrder order{.sku = sku_,
                          .vendor = option_->vendor,
                          .destination = node,
                          .quantity = round_to_pack(need, option_->moq, option_->case_pack),
                          .need = need,
                          .target_level = target(node),
                          .position = position_[node.value()],
                          .moq = option_->moq,
                          .case_pack = option_->case_pack,
                          .unit_cost = option_->unit_cost,
                          .lead_days = lead,
                          .order_date = order_date_,
                          .arrival = after_days(order_date_, lead),
                          .arrival_week = week_of(lead)};
      position_[node.value()] += order.quantity;
      orders_.purchases.push_back(order);
    }
  }

  void flag_overstock(const std::vector<double>& position) {
    const network::Sku& spec = dataset_.skus[sku_];
    for (NodeIndex node : all<NodeIndex>(net_.node_count())) {
      const std::size_t index = node.value();
      if (on_hand_[index] + inbound_[index] <= kEps) continue;
      double peak = 0.0;
      for (std::size_t week = 0; week < weeks_; ++week) peak = std::max(peak, level(node, week));
      const double excess = position[index] - peak;
      const double per_week = 7.0 * demand_[index];
      if (excess < 1.0 - kEps || excess <= options_.overstock_weeks * per_week + kEps) continue;
      bool vendor_ships_here = false;
      if (option_ != nullptr && !paths_.feeder(node).valid()) {
        vendor_ships_here = paths_.vendor_lane(option_->vendor, node).valid();
      }
      orders_.overstock.push_back(
          {.sku = sku_,
           .node = node,
           .on_hand = on_hand_[index],
           .inbound = inbound_[index],
           .position = position[index],
           .peak_level = peak,
           .excess = excess,
           .removable = std::max(0.0, std::min(excess, on_hand_[index])),
           .demand_per_week = per_week,
           .weeks_of_demand = per_week > 0.0 ? excess / per_week : std::numeric_limits<double>::infinity(),
           .unit_cost = spec.unit_cost,
           .vendor_ships_here = vendor_ships_here});
    }
  }

  const network::Dataset& dataset_;
  const network::Network& net_;
  SupplyPaths paths_;
  const OrderOptions& options_;
  Date order_date_;
  std::size_t weeks_;
  Orders& orders_;

  SkuIndex sku_;
  const network::SourcingOption* option_ = nullptr;
  std::vector<double> level_;  // [node * weeks + week]
  std::vector<double> on_hand_, inbound_, position_, available_, demand_, unfilled_;
};

}  // namespace

std::string_view to_string(TransferKind kind) {
  return kind == TransferKind::kReplenish ? "replenish" : "rebalance";
}

double round_to_pack(double need, double moq, double case_pack) {
  if (need <= kEps) return 0.0;
  const double pack = case_pack > 0.0 ? case_pack : 1.0;
  return std::ceil(std::max(need, moq) / pack - kEps) * pack;
}

std::vector<double> ration(double supply, const std::vector<double>& requests) {
  const double total = std::accumulate(requests.begin(), requests.end(), 0.0);
  supply = std::floor(std::max(0.0, supply) + kEps);
  if (total <= supply + kEps) return requests;
  std::vector<double> shares(requests.size(), 0.0);
  std::vector<std::pair<double, std::size_t>> remainders;
  double given = 0.0;
  for (std::size_t index = 0; index < requests.size(); ++index) {
    double exact = supply * requests[index] / total;
    shares[index] = std::floor(exact + kEps);
    given += shares[index];
    remainders.emplace_back(-(exact - shares[index]), index);
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::size_t rank = 0; rank < remainders.size() && given + 0.5 < supply; ++rank) {
    shares[remainders[rank].second] += 1.0;
    given += 1.0;
  }
  return shares;
}

Orders plan_orders(const network::Dataset& dataset, const PlanLevels& levels,
                   const Positions& positions, const OrderOptions& options) {
  Orders orders;
  orders.order_date = options.order_date.value_or(dataset.planning_date());
  std::vector<const SkuLevels*> by_sku(dataset.sku_count(), nullptr);
  for (const SkuLevels& entry : levels.skus) by_sku[entry.sku.value()] = &entry;
  SkuOrderBuilder builder(dataset, options, orders.order_date, levels.weeks, orders);
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    std::span<const NodePosition> stock = positions.of(sku);
    if (by_sku[sku.value()] == nullptr && stock.empty()) continue;
    builder.run(sku, by_sku[sku.value()], stock);
  }
  return orders;
}

}  // namespace echelon::replenish
