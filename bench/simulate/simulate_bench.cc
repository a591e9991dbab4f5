// SPDX-License-Identifier: Apache-2.0
// BM_SimulateRun/<skus>/<rebalance>: one replication of the single-echelon plan on a synthetic
// network of 20 nodes and 30 regions (echelon generate), 365 measured days plus 14 warm-up,
// demand replayed from the generated history. Reports simulated SKU-days per second. The dataset is generated
// per size into a temporary directory, outside the timed loop.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "io/dataset_reader.h"
#include "io/generate/generator.h"
#include "simulate/compare.h"

namespace echelon::simulate {
namespace {

struct Fixture {
  network::Dataset dataset;
  std::unique_ptr<ServingNetwork> serving;
  StockPlan plan;
};

std::unique_ptr<Fixture> make_fixture(std::size_t skus) {
  RunContext ctx(RunOptions{.threads = 2, .seed = 1, .log_level = LogLevel::kWarn});
  auto dir = std::filesystem::temp_directory_path() / ("echelon_simulate_bench_" + std::to_string(skus));
  io::GenerateOptions options{.skus = skus, .nodes = 20, .regions = 30, .days = 400};
  io::generate_dataset(options, dir, ctx);
  auto slot = std::make_unique<Fixture>();
  slot->dataset = io::read_dataset(dir, ctx);
  std::filesystem::remove_all(dir);
  slot->serving = std::make_unique<ServingNetwork>(slot->dataset.network,
                                                   slot->dataset.config.order_hour_profile);
  SimulationOptions simulation{.days = 365, .warmup_days = 14};
  DemandModel model = estimate_demand_model(slot->dataset, held_out_start(slot->dataset, simulation), 21);
  std::vector<double> knobs(slot->dataset.network.speed_count(), 1.0);
  slot->plan = make_single_echelon_policy()->plan(slot->dataset, model, *slot->serving, knobs);
  return slot;
}

void BM_SimulateRun(benchmark::State& state) {
  std::unique_ptr<Fixture> fixture = make_fixture(static_cast<std::size_t>(state.range(0)));
  const Fixture& data = *fixture;
  SimulationOptions options{.days = 365, .warmup_days = 14, .replications = 1};
  options.rebalance_threshold = state.range(1) != 0 ? 0.25 : -1.0;
  DemandSource demand = DemandSource::replay(data.dataset, held_out_start(data.dataset, options));
  PolicyRun run{"single_echelon", &data.plan, data.serving.get(), FulfillmentRule::kGreedy, false};
  for (auto _ : state) {
    Kpis kpis = simulate_run(data.dataset, run, demand, options, 0, 1);
    benchmark::DoNotOptimize(kpis.cost.total());
  }
  state.counters["sku_days_per_s"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * 379.0 * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
// Second argument: 1 = fc->fc rebalancing on (threshold 25% of the sibling's level).
BENCHMARK(BM_SimulateRun)
    ->Args({1000, 0})
    ->Args({10000, 0})
    ->Args({10000, 1})
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace
}  // namespace echelon::simulate
