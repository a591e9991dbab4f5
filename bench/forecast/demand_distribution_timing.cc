// SPDX-License-Identifier: Apache-2.0
// Times the planner's demand distributions (forecast/demand_distribution.h) on a dataset
// directory, e.g. one written by `echelon generate`: the fast mode on every SKU, sample paths
// for every SKU, and, as the baseline of the same run, the full forecaster on the first
// --full-skus SKUs.
//
//   demand_distribution_timing DIR [--threads 2] [--horizon 28] [--paths 50] [--full-skus 500]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <string>

#include "core/run_context.h"
#include "forecast/demand_distribution.h"
#include "io/dataset_reader.h"

namespace {

struct Timing {
  double wall = 0.0;
  double cpu = 0.0;
};

template <class Body>
Timing timed(Body&& body) {
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t start_cpu = std::clock();
  body();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          static_cast<double>(std::clock() - start_cpu) / CLOCKS_PER_SEC};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("demand distribution timing");
  std::string dir;
  int threads = 2, horizon = 28, paths = 50;
  std::size_t full_skus = 500;
  app.add_option("dir", dir, "dataset directory")->required();
  app.add_option("--threads", threads, "threads");
  app.add_option("--horizon", horizon, "days");
  app.add_option("--paths", paths, "sample paths per SKU");
  app.add_option("--full-skus", full_skus, "SKUs for the full-forecaster baseline (0 = none)");
  CLI11_PARSE(app, argc, argv);

  echelon::RunOptions run;
  run.threads = threads;
  echelon::RunContext ctx(run);
  echelon::network::Dataset dataset;
  const Timing read = timed([&] { dataset = echelon::io::read_dataset(dir, ctx); });
  const echelon::Date as_of = dataset.planning_date();
  echelon::forecast::DemandDistributionOptions options;
  options.horizon_days = horizon;
  echelon::forecast::DemandDistribution result;
  const Timing fast = timed([&] { result = echelon::forecast::forecast_demand_distribution(dataset, as_of, options, ctx); });
  double checksum = 0.0;
  const Timing sampling = timed([&] {
    std::vector<double> sums(dataset.sku_count(), 0.0);
    echelon::parallel_for(ctx.pool(), 0, dataset.sku_count(), 64, [&](std::size_t first, std::size_t last) {
      for (std::size_t sku = first; sku < last; ++sku) {
        for (float value : result.sample_paths(echelon::SkuIndex(sku), paths, 1)) sums[sku] += value;
      }
    });
    for (double value : sums) checksum += value;
  });
  const double skus = static_cast<double>(dataset.sku_count());
  fmt::print("{} SKUs, {} cells, {} regions, {} speeds, horizon {} (read {:.1f} s)\n", dataset.sku_count(),
             result.cells.size(), dataset.network.region_count(), dataset.config.speeds.size(), horizon, read.wall);
  fmt::print("fast mode:   {:.2f} s wall, {:.2f} s CPU, {:.3f} ms CPU per SKU ({} threads)\n", fast.wall, fast.cpu,
             1000.0 * fast.cpu / skus, ctx.threads());
  fmt::print("paths x{}:   {:.2f} s wall, {:.2f} s CPU, {:.3f} ms CPU per SKU (mean path units {:.1f})\n", paths,
             sampling.wall, sampling.cpu, 1000.0 * sampling.cpu / skus, checksum / skus / paths);
  if (full_skus > 0) {
    echelon::network::Dataset subset = dataset;
    const std::size_t keep = std::min(full_skus, dataset.sku_count());
    subset.skus.resize(keep);
    subset.demand.sku_offset.resize(keep + 1);
    subset.prices.sku_offset.clear();
    const Timing fast_subset = timed([&] { (void)echelon::forecast::forecast_demand_distribution(subset, as_of, options, ctx); });
    options.fast = false;
    options.full.global_model = false;
    const Timing full = timed([&] { (void)echelon::forecast::forecast_demand_distribution(subset, as_of, options, ctx); });
    fmt::print("first {} SKUs: fast {:.3f} ms CPU per SKU, full (local models, SKU x region forecasts) {:.3f} ms "
               "CPU per SKU: fast is {:.1f}x less CPU\n",
               keep, 1000.0 * fast_subset.cpu / static_cast<double>(keep), 1000.0 * full.cpu / static_cast<double>(keep),
               full.cpu / fast_subset.cpu);
  }
  return 0;
}
