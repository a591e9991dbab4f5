// SPDX-License-Identifier: Apache-2.0
#include "optimize/plan_state.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "core/byte_buffer.h"
#include "core/error.h"
#include "optimize/plan_gather.h"

namespace echelon::optimize {
namespace {

constexpr std::string_view kMagic = "echelon plan state";
constexpr std::uint32_t kVersion = 2;  // 2: serving charges per level

void put_prices(const Prices& prices, ByteWriter& out) {
  for (const auto* values : {&prices.storage, &prices.inbound, &prices.outbound, &prices.service}) {
    out.put_span(std::span<const double>(*values));
  }
}

Prices get_prices(ByteReader& in) {
  Prices prices;
  for (auto* values : {&prices.storage, &prices.inbound, &prices.outbound, &prices.service}) {
    *values = in.get_vector<double>();
  }
  return prices;
}

}  // namespace

std::vector<std::uint64_t> sku_fingerprints(const network::Dataset& dataset, const DemandRates& rates) {
  std::vector<std::vector<const network::Override*>> rules(dataset.sku_count());
  for (const network::Override& rule : dataset.overrides) rules[rule.sku.value()].push_back(&rule);
  std::vector<std::uint64_t> result(dataset.sku_count());
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    const network::Sku& spec = dataset.skus[sku];
    Fingerprint print;
    print.add(spec.id).add(spec.unit_volume_m3).add(spec.unit_cost).add(spec.price).add(spec.category);
    print.add(spec.weight_kg).add(static_cast<std::uint64_t>(spec.launch_date ? spec.launch_date->days() + 1 : 0));
    for (const network::SourcingOption& option : dataset.sourcing_of(sku)) {
      print.add(static_cast<std::uint64_t>(option.vendor.value())).add(option.unit_cost);
      print.add(option.lead_time_days_mean).add(option.lead_time_days_sd).add(option.moq).add(option.case_pack);
      print.add(static_cast<std::uint64_t>(option.ships_to.size()));
      for (NodeIndex node : option.ships_to) print.add(static_cast<std::uint64_t>(node.value()));
    }
    for (const network::Override* rule : rules[sku.value()]) {
      print.add(static_cast<std::uint64_t>(rule->kind)).add(rule->value);
      print.add(rule->node.valid() ? static_cast<std::uint64_t>(rule->node.value()) : ~std::uint64_t{0});
      print.add(static_cast<std::uint64_t>(rule->start_date ? rule->start_date->days() + 1 : 0));
      print.add(static_cast<std::uint64_t>(rule->end_date ? rule->end_date->days() + 1 : 0));
    }
    for (const DemandRate& rate : rates.of(sku)) {
      print.add(static_cast<std::uint64_t>(rate.region.value()) << 16 | rate.speed.value());
      print.add(rate.mean_per_day).add(rate.variance_per_day);
    }
    result[sku.value()] = print.value();
  }
  return result;
}

void add_to_fingerprint(const SkuSolverOptions& options, Fingerprint& fingerprint) {
  static_assert(sizeof(SkuSolverOptions) == 80, "SkuSolverOptions changed: add the new field here");
  fingerprint.add(options.seed);
  for (int value : {options.fast_scenarios, options.medium_scenarios, options.slow_scenarios,
                    options.medium_candidates, options.fast_relaxed_evaluations,
                    options.medium_relaxed_evaluations, options.slow_relaxed_evaluations,
                    options.fast_policy_evaluations, options.medium_policy_evaluations,
                    options.evaluation_scale}) {
    fingerprint.add(static_cast<std::uint64_t>(value));
  }
  fingerprint.add(options.fast_units_per_day).add(options.slow_units_per_day).add(options.dc_cycle_service);
}

PlanState make_plan_state(std::uint64_t setup_fingerprint, const network::Dataset& dataset,
                          std::span<const std::uint64_t> fingerprints, const LagrangianResult& result,
                          std::span<const SkuEvaluation> evaluations) {
  PlanState state;
  state.setup_fingerprint = setup_fingerprint;
  state.prices = result.prices;
  state.bound_prices = result.bound_prices;
  state.skus.reserve(result.skus.size());
  for (std::size_t index = 0; index < result.skus.size(); ++index) {
    const SkuPlan& plan = result.skus[index];
    state.skus.emplace(dataset.skus[plan.sku].id, StoredSku{.fingerprint = fingerprints[plan.sku.value()],
                                                          .plan = plan,
                                                          .bound = result.sku_bounds[index],
                                                          .evaluation = evaluations[index]});
  }
  return state;
}

