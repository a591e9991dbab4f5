// SPDX-License-Identifier: Apache-2.0
// `echelon plan DIR --out OUT`: validate, estimate demand, optimize, write the plan's outputs.
// Across ranks (echelon-mpi) every rank reads the dataset and estimates demand, solves its own
// SKUs, and rank 0 gathers the plans and alone writes the outputs, after the last collective, so
// a rank that fails earlier leaves nothing behind.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

#include "app/cli/command.h"
#include "core/byte_buffer.h"
#include "core/error.h"
#include "forecast/demand_distribution.h"
#include "core/fingerprint.h"
#include "io/config_reader.h"
#include "io/dataset_reader.h"
#include "io/prices_reader.h"
#include "io/output_dir.h"
#include "network/overrides.h"
#include "optimize/exact_model.h"
#include "optimize/exchange.h"
#include "optimize/override_impact.h"
#include "optimize/lagrangian.h"
#include "optimize/plan_evaluation.h"
#include "optimize/plan_gather.h"
#include "optimize/plan_state.h"
#include "replenish/optimizer_levels.h"
#include "replenish/orders_writer.h"
#include "report/html_report.h"
#include "report/plan_outputs.h"

namespace echelon::cli {
namespace {

// Catalogues up to this many SKUs get more fresh scenarios per SKU for the plan cost.
constexpr std::size_t kSmallCatalogue = 10000;

// The forecast's per-cell daily mean and variance as the planner's demand rates, averaged over
// days [first, first + days) of its horizon (the whole horizon: the cells' own moments).
optimize::DemandRates rates_from_forecast(const forecast::DemandDistribution& distribution, std::size_t skus,
                                          int first, int days) {
  const bool whole = first == 0 && days == distribution.horizon_days;
  optimize::DemandRates rates;
  rates.rates.reserve(distribution.cells.size());
  for (std::size_t sku = 0; sku < skus; ++sku) {
    const auto add = [&](std::span<const forecast::CellDemand> cells) {
      for (const forecast::CellDemand& cell : cells) {
        if (cell.mean_per_day <= 0.0) continue;
        rates.rates.push_back({cell.region, cell.speed, cell.mean_per_day, cell.variance_per_day});
      }
    };
    if (whole) {
      add(distribution.of(SkuIndex(sku)));
    } else {
      add(forecast::cells_over(distribution, SkuIndex(sku), first, days));
    }
    rates.sku_offset.push_back(rates.rates.size());
  }
  return rates;
}

// Every rank's time in exchange calls, CPU time and peak memory, on rank 0.
std::vector<report::RankStats> gather_rank_stats(optimize::SkuExchange& exchange, double wall_seconds) {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  ByteWriter mine;
  mine.put(exchange.seconds());
  mine.put<std::uint64_t>(exchange.calls());
  mine.put(wall_seconds);
  mine.put(static_cast<double>(usage.ru_maxrss) / 1024.0);  // KiB on Linux
  const auto seconds = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) + 1e-6 * static_cast<double>(time.tv_usec);
  };
  mine.put(seconds(usage.ru_utime) + seconds(usage.ru_stime));
  std::vector<report::RankStats> stats;
  for (const std::vector<std::byte>& bytes : exchange.gather_to_root(mine.bytes())) {
    ByteReader in(bytes);
    report::RankStats rank;
    rank.exchange_seconds = in.get<double>();
    rank.exchange_calls = in.get<std::uint64_t>();
    rank.wall_seconds = in.get<double>();
    rank.peak_mib = in.get<double>();
    rank.cpu_seconds = in.get<double>();
    stats.push_back(rank);
  }
  return stats;
}

// The prices of a previous plan's prices.csv (per week there, per day here).
optimize::Prices warm_start_prices(const std::filesystem::path& previous, const network::Dataset& dataset,
                                   std::size_t speeds) {
  io::NodePrices read = io::read_prices(previous / "prices.csv", dataset.network);
  optimize::Prices prices = optimize::Prices::zero(dataset.network.node_count(), speeds);
  for (std::size_t node = 0; node < read.per_day.size(); ++node) {
    for (std::size_t resource = 0; resource < optimize::kResourceCount; ++resource) {
      optimize::price_of(prices, static_cast<optimize::Resource>(resource), node) = read.per_day[node][resource];
    }
  }
  return prices;
}

