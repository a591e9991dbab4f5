// SPDX-License-Identifier: Apache-2.0
#include "optimize/plan_columns.h"

#include <ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/assert.h"

namespace echelon::optimize {

PlanColumns::PlanColumns(std::size_t first_sku, std::size_t skus, const CapacityState& state, bool service)
    : first_sku_(first_sku), nodes_(state.limit.size()), by_sku_(skus), center_(skus, 0) {
  for (std::size_t node = 0; node < nodes_; ++node) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) limit_.push_back(state.limit[node][resource]);
  }
  at_least_.assign(limit_.size(), 0);
  for (double target : state.service_target) {
    limit_.push_back(service && target > 0.0 ? target : std::numeric_limits<double>::infinity());
    at_least_.push_back(1);
  }
}

void PlanColumns::entries_from(const SkuPlan& plan, std::vector<ColumnEntry>& out) const {
  out.clear();
  auto put = [&](std::size_t row, double amount) {
    if (std::isfinite(limit_[row]) && amount != 0.0) out.push_back({static_cast<std::uint32_t>(row), static_cast<float>(amount)});
  };
  for (std::size_t node = 0; node < nodes_; ++node) {
    put(3 * node, plan.storage_m3[node]);
    put(3 * node + 1, plan.inbound_units[node]);
    put(3 * node + 2, plan.outbound_units[node]);
  }
  for (std::size_t speed = 0; 3 * nodes_ + speed < limit_.size() && speed < plan.outcome.on_time.size(); ++speed) {
    put(3 * nodes_ + speed, plan.outcome.on_time[speed]);
  }
}

std::size_t PlanColumns::add_one(std::size_t sku, const SkuPlan& plan, std::uint32_t price_id,
                                 std::vector<ColumnEntry>& entries) {
  const double cost = plan_cost_per_day(plan);
  entries_from(plan, entries);
  std::vector<Column>& kept = by_sku_[sku];
  for (std::size_t index = 0; index < kept.size(); ++index) {
    std::span<const ColumnEntry> known = entries_of(kept[index]);
    if (kept[index].cost == cost && known.size() == entries.size() &&
        std::equal(known.begin(), known.end(), entries.begin(),
                   [](const ColumnEntry& a, const ColumnEntry& b) { return a.row == b.row && a.amount == b.amount; })) {
      return index;
    }
  }
  if (kept.size() == std::numeric_limits<std::uint16_t>::max()) return kept.size() - 1;
  kept.push_back({price_id, cost, static_cast<std::uint32_t>(entries_.size()), static_cast<std::uint32_t>(entries.size())});
  entries_.insert(entries_.end(), entries.begin(), entries.end());
  ++columns_;
  return kept.size() - 1;
}

void PlanColumns::add(const std::vector<SkuPlan>& plans, const Prices& prices, bool center) {
  ECHELON_ASSERT(plans.size() == by_sku_.size(), "one plan per SKU of the rank");
  const auto price_id = static_cast<std::uint32_t>(prices_.size());
  prices_.push_back(prices);
  std::vector<ColumnEntry> entries;
  for (std::size_t sku = 0; sku < plans.size(); ++sku) {
    const std::size_t column = add_one(sku, plans[sku], price_id, entries);
    if (center) center_[sku] = static_cast<std::uint16_t>(column);
  }
}

void PlanColumns::add_some(const std::vector<SkuPlan>& plans, const Prices& prices) {
  if (plans.empty()) return;
  const auto price_id = static_cast<std::uint32_t>(prices_.size());
  prices_.push_back(prices);
  std::vector<ColumnEntry> entries;
  for (const SkuPlan& plan : plans) add_one(plan.sku.value() - first_sku_, plan, price_id, entries);
}

std::vector<std::size_t> keep_widest(MasterColumns& columns, std::size_t max_skus, std::span<double> fixed) {
  const std::size_t skus = columns.column_count.size();
  std::vector<std::size_t> first(skus + 1, 0);
  for (std::size_t sku = 0; sku < skus; ++sku) first[sku + 1] = first[sku] + columns.column_count[sku];
  std::vector<std::size_t> kept(skus);
  std::iota(kept.begin(), kept.end(), std::size_t{0});
  if (skus <= max_skus) return kept;
  std::vector<double> spread(skus);
  for (std::size_t sku = 0; sku < skus; ++sku) {
    auto [low, high] = std::minmax_element(columns.cost.begin() + static_cast<std::ptrdiff_t>(first[sku]),
                                           columns.cost.begin() + static_cast<std::ptrdiff_t>(first[sku + 1]));
    spread[sku] = *high - *low;
  }
  std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) { return spread[a] > spread[b]; });
  kept.resize(max_skus);
  std::sort(kept.begin(), kept.end());
  std::vector<char> keep(skus, 0);
  for (std::size_t sku : kept) keep[sku] = 1;
  MasterColumns reduced;
  reduced.entry_offset.push_back(0);
  for (std::size_t sku = 0; sku < skus; ++sku) {
    if (keep[sku] == 0) {
      const std::size_t center = first[sku] + columns.center[sku];
      for (std::uint64_t at = columns.entry_offset[center]; at < columns.entry_offset[center + 1]; ++at) {
        fixed[columns.entries[at].row] += columns.entries[at].amount;
      }
      continue;
    }
    reduced.column_count.push_back(columns.column_count[sku]);
    reduced.center.push_back(columns.center[sku]);
    for (std::size_t column = first[sku]; column < first[sku + 1]; ++column) {
      reduced.cost.push_back(columns.cost[column]);
      reduced.entries.insert(reduced.entries.end(),
                             columns.entries.begin() + static_cast<std::ptrdiff_t>(columns.entry_offset[column]),
                             columns.entries.begin() + static_cast<std::ptrdiff_t>(columns.entry_offset[column + 1]));
      reduced.entry_offset.push_back(reduced.entries.size());
    }
  }
  columns = std::move(reduced);
  return kept;
}

