// SPDX-License-Identifier: Apache-2.0
#include "optimize/plan_gather.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <type_traits>

namespace echelon::optimize {
namespace {

// A field added to SkuPlan, NodeLevel or Outcome must be added to its encoding below too.
static_assert(sizeof(SkuPlan) == 512, "SkuPlan changed: update encode(SkuPlan) and decode_plan");
static_assert(sizeof(Outcome) == 200, "Outcome changed: update encode(Outcome) and decode_outcome");
static_assert(sizeof(NodeLevel) == 56, "NodeLevel changed: update its encoding in encode(SkuPlan) and decode_plan");

constexpr std::size_t kBatchBytes = std::size_t{64} << 20;  // per rank and gather

void put_doubles(ByteWriter& out, const std::vector<double>& values) {
  out.put_span(std::span<const double>(values));
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
    *values = in.get_vector<double>();
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
                         level.shipped_per_day, level.received_per_day}) {
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
                          &level.shipped_per_day, &level.received_per_day}) {
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
  plan.storage_m3 = in.get_vector<double>();
  plan.inbound_units = in.get_vector<double>();
  plan.outbound_units = in.get_vector<double>();
  plan.relaxed_point_priced = in.get<double>();
  plan.relaxed_storage_m3 = in.get_vector<double>();
  plan.relaxed_inbound_units = in.get_vector<double>();
  plan.relaxed_outbound_units = in.get_vector<double>();
  plan.relaxed_on_time = in.get_vector<double>();
  return plan;
}

void gather_plans(SkuExchange& exchange, std::vector<SkuPlan>& plans) {
  gather_items(
      exchange, plans, [](const SkuPlan& plan, ByteWriter& out) { encode(plan, out); },
      [](ByteReader& in) { return decode_plan(in); });
}

void gather_outcomes(SkuExchange& exchange, std::vector<Outcome>& outcomes) {
  gather_items(
      exchange, outcomes, [](const Outcome& outcome, ByteWriter& out) { encode(outcome, out); },
      [](ByteReader& in) { return decode_outcome(in); });
}

}  // namespace echelon::optimize
