// SPDX-License-Identifier: Apache-2.0
#include "optimize/planning_network.h"

#include <algorithm>
#include <map>

#include "network/overrides.h"

namespace echelon::optimize {

DemandRates rates_from_history(const network::Dataset& dataset, Date as_of, int window_days) {
  const auto& demand = dataset.demand;
  const auto& config = dataset.config;
  const std::size_t speeds = config.speeds.size();
  const Date first = as_of - window_days;
  DemandRates result;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<double>> daily;  // (region, speed)
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    daily.clear();
    for (std::size_t row = demand.begin_of(sku); row < demand.end_of(sku); ++row) {
      Date date(demand.date[row]);
      if (date < first || date >= as_of) continue;
      int day = date - first;
      auto add = [&](std::size_t speed, double units) {
        auto& series = daily[{demand.region[row], speed}];
        if (series.empty()) series.assign(window_days, 0.0);
        series[day] += units;
      };
      if (demand.speed[row] >= 0) {
        add(static_cast<std::size_t>(demand.speed[row]), demand.quantity[row]);
      } else {
        for (std::size_t speed = 0; speed < speeds; ++speed) {
          add(speed, demand.quantity[row] * config.speed_mix[speed]);
        }
      }
    }
    for (const auto& [cell, series] : daily) {
      double sum = 0.0;
      double sum_sq = 0.0;
      for (double units : series) {
        sum += units;
        sum_sq += units * units;
      }
      double mean = sum / window_days;
      double variance = std::max(mean, sum_sq / window_days - mean * mean);
      if (mean <= 0.0) continue;
      result.rates.push_back({RegionIndex(cell.first), SpeedIndex(cell.second), mean, variance});
    }
    result.sku_offset.push_back(result.rates.size());
  }
  return result;
}

DemandRates scale_rates(const DemandRates& rates, std::span<const network::Override> rules, Date first,
                        int days) {
  DemandRates scaled = rates;
  std::vector<bool> done(rates.sku_offset.size() - 1, false);
  for (const network::Override& rule : rules) {
    if (rule.kind != network::OverrideKind::kForecastScale || done[rule.sku.value()]) continue;
    done[rule.sku.value()] = true;  // forecast_scale_on takes every rule of the SKU at once
    double mean_factor = 0.0;
    double variance_factor = 0.0;
    for (int step = 0; step < days; ++step) {
      const double factor = network::forecast_scale_on(rules, rule.sku, first + step);
      mean_factor += factor;
      variance_factor += factor * factor;
    }
    mean_factor /= std::max(days, 1);
    variance_factor /= std::max(days, 1);
    for (std::size_t index = rates.sku_offset[rule.sku.value()]; index < rates.sku_offset[rule.sku.value() + 1];
         ++index) {
      scaled.rates[index].mean_per_day *= mean_factor;
      scaled.rates[index].variance_per_day *= variance_factor;
    }
  }
  return scaled;
}

PlanningNetwork build_planning_network(const network::Dataset& dataset) {
  const auto& network = dataset.network;
  PlanningNetwork planning;
  planning.dataset = &dataset;
  planning.classes = network::build_demand_classes(network, dataset.config.order_hour_profile);
  const std::size_t speeds = network.speed_count();
  planning.classes_by_cell.resize(network.region_count() * speeds);
  for (std::size_t index = 0; index < planning.classes.size(); ++index) {
    const auto& demand_class = planning.classes[index];
    planning.classes_by_cell[demand_class.region.value() * speeds + demand_class.speed.value()]
        .push_back(index);
  }
  const std::size_t nodes = network.node_count();
  planning.feeder.assign(nodes, NodeIndex::invalid());
  planning.feeder_transit.assign(nodes, dataset.config.costs.default_transit_days);
  planning.feeder_lane_cost_unit.assign(nodes, 0.0);
  planning.feeder_lane_cost_m3.assign(nodes, 0.0);
  planning.holding_rate.assign(nodes, dataset.config.costs.holding_rate_per_year);
  for (NodeIndex node : all<NodeIndex>(nodes)) {
    const auto& spec = network.nodes[node];
    if (spec.holding_rate_per_year >= 0.0) planning.holding_rate[node.value()] = spec.holding_rate_per_year;
    if (spec.type == network::NodeType::kDc) {
      planning.dcs.push_back(node);
    } else {
      planning.stocking.push_back(node);
    }
  }
  // Each stocking node is fed by the DC with the shortest lane into it.
  for (NodeIndex node : planning.stocking) {
    double best = 1e300;
    for (LaneIndex lane : network.lanes_into(node)) {
      const auto& spec = network.lanes[lane];
      if (!spec.from_node.valid() || network.nodes[spec.from_node].type != network::NodeType::kDc) {
        continue;
      }
      if (spec.transit_days_mean < best) {
        best = spec.transit_days_mean;
        planning.feeder[node.value()] = spec.from_node;
        planning.feeder_transit[node.value()] = spec.transit_days_mean;
        planning.feeder_lane_cost_unit[node.value()] = spec.cost_per_unit;
        planning.feeder_lane_cost_m3[node.value()] = spec.cost_per_m3;
      }
    }
    if (!planning.feeder[node.value()].valid() && !planning.dcs.empty()) {
      planning.feeder[node.value()] = planning.dcs.front();
    }
  }
  return planning;
}

}  // namespace echelon::optimize
