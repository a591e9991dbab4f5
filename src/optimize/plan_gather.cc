// SPDX-License-Identifier: Apache-2.0
#include "optimize/plan_gather.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <cstring>
#include <iterator>
#include <type_traits>

namespace echelon::optimize {
namespace {

// A field added to SkuPlan, NodeLevel or Outcome must be added to its encoding below too.
static_assert(sizeof(SkuPlan) == 512, "SkuPlan changed: update encode(SkuPlan) and decode_plan");
static_assert(sizeof(Outcome) == 200, "Outcome changed: update encode(Outcome) and decode_outcome");
static_assert(sizeof(NodeLevel) == 64, "NodeLevel changed: update its encoding in encode(SkuPlan) and decode_plan");
static_assert(sizeof(SkuEvaluation) == 232, "SkuEvaluation changed: update encode(SkuEvaluation) and decode_evaluation");

constexpr std::size_t kBatchBytes = std::size_t{64} << 20;  // per rank and gather

// Per-node vectors are mostly zero (a SKU stocks a few nodes): the size, then the entries whose
// bits are not all zero as (index, value); -0.0 is kept as written.
void put_doubles(ByteWriter& out, const std::vector<double>& values) {
  std::uint32_t entries = 0;
  for (double value : values) entries += std::bit_cast<std::uint64_t>(value) != 0 ? 1 : 0;
  out.put<std::uint64_t>(values.size());
  out.put<std::uint32_t>(entries);
  for (std::size_t index = 0; index < values.size(); ++index) {
    if (std::bit_cast<std::uint64_t>(values[index]) == 0) continue;
    out.put<std::uint32_t>(static_cast<std::uint32_t>(index));
    out.put(values[index]);
  }
}

std::vector<double> get_doubles(ByteReader& in) {
  const auto size = in.get<std::uint64_t>();
  const auto entries = in.get<std::uint32_t>();
  if (entries > size || size > (std::uint64_t{1} << 32)) {
    throw std::runtime_error("byte buffer: a vector's entry count exceeds its size");
  }
  std::vector<double> values(size, 0.0);
  for (std::uint32_t entry = 0; entry < entries; ++entry) {
    const auto index = in.get<std::uint32_t>();
    if (index >= size) throw std::runtime_error("byte buffer: a vector entry lies outside the vector");
    values[index] = in.get<double>();
  }
  return values;
}

template <class Item, class Encode, class Decode>
void gather_items(SkuExchange& exchange, std::vector<Item>& items, Encode encode_item, Decode decode_item) {
  const auto ranks = static_cast<std::size_t>(exchange.size());
  if (ranks == 1) return;
  std::vector<std::vector<Item>> by_rank(ranks);
  std::size_t next = 0;
  // Rounds until every rank has sent everything; each sends at most about kBatchBytes a round.
  while (exchange.any(next < items.size())) {
    ByteWriter batch;
    const std::size_t start = next;
    while (next < items.size() && batch.bytes().size() < kBatchBytes) encode_item(items[next++], batch);
    batch.put<std::uint64_t>(next - start);
    ByteBuffers received = exchange.gather_to_root(batch.bytes());
    if (exchange.rank() != 0) continue;
    for (std::size_t rank = 1; rank < ranks; ++rank) {
      const std::vector<std::byte>& bytes = received[rank];
      ByteReader reader(bytes);
      // The count sits at the end of each batch.
      std::uint64_t count = 0;
      std::memcpy(&count, bytes.data() + bytes.size() - sizeof(count), sizeof(count));
      for (std::uint64_t item = 0; item < count; ++item) by_rank[rank].push_back(decode_item(reader));
    }
  }
  if (exchange.rank() != 0) {
    items.clear();
    return;
  }
  for (std::size_t rank = 1; rank < ranks; ++rank) {
    std::move(by_rank[rank].begin(), by_rank[rank].end(), std::back_inserter(items));
  }
}

}  // namespace

void encode(const Outcome& outcome, ByteWriter& out) {
  for (double value : {outcome.total, outcome.holding, outcome.shipping, outcome.inbound, outcome.upstream,
                       outcome.downgrade, outcome.lost_sale}) {
    out.put(value);
  }
  for (const auto* values : {&outcome.stock, &outcome.shipped, &outcome.demand, &outcome.on_time,
                             &outcome.downgraded, &outcome.lost}) {
    put_doubles(out, *values);
  }
}

Outcome decode_outcome(ByteReader& in) {
  Outcome outcome;
  for (double* value : {&outcome.total, &outcome.holding, &outcome.shipping, &outcome.inbound,
                        &outcome.upstream, &outcome.downgrade, &outcome.lost_sale}) {
    *value = in.get<double>();
  }
  for (auto* values : {&outcome.stock, &outcome.shipped, &outcome.demand, &outcome.on_time,
                       &outcome.downgraded, &outcome.lost}) {
    *values = get_doubles(in);
  }
  return outcome;
}

void encode(const SkuPlan& plan, ByteWriter& out) {
  out.put<std::uint64_t>(plan.sku.value());
  out.put<std::int32_t>(static_cast<std::int32_t>(plan.tier));
  out.put<std::uint64_t>(plan.vendor.valid() ? plan.vendor.value() : ~std::uint64_t{0});
  out.put<std::uint64_t>(plan.sourcing_option);
  // Field by field: NodeLevel has padding after its node index, which raw bytes would carry.
  out.put<std::uint64_t>(plan.levels.size());
  for (const NodeLevel& level : plan.levels) {
    out.put<std::uint64_t>(level.node.value());
    for (double value : {level.order_up_to, level.relaxed_level, level.safety_stock, level.expected_on_hand,
                         level.shipped_per_day, level.received_per_day, level.fulfill_charge}) {
      out.put(value);
    }
  }
  for (double value : {plan.demand_per_day, plan.variance_per_day, plan.protection_days}) out.put(value);
  encode(plan.outcome, out);
  for (double value : {plan.purchase, plan.dc_holding, plan.vendor_inbound, plan.dc_priced_extra,
                       plan.policy_priced, plan.relaxed_priced, plan.relaxed_optimum_priced,
                       plan.lower_bound_priced}) {
    out.put(value);
  }
  put_doubles(out, plan.storage_m3);
  put_doubles(out, plan.inbound_units);
  put_doubles(out, plan.outbound_units);
  out.put(plan.relaxed_point_priced);
  put_doubles(out, plan.relaxed_storage_m3);
  put_doubles(out, plan.relaxed_inbound_units);
  put_doubles(out, plan.relaxed_outbound_units);
  put_doubles(out, plan.relaxed_on_time);
}

SkuPlan decode_plan(ByteReader& in) {
  SkuPlan plan;
  plan.sku = SkuIndex(in.get<std::uint64_t>());
  plan.tier = static_cast<Tier>(in.get<std::int32_t>());
  const auto vendor = in.get<std::uint64_t>();
  plan.vendor = vendor == ~std::uint64_t{0} ? VendorIndex() : VendorIndex(vendor);
  plan.sourcing_option = in.get<std::uint64_t>();
  plan.levels.resize(in.get<std::uint64_t>());
  for (NodeLevel& level : plan.levels) {
    level.node = NodeIndex(in.get<std::uint64_t>());
    for (double* value : {&level.order_up_to, &level.relaxed_level, &level.safety_stock, &level.expected_on_hand,
                          &level.shipped_per_day, &level.received_per_day, &level.fulfill_charge}) {
      *value = in.get<double>();
    }
  }
  for (double* value : {&plan.demand_per_day, &plan.variance_per_day, &plan.protection_days}) {
    *value = in.get<double>();
  }
  plan.outcome = decode_outcome(in);
  for (double* value : {&plan.purchase, &plan.dc_holding, &plan.vendor_inbound, &plan.dc_priced_extra,
                        &plan.policy_priced, &plan.relaxed_priced, &plan.relaxed_optimum_priced,
                        &plan.lower_bound_priced}) {
    *value = in.get<double>();
  }
  plan.storage_m3 = get_doubles(in);
  plan.inbound_units = get_doubles(in);
  plan.outbound_units = get_doubles(in);
  plan.relaxed_point_priced = in.get<double>();
  plan.relaxed_storage_m3 = get_doubles(in);
  plan.relaxed_inbound_units = get_doubles(in);
  plan.relaxed_outbound_units = get_doubles(in);
  plan.relaxed_on_time = get_doubles(in);
  return plan;
}

void gather_plans(SkuExchange& exchange, std::vector<SkuPlan>& plans) {
  gather_items(
      exchange, plans, [](const SkuPlan& plan, ByteWriter& out) { encode(plan, out); },
      [](ByteReader& in) { return decode_plan(in); });
}

void encode(const SkuEvaluation& evaluation, ByteWriter& out) {
  for (double value : {evaluation.relaxed, evaluation.policy, evaluation.fresh, evaluation.fresh_variance}) {
    out.put(value);
  }
  encode(evaluation.outcome, out);
}

SkuEvaluation decode_evaluation(ByteReader& in) {
  SkuEvaluation evaluation;
  for (double* value : {&evaluation.relaxed, &evaluation.policy, &evaluation.fresh, &evaluation.fresh_variance}) {
    *value = in.get<double>();
  }
  evaluation.outcome = decode_outcome(in);
  return evaluation;
}

void gather_evaluations(SkuExchange& exchange, std::vector<SkuEvaluation>& evaluations) {
  gather_items(
      exchange, evaluations, [](const SkuEvaluation& evaluation, ByteWriter& out) { encode(evaluation, out); },
      [](ByteReader& in) { return decode_evaluation(in); });
}

void gather_values(SkuExchange& exchange, std::vector<double>& values) {
  gather_items(
      exchange, values, [](double value, ByteWriter& out) { out.put(value); },
      [](ByteReader& in) { return in.get<double>(); });
}

}  // namespace echelon::optimize
