// SPDX-License-Identifier: Apache-2.0
#include "simulate/policies.h"

#include <algorithm>
#include <cmath>

#include "inventory/distribution.h"
#include "inventory/service_level.h"

namespace echelon::simulate {
namespace {

double clamp_target(double target) { return std::clamp(target, 0.5, 0.9999); }

// Level and safety stock of one node for a load over a supply route.
void set_level(StockPlan& plan, SkuIndex sku, NodeIndex node, const NodeLoad& load,
               const SupplyRoute& route, int review_days, double target) {
  if (load.mean <= 0.0) return;
  // Lead-time variability folded into the daily variance so that the protection interval of
  // R + L days has variance (R + L) sigma^2 + mu^2 Var[L] (Hadley & Whitin).
  double interval = review_days + route.lead_days_mean;
  double variance = load.variance + load.mean * load.mean * route.lead_days_sd * route.lead_days_sd /
                                        std::max(1.0, interval);
  double level = base_stock_level(load.mean, variance, route.lead_days_mean, review_days, target);
  plan.set(sku, node, 0, level, std::max(0.0, level - load.mean * interval));
}

// Loads of every node including, at nodes a vendor feeds, the demand of the children they feed.
std::vector<NodeLoad> echelon_loads(const std::vector<NodeLoad>& own,
                                    const std::vector<SupplyRoute>& routes) {
  std::vector<NodeLoad> total = own;
  for (std::size_t node = 0; node < routes.size(); ++node) {
    if (routes[node].from_vendor) continue;
    NodeLoad& parent = total[routes[node].parent.value()];
    parent.mean += own[node].mean;
    parent.variance += own[node].variance;
    parent.max_target = std::max(parent.max_target, own[node].max_target);
  }
  return total;
}

class SingleEchelonPolicy : public Policy {
 public:
  [[nodiscard]] std::string name() const override { return "single_echelon"; }
  [[nodiscard]] StockPlan plan(const network::Dataset& dataset, const DemandModel& demand,
                               const ServingNetwork& serving,
                               const std::vector<double>& miss_scale) const override {
    StockPlan plan(dataset, 1);
    SupplyRoutes supply(dataset.network);
    auto targets = scaled_targets(dataset.network.speeds, miss_scale);
    for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
      auto routes = supply.routes(dataset, dataset.sourcing[plan.sourcing(sku)]);
      auto loads = echelon_loads(first_choice_loads(dataset, demand, serving, sku, targets), routes);
      for (NodeIndex node : all<NodeIndex>(routes.size())) {
        const NodeLoad& load = loads[node.value()];
        set_level(plan, sku, node, load, routes[node.value()], dataset.config.review_period_days,
                  load.target());
      }
    }
    return plan;
  }
};

class EchelonHeuristicPolicy : public Policy {
 public:
  [[nodiscard]] std::string name() const override { return "echelon_heuristic"; }
  [[nodiscard]] StockPlan plan(const network::Dataset& dataset, const DemandModel& demand,
                               const ServingNetwork& serving,
                               const std::vector<double>& miss_scale) const override {
    // A DC's shortfall only delays its children, which hold their own buffers: the DC runs at a
    // looser target (four times the miss rate), the pooling that single-echelon levels forgo.
    constexpr double kDcMissFactor = 4.0;
    StockPlan plan(dataset, 1);
    SupplyRoutes supply(dataset.network);
    auto targets = scaled_targets(dataset.network.speeds, miss_scale);
    for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
      auto routes = supply.routes(dataset, dataset.sourcing[plan.sourcing(sku)]);
      auto own = first_choice_loads(dataset, demand, serving, sku, targets);
      auto loads = echelon_loads(own, routes);
      for (NodeIndex node : all<NodeIndex>(routes.size())) {
        const NodeLoad& load = loads[node.value()];
        bool feeds_children = load.mean > own[node.value()].mean;
        double target = feeds_children ? clamp_target(1.0 - (1.0 - load.target()) * kDcMissFactor)
                                       : load.target();
        set_level(plan, sku, node, load, routes[node.value()], dataset.config.review_period_days,
                  target);
      }
    }
    return plan;
  }
};

