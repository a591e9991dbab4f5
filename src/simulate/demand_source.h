// SPDX-License-Identifier: Apache-2.0
// The orders the simulator replays or samples, one SKU-day at a time. Replay reads the rows of a
// held-out period of demand.csv (day d of the simulation is date start + d); sampling draws the
// day's total from a negative binomial with the demand model's mean and variance and places each
// unit in a (region, speed) cell by the cells' shares. Either way every unit then falls in an
// order-time bucket of its cell by the order-hour profile (a uniform draw), rows without a speed
// are split by the speed mix, and units of one class and day form one order. Orders come back
// sorted by bucket start hour, ties in random order. Draws depend only on (seed, SKU id,
// replication, day), never on the policy: the policies of one replication see the same orders
// (common random numbers).
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "core/rng.h"
#include "network/dataset.h"
#include "simulate/demand_model.h"
#include "simulate/serving_network.h"

namespace echelon::simulate {

struct Order {
  std::uint32_t class_idx = 0;  // into ServingNetwork::classes()
  double quantity = 0.0;        // units
  std::uint32_t tiebreak = 0;   // random order among orders of one bucket
};

class DemandSource {
 public:
  // Replays history from `start` (rows before it are skipped).
  static DemandSource replay(const network::Dataset& dataset, Date start);
  // Samples from `model` (kept by reference; it must outlive the source).
  static DemandSource sampled(const network::Dataset& dataset, const DemandModel& model);

  // A cursor per SKU into the history (replay advances it day by day); one per simulation run.
  [[nodiscard]] std::vector<std::size_t> start_cursors() const;

  // The orders of `sku` on simulation day `day`, sorted as above, into `out` (cleared first).
  // `cursor` is the SKU's cursor; days must be asked in increasing order. `rng` is the SKU-day
  // stream.
  void orders(SkuIndex sku, int day, std::size_t& cursor, Rng& rng, const ServingNetwork& serving,
              std::vector<Order>& out) const;

  [[nodiscard]] bool is_replay() const { return model_ == nullptr; }
  [[nodiscard]] Date start() const { return start_; }

 private:
  DemandSource(const network::Dataset& dataset, const DemandModel* model, Date start)
      : dataset_(&dataset), model_(model), start_(start) {}

  void add_units(RegionIndex region, int speed, double quantity, Rng& rng,
                 const ServingNetwork& serving, std::vector<Order>& out) const;

  const network::Dataset* dataset_;
  const DemandModel* model_;  // null: replay
  Date start_;
};

}  // namespace echelon::simulate
