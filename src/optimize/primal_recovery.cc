// SPDX-License-Identifier: Apache-2.0
// Primal recovery of the network planner: repair (switch SKU plans, cheapest per unit of capacity
// freed, until every resource fits) and fill (move cheaper plans into priced capacity left unused).
// Both take their decisions from offers gathered from every rank in one order, so any number of
// ranks switches the same plans.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>

#include "core/byte_buffer.h"
#include "core/rng.h"
#include "optimize/lagrangian.h"
#include "optimize/plan_columns.h"

namespace echelon::optimize {

namespace {

// A SKU's offer to switch plans; offers are taken in order of `key` (lowest first), ties by SKU,
// identically on every rank.
struct SwitchOffer {
  double key;
  std::uint64_t sku;
};

// How switching one SKU's plan changes a node's use of every resource.
struct UseChange {
  std::uint64_t sku;
  std::uint64_t node;
  std::array<double, kResourceCount> amount;
};

// The changes from plan `now` to plan `next`, node by node (only nodes that change).
void append_changes(const SkuPlan& now, const SkuPlan& next, std::vector<UseChange>& changes) {
  for (std::size_t node = 0; node < now.storage_m3.size(); ++node) {
    const std::array<double, kResourceCount> amount{next.storage_m3[node] - now.storage_m3[node],
                                                    next.inbound_units[node] - now.inbound_units[node],
                                                    next.outbound_units[node] - now.outbound_units[node]};
    if (amount != std::array<double, kResourceCount>{}) changes.push_back({now.sku.value(), node, amount});
  }
}

// The changes of `sku` in `changes` (sorted by SKU).
std::span<const UseChange> changes_of(const std::vector<UseChange>& changes, std::uint64_t sku) {
  auto [begin, end] = std::equal_range(changes.begin(), changes.end(), UseChange{sku, 0, {}},
                                       [](const UseChange& a, const UseChange& b) { return a.sku < b.sku; });
  return {begin, end};
}

// Whether a switch adds no use beyond any limit (`slack` relative: 0 = the limit itself).
bool switch_fits(std::span<const UseChange> changes, const CapacityState& state, double slack) {
  for (const UseChange& change : changes) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      const double amount = change.amount[resource];
      const double limit = state.limit[change.node][resource];
      if (amount > 0.0 && state.use[change.node][resource] + amount > limit * (1.0 + slack)) return false;
    }
  }
  return true;
}

// How much a switch changes the excess over the limits (each relative to its limit, summed) of
// the resources it touches; negative when it frees more overused capacity than it overloads.
double excess_change(std::span<const UseChange> changes, const CapacityState& state, double slack) {
  double sum = 0.0;
  for (const UseChange& change : changes) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      const double limit = state.limit[change.node][resource];
      if (!std::isfinite(limit)) continue;
      const double allowed = limit * (1.0 + slack);
      const double use = state.use[change.node][resource];
      const double before = std::max(0.0, use - allowed);
      const double after = std::max(0.0, use + change.amount[resource] - allowed);
      sum += (after - before) / std::max(1e-9, limit);
    }
  }
  return sum;
}

// Gathers every rank's offers and use changes (each rank's in SKU order) and takes the offers in
// one order, identically on every rank: an offer that `accept(changes)` admits, given the use so
// far, adds its changes to `state.use` and `take(offer)` switches it (on the rank that owns it);
// stops once `done()`. Returns how many offers were taken.
template <class Accept, class Take, class Done>
std::size_t take_offers(SkuExchange& exchange, const std::vector<SwitchOffer>& mine,
                        const std::vector<UseChange>& my_changes, CapacityState& state, Accept accept,
                        Take take, Done done) {
  std::vector<SwitchOffer> offers = all_gather_offers(exchange, mine);
  const std::vector<UseChange> changes = all_gather_offers(exchange, my_changes);
  std::sort(offers.begin(), offers.end(), [](const SwitchOffer& a, const SwitchOffer& b) {
    return a.key != b.key ? a.key < b.key : a.sku < b.sku;
  });
  std::size_t taken = 0;
  for (const SwitchOffer& offer : offers) {
    std::span<const UseChange> change = changes_of(changes, offer.sku);
    if (!accept(change)) continue;
    for (const UseChange& entry : change) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        state.use[entry.node][resource] += entry.amount[resource];
      }
    }
    take(offer);
    ++taken;
    if (done()) break;
  }
  return taken;
}

