// SPDX-License-Identifier: Apache-2.0
// `echelon forecast DIR --out OUT [--as-of DATE] [--horizon DAYS] [--backtest]`: daily demand
// forecasts per SKU x region x speed (forecast.csv, DESIGN 5a), the SKUs a planner should review
// (forecast_review.csv) and summary.json; --backtest adds out-of-sample accuracy by segment
// (backtest.csv and a `backtest` section in summary.json).
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/cli/command.h"
#include "core/error.h"
#include "forecast/demand_forecaster.h"
#include "forecast/holdout.h"
#include "forecast/model.h"
#include "io/atomic_file.h"
#include "io/csv_writer.h"
#include "io/dataset_reader.h"
#include "io/output_dir.h"

namespace echelon::cli {
namespace {

struct ForecastArgs {
  std::string dir;
  std::string as_of;
  int horizon = 0;  // 0 = the dataset's forecast.horizon_days
  std::string method;
  std::string hierarchy;  // empty = auto
  bool backtest = false;
  CommonFlags flags;
};

void write_forecast_csv(const std::filesystem::path& path, const network::Dataset& dataset,
                        const forecast::DemandForecast& result) {
  io::CsvWriter writer(path, {"sku_id", "region_id", "speed", "date", "mean", "p10", "p50", "p80",
                              "p90", "p95", "p99", "model"});
  const std::vector<double> levels{0.1, 0.5, 0.8, 0.9, 0.95, 0.99};
  const std::size_t speeds = dataset.config.speeds.size();
  for (const forecast::RegionForecast& region : result.series) {
    const std::string& sku_id = dataset.sku_ids.name(region.sku);
    const std::string& region_id = dataset.network.region_ids.name(region.region);
    for (std::size_t speed = 0; speed < std::max<std::size_t>(speeds, 1); ++speed) {
      const std::string speed_name = speeds > 0 ? dataset.config.speeds[speed].name : "all";
      for (std::size_t step = 0; step < region.forecast.mean.size(); ++step) {
        const forecast::CountDistribution dist = region.speed_distribution(speed, step);
        const std::vector<double> q = dist.quantiles(levels);
        writer.row(sku_id, region_id, speed_name, result.start + static_cast<int>(step),
                   dist.mean(), q[0], q[1], q[2], q[3], q[4], q[5], region.forecast.model);
      }
    }
  }
  writer.commit();
}

void write_review_csv(const std::filesystem::path& path, const network::Dataset& dataset,
                      const forecast::DemandForecast& result) {
  io::CsvWriter writer(path, {"sku_id", "reason", "model", "segment", "confidence",
                              "backtest_wape", "wape_change"});
  for (std::size_t sku = 0; sku < dataset.sku_count(); ++sku) {
    const forecast::SkuForecastInfo& info = result.skus[SkuIndex(sku)];
    if (info.review_reason.empty()) continue;
    writer.row(dataset.sku_ids.name(SkuIndex(sku)), info.review_reason, info.model,
               forecast::segment_name(info.segment), forecast::confidence_name(info.confidence),
               info.backtest_wape, info.wape_change);
  }
  writer.commit();
}

nlohmann::json number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

nlohmann::json backtest_json(const forecast::HoldoutReport& report) {
  nlohmann::json out;
  out["origin"] = report.origin.to_string();
  out["horizon_days"] = report.horizon_days;
  for (const forecast::SegmentAccuracy& row : report.segments) {
    out["segments"][row.segment] = {{"series", row.series},
                                    {"mase", number(row.mase)},
                                    {"rmsse", number(row.rmsse)},
                                    {"weighted_pinball", number(row.weighted_pinball)},
                                    {"coverage80", number(row.coverage80)},
                                    {"coverage95", number(row.coverage95)},
                                    {"actual_units", row.actual_units},
                                    {"forecast_units", row.forecast_units}};
  }
  return out;
}

int run_forecast(const ForecastArgs& args) {
  RunContext ctx(run_options(args.flags));
  network::Dataset dataset = io::read_dataset(args.dir, ctx);
  Date as_of = dataset.planning_date();
  if (!args.as_of.empty()) {
    const std::optional<Date> parsed = Date::parse(args.as_of);
    if (!parsed) {
      throw InputError::bad_value(SourceLocation{"command line"}, "--as-of", "a date YYYY-MM-DD", args.as_of);
    }
    as_of = *parsed;
  }
  forecast::DemandForecastOptions options =
      forecast::DemandForecastOptions::from_settings(dataset.config.forecast);
  if (args.horizon > 0) options.horizon_days = args.horizon;
  if (!args.method.empty()) options.method = args.method;
  if (!args.hierarchy.empty()) {
    if (args.hierarchy != "auto" && args.hierarchy != "sku" && args.hierarchy != "region") {
      throw InputError::bad_value(SourceLocation{"command line"}, "--hierarchy", "auto, sku or region", args.hierarchy);
    }
    options.hierarchy = args.hierarchy;
  }
  forecast::ModelKind kind{};
  if (options.method != "auto" && (!forecast::parse_model_kind(options.method, kind) ||
                                   kind == forecast::ModelKind::kEnsemble ||
                                   kind == forecast::ModelKind::kProxy)) {
    throw InputError::bad_value(SourceLocation{"command line"}, "forecast method",
                                "auto, snaive, ma, ets, croston, sba, tsb, theta or gbt", options.method);
  }
  const forecast::DemandForecaster forecaster(options);
  const forecast::DemandForecast result = forecaster.run(dataset, as_of, ctx);

  io::OutputDir out(args.flags.out.empty() ? std::filesystem::path("out") : std::filesystem::path(args.flags.out));
  write_forecast_csv(out.path("forecast.csv"), dataset, result);
  write_review_csv(out.path("forecast_review.csv"), dataset, result);

  nlohmann::json summary;
  summary["as_of"] = as_of.to_string();
  summary["horizon_days"] = options.horizon_days;
  summary["skus"] = dataset.sku_count();
  summary["series"] = result.series.size();
  summary["threads"] = ctx.threads();
  summary["seed"] = ctx.seed();
  int review = 0;
  for (const forecast::SkuForecastInfo& info : result.skus) review += info.review_reason.empty() ? 0 : 1;
  summary["review_skus"] = review;
  for (const forecast::SegmentChoice& choice : result.choices) {
    if (choice.series == 0) continue;
    const forecast::Calibration& calibration = result.calibrations[static_cast<std::size_t>(choice.segment)];
    summary["segments"][std::string(forecast::segment_name(choice.segment))] = {
        {"skus", choice.series},
        {"model", choice.model},
        {"backtest_rmsse", number(choice.backtest_rmsse)},
        {"distribution", calibration.kind == forecast::DistributionKind::kEmpirical ? "empirical"
                                                                                     : "negative_binomial"},
        {"dispersion", calibration.dispersion},
        {"day_correlation", calibration.correlation},
        {"recalibrated", calibration.level_map != nullptr},
        {"level", forecast::level_name(result.levels[static_cast<std::size_t>(choice.segment)].level)},
        {"level_backtest_wape", {{"sku", number(result.levels[static_cast<std::size_t>(choice.segment)].wape_sku)},
                                 {"region", number(result.levels[static_cast<std::size_t>(choice.segment)].wape_region)}}}};
  }
  if (args.backtest) {
    const forecast::HoldoutReport report = forecast::evaluate_holdout(dataset, as_of, forecaster, ctx);
    summary["backtest"] = backtest_json(report);
    io::CsvWriter writer(out.path("backtest.csv"), {"segment", "series", "mase", "rmsse", "weighted_pinball",
                                                     "coverage80", "coverage95", "actual_units",
                                                     "forecast_units"});
    for (const forecast::SegmentAccuracy& row : report.segments) {
      writer.row(row.segment, row.series, row.mase, row.rmsse, row.weighted_pinball, row.coverage80,
                 row.coverage95, row.actual_units, row.forecast_units);
    }
    writer.commit();
  }
  summary["wall_seconds"] = ctx.elapsed_seconds();
  io::write_file_atomic(out.path("summary.json"), summary.dump(2) + "\n");
  out.commit();
  if (!args.flags.quiet) {
    fmt::print("forecast: {} SKUs, {} series, {} days from {} -> {}\n", dataset.sku_count(),
               result.series.size(), options.horizon_days, as_of.to_string(), out.target().string());
  }
  return kExitOk;
}

}  // namespace

void register_forecast(CLI::App& root, Action& action) {
  auto args = std::make_shared<ForecastArgs>();
  CLI::App* command = root.add_subcommand(
      "forecast", "daily demand forecasts per SKU x region x speed, with quantiles and review list");
  command->add_option("dir", args->dir, "dataset directory")->required();
  command->add_option("--as-of", args->as_of,
                      "forecast from this date (YYYY-MM-DD) using only history before it");
  command->add_option("--horizon", args->horizon, "days to forecast (default: forecast.horizon_days)");
  command->add_option("--method", args->method, "auto, snaive, ma, ets, croston, sba, tsb, theta or gbt");
  command->add_option("--hierarchy", args->hierarchy,
                      "level of the regional forecast: auto (by backtest per segment), sku or region");
  command->add_flag("--backtest", args->backtest,
                    "also score a forecast made one horizon earlier (backtest.csv)");
  add_common_flags(*command, args->flags, true);
  command->footer("Example:\n  echelon forecast examples/small --out out --horizon 28 --backtest");
  command->callback([args, &action] { action = [args] { return run_forecast(*args); }; });
}

}  // namespace echelon::cli
