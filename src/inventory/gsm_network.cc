// SPDX-License-Identifier: Apache-2.0
#include "inventory/gsm_network.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace echelon::inventory {

GsmNetwork::GsmNetwork(std::vector<GsmStage> stages, std::vector<GsmEdge> edges)
    : stages_(std::move(stages)), edges_(std::move(edges)), in_(stages_.size()), out_(stages_.size()) {
  const std::size_t count = stages_.size();
  for (std::size_t edge = 0; edge < edges_.size(); ++edge) {
    if (edges_[edge].from >= count || edges_[edge].to >= count) {
      throw std::invalid_argument("GSM edge refers to an unknown stage");
    }
    out_[edges_[edge].from].push_back(edge);
    in_[edges_[edge].to].push_back(edge);
  }
  // Kahn's algorithm; a leftover stage means a directed cycle.
  std::vector<std::size_t> pending(count);
  for (std::size_t stage = 0; stage < count; ++stage) pending[stage] = in_[stage].size();
  for (std::size_t stage = 0; stage < count; ++stage) {
    if (pending[stage] == 0) order_.push_back(stage);
  }
  for (std::size_t next = 0; next < order_.size(); ++next) {
    for (std::size_t edge : out_[order_[next]]) {
      if (--pending[edges_[edge].to] == 0) order_.push_back(edges_[edge].to);
    }
  }
  if (order_.size() != count) throw std::invalid_argument("GSM network has a directed cycle");

  // u_jd for every demand stage d, customers before suppliers.
  std::vector<std::size_t> demand_stages;
  for (std::size_t stage = 0; stage < count; ++stage) {
    if (stages_[stage].has_demand) demand_stages.push_back(stage);
  }
  std::vector<std::vector<double>> units(count, std::vector<double>(demand_stages.size(), 0.0));
  for (std::size_t column = 0; column < demand_stages.size(); ++column) {
    units[demand_stages[column]][column] = 1.0;
  }
  for (auto position = order_.rbegin(); position != order_.rend(); ++position) {
    std::size_t stage = *position;
    for (std::size_t edge : out_[stage]) {
      const std::vector<double>& customer = units[edges_[edge].to];
      for (std::size_t column = 0; column < demand_stages.size(); ++column) {
        units[stage][column] += edges_[edge].quantity * customer[column];
      }
    }
  }
  sigma_.assign(count, 0.0);
  mu_.assign(count, 0.0);
  for (std::size_t stage = 0; stage < count; ++stage) {
    double variance = 0.0;
    for (std::size_t column = 0; column < demand_stages.size(); ++column) {
      const GsmStage& demand = stages_[demand_stages[column]];
      double share = units[stage][column];
      variance += share * share * demand.demand_sd * demand.demand_sd;
      mu_[stage] += share * demand.demand_mean;
    }
    sigma_[stage] = std::sqrt(variance);
  }
}

double GsmNetwork::cost_coefficient(std::size_t stage) const {
  return stages_[stage].holding_cost * stages_[stage].safety_factor * sigma_[stage];
}

bool GsmNetwork::is_forest() const {
  std::vector<std::size_t> parent(stages_.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t node) {
    while (parent[node] != node) node = parent[node] = parent[parent[node]];
    return node;
  };
  for (const GsmEdge& edge : edges_) {
    std::size_t first = find(edge.from);
    std::size_t second = find(edge.to);
    if (first == second) return false;
    parent[first] = second;
  }
  return true;
}

std::vector<double> GsmNetwork::max_inbound_cst() const {
  std::vector<double> inbound(stages_.size(), 0.0);
  for (std::size_t stage : order_) {
    double value = stages_[stage].external_inbound_cst;
    for (std::size_t edge : in_[stage]) {
      std::size_t supplier = edges_[edge].from;
      value = std::max(value, std::min(inbound[supplier] + stages_[supplier].processing_time,
                                       stages_[supplier].max_outbound_cst));
    }
    inbound[stage] = value;
  }
  return inbound;
}

std::vector<double> GsmNetwork::repair(std::vector<double> outbound_cst) const {
  for (std::size_t stage : order_) {
    double inbound = stages_[stage].external_inbound_cst;
    for (std::size_t edge : in_[stage]) inbound = std::max(inbound, outbound_cst[edges_[edge].from]);
    outbound_cst[stage] = std::max(0.0, std::min(outbound_cst[stage], inbound + stages_[stage].processing_time));
  }
  return outbound_cst;
}

GsmEvaluation GsmNetwork::evaluate(const std::vector<double>& outbound_cst) const {
  const std::size_t count = stages_.size();
  GsmEvaluation result;
  result.feasible = outbound_cst.size() == count;
  if (!result.feasible) return result;
  result.inbound_cst.assign(count, 0.0);
  result.net_lead_time.assign(count, 0.0);
  result.safety_stock.assign(count, 0.0);
  result.base_stock.assign(count, 0.0);
  for (std::size_t stage = 0; stage < count; ++stage) {
    const GsmStage& data = stages_[stage];
    double inbound = data.external_inbound_cst;
    for (std::size_t edge : in_[stage]) inbound = std::max(inbound, outbound_cst[edges_[edge].from]);
    double outbound = outbound_cst[stage];
    double net = inbound + data.processing_time - outbound;
    // Tolerance for lead times read back from decimal text.
    if (outbound < 0.0 || outbound > data.max_outbound_cst + 1e-9 || net < -1e-9) result.feasible = false;
    net = std::max(0.0, net);
    result.inbound_cst[stage] = inbound;
    result.net_lead_time[stage] = net;
    result.safety_stock[stage] = data.safety_factor * sigma_[stage] * std::sqrt(net);
    result.base_stock[stage] = mu_[stage] * net + result.safety_stock[stage];
    result.cost += data.holding_cost * result.safety_stock[stage];
  }
  return result;
}

}  // namespace echelon::inventory