// A SKU that takes another of its columns.
struct ColumnSwitch {
  std::uint64_t sku;
  std::uint64_t column;
};

// The alternative solved for `sku` (one of `solved`, ascending, in the order of `alternatives`).
SkuPlan& alternative_of(const std::vector<SkuIndex>& solved, std::vector<SkuPlan>& alternatives, std::uint64_t sku) {
  const auto index = std::lower_bound(solved.begin(), solved.end(), SkuIndex(sku)) - solved.begin();
  return alternatives[static_cast<std::size_t>(index)];
}

}  // namespace

bool LagrangianSolver::recover_from_columns(RunContext& ctx, const PlanColumns& columns, std::vector<SkuPlan>& plans,
                                            LagrangianResult& result) const {
  // SKUs with a single plan are fixed: their use is summed over the ranks; the others' columns
  // go to rank 0, which solves the LP and sends back the SKUs that change plan.
  const std::size_t rows = columns.row_count();
  std::vector<ExactSum> fixed(rows);
  ByteWriter mine;
  for (std::size_t sku = 0; sku < columns.sku_count(); ++sku) {
    std::span<const PlanColumns::Column> own = columns.columns_of(sku);
    if (own.size() == 1) {
      for (const ColumnEntry& entry : columns.entries_of(own[0])) fixed[entry.row] += entry.amount;
      continue;
    }
    mine.put<std::uint64_t>(columns.first_sku() + sku);
    mine.put<std::uint32_t>(static_cast<std::uint32_t>(own.size()));
    mine.put<std::uint16_t>(static_cast<std::uint16_t>(columns.center_of(sku)));
    for (const PlanColumns::Column& column : own) {
      mine.put<double>(column.cost);
      mine.put_span(columns.entries_of(column));
    }
  }
  exchange_.sum(fixed);
  ByteBuffers gathered = exchange_.gather_to_root(mine.bytes());
  ByteWriter decision;
  if (exchange_.rank() == 0) {
    ctx.report({.phase = "recover", .done = 0, .total = 1, .message = "restricted master LP"});
    MasterColumns master;
    std::vector<std::uint64_t> skus;
    master.entry_offset.push_back(0);
    for (const std::vector<std::byte>& bytes : gathered) {
      ByteReader in(bytes);
      while (!in.done()) {
        skus.push_back(in.get<std::uint64_t>());
        master.column_count.push_back(in.get<std::uint32_t>());
        master.center.push_back(in.get<std::uint16_t>());
        for (std::uint32_t column = 0; column < master.column_count.back(); ++column) {
          master.cost.push_back(in.get<double>());
          std::vector<ColumnEntry> entries = in.get_vector<ColumnEntry>();
          master.entries.insert(master.entries.end(), entries.begin(), entries.end());
          master.entry_offset.push_back(master.entries.size());
        }
      }
    }
    std::vector<double> fixed_use(rows);
    for (std::size_t row = 0; row < rows; ++row) fixed_use[row] = fixed[row].value();
    const std::vector<std::size_t> kept = keep_widest(master, options_.restricted_master_skus, fixed_use);
    const double started = ctx.elapsed_seconds();
    MasterChoice choice = solve_restricted_master(master, fixed_use, columns.limits(), columns.at_least());
    ctx.log().debug("restricted master: LP of {} SKUs and {} plans solved in {:.1f} s", kept.size(),
                    master.cost.size(), ctx.elapsed_seconds() - started);
    std::vector<ColumnSwitch> switches;
    for (std::size_t index = 0; index < kept.size(); ++index) {
      if (choice.column[index] != master.center[index]) switches.push_back({skus[kept[index]], choice.column[index]});
    }
    decision.put<std::uint8_t>(choice.solved ? 1 : 0);
    decision.put<std::uint64_t>(kept.size());
    decision.put<std::uint64_t>(master.cost.size());
    decision.put<double>(choice.cost);
    decision.put<double>(choice.excess);
    decision.put_span(std::span<const ColumnSwitch>(switches));
  }
  std::vector<std::byte> bytes = decision.take();
  exchange_.broadcast_from_root(bytes);
  ByteReader in(bytes);
  const bool solved = in.get<std::uint8_t>() != 0;
  const auto lp_skus = in.get<std::uint64_t>();
  const auto lp_columns = in.get<std::uint64_t>();
  const double lp_cost = in.get<double>();
  const double lp_excess = in.get<double>();
  const auto switches = in.get_vector<ColumnSwitch>();
  if (lp_skus == 0) return false;
  if (!solved) {
    result.notes.push_back(fmt::format("restricted master over {} SKUs' {} plans: the LP failed, plans kept", lp_skus, lp_columns));
    return false;
  }
  // This rank's switches, solved again at the prices of their columns (one batch per prices).
  const double started = ctx.elapsed_seconds();
  std::vector<std::vector<SkuIndex>> by_prices;
  for (const auto& [sku, column] : switches) {
    if (partition_.owner(sku) != exchange_.rank()) continue;
    const std::uint32_t price_id = columns.columns_of(local(SkuIndex(sku)))[column].price_id;
    if (by_prices.size() <= price_id) by_prices.resize(price_id + 1);
    by_prices[price_id].push_back(SkuIndex(sku));
  }
  for (std::uint32_t price_id = 0; price_id < by_prices.size(); ++price_id) {
    if (by_prices[price_id].empty()) continue;
    std::vector<SkuPlan> solved_again;
    solve_subproblems(ctx, by_prices[price_id], columns.prices(price_id), solved_again);
    for (SkuPlan& plan : solved_again) plans[local(plan.sku)] = std::move(plan);
  }
  ctx.log().debug("restricted master: this rank's switches solved again in {:.1f} s", ctx.elapsed_seconds() - started);
  accumulate_use(plans, 1.0, result.capacity);
  result.notes.push_back(fmt::format(
      "restricted master over {} SKUs' {} plans: LP cost {:.2f} a day (elastic {:.3g}), switched {} SKUs, largest overuse {:.2f}%",
      lp_skus, lp_columns, lp_cost, lp_excess, switches.size(), 100.0 * largest_overuse(result.capacity)));
  return !switches.empty();
}