class NationalPolicy : public Policy {
 public:
  [[nodiscard]] std::string name() const override { return "national"; }
  [[nodiscard]] bool calibrate_on_fill() const override { return true; }
  [[nodiscard]] std::optional<network::Network> serving_network(
      const network::Dataset& dataset) const override {
    network::Network net = dataset.network;
    SpeedIndex slowest(net.speed_count() - 1);
    for (RegionIndex region : all<RegionIndex>(net.region_count())) {
      // The region's cheapest rate and latest cut-off of the slowest speed.
      double rate = -1.0;
      double cutoff = 0.0;
      for (const network::DeliveryOption& option : dataset.network.delivery) {
        if (option.region != region || option.speed != slowest) continue;
        if (rate < 0.0 || option.cost_per_unit < rate) rate = option.cost_per_unit;
        cutoff = std::max(cutoff, option.cutoff_hour);
      }
      if (rate < 0.0) continue;
      for (NodeIndex node : all<NodeIndex>(net.node_count())) {
        if (net.nodes[node].type != network::NodeType::kDc) continue;
        net.delivery.push_back({node, region, slowest, rate, cutoff});
      }
    }
    return net;
  }
  [[nodiscard]] StockPlan plan(const network::Dataset& dataset, const DemandModel& demand,
                               const ServingNetwork&,
                               const std::vector<double>& miss_scale) const override {
    const network::Network& net = dataset.network;
    auto targets = scaled_targets(net.speeds, miss_scale);
    StockPlan plan(dataset, 1);
    std::vector<NodeIndex> nearest_dc(net.region_count());
    for (RegionIndex region : all<RegionIndex>(net.region_count())) {
      double best = -1.0;
      for (NodeIndex node : all<NodeIndex>(net.node_count())) {
        if (net.nodes[node].type != network::NodeType::kDc) continue;
        double distance = network::distance_km(net.nodes[node].lat, net.nodes[node].lon,
                                               net.regions[region].lat, net.regions[region].lon);
        if (best < 0.0 || distance < best) {
          best = distance;
          nearest_dc[region.value()] = node;
        }
      }
    }
    const std::size_t speeds = net.speed_count();
    SupplyRoutes supply(net);
    for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
      auto routes = supply.routes(dataset, dataset.sourcing[plan.sourcing(sku)]);
      std::vector<NodeLoad> loads(net.node_count());
      for (const CellDemand& cell : demand.cells(sku)) {
        NodeIndex dc = nearest_dc[cell.cell / speeds];
        if (!dc.valid()) continue;
        NodeLoad& load = loads[dc.value()];
        load.mean += cell.mean;
        load.variance += cell.variance;
        load.max_target = std::max(load.max_target, targets[cell.cell % speeds]);
      }
      for (NodeIndex node : all<NodeIndex>(net.node_count())) {
        const NodeLoad& load = loads[node.value()];
        set_level(plan, sku, node, load, routes[node.value()], dataset.config.review_period_days,
                  load.target());
      }
    }
    return plan;
  }
};

class PerfectInformationPolicy : public Policy {
 public:
  [[nodiscard]] std::string name() const override { return "perfect_information"; }
  [[nodiscard]] bool unlimited_stock() const override { return true; }
  [[nodiscard]] bool calibrated() const override { return false; }
  [[nodiscard]] StockPlan plan(const network::Dataset& dataset, const DemandModel&,
                               const ServingNetwork&, const std::vector<double>&) const override {
    return StockPlan(dataset, 1);
  }
};

class FixedPlanPolicy : public Policy {
 public:
  FixedPlanPolicy(std::string name, StockPlan plan, FulfillmentRule rule)
      : name_(std::move(name)), plan_(std::move(plan)), rule_(rule) {}
  [[nodiscard]] std::string name() const override { return name_; }
  [[nodiscard]] FulfillmentRule rule() const override { return rule_; }
  [[nodiscard]] bool calibrated() const override { return false; }
  [[nodiscard]] StockPlan plan(const network::Dataset&, const DemandModel&, const ServingNetwork&,
                               const std::vector<double>&) const override {
    return plan_;
  }

