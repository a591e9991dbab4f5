// SPDX-License-Identifier: Apache-2.0
// Streams demand.csv: per SKU and day, units ~ Poisson(expected rate x Gamma(k, 1/k)) (negative
// binomial daily demand), each unit placed in a region and a speed by the SKU's weights. SKUs are
// generated in parallel in chunks and written in SKU order, so the file does not depend on the
// thread count.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "io/atomic_file.h"
#include "io/generate/model.h"

namespace echelon::io::generate {
namespace {

constexpr std::size_t kSkusPerChunk = 32;

std::size_t pick(const std::vector<double>& cdf, double u) {
  return static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end() - 1, u) - cdf.begin());
}

struct ChunkOutput {
  fmt::memory_buffer text;
  std::size_t rows = 0;
  double units = 0.0;
};

void generate_chunk(const World& world, const std::vector<SkuProfile>& profiles,
                    std::size_t first, std::size_t last, ChunkOutput& output) {
  const std::size_t speed_count = world.config.speeds.size();
  std::vector<std::uint32_t> cells(world.regions.size() * speed_count, 0);
  std::vector<std::uint32_t> touched;
  for (std::size_t sku = first; sku < last; ++sku) {
    const SkuProfile& profile = profiles[sku];
    Rng rng = Rng::stream(world.seed, sku, Purpose::kGenerate).substream(3);
    for (int day = 0; day < world.options.days; ++day) {
      double rate = expected_rate(world, profile, day);
      if (rate <= 0.0) continue;
      rate *= sample_gamma(rng, profile.dispersion, 1.0 / profile.dispersion);
      std::int64_t units = sample_poisson(rng, rate);
      if (units == 0) continue;
      touched.clear();
      for (std::int64_t unit = 0; unit < units; ++unit) {
        std::size_t region = pick(profile.region_cdf, rng.uniform());
        std::size_t speed = pick(profile.speed_cdf, rng.uniform());
        std::uint32_t cell = static_cast<std::uint32_t>(region * speed_count + speed);
        if (cells[cell]++ == 0) touched.push_back(cell);
      }
      std::sort(touched.begin(), touched.end());
      for (std::uint32_t cell : touched) {
        const std::string& region = world.regions[cell / speed_count].name;
        const std::string& speed = world.config.speeds[cell % speed_count].name;
        fmt::format_to(std::back_inserter(output.text), "{},{},{},{},{}\n", world.day_text[day],
                       profile.id, region, cells[cell], speed);
        ++output.rows;
        cells[cell] = 0;
      }
      output.units += static_cast<double>(units);
    }
  }
}

}  // namespace

std::pair<std::size_t, double> write_demand(const World& world,
                                            const std::vector<SkuProfile>& profiles,
                                            const std::filesystem::path& path, RunContext& ctx) {
  AtomicFile file(path);
  file.write("date,sku_id,region_id,quantity,speed\n");
  std::size_t chunks = (profiles.size() + kSkusPerChunk - 1) / kSkusPerChunk;
  // Batches bound the memory held by generated text to a few chunks per thread.
  std::size_t batch = static_cast<std::size_t>(ctx.threads()) * 8;
  std::size_t rows = 0;
  double units = 0.0;
  std::vector<ChunkOutput> outputs(batch);
  for (std::size_t batch_first = 0; batch_first < chunks; batch_first += batch) {
    std::size_t batch_last = std::min(chunks, batch_first + batch);
    parallel_for(ctx.pool(), batch_first, batch_last, 1, [&](std::size_t first, std::size_t last) {
      for (std::size_t chunk = first; chunk < last; ++chunk) {
        ChunkOutput& output = outputs[chunk - batch_first];
        output.text.clear();
        output.rows = 0;
        output.units = 0.0;
        generate_chunk(world, profiles, chunk * kSkusPerChunk,
                       std::min(profiles.size(), (chunk + 1) * kSkusPerChunk), output);
      }
    });
    for (std::size_t chunk = batch_first; chunk < batch_last; ++chunk) {
      ChunkOutput& output = outputs[chunk - batch_first];
      file.write(std::string_view(output.text.data(), output.text.size()));
      rows += output.rows;
      units += output.units;
    }
    ctx.report({.phase = "generate demand",
                .done = static_cast<double>(batch_last),
                .total = static_cast<double>(chunks),
                .message = fmt::format("{} rows", rows)});
    if (ctx.cancelled()) break;
  }
  file.commit();
  return {rows, units};
}

}  // namespace echelon::io::generate