void LagrangianSolver::repair(RunContext& ctx, std::vector<SkuPlan>& plans, LagrangianResult& result,
                              PlanColumns* columns) const {
  // Each round raises the price of every overused resource at once, re-solves the SKUs that use
  // any of them in one batch, and switches the SKUs that free overused capacity at the lowest
  // cost per unit freed (relative to each limit) until every resource fits. A switch that would
  // push any resource past its limit is refused, so fixing one node never overloads another.
  CapacityState& state = result.capacity;
  const std::size_t nodes = state.limit.size();
  auto use_of = [](const SkuPlan& plan, std::size_t resource, std::size_t node) {
    return resource == 0 ? plan.storage_m3[node]
                         : (resource == 1 ? plan.inbound_units[node] : plan.outbound_units[node]);
  };
  auto excess_of = [&](std::size_t node, std::size_t resource) {
    const double limit = state.limit[node][resource];
    return std::isfinite(limit) ? state.use[node][resource] - limit * (1.0 + kFeasibleOveruse) : 0.0;
  };
  auto total_excess = [&] {
    double sum = 0.0;
    for (std::size_t node = 0; node < nodes; ++node) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        sum += std::max(0.0, excess_of(node, resource)) / std::max(1e-9, state.limit[node][resource]);
      }
    }
    return sum;
  };
  double reach = 8.0;  // doubles after a round that leaves more than half of its excess
  // Rounds whose switches never fill another resource past its limit, unless none is offered.
  constexpr int kStrictRepairRounds = 3;
  for (int round = 0; round < options_.repair_rounds && largest_overuse(state) > kFeasibleOveruse &&
                      !exchange_.any(ctx.cancelled());
       ++round) {
    ctx.report({.phase = "repair",
                .done = static_cast<double>(round),
                .total = static_cast<double>(options_.repair_rounds),
                .message = fmt::format("largest overuse {:.1f}%", 100.0 * largest_overuse(state))});
    const double before = total_excess();
    std::vector<std::pair<std::size_t, std::size_t>> overused;  // (node, resource)
    for (std::size_t node = 0; node < nodes; ++node) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        if (excess_of(node, resource) > 0.0) overused.push_back({node, resource});
      }
    }
    const auto totals = sum_over_ranks<2>(exchange_, plans, [](const SkuPlan& plan) {
      return std::array{plan.total_priced(), plan_cost_per_day(plan)};
    });
    for (const auto& [node, resource] : overused) {
      double& price = price_of(result.prices, static_cast<Resource>(resource), node);
      price = std::max(2.0 * price, 0.01 * totals[0] / std::max(1e-9, state.use[node][resource]));
      // No more than the whole plan's cost for the resource's whole limit: past that no SKU's
      // choice moves, and a resource no plan can fit (an override beyond its limit) would
      // otherwise double its price every round into meaningless figures.
      price = std::min(price, totals[1] / std::max(1e-9, state.limit[node][resource]));
    }
    // On a large catalogue an overused DC is used by a large share of all SKUs, and re-solving
    // them all costs a full pass per round for an excess that a few percent of them can free.
    // Each resource then offers its re-solve to a share of its users, `reach` times its relative
    // excess, picked by a hash of SKU and round: the same SKUs on every rank, others each round.
    std::vector<double> share(overused.size(), 1.0);
    if (planning_.dataset->sku_count() > options_.sample_threshold) {
      for (std::size_t index = 0; index < overused.size(); ++index) {
        const auto [node, resource] = overused[index];
        share[index] = std::min(1.0, reach * excess_of(node, resource) / std::max(1e-9, state.use[node][resource]));
      }
    }
    std::vector<SkuIndex> touched;
    for (const SkuPlan& plan : plans) {
      const std::uint64_t hash = mix64(plan.sku.value() ^ mix64(0x5EED0000ULL + round));
      const double draw = static_cast<double>(hash >> 11) * 0x1.0p-53;  // uniform on [0, 1)
      bool picked = false;
      for (std::size_t index = 0; index < overused.size(); ++index) {
        const auto [node, resource] = overused[index];
        picked |= use_of(plan, resource, node) > 0.0 && draw < share[index];
      }
      if (picked) touched.push_back(plan.sku);
    }
    std::array<ExactSum, 1> resolved{};
    resolved[0] += static_cast<double>(touched.size());
    exchange_.sum(resolved);
    std::vector<SkuPlan> alternatives;
    solve_subproblems(ctx, touched, result.prices, alternatives);
    if (columns != nullptr) columns->add_some(alternatives, result.prices);
    // Every rank's offers in one order (cheapest per unit freed first); each rank switches the
    // SKUs it owns.
    std::vector<SwitchOffer> offers;
    std::vector<UseChange> changes;  // in SKU order on every rank, so in SKU order when gathered
    for (std::size_t index = 0; index < touched.size(); ++index) {
      const SkuPlan& current = plans[local(touched[index])];
      double freed = 0.0;
      for (const auto& [node, resource] : overused) {
        freed += std::max(0.0, use_of(current, resource, node) - use_of(alternatives[index], resource, node)) /
                 std::max(1e-9, state.limit[node][resource]);
      }
      if (freed <= 0.0) continue;
      double extra = plan_cost_per_day(alternatives[index]) - plan_cost_per_day(current);
      offers.push_back({extra / freed, touched[index].value()});
      append_changes(current, alternatives[index], changes);
    }
    auto helps = [&](std::span<const UseChange> change) {
      for (const UseChange& entry : change) {
        for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
          if (entry.amount[resource] < 0.0 && excess_of(entry.node, resource) > 0.0) return true;
        }
      }
      return false;
    };
    std::unordered_set<std::uint64_t> taken;  // on every rank: each SKU switches once a round
    auto take = [&](const SwitchOffer& offer) {
      const std::uint64_t sku = offer.sku;
      taken.insert(sku);
      if (partition_.owner(sku) != exchange_.rank()) return;
      plans[local(SkuIndex(sku))] = std::move(alternative_of(touched, alternatives, sku));
    };
    auto fits = [&] { return largest_overuse(state) <= kFeasibleOveruse; };
    std::size_t switched = take_offers(
        exchange_, offers, changes, state,
        [&](std::span<const UseChange> change) { return helps(change) && switch_fits(change, state, kFeasibleOveruse); },
        take, fits);
    if (largest_overuse(state) > kFeasibleOveruse && (switched == 0 || round >= kStrictRepairRounds)) {
      // The offers left would overload another resource (a large SKU that can only move to nodes
      // at their limits): once the strict switches stall or have had their rounds, take those
      // that lower the total excess, so the next round can go on from the nodes they fill. The
      // excess never grows, so rounds cannot undo each other.
      switched += take_offers(
          exchange_, offers, changes, state,
          [&](std::span<const UseChange> change) {
            return !change.empty() && !taken.contains(change.front().sku) &&
                   excess_change(change, state, kFeasibleOveruse) < -1e-12;
          },
          take, fits);
    }
    accumulate_use(plans, 1.0, state);
    if (total_excess() > 0.5 * before) reach *= 2.0;
    result.notes.push_back(fmt::format("repair round {}: re-solved {} SKUs, switched {}, largest overuse {:.2f}%",
                                       round + 1, resolved[0].value(), switched, 100.0 * largest_overuse(state)));
    ctx.log().debug("{} at {:.1f} s", result.notes.back(), ctx.elapsed_seconds());
  }
}

