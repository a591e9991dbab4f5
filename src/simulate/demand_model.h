// SPDX-License-Identifier: Apache-2.0
// The daily demand distribution every policy plans with: per SKU and (region, speed) cell, the
// mean and variance of daily units. Baselines and the calibration runs read demand only through
// this type, so a forecast (src/forecast) can replace the history estimate without touching the
// policies. Until then `estimate_demand_model` derives it from the training history: the mean
// and variance of daily demand over the window before the simulation start (days without a
// row count as zero). Rows without a speed are split by the config's speed mix, each unit
// independently (so the split adds binomial variance). Cell variances are scaled up together
// when the SKU's total varies more than the sum of its cells (demand correlated across regions)
// or its weekly totals vary more than seven independent days would (correlated across days).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "network/dataset.h"

namespace echelon::simulate {

struct CellDemand {
  std::uint32_t cell = 0;  // region * speed_count + speed
  double mean = 0.0;       // units per day
  double variance = 0.0;   // of daily units
};

class DemandModel {
 public:
  DemandModel() = default;
  DemandModel(std::size_t sku_count, std::size_t speed_count);

  // Appends the cells of the next SKU (SKUs are added in index order).
  void add_sku(std::span<const CellDemand> cells);

  [[nodiscard]] std::span<const CellDemand> cells(SkuIndex sku) const {
    return std::span(cells_).subspan(offset_[sku.value()], offset_[sku.value() + 1] - offset_[sku.value()]);
  }
  [[nodiscard]] std::size_t sku_count() const { return offset_.size() - 1; }
  [[nodiscard]] std::size_t speed_count() const { return speed_count_; }
  // Sum over cells (cells are treated as independent).
  [[nodiscard]] double total_mean(SkuIndex sku) const;
  [[nodiscard]] double total_variance(SkuIndex sku) const;

 private:
  std::vector<CellDemand> cells_;
  std::vector<std::size_t> offset_{0};
  std::size_t speed_count_ = 0;
};

// Mean and variance of daily demand per cell over [start - window_days, start).
DemandModel estimate_demand_model(const network::Dataset& dataset, Date start, int window_days);

}  // namespace echelon::simulate