void write_plan_state(const std::filesystem::path& path, std::uint64_t setup_fingerprint,
                      const network::Dataset& dataset, std::span<const std::uint64_t> fingerprints,
                      const Prices& prices, const Prices& bound_prices, std::span<const SkuPlan> plans,
                      std::span<const double> bounds, std::span<const SkuEvaluation> evaluations) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
  ByteWriter head;
  head.reserve(1024 + 64 * (prices.storage.size() + prices.service.size()));
  head.put_span(std::span<const char>(kMagic.data(), kMagic.size()));
  head.put(kVersion);
  head.put(setup_fingerprint);
  head.put<std::uint64_t>(dataset.network.node_count());
  head.put<std::uint64_t>(prices.service.size());
  put_prices(prices, head);
  put_prices(bound_prices, head);
  head.put<std::uint64_t>(plans.size());
  file.write(reinterpret_cast<const char*>(head.bytes().data()), static_cast<std::streamsize>(head.bytes().size()));
  // One record per SKU, each preceded by its length, written as it is encoded.
  for (std::size_t index = 0; index < plans.size(); ++index) {
    const SkuPlan& plan = plans[index];
    ByteWriter record;
    const std::string& id = dataset.skus[plan.sku].id;
    record.put_span(std::span<const char>(id.data(), id.size()));
    record.put(fingerprints[plan.sku.value()]);
    record.put(bounds[index]);
    encode(plan, record);
    encode(evaluations[index], record);
    const std::uint64_t size = record.bytes().size();
    file.write(reinterpret_cast<const char*>(&size), sizeof(size));
    file.write(reinterpret_cast<const char*>(record.bytes().data()), static_cast<std::streamsize>(size));
  }
  if (!file.flush()) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

std::optional<PlanState> read_plan_state(const std::filesystem::path& path, std::size_t nodes,
                                         std::size_t speeds) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  std::ifstream file(path, std::ios::binary);
  const std::vector<char> raw((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(raw.data()), raw.size());
  const SourceLocation where{path.string(), 0, 0};
  PlanState state;
  try {
    ByteReader in(bytes);
    const std::vector<char> magic = in.get_vector<char>();
    if (std::string_view(magic.data(), magic.size()) != kMagic) {
      throw InputError(where, "not a plan state: expected the plan_state.bin that echelon plan writes");
    }
    if (const auto version = in.get<std::uint32_t>(); version != kVersion) {
      throw InputError(where, fmt::format("plan state version {}, expected {}: plan again without "
                                          "--warm-start, or from the prices alone",
                                          version, kVersion));
    }
    state.setup_fingerprint = in.get<std::uint64_t>();
    const auto stored_nodes = in.get<std::uint64_t>();
    const auto stored_speeds = in.get<std::uint64_t>();
    if (stored_nodes != nodes || stored_speeds != speeds) {
      throw InputError(where, fmt::format("plan state for {} nodes and {} speeds, expected {} and {}",
                                          stored_nodes, stored_speeds, nodes, speeds));
    }
    state.prices = get_prices(in);
    state.bound_prices = get_prices(in);
    const auto count = in.get<std::uint64_t>();
    state.skus.reserve(count);
    for (std::uint64_t index = 0; index < count; ++index) {
      const auto size = in.get<std::uint64_t>();
      ByteReader record(in.get_bytes(size));
      const std::vector<char> id = record.get_vector<char>();
      StoredSku sku;
      sku.fingerprint = record.get<std::uint64_t>();
      sku.bound = record.get<double>();
      sku.plan = decode_plan(record);
      sku.evaluation = decode_evaluation(record);
      state.skus.emplace(std::string(id.data(), id.size()), std::move(sku));
    }
  } catch (const std::runtime_error& error) {
    if (dynamic_cast<const InputError*>(&error) != nullptr) throw;
    throw InputError(where, fmt::format("damaged plan state ({}); plan again without --warm-start", error.what()));
  }
  return state;
}

}  // namespace echelon::optimize
