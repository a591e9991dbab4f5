// SPDX-License-Identifier: Apache-2.0
// `echelon generate`: a realistic synthetic dataset of any size. US-like geography (regions
// weighted by population; DCs, FCs and same-day sites placed among them; delivery costs and
// cut-offs by distance and speed), heavy-tailed SKU velocities (most SKUs slow and intermittent,
// a few fast), weekly and yearly seasonality, trend, holiday and sales events, price promotions
// with a price response, over-dispersed daily demand, several vendors per SKU with lognormal
// lead times, current stock and open orders, and node capacities that bind.
//
// Every SKU draws from its own random stream, so the output is identical for any thread count.
// Demand is generated in chunks of SKUs in parallel and streamed to disk in SKU order.
#pragma once

#include <cstddef>
#include <filesystem>

#include "core/date.h"
#include "core/run_context.h"

namespace echelon::io {

struct GenerateOptions {
  std::size_t skus = 300;     // catalogue size
  std::size_t nodes = 9;      // stocking nodes: about 1 DC and 2 same-day sites per 9
  std::size_t regions = 30;   // demand regions
  int days = 730;             // days of demand history
  Date start = Date::from_civil({2023, 1, 2});  // first day of history (a Monday)
};

struct GenerateSummary {
  std::size_t demand_rows = 0;
  double demand_units = 0.0;
  std::size_t dcs = 0;
  std::size_t fcs = 0;
  std::size_t sameday_sites = 0;
  std::size_t vendors = 0;
};

// Writes a dataset directory at `out` (all files appear together, or none on error).
GenerateSummary generate_dataset(const GenerateOptions& options, const std::filesystem::path& out,
                                 RunContext& ctx);

}  // namespace echelon::io