void LagrangianSolver::fill_slack(RunContext& ctx, std::vector<SkuPlan>& plans, const std::vector<SkuIndex>& candidates,
                                  LagrangianResult& result) const {
  // A priced resource left with slack is paid for and unused: halve the prices of all of them,
  // re-solve, and take the SKU plans that save the most as long as every resource still fits.
  CapacityState& state = result.capacity;
  const std::size_t nodes = state.limit.size();
  constexpr double kFillWorthwhileSaving = 1e-3;
  const double controllable = sum_over_ranks<1>(exchange_, plans, [](const SkuPlan& plan) {
                                return std::array{plan_cost_per_day(plan) - plan.purchase};
                              })[0];
  for (int round = 0; round < options_.fill_rounds && !exchange_.any(ctx.cancelled()); ++round) {
    Prices lowered = result.prices;
    bool any = false;
    for (std::size_t node = 0; node < nodes; ++node) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        double limit = state.limit[node][resource];
        double& price = price_of(lowered, static_cast<Resource>(resource), node);
        if (!std::isfinite(limit) || price <= 0.0 || state.use[node][resource] >= limit * (1.0 - 1e-3)) continue;
        price *= 0.5;
        any = true;
      }
    }
    if (!any) return;
    std::vector<SkuPlan> alternatives;
    solve_subproblems(ctx, candidates, lowered, alternatives);
    // Every rank's offers (minus the saving, and the change of every resource at the nodes it
    // touches), in one order: largest saving first; each rank switches the SKUs it owns.
    std::vector<SwitchOffer> offers;
    std::vector<UseChange> changes;  // in SKU order on every rank, so in SKU order when gathered
    for (std::size_t index = 0; index < candidates.size(); ++index) {
      const SkuPlan& now = plans[local(candidates[index])];
      const SkuPlan& next = alternatives[index];
      const double cheaper = plan_cost_per_day(now) - plan_cost_per_day(next);
      if (cheaper <= 1e-9) continue;
      offers.push_back({-cheaper, now.sku.value()});
      append_changes(now, next, changes);
    }
    double saving = 0.0;  // per day, of the plans taken (the same sum on every rank)
    const std::size_t taken = take_offers(
        exchange_, offers, changes, state,
        [&](std::span<const UseChange> change) { return switch_fits(change, state, 0.0); },
        [&](const SwitchOffer& offer) {
          saving -= offer.key;
          const std::uint64_t sku = offer.sku;
          if (partition_.owner(sku) != exchange_.rank()) return;
          plans[local(SkuIndex(sku))] = std::move(alternative_of(candidates, alternatives, sku));
        },
        [] { return false; });
    accumulate_use(plans, 1.0, state);
    result.notes.push_back(fmt::format("fill round {}: took {} cheaper SKU plans into unused capacity, saving {:.2f} a day",
                                       round + 1, taken, saving));
    ctx.log().debug("{} at {:.1f} s", result.notes.back(), ctx.elapsed_seconds());
    // Another round re-solves every candidate again: worth it only while a round saves a
    // noticeable share of the controllable cost (on the generated networks and examples/small the
    // first round saves under 0.1% and the second takes nothing).
    if (taken * 100 < planning_.dataset->sku_count() || saving < kFillWorthwhileSaving * controllable) return;
  }
}

}  // namespace echelon::optimize