// What every SKU's subproblem shares: the effective settings (the planning date aside: it reaches
// a SKU only through its demand rates, which its own fingerprint holds), the network files, and
// the solver options and seed.
std::uint64_t setup_fingerprint(const std::filesystem::path& dir, const network::Dataset& dataset,
                                const optimize::LagrangianOptions& options) {
  Fingerprint print;
  network::Config config = dataset.config;
  config.planning_date.reset();
  print.add(io::config_yaml(config));
  for (const char* name : {"nodes.csv", "lanes.csv", "delivery.csv", "regions.csv", "vendors.csv"}) {
    std::ifstream file(dir / name, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    print.add(std::string_view(name)).add(bytes);
  }
  print.add(static_cast<std::uint64_t>(options.service_constraints)).add(static_cast<std::uint64_t>(options.price_policy));
  optimize::add_to_fingerprint(options.sku, print);
  return print.value();
}

// The previous plan's state for an incremental re-plan; none (a full solve from its prices) when
// it has none, when the setup changed, or when --resolve-all asks for the full search.
std::optional<optimize::PlanState> previous_state(const std::filesystem::path& previous, bool resolve_all,
                                                  std::uint64_t setup, const network::Dataset& dataset,
                                                  const optimize::PlanningNetwork& planning, RunContext& ctx) {
  std::optional<optimize::PlanState> state = optimize::read_plan_state(
      previous / optimize::kPlanStateFile, dataset.network.node_count(), planning.speed_count());
  if (!state) {
    ctx.log().info("{} has no {}: a full solve from its prices", previous.string(), optimize::kPlanStateFile);
  } else if (state->setup_fingerprint != setup) {
    ctx.log().info("the network, settings or solver options changed since {}: a full solve from its prices",
                   previous.string());
    state.reset();
  } else if (resolve_all) {
    state.reset();
  }
  return state;
}

}  // namespace

void register_plan(CLI::App& root, Action& action) { register_plan_on(root, action, nullptr); }