 private:
  std::string name_;
  StockPlan plan_;
  FulfillmentRule rule_;
};

}  // namespace

std::optional<network::Network> Policy::serving_network(const network::Dataset&) const {
  return std::nullopt;
}

std::unique_ptr<Policy> make_single_echelon_policy() { return std::make_unique<SingleEchelonPolicy>(); }
std::unique_ptr<Policy> make_national_policy() { return std::make_unique<NationalPolicy>(); }
std::unique_ptr<Policy> make_perfect_information_policy() {
  return std::make_unique<PerfectInformationPolicy>();
}
std::unique_ptr<Policy> make_echelon_heuristic_policy() {
  return std::make_unique<EchelonHeuristicPolicy>();
}
std::unique_ptr<Policy> make_fixed_plan_policy(std::string name, StockPlan plan,
                                               FulfillmentRule rule) {
  return std::make_unique<FixedPlanPolicy>(std::move(name), std::move(plan), rule);
}

std::vector<double> scaled_targets(const std::vector<network::Speed>& speeds,
                                   const std::vector<double>& miss_scale) {
  std::vector<double> targets(speeds.size());
  for (std::size_t speed = 0; speed < speeds.size(); ++speed) {
    double scale = speed < miss_scale.size() ? miss_scale[speed] : 1.0;
    targets[speed] = clamp_target(1.0 - (1.0 - speeds[speed].target_fill) * scale);
  }
  return targets;
}

std::vector<NodeLoad> first_choice_loads(const network::Dataset& dataset, const DemandModel& demand,
                                         const ServingNetwork& serving, SkuIndex sku,
                                         const std::vector<double>& targets) {
  const std::size_t speeds = dataset.network.speed_count();
  std::vector<NodeLoad> loads(dataset.network.node_count());
  for (const CellDemand& cell : demand.cells(sku)) {
    RegionIndex region(cell.cell / speeds);
    SpeedIndex speed(cell.cell % speeds);
    double target = targets[speed.value()];
    std::uint32_t first = serving.first_class(region, speed);
    std::uint32_t last = serving.last_class(region, speed);
    double total_share = 0.0;
    for (std::uint32_t class_idx = first; class_idx < last; ++class_idx) {
      total_share += serving.demand_class(class_idx).share;
    }
    for (std::uint32_t class_idx = first; class_idx < last; ++class_idx) {
      const network::DemandClass& demand_class = serving.demand_class(class_idx);
      const auto& options = demand_class.eligible.empty() ? demand_class.fallback : demand_class.eligible;
      if (options.empty() || total_share <= 0.0) continue;
      // Units fall in buckets independently: a binomial thinning of the cell's demand.
      double share = demand_class.share / total_share;
      NodeLoad& load = loads[options.front().node.value()];
      load.mean += share * cell.mean;
      load.variance += share * share * cell.variance + share * (1.0 - share) * cell.mean;
      load.max_target = std::max(load.max_target, target);
    }
  }
  return loads;
}

double base_stock_level(double mean, double variance, double lead_days, int review_days,
                        double target) {
  if (mean <= 0.0) return 0.0;
  const double period = std::max(1, review_days);
  const double period_mean = mean * period;
  const double period_variance = std::max(variance, 1e-12) * period;
  const double lead_periods = std::max(0.0, lead_days) / period;
  // Discrete demand where its tables stay small; normal beyond.
  const double interval_mean = period_mean * (lead_periods + 1.0);
  inventory::Distribution per_period =
      interval_mean > 400.0 ? inventory::Distribution::normal(period_mean, std::sqrt(period_variance))
      : period_variance > period_mean * 1.0001
          ? inventory::Distribution::negative_binomial(period_mean, period_variance)
          : inventory::Distribution::poisson(period_mean);
  double level = inventory::base_stock_level_for_fill_rate(per_period, lead_periods, target);
  return std::max(0.0, std::ceil(level - 1e-9));
}

}  // namespace echelon::simulate
