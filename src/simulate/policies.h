// SPDX-License-Identifier: Apache-2.0
// The policies the simulator compares, on one interface: each names itself, may serve orders on
// its own view of the network, and turns the shared demand model into a StockPlan for service
// knobs, one per speed (the speed's allowed miss rate 1 - target is multiplied by its knob; 1 =
// the nominal targets, smaller = more stock). compare.h calibrates the knobs per policy so that
// each speed meets its target without overshooting it by more than a point where the levels'
// granularity allows; all policies use the same demand model, the same fulfillment rule family
// and the same targets (DESIGN section 4).
//
// Levels come from inventory/'s periodic-review base-stock fill-rate model: per node, daily
// demand of the classes whose first choice it is (their first eligible node, else first
// fallback), over a protection interval of review period + lead time (vendor lead time at nodes
// a vendor feeds, lane transit at nodes a DC feeds); a DC's demand is the sum of its children's.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "network/dataset.h"
#include "simulate/demand_model.h"
#include "simulate/serving_network.h"
#include "simulate/simulator.h"
#include "simulate/stock_plan.h"
#include "simulate/supply_routes.h"

namespace echelon::simulate {

class Policy {
 public:
  virtual ~Policy() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  // The network its orders are served on; nullopt: the dataset's own.
  [[nodiscard]] virtual std::optional<network::Network> serving_network(
      const network::Dataset& dataset) const;
  // Levels for every SKU and node at the per-speed service knobs (each > 0).
  [[nodiscard]] virtual StockPlan plan(const network::Dataset& dataset, const DemandModel& demand,
                                       const ServingNetwork& serving,
                                       const std::vector<double>& miss_scale) const = 0;
  [[nodiscard]] virtual FulfillmentRule rule() const { return FulfillmentRule::kGreedy; }
  [[nodiscard]] virtual bool unlimited_stock() const { return false; }
  // Whether compare calibrates the knobs; false: plan(…, all 1) is used as is.
  [[nodiscard]] virtual bool calibrated() const { return true; }
  // Calibrate on fill (any speed) rather than on-time rate: for policies whose delivery cannot
  // meet the faster promises at all.
  [[nodiscard]] virtual bool calibrate_on_fill() const { return false; }
};

// Independent per-node base-stock on each node's own first-choice demand at the speed targets,
// DCs at the same targets on their children's demand; no spillover awareness.
std::unique_ptr<Policy> make_single_echelon_policy();
// Stock pooled at the DCs, every DC shipping to every region at the slowest speed (2-day) at the
// region's cheapest rate and latest cut-off for that speed; faster orders are downgraded.
std::unique_ptr<Policy> make_national_policy();
// Unlimited stock at every node: the perfect-information floor of cost.
std::unique_ptr<Policy> make_perfect_information_policy();
// "echelon_heuristic": network-aware base-stock levels without the optimizer (planner_policy.h
// has the echelon policy): DC safety stock set for pooling
// (a looser DC target, the children's buffers covering the rest), children at the speed targets
// with credit for on-time spillover, opportunity-cost-aware fulfillment protecting safety stock
// for the fastest speed.
std::unique_ptr<Policy> make_echelon_heuristic_policy();
// A fixed plan (plan.csv from `echelon plan`), not calibrated.
std::unique_ptr<Policy> make_fixed_plan_policy(std::string name, StockPlan plan,
                                               FulfillmentRule rule);

// Target fill per speed after the knobs: 1 - (1 - target) x knob, kept inside [0.5, 0.9999].
std::vector<double> scaled_targets(const std::vector<network::Speed>& speeds,
                                   const std::vector<double>& miss_scale);

// Per node of one SKU: daily mean and variance of first-choice demand, and the highest target
// among the speeds in it (a node's fill rate is shared by every order it serves, so it must meet
// the most demanding one).
struct NodeLoad {
  double mean = 0.0;
  double variance = 0.0;
  double max_target = 0.0;
  [[nodiscard]] double target() const { return max_target; }
};
// `targets` per speed (scaled_targets).
std::vector<NodeLoad> first_choice_loads(const network::Dataset& dataset, const DemandModel& demand,
                                         const ServingNetwork& serving, SkuIndex sku,
                                         const std::vector<double>& targets);

// Smallest periodic-review base-stock level with fill rate >= target for daily demand (mean,
// variance), lead time `lead_days` and review period `review_days` (inventory/ service_level).
double base_stock_level(double mean, double variance, double lead_days, int review_days,
                        double target);

}  // namespace echelon::simulate
