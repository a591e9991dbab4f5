// SPDX-License-Identifier: Apache-2.0
// A whole planning dataset in memory: config, network, catalogue, sourcing, demand and price
// history, calendar, stock positions, open orders, observed lead times and planner overrides.
// History is columnar and grouped by SKU (CSR offsets), so a per-SKU subproblem reads one
// contiguous slice. io/dataset_reader.cc builds it and checks every reference.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "network/config.h"
#include "network/network.h"

namespace echelon::network {

struct Sku {
  std::string id;
  double unit_volume_m3 = 0.0;
  double unit_cost = 0.0;
  double price = 0.0;
  std::string category;
  double weight_kg = 0.0;
  std::optional<Date> launch_date;
};

struct SourcingOption {
  SkuIndex sku;
  VendorIndex vendor;
  double unit_cost = 0.0;
  double lead_time_days_mean = 0.0;
  double lead_time_days_sd = 0.0;
  double moq = 0.0;        // minimum order quantity, units
  double case_pack = 1.0;  // order quantities are multiples of this
  std::vector<NodeIndex> ships_to;  // empty: every node with a lane from the vendor
};

// Daily demand rows grouped by SKU, sorted by (date, region, speed) within a SKU.
struct DemandHistory {
  std::vector<std::int32_t> date;      // Date::days()
  std::vector<std::uint16_t> region;   // RegionIndex value
  std::vector<std::int8_t> speed;      // SpeedIndex value; -1 = not given (split by speed_mix)
  std::vector<float> quantity;
  std::vector<std::size_t> sku_offset;  // rows of SKU s are [sku_offset[s], sku_offset[s+1])
  Date first_date;
  Date last_date;

  [[nodiscard]] std::size_t rows() const { return quantity.size(); }
  [[nodiscard]] std::size_t begin_of(SkuIndex sku) const { return sku_offset[sku.value()]; }
  [[nodiscard]] std::size_t end_of(SkuIndex sku) const { return sku_offset[sku.value() + 1]; }
};

// Selling-price history grouped by SKU, sorted by date.
struct PriceHistory {
  std::vector<std::int32_t> date;
  std::vector<float> price;
  std::vector<std::size_t> sku_offset;
};

struct CalendarEvent {
  Date date;
  std::string event;
};

struct StockRecord {
  SkuIndex sku;
  NodeIndex node;
  double on_hand = 0.0;
};

struct InboundRecord {
  SkuIndex sku;
  NodeIndex node;
  double quantity = 0.0;
  Date eta;
};

struct LeadTimeObservation {
  VendorIndex vendor;
  SkuIndex sku;  // invalid: applies to every SKU of the vendor
  Date order_date;
  Date receipt_date;
};

enum class OverrideKind { kForecastScale, kMinLevel, kMaxLevel, kFixedLevel, kExcludeNode };

struct Override {
  SkuIndex sku;
  OverrideKind kind = OverrideKind::kForecastScale;
  double value = 0.0;
  NodeIndex node;                  // invalid: every node
  std::optional<Date> start_date;  // inclusive
  std::optional<Date> end_date;    // inclusive
  std::string note;
  std::size_t line = 0;            // line in overrides.csv, for the report
};

struct Dataset {
  Config config;
  Network network;
  IdTable<SkuIndex> sku_ids;
  IndexedVector<SkuIndex, Sku> skus;
  std::vector<SourcingOption> sourcing;        // grouped by SKU
  std::vector<std::size_t> sourcing_offset;    // options of SKU s: [offset[s], offset[s+1])
  DemandHistory demand;
  PriceHistory prices;
  std::vector<CalendarEvent> calendar;         // sorted by date
  std::vector<StockRecord> inventory;
  std::vector<InboundRecord> inbound;
  std::vector<LeadTimeObservation> lead_times;
  std::vector<Override> overrides;

  [[nodiscard]] std::size_t sku_count() const { return skus.size(); }
  [[nodiscard]] std::span<const SourcingOption> sourcing_of(SkuIndex sku) const {
    return std::span(sourcing).subspan(sourcing_offset[sku.value()],
                                       sourcing_offset[sku.value() + 1] - sourcing_offset[sku.value()]);
  }
  // config.planning_date, or the day after the last demand date.
  [[nodiscard]] Date planning_date() const;
  // A copy of what the planner reads (config, network, SKUs, sourcing, observed lead times,
  // overrides) without the histories and stock positions, the bulk of a dataset.
  [[nodiscard]] Dataset planner_view() const;
};

}  // namespace echelon::network
