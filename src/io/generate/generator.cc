// SPDX-License-Identifier: Apache-2.0
#include "io/generate/generator.h"

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "io/config_reader.h"
#include "io/csv_writer.h"
#include "io/generate/model.h"
#include "io/output_dir.h"

namespace echelon::io {

GenerateSummary generate_dataset(const GenerateOptions& options, const std::filesystem::path& out,
                                 RunContext& ctx) {
  using namespace generate;
  World world;
  world.options = options;
  world.seed = ctx.seed();
  world.config = network::Config::defaults();
  world.config.planning_date = options.start + options.days;
  Rng rng = Rng::stream(world.seed, 0, Purpose::kGenerate);
  world.regions = place_regions(std::max<std::size_t>(1, options.regions), rng);

  int total_days = options.days + world.config.forecast.horizon_days;
  Date last_day = options.start + (total_days - 1);
  std::vector<EventDay> events = event_days(options.start, last_day);
  world.day_event_factor.assign(total_days, 1.0);
  for (const EventDay& event : events) {
    world.day_event_factor[event.date - options.start] *= event.multiplier;
  }
  for (int day = 0; day < total_days; ++day) {
    world.day_text.push_back((options.start + day).to_string());
  }

  OutputDir dir(out);
  std::filesystem::path staging = dir.path("");
  write_network_files(world, staging);

  std::vector<SkuProfile> profiles(options.skus);
  parallel_for(ctx.pool(), 0, profiles.size(), 256, [&](std::size_t first, std::size_t last) {
    for (std::size_t sku = first; sku < last; ++sku) profiles[sku] = make_sku_profile(world, sku);
  });
  NodeLoad load = write_catalogue_files(world, profiles, staging);
  write_nodes_file(world, load, staging / "nodes.csv");

  CsvWriter calendar(staging / "calendar.csv", {"date", "event"});
  for (const EventDay& event : events) calendar.row(event.date, event.name);
  calendar.commit();
  write_file_atomic(staging / "echelon.yaml",
                    fmt::format("# Synthetic dataset: {} SKUs, {} nodes, {} regions, {} days "
                                "(echelon generate --seed {}).\n{}",
                                options.skus, options.nodes, options.regions, options.days,
                                world.seed, config_yaml(world.config)));

  auto [rows, units] = write_demand(world, profiles, staging / "demand.csv", ctx);
  dir.commit();

  GenerateSummary summary;
  summary.demand_rows = rows;
  summary.demand_units = units;
  summary.vendors = world.vendors.size();
  for (const GenNode& node : world.nodes) {
    summary.dcs += node.type == network::NodeType::kDc;
    summary.fcs += node.type == network::NodeType::kFc;
    summary.sameday_sites += node.type == network::NodeType::kSameDay;
  }
  return summary;
}

}  // namespace echelon::io