MasterChoice solve_restricted_master(const MasterColumns& columns, std::span<const double> fixed,
                                     std::span<const double> limit, std::span<const char> at_least,
                                     double switch_cost_share) {
  MasterChoice choice;
  const std::size_t skus = columns.column_count.size();
  const std::size_t rows = limit.size();
  choice.column.assign(columns.center.begin(), columns.center.end());
  choice.solved = skus == 0;
  if (skus == 0) return choice;
  // Coupling rows in the LP: the finite ones, after the SKUs' convexity rows.
  std::vector<int> lp_row(rows, -1);
  int next_row = static_cast<int>(skus);
  for (std::size_t row = 0; row < rows; ++row) {
    if (std::isfinite(limit[row])) lp_row[row] = next_row++;
  }
  const int row_count = next_row;
  double scale = 0.0;  // the elastic penalty: far above what any mix of the columns can save
  for (double cost : columns.cost) scale += std::abs(cost);
  scale = 10.0 * std::max(1.0, scale);

  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value, objective, column_lower, column_upper;
  std::size_t column = 0;
  for (std::size_t sku = 0; sku < skus; ++sku) {
    // Leaving the plan in hand costs a trifle, so that near ties keep it: every switch is a
    // SKU to solve again.
    const double switch_cost = switch_cost_share * std::abs(columns.cost[column + columns.center[sku]]);
    for (std::uint32_t own = 0; own < columns.column_count[sku]; ++own, ++column) {
      index.push_back(static_cast<int>(sku));
      value.push_back(1.0);
      for (std::uint64_t at = columns.entry_offset[column]; at < columns.entry_offset[column + 1]; ++at) {
        const ColumnEntry& entry = columns.entries[at];
        if (lp_row[entry.row] < 0) continue;
        index.push_back(lp_row[entry.row]);
        value.push_back(entry.amount);
      }
      start.push_back(static_cast<CoinBigIndex>(index.size()));
      objective.push_back(columns.cost[column] + (own == columns.center[sku] ? 0.0 : switch_cost));
      column_lower.push_back(0.0);
      column_upper.push_back(1.0);
    }
  }
  const std::size_t plan_columns = objective.size();
  std::vector<double> row_lower(static_cast<std::size_t>(row_count), 1.0);
  std::vector<double> row_upper(static_cast<std::size_t>(row_count), 1.0);
  for (std::size_t row = 0; row < rows; ++row) {
    if (lp_row[row] < 0) continue;
    const auto at = static_cast<std::size_t>(lp_row[row]);
    const double rest = limit[row] - fixed[row];
    row_lower[at] = at_least[row] ? rest : -COIN_DBL_MAX;
    row_upper[at] = at_least[row] ? COIN_DBL_MAX : rest;
    index.push_back(lp_row[row]);
    value.push_back(at_least[row] ? 1.0 : -1.0);
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    objective.push_back(scale / std::max(1e-9, std::abs(limit[row])));
    column_lower.push_back(0.0);
    column_upper.push_back(COIN_DBL_MAX);
  }
  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(static_cast<int>(objective.size()), row_count, start.data(), index.data(), value.data(),
                    column_lower.data(), column_upper.data(), objective.data(), row_lower.data(), row_upper.data());
  // Start from the plans in hand, which fit: each SKU's center column basic, as are the
  // coupling rows' slacks (a triangular basis); from there the dual simplex needs a fraction of
  // the pivots it takes from the slack basis.
  for (std::size_t at = 0; at < objective.size(); ++at) model.setColumnStatus(static_cast<int>(at), ClpSimplex::atLowerBound);
  double* start_point = model.primalColumnSolution();
  std::fill(start_point, start_point + objective.size(), 0.0);
  column = 0;
  for (std::size_t sku = 0; sku < skus; ++sku) {
    model.setColumnStatus(static_cast<int>(column + columns.center[sku]), ClpSimplex::basic);
    start_point[column + columns.center[sku]] = 1.0;
    model.setRowStatus(static_cast<int>(sku), ClpSimplex::atLowerBound);
    column += columns.column_count[sku];
  }
  for (int row = static_cast<int>(skus); row < row_count; ++row) model.setRowStatus(row, ClpSimplex::basic);
  model.dual(0, 1);
  if (!model.isProvenOptimal()) model.primal();
  if (!model.isProvenOptimal()) return choice;
  const double* weight = model.primalColumnSolution();
  choice.solved = true;
  column = 0;
  for (std::size_t sku = 0; sku < skus; ++sku) {
    std::size_t best = columns.center[sku];
    for (std::uint32_t own = 0; own < columns.column_count[sku]; ++own) {
      if (weight[column + own] > weight[column + best] + 1e-9) best = own;
      choice.cost += columns.cost[column + own] * weight[column + own];
    }
    choice.column[sku] = static_cast<std::uint16_t>(best);
    column += columns.column_count[sku];
  }
  for (std::size_t row = 0; row < rows; ++row) {
    if (lp_row[row] >= 0) {
      const double elastic = weight[plan_columns + static_cast<std::size_t>(lp_row[row]) - skus];
      choice.excess += elastic / std::max(1e-9, std::abs(limit[row]));
    }
  }
  return choice;
}

}  // namespace echelon::optimize