void register_plan_on(CLI::App& root, Action& action, optimize::SkuExchange* exchange) {
  struct Args {
    std::string dir;
    CommonFlags flags;
    int max_iterations = -1;
    double gap = -1.0;
    double time_limit = -1.0;
    int history_days = 56;
    std::string method = "decomposition";
    std::string demand = "forecast";
    std::string warm_start;
    bool resolve_all = false;
    std::size_t exact_max_columns = optimize::ExactOptions{}.max_columns;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = root.add_subcommand(
      "plan", "plan inventory for the whole network: levels per SKU x node, prices, bound, gap");
  command->add_option("dir", args->dir, "dataset directory")->required();
  add_common_flags(*command, args->flags, true);
  command->add_option("--max-iterations", args->max_iterations,
                      "Lagrangian iterations (default: optimizer.max_iterations)")
      ->check(CLI::Range(1, 100000));
  command->add_option("--gap", args->gap, "stop at this relative gap (default: optimizer.gap_target)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--time-limit", args->time_limit,
                      "seconds (default: optimizer.time_limit_seconds)")
      ->check(CLI::Range(0.0, 1e7));
  command->add_option("--history-days", args->history_days,
                      "days of recent history behind the demand rates")
      ->check(CLI::Range(7, 3650))
      ->capture_default_str();
  command->add_option("--demand", args->demand,
                      "demand rates from the forecast (fast local models over the next 28 days) or "
                      "from the last --history-days of history")
      ->check(CLI::IsMember({"forecast", "history"}))
      ->capture_default_str();
  command->add_option("--method", args->method,
                      "decomposition (Lagrangian, any size) or exact (one MIP, small instances)")
      ->check(CLI::IsMember({"decomposition", "exact"}))
      ->capture_default_str();
  command->add_option("--exact-max-columns", args->exact_max_columns,
                      "with --method exact: the largest MIP (columns) it builds; larger instances are refused")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40))
      ->capture_default_str();
  command->add_option("--warm-start", args->warm_start,
                      "output directory of a previous plan: SKUs whose inputs are unchanged keep "
                      "their plan, the others are solved at its prices (a full solve from its "
                      "prices when the network or settings changed)");
  command->add_flag("--resolve-all", args->resolve_all,
                    "with --warm-start: run the whole price search from the previous prices");
  command->footer(
      "Examples:\n  echelon plan examples/small --out out/small --threads 2\n"
      "  echelon plan tiny --out out/tiny-exact --method exact\n"
      "  echelon plan examples/small --out out/next --warm-start out/small");
  command->callback([args, &action, exchange] {
    action = [args, exchange] {
      optimize::LocalExchange local;
      optimize::SkuExchange& ranks = exchange != nullptr ? *exchange : local;
      const bool root_rank = ranks.rank() == 0;
      CommonFlags flags = args->flags;
      if (!root_rank) flags.quiet = true;  // progress and summaries from rank 0 only
      RunContext ctx(run_options(flags));
      if (ranks.size() > 1 && args->method == "exact") {
        throw InputError({}, "--method exact runs in one process; run it without mpirun");
      }
      // Only rank 0 reads the histories and stock positions (the bulk of a dataset): it computes
      // the demand rates and sends them to the other ranks, which read the rest.
      network::Dataset dataset =
          io::read_dataset(args->dir, ctx, root_rank ? io::DatasetParts::kAll : io::DatasetParts::kPlannerInputs);
      const auto& settings = dataset.config.optimizer;
      optimize::LagrangianOptions options = optimize::lagrangian_options(settings);
      if (args->max_iterations > 0) options.max_iterations = args->max_iterations;
      if (args->gap >= 0.0) options.gap_target = args->gap;
      if (args->time_limit >= 0.0) options.time_limit_seconds = args->time_limit;
      options.sku.seed = ctx.seed();
      // Fresh scenarios for the plan cost: each SKU's estimate is noisy and skewed (rare bursts
      // of lost sales), and on a small catalogue few SKUs average it out (on examples/small 64
      // fresh scenarios a SKU put the plan 1% below what 1,024 do, at the edge of their 95%
      // interval).
      options.sku.evaluation_scale = dataset.sku_count() <= kSmallCatalogue ? 16 : 4;

      // A time-phased plan solves each planning week on that week's forecast; a stationary one
      // (one week, or demand from history, which has one rate per cell) the whole forecast.
      const int horizon_weeks = std::max(1, dataset.config.horizon_weeks);
      const bool from_forecast = args->demand == "forecast";
      const int weeks = from_forecast ? horizon_weeks : 1;
      if (root_rank && horizon_weeks > 1 && !from_forecast) {
        ctx.log().warn("echelon.yaml: horizon_weeks is {}, but --demand history has one rate per cell: the plan "
                       "is stationary (week 1 only)",
                       horizon_weeks);
      }
      forecast::DemandDistributionOptions forecast_options;
      forecast_options.forecast_scale = false;  // applied below, after the unscaled totals are kept
      forecast_options.horizon_days = std::max(forecast_options.horizon_days, 7 * weeks);
      const int window_days = weeks == 1 ? forecast_options.horizon_days : 7;
      const Date first_day = optimize::share_from_root(ranks, dataset.planning_date());
      // Overrides bind when their window meets the days the demand rates cover.
      const std::vector<network::Override> horizon_overrides = network::overrides_within(
          dataset.overrides, first_day, first_day + (weeks == 1 ? window_days : 7 * weeks) - 1);
      dataset.overrides = horizon_overrides;
      optimize::PlanningNetwork planning = optimize::build_planning_network(dataset);
      std::optional<forecast::DemandDistribution> distribution;
      std::vector<float> unscaled_totals;  // daily totals before forecast_scale, when any applies
      if (from_forecast && root_rank) {
        ctx.report({.phase = "forecast", .done = 0, .total = 1, .message = "demand distributions"});
        distribution = forecast::forecast_demand_distribution(dataset, first_day, forecast_options, ctx);
        if (network::has_forecast_scale(horizon_overrides)) unscaled_totals = distribution->total_mean;
        forecast::apply_forecast_scale(*distribution, horizon_overrides, ctx);
      }
      const std::uint64_t setup = setup_fingerprint(args->dir, dataset, options);

      std::vector<optimize::LagrangianResult> results(static_cast<std::size_t>(weeks));
      std::vector<optimize::PlanEvaluation> evaluations(results.size());
      std::vector<optimize::OverrideImpact> impacts(results.size());
      std::vector<std::vector<std::size_t>> rule_of(results.size());  // week rule -> horizon rule
      std::vector<std::uint64_t> first_week_prints;  // SKU fingerprints of week 1 (plan_state.bin)
      std::vector<std::uint64_t> last_prints;
      std::optional<optimize::PlanState> last_week;  // this rank's SKUs
      for (int week = 0; week < weeks; ++week) {
        const auto at = static_cast<std::size_t>(week);
        const Date week_first = first_day + 7 * week;
        dataset.overrides.clear();
        for (std::size_t rule = 0; rule < horizon_overrides.size(); ++rule) {
          if (!network::overlaps(horizon_overrides[rule], week_first, week_first + (window_days - 1))) continue;
          dataset.overrides.push_back(horizon_overrides[rule]);
          rule_of[at].push_back(rule);
        }
        optimize::DemandRates rates;
        optimize::DemandRates unscaled;
        if (root_rank && from_forecast) {
          rates = rates_from_forecast(*distribution, dataset.sku_count(), 7 * week, window_days);
          if (!unscaled_totals.empty()) {
            std::swap(distribution->total_mean, unscaled_totals);
            unscaled = rates_from_forecast(*distribution, dataset.sku_count(), 7 * week, window_days);
            std::swap(distribution->total_mean, unscaled_totals);
          }
        } else if (root_rank) {
          unscaled = optimize::rates_from_history(dataset, first_day, args->history_days);
          rates = optimize::scale_rates(unscaled, dataset.overrides, first_day, window_days);
        }
        optimize::share_from_root(ranks, rates);  // `unscaled` is read on rank 0 only
        const std::vector<std::uint64_t> prints = optimize::sku_fingerprints(dataset, rates);
        if (weeks > 1) {
          ctx.log().info("week {} of {} ({} .. {})", week + 1, weeks, week_first.to_string(),
                         (week_first + 6).to_string());
        }
        optimize::LagrangianResult& result = results[at];
        std::vector<std::optional<optimize::SkuEvaluation>> known;  // carried over by a re-plan
        if (args->method == "exact") {
          optimize::ExactOptions exact;
          exact.time_limit_seconds = options.time_limit_seconds;
          exact.max_columns = args->exact_max_columns;
          result = optimize::solve_exact(planning, rates, options.sku, exact, ctx);
        } else {
          optimize::LagrangianSolver solver(planning, rates, options, ranks);
          std::optional<optimize::Prices> start;
          std::optional<optimize::PlanState> previous;
          if (week == 0 && !args->warm_start.empty()) {
            previous = previous_state(args->warm_start, args->resolve_all, setup, dataset, planning, ctx);
            if (!previous) start = warm_start_prices(args->warm_start, dataset, planning.speed_count());
          } else if (week > 0) {
            // A later week starts from the one before: only SKUs whose week differs are solved
            // again, unless most do, when the prices are searched again from the last ones.
            std::size_t changed = 0;
            for (std::size_t sku = 0; sku < prints.size(); ++sku) changed += prints[sku] != last_prints[sku] ? 1 : 0;
            if (last_week && 2 * changed <= prints.size()) {
              previous = std::move(last_week);
            } else {
              start = results[at - 1].prices;
            }
          }
          result = previous ? solver.replan(ctx, *previous, known) : solver.solve(ctx, start ? &*start : nullptr);
        }
        ctx.report({.phase = "evaluate", .done = 0, .total = 1, .message = "fresh scenarios"});
        evaluations[at] = optimize::evaluate_plan(planning, rates, result, options.sku, ctx, ranks,
                                                  known.empty() ? nullptr : &known);
        ctx.log().debug("plan evaluated on fresh scenarios at {:.1f} s", ctx.elapsed_seconds());
        // The master stops on the gap measured on its own scenarios; the plan's fitted to them,
        // so on fresh ones it costs more (the sampling term). gap_reached stands only where the
        // reported gap holds the target too.
        if (result.status == SolveStatus::kGapReached && evaluations[at].gap > options.gap_target) {
          result.status = SolveStatus::kIterationLimit;
          result.notes.push_back(fmt::format(
              "the gap fell below the {:.2f}% target on the optimization scenarios but is {:.2f}% on fresh ones (sampling "
              "{:.2f} points): more scenarios (optimizer.scenarios) narrow it",
              100.0 * options.gap_target, 100.0 * evaluations[at].gap, 100.0 * evaluations[at].terms.sampling));
        }
        last_week.reset();
        const bool stored = result.sku_bounds.size() == result.skus.size() && result.status != SolveStatus::kCancelled;
        if (stored && week + 1 < weeks) {
          last_week = optimize::make_plan_state(setup, dataset, prints, result, evaluations[at].skus);
        }
        optimize::gather_plans(ranks, result.skus);
        optimize::gather_evaluations(ranks, evaluations[at].skus);
        optimize::gather_values(ranks, result.sku_bounds);
        if (root_rank) {
          impacts[at] = optimize::assess_overrides(planning, rates, unscaled_totals.empty() && from_forecast ? rates : unscaled,
                                                   result.prices, options.sku, ctx);
        }
        if (week == 0) first_week_prints = prints;
        last_prints = prints;
      }
      report::RunInfo info;
      info.rank_stats = gather_rank_stats(ranks, ctx.elapsed_seconds());
      if (!root_rank) return kExitOk;  // the last collective is behind: rank 0 writes alone
      for (std::size_t rank = 0; rank < info.rank_stats.size() && ranks.size() > 1; ++rank) {
        const report::RankStats& stats = info.rank_stats[rank];
        ctx.log().info("rank {}: {:.2f} s of {:.2f} s in {} exchange calls ({:.1f}%), peak {:.0f} MiB", rank,
                       stats.exchange_seconds, stats.wall_seconds, stats.exchange_calls,
                       100.0 * stats.exchange_seconds / std::max(1e-9, stats.wall_seconds), stats.peak_mib);
      }

      dataset.overrides = horizon_overrides;
      const optimize::OverrideImpact overrides =
          weeks == 1 ? std::move(impacts.front())
                     : optimize::merge_week_impacts(impacts, rule_of, horizon_overrides.size());
      info.overrides = &overrides;
      io::OutputDir out(args->flags.out);
      info.wall_seconds = ctx.elapsed_seconds();
      info.threads = ctx.threads();
      info.ranks = ranks.size();
      info.seed = ctx.seed();
      info.method = args->method;
      report::write_plan_outputs(out, planning, results, evaluations, info);
      const optimize::LagrangianResult& first = results.front();
      if (first.sku_bounds.size() == first.skus.size() && first.status != SolveStatus::kCancelled) {
        optimize::write_plan_state(out.path(optimize::kPlanStateFile), setup, dataset, first_week_prints, first.prices,
                                   first.bound_prices, first.skus, first.sku_bounds, evaluations.front().skus);
      }
      std::vector<std::string> notes;
      replenish::write_orders(out, dataset, replenish::levels_from_weeks(results), {}, &notes);
      for (const std::string& note : notes) ctx.log().warn("{}", note);
      out.commit();
      if (dataset.config.output.write_report) {
        report::ReportOptions report_options;
        report_options.top_skus = dataset.config.output.top_skus_in_report;
        report::ReportSources sources;
        sources.out_dir = args->flags.out;
        report::write_report(sources, &dataset, report_options);
      }
      const optimize::PlanEvaluation evaluation =
          weeks == 1 ? std::move(evaluations.front()) : optimize::average_over_weeks(evaluations);
      int iterations = 0;
      SolveStatus status = first.status;
      for (const optimize::LagrangianResult& result : results) {
        iterations += result.iterations;
        status = worse(status, result.status);
      }
      ctx.log().info(
          "{}: {} after {} iterations; plan {:.2f}/week (controllable {:.2f}), bound {:.2f}, "
          "gap {:.2f}% in {:.1f} s{}; outputs in {}",
          args->dir, to_string(status), iterations, 7.0 * evaluation.plan_cost, 7.0 * evaluation.controllable_cost,
          7.0 * evaluation.lower_bound, 100.0 * evaluation.gap, ctx.elapsed_seconds(),
          weeks > 1 ? fmt::format(" (average of {} weeks)", weeks) : std::string(), args->flags.out);
      return kExitOk;
    };
  });
}

}  // namespace echelon::cli
