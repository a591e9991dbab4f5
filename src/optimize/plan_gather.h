// SPDX-License-Identifier: Apache-2.0
// Moving SKU plans and outcomes between ranks (and into a plan's stored state): a bit-exact byte
// encoding of SkuPlan, Outcome and SkuEvaluation, and the gather of every rank's plans to rank 0 (who writes the outputs). Plans travel in
// batches, so no single message grows with the catalogue.
#pragma once

#include <vector>

#include "core/byte_buffer.h"
#include "optimize/exchange.h"
#include "optimize/plan_evaluation.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {

void encode(const Outcome& outcome, ByteWriter& out);
Outcome decode_outcome(ByteReader& in);
void encode(const SkuPlan& plan, ByteWriter& out);
SkuPlan decode_plan(ByteReader& in);
void encode(const SkuEvaluation& evaluation, ByteWriter& out);
SkuEvaluation decode_evaluation(ByteReader& in);

// Rank 0 ends with every rank's `plans` in rank order (SKU order under a SkuPartition); the
// other ranks end with none. A collective: every rank calls it.
void gather_plans(SkuExchange& exchange, std::vector<SkuPlan>& plans);
void gather_evaluations(SkuExchange& exchange, std::vector<SkuEvaluation>& evaluations);
void gather_values(SkuExchange& exchange, std::vector<double>& values);

}  // namespace echelon::optimize
