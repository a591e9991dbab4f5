// SPDX-License-Identifier: Apache-2.0
// The policies the simulator compares, on one interface: each names itself, may serve orders on
// its own view of the network, and turns the shared demand model into a StockPlan for a service
// knob `miss_scale` (every node's allowed miss rate 1 - target is multiplied by it; 1 = the
// nominal targets, smaller = more stock). compare.h calibrates that knob per policy so that each
// speed meets its target without overshooting it by more than a point; all policies use the
// same demand model, the same fulfillment rule family and the same targets (DESIGN section 4).
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
  // Levels for every SKU and node at service knob `miss_scale` > 0.
  [[nodiscard]] virtual StockPlan plan(const network::Dataset& dataset, const DemandModel& demand,
                                       const ServingNetwork& serving, double miss_scale) const = 0;
  [[nodiscard]] virtual FulfillmentRule rule() const { return FulfillmentRule::kGreedy; }
  [[nodiscard]] virtual bool unlimited_stock() const { return false; }
  // Whether compare calibrates miss_scale; false: plan(…, 1) is used as is.
  [[nodiscard]] virtual bool calibrated() const { return true; }
  // Calibrate on fill (any speed) rather than on-time rate: for policies whose delivery cannot
  // meet the faster promises at all.
  [[nodiscard]] virtual bool calibrate_on_fill() const { return false; }
};

// Independent per-node base-stock on each node's own first-choice demand at the speed targets,
// DCs at the same targets on their children's demand; no spillover awareness.
std::unique_ptr<Policy> make_single_echelon_policy();
// Stock pooled at the DCs, every DC shipping to every region at the slowest speed (2-day) at the
// region's cheapest rate for that speed; faster orders are downgraded.
std::unique_ptr<Policy> make_national_policy();
// Unlimited stock at every node: the perfect-information floor of cost.
std::unique_ptr<Policy> make_perfect_information_policy();
// Network-aware levels until the optimizer's plan is available: DC safety stock set for pooling
// (a looser DC target, the children's buffers covering the rest), children at the speed targets
// with credit for on-time spillover, opportunity-cost-aware fulfillment protecting safety stock
// for the fastest speed.
std::unique_ptr<Policy> make_echelon_heuristic_policy();
// A fixed plan (plan.csv from `echelon plan`), not calibrated.
std::unique_ptr<Policy> make_fixed_plan_policy(std::string name, StockPlan plan,
                                               FulfillmentRule rule);

// Per node of one SKU: daily mean, variance and mean-weighted target of first-choice demand.
struct NodeLoad {
  double mean = 0.0;
  double variance = 0.0;
  double target_mean = 0.0;  // sum of mean x target of the speed
  [[nodiscard]] double target() const { return mean > 0 ? target_mean / mean : 0.0; }
};
std::vector<NodeLoad> first_choice_loads(const network::Dataset& dataset, const DemandModel& demand,
                                         const ServingNetwork& serving, SkuIndex sku);

// Smallest periodic-review base-stock level with fill rate >= target for daily demand (mean,
// variance), lead time `lead_days` and review period `review_days` (inventory/ service_level).
double base_stock_level(double mean, double variance, double lead_days, int review_days,
                        double target);

}  // namespace echelon::simulate
