// SPDX-License-Identifier: Apache-2.0
#include "inventory/owmr_simulation.h"

#include <cmath>
#include <deque>
#include <limits>
#include <stdexcept>

#include "core/rng.h"

namespace echelon::inventory {
namespace {

// Time integrals of on-hand and backorders of one inventory level, over [from, to).
struct LevelAccount {
  std::int64_t level = 0;
  double on_hand_area = 0.0;
  double backorder_area = 0.0;

  void advance(double duration) {
    if (level > 0) {
      on_hand_area += static_cast<double>(level) * duration;
    } else {
      backorder_area += static_cast<double>(-level) * duration;
    }
  }
};

}  // namespace

OwmrSimulationResult simulate_owmr(const OwmrParams& params, const OwmrPolicy& policy,
                                   const OwmrSimulationOptions& options) {
  const std::size_t retailer_count = params.retailers.size();
  if (policy.retailer_levels.size() != retailer_count || options.batches < 2) {
    throw std::invalid_argument("simulate_owmr: one level per retailer and >= 2 batches");
  }
  Rng rng = Rng::stream(options.seed, 0x0C0FFEE, Purpose::kSimulation);
  LevelAccount warehouse{policy.warehouse_level};
  std::vector<LevelAccount> retailers(retailer_count);
  for (std::size_t index = 0; index < retailer_count; ++index) retailers[index].level = policy.retailer_levels[index];
  std::vector<double> next_demand(retailer_count);
  for (std::size_t index = 0; index < retailer_count; ++index) {
    next_demand[index] = sample_exponential(rng) / params.retailers[index].demand_rate;
  }
  std::deque<double> warehouse_receipts;                 // arrival times, increasing
  std::vector<std::deque<double>> retailer_receipts(retailer_count);
  std::deque<std::size_t> waiting;                       // retailer orders backordered at the DC
  std::vector<double> demand_count(retailer_count, 0.0);
  std::vector<double> served_count(retailer_count, 0.0);

  const double end = options.warm_up + options.horizon;
  const double batch_length = options.horizon / options.batches;
  std::vector<double> batch_cost(static_cast<std::size_t>(options.batches), 0.0);
  double now = 0.0;
  bool measuring = false;
  double batch_start_cost = 0.0;
  int batch = 0;

  auto cost_so_far = [&] {
    double total = params.warehouse_holding_cost * warehouse.on_hand_area;
    for (std::size_t index = 0; index < retailer_count; ++index) {
      total += params.retailers[index].holding_cost * retailers[index].on_hand_area +
               params.retailers[index].backorder_cost * retailers[index].backorder_area;
    }
    return total;
  };
  auto ship = [&](std::size_t index, double time) {
    retailer_receipts[index].push_back(time + params.retailers[index].transit_time);
  };
  auto advance_to = [&](double time) {
    // Cross warm-up and batch boundaries exactly.
    while (true) {
      double boundary = measuring ? options.warm_up + (batch + 1) * batch_length : options.warm_up;
      double stop = std::min(time, boundary);
      double duration = stop - now;
      if (measuring) {
        warehouse.advance(duration);
        for (LevelAccount& retailer : retailers) retailer.advance(duration);
      }
      now = stop;
      if (time < boundary) return;
      if (!measuring) {
        measuring = true;
        batch_start_cost = 0.0;
      } else {
        double total = cost_so_far();
        batch_cost[static_cast<std::size_t>(batch)] = (total - batch_start_cost) / batch_length;
        batch_start_cost = total;
        if (++batch == options.batches) return;
      }
    }
  };

  while (now < end) {
    // The next event: a demand, a DC receipt or a retailer receipt.
    double event = std::numeric_limits<double>::infinity();
    int kind = -1;
    std::size_t which = 0;
    for (std::size_t index = 0; index < retailer_count; ++index) {
      if (next_demand[index] < event) {
        event = next_demand[index];
        kind = 0;
        which = index;
      }
      if (!retailer_receipts[index].empty() && retailer_receipts[index].front() < event) {
        event = retailer_receipts[index].front();
        kind = 2;
        which = index;
      }
    }
    if (!warehouse_receipts.empty() && warehouse_receipts.front() < event) {
      event = warehouse_receipts.front();
      kind = 1;
    }
    if (event >= end) {
      advance_to(end);
      break;
    }
    advance_to(event);
    if (kind == 0) {
      if (measuring) {
        demand_count[which] += 1.0;
        if (retailers[which].level > 0) served_count[which] += 1.0;
      }
      retailers[which].level -= 1;
      // One-for-one: the retailer orders a unit from the DC, which orders one from its supplier.
      if (warehouse.level > 0) {
        ship(which, event);
      } else {
        waiting.push_back(which);
      }
      warehouse.level -= 1;
      warehouse_receipts.push_back(event + params.warehouse_lead_time);
      next_demand[which] = event + sample_exponential(rng) / params.retailers[which].demand_rate;
    } else if (kind == 1) {
      warehouse_receipts.pop_front();
      warehouse.level += 1;
      if (!waiting.empty()) {
        ship(waiting.front(), event);
        waiting.pop_front();
      }
    } else {
      retailer_receipts[which].pop_front();
      retailers[which].level += 1;
    }
  }

  OwmrSimulationResult result;
  double mean = 0.0;
  for (double value : batch_cost) mean += value;
  mean /= options.batches;
  double variance = 0.0;
  for (double value : batch_cost) variance += (value - mean) * (value - mean);
  variance /= (options.batches - 1);
  result.cost = mean;
  // 95% half-width with Student's t for 19 degrees of freedom (2.093), close enough for other
  // batch counts >= 10.
  result.cost_half_width = 2.093 * std::sqrt(variance / options.batches);
  result.warehouse_backorders = warehouse.backorder_area / options.horizon;
  result.warehouse_on_hand = warehouse.on_hand_area / options.horizon;
  for (std::size_t index = 0; index < retailer_count; ++index) {
    result.retailer_on_hand.push_back(retailers[index].on_hand_area / options.horizon);
    result.retailer_backorders.push_back(retailers[index].backorder_area / options.horizon);
    result.retailer_fill_rate.push_back(demand_count[index] > 0.0 ? served_count[index] / demand_count[index] : 1.0);
  }
  return result;
}

}  // namespace echelon::inventory
