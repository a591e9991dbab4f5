// SPDX-License-Identifier: Apache-2.0
#include "simulate/simulator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/assert.h"
#include "fulfill/fulfillment.h"
#include "simulate/supply_routes.h"

namespace echelon::simulate {
namespace {

constexpr int kHorizonDays = 1024;  // receipts can be at most this far ahead
constexpr double kEpsilon = 1e-9;

struct Receipt {
  std::uint32_t sku = 0;
  std::uint32_t node = 0;
  double quantity = 0.0;
  double cost_per_unit = 0.0;  // inbound cost at put-away
  bool from_vendor = true;
};

int sample_days(Rng& rng, double mean, double sd) {
  if (mean <= 0.0) return 0;
  double value = mean;
  if (sd > 0.0) value = sample_gamma(rng, (mean / sd) * (mean / sd), sd * sd / mean);
  return static_cast<int>(std::clamp<long long>(std::llround(value), 0, kHorizonDays - 1));
}

// One replication of one policy. Stock and positions are SKU-major arrays [sku * nodes + node].
class Run {
 public:
  Run(const network::Dataset& dataset, const PolicyRun& policy, const DemandSource& demand,
      const SimulationOptions& options, int replication, std::uint64_t seed);
  Kpis execute();

 private:
  [[nodiscard]] std::size_t slot(std::size_t sku, std::size_t node) const { return sku * nodes_ + node; }
  [[nodiscard]] double level(std::size_t sku, std::size_t node, int day) const {
    return policy_.plan->order_up_to(SkuIndex(sku), NodeIndex(node), static_cast<std::size_t>(day / 7));
  }
  [[nodiscard]] bool measured(int day) const { return day >= options_.warmup_days; }
  [[nodiscard]] Rng day_stream(std::size_t sku, int day, std::size_t purpose) const {
    return sku_rng_[sku].substream(static_cast<std::uint64_t>(day) * (nodes_ + 1) + purpose);
  }

  void review(int day);
  void review_sku(std::size_t sku, int day);
  void rebalance_into(std::size_t sku, std::size_t node, double need, int day);
  void start_from_positions();
  void schedule(int day, int lead_days, const Receipt& receipt);
  void receive(int day);
  void put_away(const Receipt& receipt, double quantity, int day);
  void serve(int day);
  void serve_order(std::size_t sku, const Order& order, int day);
  void close_day(int day);

  const network::Dataset& dataset_;
  const PolicyRun& policy_;
  const DemandSource& demand_;
  const SimulationOptions& options_;
  const std::size_t nodes_;
  const std::size_t skus_;
  bool outbound_limited_ = false;

  std::vector<SupplyRoute> routes_;  // [sku * nodes + node]
  std::vector<const network::SourcingOption*> option_;
  std::vector<double> lost_penalty_;
  std::vector<double> holding_rate_per_day_;  // per node
  std::vector<std::vector<int>> observed_lead_days_;  // per vendor
  std::vector<std::vector<LaneIndex>> sibling_lanes_;  // per node: lanes from non-DC nodes, cheapest first
  std::vector<Rng> sku_rng_;
  std::vector<std::size_t> cursors_;

  std::vector<double> on_hand_;
  std::vector<double> on_order_;
  std::vector<std::vector<Receipt>> in_transit_;  // ring by arrival day
  std::vector<std::vector<Receipt>> dock_;        // per node, waiting for inbound capacity
  std::vector<double> outbound_left_;
  std::vector<bool> reviewing_;  // per node, today

