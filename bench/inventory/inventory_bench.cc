// SPDX-License-Identifier: Apache-2.0
// Timings of the classic inventory models on the reference instances (see
// tests/data/reference/cases.json) and a few larger ones.
#include <benchmark/benchmark.h>

#include <vector>

#include "inventory/gsm_dag.h"
#include "inventory/gsm_tree.h"
#include "inventory/lead_time_demand.h"
#include "inventory/newsvendor.h"
#include "inventory/rq_policy.h"
#include "inventory/serial_system.h"
#include "inventory/ss_policy.h"

namespace echelon::inventory {
namespace {

void BM_NewsvendorNormal(benchmark::State& state) {
  Distribution demand = Distribution::normal(50, 8);
  for (auto _ : state) benchmark::DoNotOptimize(newsvendor(demand, {0.18, 0.7}));
}
BENCHMARK(BM_NewsvendorNormal);

void BM_BaseStockPoisson(benchmark::State& state) {
  Distribution demand = Distribution::poisson(static_cast<double>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(base_stock(demand, 4, {0.08, 1.25}));
}
BENCHMARK(BM_BaseStockPoisson)->Arg(18)->Arg(1000);

void BM_CompoundLeadTimeDemand(benchmark::State& state) {
  Distribution per_day = Distribution::poisson(5.0);
  Distribution lead_time = Distribution::table({0, 0, 0, 0.1, 0.2, 0.4, 0.2, 0.1});
  for (auto _ : state) benchmark::DoNotOptimize(compound_lead_time_demand(per_day, lead_time));
}
BENCHMARK(BM_CompoundLeadTimeDemand);

void BM_SsExact(benchmark::State& state) {
  SsParams params;
  params.costs = {1.0, 4.0};
  params.fixed_cost = 5.0 * static_cast<double>(state.range(0));
  params.demand = Distribution::poisson(static_cast<double>(state.range(0)));
  for (auto _ : state) {
    SsModel model(params);
    benchmark::DoNotOptimize(model.optimize());
  }
}
BENCHMARK(BM_SsExact)->Arg(6)->Arg(100)->Unit(benchmark::kMicrosecond);

void BM_RqExact(benchmark::State& state) {
  RqParams params;
  params.costs = {20.0, 150.0};
  params.fixed_cost = 100.0;
  params.demand_rate = static_cast<double>(state.range(0)) / 2.0;
  params.lead_time_demand = Distribution::poisson(static_cast<double>(state.range(0)));
  for (auto _ : state) {
    RqModel model(params);
    benchmark::DoNotOptimize(model.optimize());
  }
}
BENCHMARK(BM_RqExact)->Arg(3)->Arg(200)->Unit(benchmark::kMicrosecond);

void BM_SerialPoisson4Stage(benchmark::State& state) {
  SerialParams params;
  params.stages = {{0.25, 0.25}, {2.5, 0.25}, {2.5, 0.25}, {0.25, 0.25}};
  params.stockout_cost = 99.0;
  params.demand = Distribution::poisson(16.0);
  for (auto _ : state) benchmark::DoNotOptimize(SerialSystem(params).optimize());
}
BENCHMARK(BM_SerialPoisson4Stage)->Unit(benchmark::kMicrosecond);

void BM_SerialNormal3Stage(benchmark::State& state) {
  SerialParams params;
  params.stages = {{3, 1}, {2, 1}, {2, 2}};
  params.stockout_cost = 37.12;
  params.demand = Distribution::normal(5, 1);
  for (auto _ : state) benchmark::DoNotOptimize(SerialSystem(params).optimize());
}
BENCHMARK(BM_SerialNormal3Stage)->Unit(benchmark::kMillisecond);

GsmNetwork camera_network() {
  std::vector<GsmStage> stages(10);
  double times[] = {2, 3, 2, 4, 2, 3, 6, 4, 3, 2};
  double costs[] = {0.01, 0.03, 0.04, 0.06, 0.12, 0.13, 0.2, 0.08, 0.04, 0.5};
  for (std::size_t stage = 0; stage < 10; ++stage) {
    stages[stage].id = std::to_string(stage + 1);
    stages[stage].processing_time = times[stage];
    stages[stage].holding_cost = costs[stage];
    stages[stage].safety_factor = 1.6448536269514722;
  }
  stages[9].has_demand = true;
  stages[9].demand_sd = 10;
  stages[9].max_outbound_cst = 5;
  std::vector<GsmEdge> edges = {{0, 1, 1}, {1, 2, 1}, {2, 4, 1}, {3, 4, 1}, {4, 5, 1},
                                {5, 9, 1}, {6, 9, 1}, {7, 9, 1}, {8, 9, 1}};
  return GsmNetwork(std::move(stages), std::move(edges));
}

void BM_GsmTreeCamera(benchmark::State& state) {
  GsmNetwork network = camera_network();
  for (auto _ : state) benchmark::DoNotOptimize(solve_gsm_tree(network));
}
BENCHMARK(BM_GsmTreeCamera)->Unit(benchmark::kMicrosecond);

void BM_GsmDagCamera(benchmark::State& state) {
  GsmNetwork network = camera_network();
  for (auto _ : state) benchmark::DoNotOptimize(solve_gsm_dag(network, GsmDagOptions{}));
}
BENCHMARK(BM_GsmDagCamera)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace echelon::inventory
