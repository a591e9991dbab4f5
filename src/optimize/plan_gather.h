// SPDX-License-Identifier: Apache-2.0
// Moving SKU plans and outcomes between ranks: a bit-exact byte encoding of SkuPlan and Outcome,
// and the gather of every rank's plans to rank 0 (who writes the outputs). Plans travel in
// batches, so no single message grows with the catalogue.
#pragma once

#include <vector>

#include "core/byte_buffer.h"
#include "optimize/exchange.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {

void encode(const Outcome& outcome, ByteWriter& out);
Outcome decode_outcome(ByteReader& in);
void encode(const SkuPlan& plan, ByteWriter& out);
SkuPlan decode_plan(ByteReader& in);

// Rank 0 ends with every rank's `plans` in rank order (SKU order under a SkuPartition); the
// other ranks end with none. A collective: every rank calls it.
void gather_plans(SkuExchange& exchange, std::vector<SkuPlan>& plans);
void gather_outcomes(SkuExchange& exchange, std::vector<Outcome>& outcomes);

}  // namespace echelon::optimize
