// SPDX-License-Identifier: Apache-2.0
// The plans each SKU took in the master's iterations over the whole catalogue and in the repair
// rounds, kept as columns of a restricted master LP (Dantzig-Wolfe): per SKU, every distinct
// plan's unpriced cost per day and its use of every coupled resource. The greedy fulfillment of
// the policy plans reroutes less than the relaxed model's hindsight allocation, so at the prices
// where the relaxed points fit the plans still overuse, and repair makes them fit at a cost; the
// LP then mixes all the plans seen to the cheapest combination that fits. A basic solution is
// fractional for at most as many SKUs as there are coupling rows, so taking each SKU's heaviest
// plan leaves little for a last repair. Compact: a column holds only the
// nodes its plan uses, and the index of the prices it was solved at, so that the plan itself can
// be solved again bit for bit rather than stored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "optimize/lagrangian.h"
#include "optimize/sku_problem.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {

// One coefficient of a column: row = node * 3 + resource (storage, inbound, outbound), or
// 3 * nodes + speed for the on-time units of a speed.
struct ColumnEntry {
  std::uint32_t row;
  float amount;  // the LP needs no more; half the memory of a double
};

class PlanColumns {
 public:
  // This rank's SKUs [first_sku, first_sku + skus), coupled by `state`'s rows: the node
  // resources with a finite limit, and the speeds' on-time targets when `service` (priced).
  PlanColumns(std::size_t first_sku, std::size_t skus, const CapacityState& state, bool service);

  // Records `plans` (one per SKU of this rank, in order), solved at `prices`; a plan equal in
  // cost and use to one already kept is not added again. `center`: these plans are the ones the
  // planner goes on with.
  void add(const std::vector<SkuPlan>& plans, const Prices& prices, bool center);
  // Records plans of some of this rank's SKUs (each names its SKU), solved at `prices`.
  void add_some(const std::vector<SkuPlan>& plans, const Prices& prices);

  struct Column {
    std::uint32_t price_id = 0;  // into prices()
    double cost = 0.0;           // per day, unpriced
    std::uint32_t first_entry = 0;
    std::uint32_t entry_count = 0;
  };
  [[nodiscard]] std::span<const Column> columns_of(std::size_t local_sku) const { return by_sku_[local_sku]; }
  [[nodiscard]] std::span<const ColumnEntry> entries_of(const Column& column) const {
    return {entries_.data() + column.first_entry, column.entry_count};
  }
  // The column of the plan the planner goes on with (the last added with `center`).
  [[nodiscard]] std::size_t center_of(std::size_t local_sku) const { return center_[local_sku]; }
  [[nodiscard]] const Prices& prices(std::uint32_t price_id) const { return prices_[price_id]; }
  [[nodiscard]] std::size_t first_sku() const { return first_sku_; }
  [[nodiscard]] std::size_t sku_count() const { return by_sku_.size(); }
  [[nodiscard]] std::size_t row_count() const { return limit_.size(); }
  // Per row: its limit (use <= limit) or, for a speed, its on-time target (on time >= target);
  // infinite where the row couples nothing.
  [[nodiscard]] std::span<const double> limits() const { return limit_; }
  [[nodiscard]] std::span<const char> at_least() const { return at_least_; }
  [[nodiscard]] std::size_t column_count() const { return columns_; }
  [[nodiscard]] bool empty() const { return prices_.empty(); }

 private:
  void entries_from(const SkuPlan& plan, std::vector<ColumnEntry>& out) const;
  // Adds `plan` as a column of local SKU `sku` unless it is already one; returns its column.
  std::size_t add_one(std::size_t sku, const SkuPlan& plan, std::uint32_t price_id, std::vector<ColumnEntry>& entries);

  std::size_t first_sku_;
  std::size_t nodes_;
  std::vector<double> limit_;   // per row, see limits()
  std::vector<char> at_least_;  // per row: a target, not a limit
  std::vector<Prices> prices_;
  std::vector<std::vector<Column>> by_sku_;
  std::vector<std::uint16_t> center_;
  std::vector<ColumnEntry> entries_;
  std::size_t columns_ = 0;
};

// The restricted master LP over every rank's columns, gathered: minimize the cost of one convex
// combination of columns per SKU subject to the coupling rows (use <= limit, on time >= target),
// each row elastic at a penalty far above any plan's cost. `fixed` holds, per row, what the SKUs
// with one column use; `limit` the row's bound (infinite: no row). Returns, per SKU with columns
// in the input order, the column of largest weight (the center column on ties). Leaving the
// center costs `switch_cost_share` of its cost, so that near ties keep it (each switch is a SKU
// to solve again); the cost reported is without it.
struct MasterColumns {
  std::vector<std::uint32_t> column_count;  // per SKU
  std::vector<std::uint16_t> center;        // per SKU
  std::vector<double> cost;                 // per column, SKU after SKU
  std::vector<std::uint64_t> entry_offset;  // per column, into entries (plus one at the end)
  std::vector<ColumnEntry> entries;
};
struct MasterChoice {
  std::vector<std::uint16_t> column;  // per SKU of MasterColumns
  double cost = 0.0;                  // the LP's value (unpriced cost of the columns' SKUs)
  double excess = 0.0;                // the LP's elastic use, relative to the limits, summed
  bool solved = false;
};
// Keeps in `columns` the `max_skus` SKUs whose plans' costs spread the widest (ties by order);
// the others keep their center plan, whose use joins `fixed`. Returns the positions kept, in
// order.
std::vector<std::size_t> keep_widest(MasterColumns& columns, std::size_t max_skus, std::span<double> fixed);

MasterChoice solve_restricted_master(const MasterColumns& columns, std::span<const double> fixed,
                                     std::span<const double> limit, std::span<const char> at_least,
                                     double switch_cost_share = 1e-4);

}  // namespace echelon::optimize