  std::vector<Order> orders_;
  std::vector<double> available_;
  std::vector<double> price_;
  std::vector<double> need_;
  std::vector<fulfill::Shipment> shipments_;
  Kpis kpis_;
};

Run::Run(const network::Dataset& dataset, const PolicyRun& policy, const DemandSource& demand,
         const SimulationOptions& options, int replication, std::uint64_t seed)
    : dataset_(dataset), policy_(policy), demand_(demand), options_(options),
      nodes_(dataset.network.node_count()), skus_(dataset.sku_count()) {
  ECHELON_ASSERT(policy.plan != nullptr && policy.serving != nullptr, "policy without plan");
  const network::Network& net = dataset.network;
  const network::CostSettings& costs = dataset.config.costs;
  routes_.reserve(skus_ * nodes_);
  option_.resize(skus_);
  lost_penalty_.resize(skus_);
  sku_rng_.reserve(skus_);
  SupplyRoutes supply(net);
  for (SkuIndex sku : all<SkuIndex>(skus_)) {
    const network::SourcingOption& option = dataset.sourcing[policy.plan->sourcing(sku)];
    option_[sku.value()] = &option;
    std::vector<SupplyRoute> routes = supply.routes(dataset, option);
    routes_.insert(routes_.end(), routes.begin(), routes.end());
    lost_penalty_[sku.value()] =
        std::max(costs.lost_sale_minimum, costs.lost_sale_fraction * dataset.skus[sku].price);
    sku_rng_.push_back(Rng::stream(seed, hash_id(dataset.skus[sku].id), Purpose::kSimulation)
                           .substream(static_cast<std::uint64_t>(replication)));
  }
  for (const network::Node& node : net.nodes) {
    double rate = node.holding_rate_per_year >= 0 ? node.holding_rate_per_year : costs.holding_rate_per_year;
    holding_rate_per_day_.push_back(rate / 365.0);
    outbound_limited_ = outbound_limited_ || std::isfinite(node.outbound_units_per_day);
  }
  observed_lead_days_.resize(net.vendors.size());
  if (options.replay_lead_times) {
    for (const network::LeadTimeObservation& observation : dataset.lead_times) {
      observed_lead_days_[observation.vendor.value()].push_back(observation.receipt_date -
                                                                observation.order_date);
    }
  }
  cursors_ = demand.start_cursors();
  on_hand_.assign(skus_ * nodes_, 0.0);
  on_order_.assign(skus_ * nodes_, 0.0);
  in_transit_.resize(kHorizonDays);
  dock_.resize(nodes_);
  outbound_left_.resize(nodes_);
  reviewing_.resize(nodes_);
  available_.resize(nodes_);
  price_.resize(nodes_);
  need_.resize(nodes_);
  shipments_.resize(std::max<std::size_t>(1, policy.serving->max_options()));
  kpis_.speeds.resize(net.speed_count());
  kpis_.nodes.resize(nodes_);
  for (NodeIndex node : all<NodeIndex>(nodes_)) {
    NodeKpis& stats = kpis_.nodes[node.value()];
    stats.storage_limit_m3 = net.nodes[node].storage_m3;
    stats.inbound_limit = net.nodes[node].inbound_units_per_day;
    stats.outbound_limit = net.nodes[node].outbound_units_per_day;
  }
  if (options.rebalance_threshold >= 0.0) {
    sibling_lanes_.resize(nodes_);
    for (NodeIndex node : all<NodeIndex>(nodes_)) {
      if (net.nodes[node].type == network::NodeType::kDc) continue;
      std::vector<LaneIndex>& lanes = sibling_lanes_[node.value()];
      for (LaneIndex lane : net.lanes_into(node)) {
        NodeIndex from = net.lanes[lane].from_node;
        if (from.valid() && from != node && net.nodes[from].type != network::NodeType::kDc) lanes.push_back(lane);
      }
      std::stable_sort(lanes.begin(), lanes.end(), [&](LaneIndex a, LaneIndex b) {
        return net.lanes[a].cost_per_unit < net.lanes[b].cost_per_unit;
      });
    }
  }
  if (policy.unlimited_stock) return;
  if (options.start_from_positions) {
    start_from_positions();
  } else {
    for (std::size_t sku = 0; sku < skus_; ++sku) {
      for (std::size_t node = 0; node < nodes_; ++node) {
        on_hand_[slot(sku, node)] = std::max(0.0, std::ceil(level(sku, node, 0) - kEpsilon));
        kpis_.balance.initial_on_hand += on_hand_[slot(sku, node)];
      }
    }
  }
}

void Run::start_from_positions() {
  for (const network::StockRecord& record : dataset_.inventory) {
    double units = std::max(0.0, record.on_hand);
    on_hand_[slot(record.sku.value(), record.node.value())] += units;
    kpis_.balance.initial_on_hand += units;
  }
  for (const network::InboundRecord& record : dataset_.inbound) {
    if (record.quantity <= 0.0) continue;
    int day = std::clamp(record.eta - options_.positions_date, 0, kHorizonDays - 1);
    on_order_[slot(record.sku.value(), record.node.value())] += record.quantity;
    schedule(0, day, {static_cast<std::uint32_t>(record.sku.value()),
                      static_cast<std::uint32_t>(record.node.value()), record.quantity, 0.0, true});
  }
}

Kpis Run::execute() {
  const int total_days = options_.warmup_days + options_.days;
  kpis_.days = options_.days;
  for (int day = 0; day < total_days; ++day) {
    for (std::size_t node = 0; node < nodes_; ++node) {
      outbound_left_[node] = dataset_.network.nodes[NodeIndex(node)].outbound_units_per_day;
    }
    if (!policy_.unlimited_stock) {
      review(day);
      receive(day);
    }
    serve(day);
    close_day(day);
  }
  for (double stock : on_hand_) kpis_.balance.closing_on_hand += stock;
  if (kpis_.days > 0) {
    kpis_.stock_value_mean /= kpis_.days;
    for (NodeKpis& stats : kpis_.nodes) {
      stats.storage_mean_m3 /= kpis_.days;
      stats.stock_value_mean /= kpis_.days;
    }
  }
  return std::move(kpis_);
}

void Run::review(int day) {
  // Node n reviews on the days with (day + n) % R == 0: staggered, so that a DC's transfers and
  // a vendor's deliveries spread over the review period instead of landing on one day.
  const int period = std::max(1, dataset_.config.review_period_days);
  bool any = false;
  for (std::size_t node = 0; node < nodes_; ++node) {
    reviewing_[node] = (day + static_cast<int>(node % static_cast<std::size_t>(period))) % period == 0;
    any = any || reviewing_[node];
  }
  if (!any) return;
  // A rotating first SKU, so no SKU is always first in line for a short DC's outbound capacity.
  std::size_t first = (static_cast<std::size_t>(day) * 7919u) % std::max<std::size_t>(1, skus_);
  for (std::size_t step = 0; step < skus_; ++step) review_sku((first + step) % skus_, day);
}

void Run::schedule(int day, int lead_days, const Receipt& receipt) {
  in_transit_[static_cast<std::size_t>(day + lead_days) % kHorizonDays].push_back(receipt);
}

void Run::review_sku(std::size_t sku, int day) {
  const bool measure = measured(day);
  // Children ask their DC first; a short DC rations in proportion to the requests.
  for (std::size_t parent = 0; parent < nodes_; ++parent) {
    const SupplyRoute& parent_route = routes_[slot(sku, parent)];
    if (!parent_route.from_vendor) continue;
    double requested = 0.0;
    for (std::size_t child = 0; child < nodes_; ++child) {
      const SupplyRoute& route = routes_[slot(sku, child)];
      need_[child] = 0.0;
      if (route.from_vendor || route.parent.value() != parent || !reviewing_[child]) continue;
      double position = on_hand_[slot(sku, child)] + on_order_[slot(sku, child)];
      need_[child] = std::max(0.0, std::ceil(level(sku, child, day) - position - kEpsilon));
      requested += need_[child];
    }
    if (requested <= 0.0) continue;
    double available = std::floor(std::min(on_hand_[slot(sku, parent)], outbound_left_[parent]) + kEpsilon);
    double ratio = requested <= available ? 1.0 : std::max(0.0, available) / requested;
    double given_total = 0.0;
    for (std::size_t child = 0; child < nodes_; ++child) {
      double give = std::floor(need_[child] * ratio + kEpsilon);
      given_total += give;
      price_[child] = need_[child] * ratio - give;  // remainder, for the leftover units
      need_[child] -= give;
      available_[child] = give;
    }
    // Leftover units of a rationed DC go one each to the largest remainders (lowest index first).
    for (double leftover = std::min(available, requested) - given_total; leftover >= 1.0 - kEpsilon; leftover -= 1.0) {
      std::size_t best = nodes_;
      for (std::size_t child = 0; child < nodes_; ++child) {
        if (need_[child] >= 1.0 && (best == nodes_ || price_[child] > price_[best])) best = child;
      }
      if (best == nodes_) break;
      available_[best] += 1.0;
      need_[best] -= 1.0;
      price_[best] = -1.0;
    }
    for (std::size_t child = 0; child < nodes_; ++child) {
      if (need_[child] >= 1.0 && !sibling_lanes_.empty()) rebalance_into(sku, child, need_[child], day);
      if (measure) kpis_.rationed_units += need_[child];
      double give = available_[child];
      available_[child] = 0.0;
      if (give <= 0.0) continue;
      const SupplyRoute& route = routes_[slot(sku, child)];
      on_hand_[slot(sku, parent)] -= give;
      outbound_left_[parent] -= give;
      on_order_[slot(sku, child)] += give;
      kpis_.balance.transfers_in_transit += give;
      if (measure) kpis_.nodes[parent].outbound_units += give;
      Rng rng = day_stream(sku, day, child + 1);
      schedule(day, sample_days(rng, route.lead_days_mean, route.lead_days_sd),
               {static_cast<std::uint32_t>(sku), static_cast<std::uint32_t>(child), give,
                route.inbound_cost_per_unit, false});
    }
  }
  // Nodes fed by the vendor order up to their level, in whole case packs, at least the MOQ.
  const network::SourcingOption& option = *option_[sku];
  for (std::size_t node = 0; node < nodes_; ++node) {
    const SupplyRoute& route = routes_[slot(sku, node)];
    if (!route.from_vendor || !reviewing_[node]) continue;
    double position = on_hand_[slot(sku, node)] + on_order_[slot(sku, node)];
    double quantity = std::ceil(level(sku, node, day) - position - kEpsilon);
    if (quantity <= 0.0) continue;
    quantity = std::max(quantity, option.moq);
    double pack = option.case_pack > 0.0 ? option.case_pack : 1.0;
    quantity = std::ceil(quantity / pack - kEpsilon) * pack;
    on_order_[slot(sku, node)] += quantity;
    if (measure) kpis_.cost.purchase += quantity * option.unit_cost;
    Rng rng = day_stream(sku, day, node + 1);
    const std::vector<int>& observed = observed_lead_days_[option.vendor.value()];
    int lead_days = observed.empty()
                        ? sample_days(rng, route.lead_days_mean, route.lead_days_sd)
                        : std::clamp(observed[rng.below(observed.size())], 0, kHorizonDays - 1);
    schedule(day, lead_days,
             {static_cast<std::uint32_t>(sku), static_cast<std::uint32_t>(node), quantity,
              route.inbound_cost_per_unit, true});
  }
}

void Run::rebalance_into(std::size_t sku, std::size_t node, double need, int day) {
  const network::Network& net = dataset_.network;
  const double unit_volume = dataset_.skus[SkuIndex(sku)].unit_volume_m3;
  for (LaneIndex lane_idx : sibling_lanes_[node]) {
    if (need < 1.0) break;
    const network::Lane& lane = net.lanes[lane_idx];
    const std::size_t sibling = lane.from_node.value();
    const double keep = level(sku, sibling, day);
    const double threshold = std::max(1.0, options_.rebalance_threshold * keep);
    double excess = std::floor(std::min(on_hand_[slot(sku, sibling)] - keep - threshold,
                                        outbound_left_[sibling]) + kEpsilon);
    double give = std::min(need, excess);
    if (give < 1.0) continue;
    need -= give;
    on_hand_[slot(sku, sibling)] -= give;
    outbound_left_[sibling] -= give;
    on_order_[slot(sku, node)] += give;
    kpis_.balance.transfers_in_transit += give;
    const double cost_per_unit = lane.cost_per_unit + lane.cost_per_m3 * unit_volume;
    if (measured(day)) {
      kpis_.nodes[sibling].outbound_units += give;
      kpis_.rebalanced_units += give;
      kpis_.rebalance_cost += give * cost_per_unit;
    }
    // Streams far above the day streams' keys, one per (day, sending node).
    Rng rng = sku_rng_[sku].substream((std::uint64_t{1} << 40) + static_cast<std::uint64_t>(day) * nodes_ + sibling);
    schedule(day, sample_days(rng, lane.transit_days_mean, lane.transit_days_sd),
             {static_cast<std::uint32_t>(sku), static_cast<std::uint32_t>(node), give, cost_per_unit, false});
  }
  need_[node] = need;
}

void Run::put_away(const Receipt& receipt, double quantity, int day) {
  std::size_t index = slot(receipt.sku, receipt.node);
  on_hand_[index] += quantity;
  on_order_[index] -= quantity;
  if (receipt.from_vendor) {
    kpis_.balance.vendor_received += quantity;
  } else {
    kpis_.balance.transfers_in_transit -= quantity;
  }
  if (measured(day)) {
    kpis_.cost.inbound += quantity * receipt.cost_per_unit;
    kpis_.nodes[receipt.node].inbound_units += quantity;
  }
}

void Run::receive(int day) {
  std::vector<Receipt>& arriving = in_transit_[static_cast<std::size_t>(day) % kHorizonDays];
  for (const Receipt& receipt : arriving) {
    if (std::isfinite(dataset_.network.nodes[NodeIndex(receipt.node)].inbound_units_per_day)) {
      dock_[receipt.node].push_back(receipt);
    } else {
      put_away(receipt, receipt.quantity, day);
    }
  }
  arriving.clear();
  // Docks put receipts away first come, first served, up to the node's inbound capacity.
  for (std::size_t node = 0; node < nodes_; ++node) {
    std::vector<Receipt>& dock = dock_[node];
    if (dock.empty()) continue;
    double capacity = dataset_.network.nodes[NodeIndex(node)].inbound_units_per_day;
    std::size_t done = 0;
    for (; done < dock.size() && capacity > kEpsilon; ++done) {
      double quantity = std::min(dock[done].quantity, std::floor(capacity + kEpsilon));
      if (quantity <= 0.0) break;
      put_away(dock[done], quantity, day);
      capacity -= quantity;
      dock[done].quantity -= quantity;
      if (dock[done].quantity > kEpsilon) break;
    }
    dock.erase(dock.begin(), dock.begin() + static_cast<std::ptrdiff_t>(done));
    if (measured(day)) {
      for (const Receipt& waiting : dock) kpis_.nodes[node].inbound_backlog_unit_days += waiting.quantity;
    }
  }
}

void Run::serve(int day) {
  std::size_t first = (static_cast<std::size_t>(day) * 104729u) % std::max<std::size_t>(1, skus_);
  for (std::size_t step = 0; step < skus_; ++step) {
    std::size_t sku = (first + step) % skus_;
    Rng rng = day_stream(sku, day, 0);
    demand_.orders(SkuIndex(sku), day, cursors_[sku], rng, *policy_.serving, orders_);
    for (const Order& order : orders_) serve_order(sku, order, day);
  }
}

void Run::serve_order(std::size_t sku, const Order& order, int day) {
  const network::DemandClass& demand_class = policy_.serving->demand_class(order.class_idx);
  const std::vector<network::Speed>& speeds = dataset_.network.speeds;
  double* stock = &on_hand_[slot(sku, 0)];
  std::span<double> available(stock, nodes_);
  if (policy_.unlimited_stock) {
    std::fill(available_.begin(), available_.end(), std::numeric_limits<double>::max());
    available = available_;
  } else if (outbound_limited_) {
    for (std::size_t node = 0; node < nodes_; ++node) {
      available_[node] = std::max(0.0, std::min(stock[node], std::floor(outbound_left_[node] + kEpsilon)));
    }
    available = available_;
  }
  double denied = 0.0;
  if (outbound_limited_ && !policy_.unlimited_stock && !demand_class.eligible.empty()) {
    std::size_t preferred = demand_class.eligible.front().node.value();
    denied = std::min(order.quantity, stock[preferred]) - std::min(order.quantity, available[preferred]);
  }
  fulfill::FulfillResult result;
  if (policy_.rule == FulfillmentRule::kOpportunityCost && demand_class.speed.value() > 0) {
    // Stock at or below safety stock is worth a fastest-speed downgrade to the orders it would
    // otherwise serve; slower classes pay that price to take it.
    for (std::size_t node = 0; node < nodes_; ++node) {
      double safety = policy_.plan->safety_stock(SkuIndex(sku), NodeIndex(node), static_cast<std::size_t>(day / 7));
      price_[node] = stock[node] <= safety && safety > 0.0 ? speeds.front().downgrade_penalty : 0.0;
    }
    fulfill::OpportunityCosts costs{.node_price = price_,
                                    .downgrade_penalty = speeds[demand_class.speed.value()].downgrade_penalty,
                                    .lost_sale_penalty = lost_penalty_[sku]};
    result = fulfill::fulfill_opportunity_cost(demand_class, order.quantity, available, shipments_, costs);
  } else if (policy_.plan != nullptr && policy_.plan->ranks_options() && !policy_.unlimited_stock) {
    result = fulfill::fulfill_ranked(demand_class, order.quantity, available, shipments_,
                                     policy_.plan->fulfill_charges(SkuIndex(sku), static_cast<std::size_t>(day / 7)));
  } else {
    result = fulfill::fulfill_greedy(demand_class, order.quantity, available, shipments_);
  }
  const bool measure = measured(day);
  const double unit_cost = option_[sku]->unit_cost;
  for (std::size_t index = 0; index < result.shipments; ++index) {
    const fulfill::Shipment& shipment = shipments_[index];
    std::size_t node = shipment.node.value();
    if (policy_.unlimited_stock) {
      if (measure) {
        // Every unit is bought and brought to the shipping node on its own supply route.
        const SupplyRoute& route = routes_[slot(sku, node)];
        double inbound = route.inbound_cost_per_unit;
        if (!route.from_vendor) inbound += routes_[slot(sku, route.parent.value())].inbound_cost_per_unit;
        kpis_.cost.purchase += shipment.quantity * unit_cost;
        kpis_.cost.inbound += shipment.quantity * inbound;
      }
    } else {
      if (available.data() != stock) stock[node] -= shipment.quantity;
      outbound_left_[node] -= shipment.quantity;
    }
    if (measure) {
      kpis_.nodes[node].outbound_units += shipment.quantity;
      if (!shipment.downgrade && shipment.node == demand_class.eligible.front().node) {
        kpis_.in_region_units += shipment.quantity;
      }
    }
  }
  double shipped = result.on_time + result.downgraded;
  kpis_.balance.demanded += order.quantity;
  kpis_.balance.on_time += result.on_time;
  kpis_.balance.downgraded += result.downgraded;
  kpis_.balance.lost += result.lost;
  kpis_.balance.shipped += shipped;
  if (!measure) return;
  SpeedKpis& speed = kpis_.speeds[demand_class.speed.value()];
  speed.demanded += order.quantity;
  if (!demand_class.eligible.empty()) speed.reachable += order.quantity;
  speed.on_time += result.on_time;
  speed.downgraded += result.downgraded;
  speed.lost += result.lost;
  kpis_.lost_units += result.lost;
  kpis_.shipped_cost_value += shipped * unit_cost;
  kpis_.cost.outbound += result.shipping_cost;
  kpis_.cost.downgrade += result.downgraded * speeds[demand_class.speed.value()].downgrade_penalty;
  kpis_.cost.lost_sale += result.lost * lost_penalty_[sku];
  if (!demand_class.eligible.empty()) {
    kpis_.nodes[demand_class.eligible.front().node.value()].outbound_denied_units += std::max(0.0, denied);
  }
}

void Run::close_day(int day) {
  if (!measured(day)) return;
  const network::Network& net = dataset_.network;
  std::vector<double>& volume = need_;
  std::fill(volume.begin(), volume.end(), 0.0);
  std::vector<double>& value = price_;
  std::fill(value.begin(), value.end(), 0.0);
  for (std::size_t sku = 0; sku < skus_; ++sku) {
    const double unit_volume = dataset_.skus[SkuIndex(sku)].unit_volume_m3;
    const double unit_cost = option_[sku]->unit_cost;
    const double* stock = &on_hand_[slot(sku, 0)];
    for (std::size_t node = 0; node < nodes_; ++node) {
      volume[node] += stock[node] * unit_volume;
      value[node] += stock[node] * unit_cost;
    }
  }
  for (std::size_t node = 0; node < nodes_; ++node) {
    NodeKpis& stats = kpis_.nodes[node];
    kpis_.cost.holding += value[node] * holding_rate_per_day_[node];
    kpis_.stock_value_mean += value[node];
    stats.stock_value_mean += value[node];
    stats.storage_mean_m3 += volume[node];
    stats.storage_peak_m3 = std::max(stats.storage_peak_m3, volume[node]);
    double limit = net.nodes[NodeIndex(node)].storage_m3;
    if (volume[node] > limit + kEpsilon) {
      stats.overflow_m3_days += volume[node] - limit;
      ++stats.overflow_days;
    }
    if (std::isfinite(stats.outbound_limit) && outbound_left_[node] < 1.0) ++stats.outbound_full_days;
  }
}

}  // namespace

Kpis simulate_run(const network::Dataset& dataset, const PolicyRun& policy,
                  const DemandSource& demand, const SimulationOptions& options, int replication,
                  std::uint64_t seed) {
  Run run(dataset, policy, demand, options, replication, seed);
  return run.execute();
}

std::vector<Kpis> simulate_replications(const network::Dataset& dataset, const PolicyRun& policy,
                                        const DemandSource& demand,
                                        const SimulationOptions& options, RunContext& ctx) {
  std::vector<Kpis> results(static_cast<std::size_t>(std::max(0, options.replications)));
  parallel_for(ctx.pool(), 0, results.size(), 1, [&](std::size_t first, std::size_t last) {
    for (std::size_t rep = first; rep < last; ++rep) {
      results[rep] = simulate_run(dataset, policy, demand, options, static_cast<int>(rep), ctx.seed());
    }
  });
  return results;
}

}  // namespace echelon::simulate
