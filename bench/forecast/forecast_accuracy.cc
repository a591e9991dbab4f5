// SPDX-License-Identifier: Apache-2.0
// Runs echelon's series forecaster on a real benchmark dataset and writes its forecasts (mean and
// quantiles per series and step) in the layout that score.py reads for every method, plus the
// wall time. Datasets: the M5 slice (daily), car parts (monthly, intermittent) and M3.
//
//   forecast_accuracy --dataset m5 --protocol dev --data ../shared/data/m5_tiny/sales.csv
//                     --out m5_dev_echelon.csv [--threads 1] [--model ets]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/run_context.h"
#include "forecast/global_model.h"
#include "forecast/series_forecaster.h"

namespace {

using echelon::forecast::ForecastBatch;
using echelon::forecast::SeriesForecastOptions;

// Quantile levels every method writes (the M5 nine, the fev nine, and the output levels).
const std::vector<double> kLevels{0.005, 0.025, 0.1,   0.165, 0.2,   0.25, 0.3,
                                  0.4,   0.5,   0.6,   0.7,   0.75,  0.8,  0.835,
                                  0.9,   0.95,  0.975, 0.99,  0.995};

struct Series {
  std::string id;
  std::vector<double> history;
  std::string item;   // M5 only
  std::string store;  // M5 only
};

std::vector<std::string> split(const std::string& line, char sep = ',') {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, sep)) {
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
    fields.push_back(field);
  }
  if (!line.empty() && line.back() == sep) fields.emplace_back();
  return fields;
}

// M5 layout: id,item_id,dept_id,cat_id,store_id,state_id,d_1..d_N. History is d_1..d_last,
// starting at each series' first sale (M5 rules).
std::vector<Series> read_m5(const std::string& path, int last_day) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(file, line);
  std::vector<Series> out;
  while (std::getline(file, line)) {
    const std::vector<std::string> fields = split(line);
    Series series;
    series.id = fields[0];
    series.item = fields[1];
    series.store = fields[4];
    bool started = false;
    for (int day = 1; day <= last_day; ++day) {
      const double value = std::stod(fields[static_cast<std::size_t>(5 + day)]);
      started = started || value > 0.0;
      if (started) series.history.push_back(value);
    }
    if (series.history.empty()) series.history.push_back(0.0);
    out.push_back(std::move(series));
  }
  return out;
}

// Car parts: id, then 51 monthly values (empty = missing); complete series only, the first
// `train` months as history.
std::vector<Series> read_carparts(const std::string& path, int train) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(file, line);
  std::vector<Series> out;
  while (std::getline(file, line)) {
    const std::vector<std::string> fields = split(line);
    bool complete = fields.size() == 52;
    for (std::size_t pos = 1; pos < fields.size() && complete; ++pos) {
      complete = !fields[pos].empty() && fields[pos] != "NA";
    }
    if (!complete) continue;
    Series series;
    series.id = fields[0];
    for (int month = 0; month < train; ++month) {
      series.history.push_back(std::stod(fields[static_cast<std::size_t>(1 + month)]));
    }
    out.push_back(std::move(series));
  }
  return out;
}

// M3 (one frequency at a time): info rows `id,period,type,n,h,freq,...`, long series rows
// `id,split,t,value`; the training split is the history.
std::vector<Series> read_m3(const std::string& info_path, const std::string& series_path,
                            const std::string& period, int& horizon, int& frequency) {
  std::ifstream info(info_path);
  if (!info) throw std::runtime_error("cannot open " + info_path);
  std::string line;
  std::getline(info, line);
  std::vector<Series> out;
  std::vector<std::string> wanted;
  while (std::getline(info, line)) {
    const std::vector<std::string> fields = split(line);
    if (fields[1] != period) continue;
    wanted.push_back(fields[0]);
    horizon = std::stoi(fields[4]);
    frequency = std::stoi(fields[5]);
  }
  std::ifstream values(series_path);
  if (!values) throw std::runtime_error("cannot open " + series_path);
  std::getline(values, line);
  std::size_t next = 0;
  while (std::getline(values, line)) {
    const std::vector<std::string> fields = split(line);
    if (fields[1] != "train") continue;
    if (out.empty() || out.back().id != fields[0]) {
      if (next >= wanted.size() || fields[0] != wanted[next]) {
        bool found = false;
        for (std::size_t pos = next; pos < wanted.size(); ++pos) found = found || wanted[pos] == fields[0];
        if (!found) continue;
      }
      out.push_back({fields[0], {}});
      ++next;
    }
    out.back().history.push_back(std::stod(fields[3]));
  }
  return out;
}

// M5 calendar (events; d_k = day k) and weekly prices mapped to days 0..1968 (d_1 = day 0).
void read_m5_covariates(const std::string& calendar_path, const std::string& prices_path,
                        const std::vector<Series>& series,
                        echelon::forecast::GlobalModelInputs& inputs) {
  std::ifstream calendar(calendar_path);
  if (!calendar) throw std::runtime_error("cannot open " + calendar_path);
  std::string line;
  std::getline(calendar, line);
  std::vector<std::string> week_of_day;
  while (std::getline(calendar, line)) {
    const std::vector<std::string> fields = split(line);
    week_of_day.push_back(fields[1]);
    inputs.events.push_back(fields.size() > 7 && !fields[7].empty() ? 1 : 0);
  }
  std::map<std::pair<std::string, std::string>, std::map<std::string, float>> weekly;
  std::ifstream prices(prices_path);
  if (!prices) throw std::runtime_error("cannot open " + prices_path);
  std::getline(prices, line);
  while (std::getline(prices, line)) {
    const std::vector<std::string> fields = split(line);
    weekly[{fields[0], fields[1]}][fields[2]] = std::stof(fields[3]);
  }
  for (const Series& entry : series) {
    std::vector<float> daily(week_of_day.size(), std::numeric_limits<float>::quiet_NaN());
    const auto found = weekly.find({entry.store, entry.item});
    if (found != weekly.end()) {
      for (std::size_t day = 0; day < week_of_day.size(); ++day) {
        const auto price = found->second.find(week_of_day[day]);
        if (price != found->second.end()) daily[day] = price->second;
      }
    }
    inputs.prices.push_back(std::move(daily));
  }
}

void write_forecasts(const std::string& path, const std::vector<Series>& series,
                     const ForecastBatch& batch, int first_step) {
  std::ofstream out(path);
  out << "id,h,mean";
  for (double level : kLevels) out << fmt::format(",q{}", level);
  out << ",lo80,hi80,lo95,hi95,model,segment\n";
  for (std::size_t s = 0; s < series.size(); ++s) {
    const auto& forecast = batch.series[s];
    for (std::size_t step = static_cast<std::size_t>(first_step); step < forecast.mean.size(); ++step) {
      out << series[s].id << ',' << (step - static_cast<std::size_t>(first_step) + 1) << ','
          << fmt::format("{:.6g}", forecast.mean[step]);
      for (std::size_t level = 0; level < kLevels.size(); ++level) {
        out << ',' << forecast.quantiles[level][step];
      }
      for (const auto& interval : forecast.intervals) out << ',' << interval.lower[step] << ',' << interval.upper[step];
      out << ',' << forecast.model << ',' << echelon::forecast::segment_name(forecast.segment) << '\n';
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("echelon forecast accuracy benchmark");
  SeriesForecastOptions options;
  std::string dataset, protocol = "dev", data, info, out, model, distribution = "auto";
  std::string calendar, prices;
  bool global = false;
  echelon::forecast::GlobalModelOptions global_options;
  int threads = 1, origins = 3, step = 0, ets_evaluations = 200, ets_history = 0;
  app.add_option("--dataset", dataset, "m5 | carparts | m3")->required();
  app.add_option("--protocol", protocol, "m5: dev | final; carparts: h12 | h6; m3: YEARLY ...");
  app.add_option("--data", data, "data file (M5 sales CSV, carparts.csv, m3 series CSV)")->required();
  app.add_option("--info", info, "m3_info.csv (M3 only)");
  app.add_option("--out", out, "forecast CSV to write")->required();
  app.add_option("--threads", threads, "threads");
  app.add_option("--origins", origins, "backtest origins");
  app.add_option("--step", step, "periods between backtest origins (0 = horizon)");
  app.add_option("--model", model, "force one model (snaive, ma, ets, croston, sba, tsb, theta)");
  app.add_option("--distribution", distribution, "auto | nb | empirical");
  app.add_option("--interval-recency", options.calibration.interval_recency,
                 "weight of a backtest origin relative to the next more recent one in interval levels");
  app.add_option("--interval-strata", options.calibration.interval_strata,
                 "strata of forecasts by probability of zero with interval levels of their own (1 = one set)");
  app.add_option("--min-stratum-pairs", options.calibration.min_stratum_pairs, "backtest pairs per stratum");
  app.add_option("--ets-evaluations", ets_evaluations, "Nelder-Mead budget per ETS model");
  app.add_option("--ets-history", ets_history, "ETS fits on at most this many recent periods");
  int segment_window = 0;
  app.add_option("--segment-window", segment_window, "periods behind the segment's ADI (0 = the dataset's default)");
  app.add_flag("--global", global, "add the cross-series gradient-boosted model as a candidate");
  app.add_option("--gbt-threads", global_options.threads, "XGBoost threads");
  app.add_option("--gbt-rounds", global_options.rounds, "boosting rounds");
  app.add_option("--gbt-origins", global_options.training_origins, "weekly training origins");
  app.add_option("--calendar", calendar, "M5 calendar.csv (events for the global model)");
  app.add_option("--prices", prices, "M5 sell_prices.csv, decompressed (for the global model)");
  CLI11_PARSE(app, argc, argv);

  options.levels = kLevels;
  options.backtest_origins = origins;
  options.backtest_step = step;
  options.forced_model = model;
  options.calibration.method = distribution;
  options.models.ets.max_evaluations = ets_evaluations;
  if (ets_history > 0) options.models.ets_max_history = ets_history;
  std::vector<Series> series;
  int first_step = 0;  // steps before this are forecast but not written (the M5 gap)
  if (dataset == "m5") {
    const bool final_protocol = protocol == "final";
    series = read_m5(data, final_protocol ? 1913 : 1885);
    options.horizon = final_protocol ? 56 : 28;
    options.backtest_step = step > 0 ? step : 28;
    first_step = final_protocol ? 28 : 0;
    options.models.period = 7;
  } else if (dataset == "carparts") {
    options.horizon = protocol == "h6" ? 6 : 12;
    series = read_carparts(data, 51 - options.horizon);
    options.models.period = 12;
    options.models.ma_window = 12;
    options.models.seasonal_profile = false;
    options.min_history = 12;
    options.backtest_step = step > 0 ? step : 6;
    options.segment_window = 60;
  } else if (dataset == "m3") {
    int frequency = 1;
    series = read_m3(info, data, protocol, options.horizon, frequency);
    options.models.period = frequency;
    options.models.seasonal_profile = false;
    options.min_history = 6;
    options.backtest_step = step > 0 ? step : std::max(1, options.horizon / 2);
    options.candidates = {echelon::forecast::ModelKind::kSeasonalNaive, echelon::forecast::ModelKind::kEts,
                          echelon::forecast::ModelKind::kTheta};
  } else {
    std::fprintf(stderr, "unknown dataset %s\n", dataset.c_str());
    return 2;
  }
  if (segment_window > 0) options.segment_window = segment_window;
  std::vector<std::vector<double>> histories;
  for (const Series& entry : series) histories.push_back(entry.history);

  echelon::RunOptions run;
  run.threads = threads;
  echelon::RunContext ctx(run);
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t start_cpu = std::clock();
  echelon::forecast::GlobalModelInputs inputs;
  inputs.histories = histories;
  echelon::forecast::GlobalModel global_model;
  if (global) {
    if (dataset == "m5") {
      inputs.first_day = *echelon::Date::parse("2011-01-29");
      inputs.last_history_day = inputs.first_day + (protocol == "final" ? 1912 : 1884);
      if (!calendar.empty()) read_m5_covariates(calendar, prices, series, inputs);
    } else {
      inputs.first_day = *echelon::Date::parse("2000-01-01");
      inputs.last_history_day = inputs.first_day + static_cast<int>(histories.front().size()) - 1;
    }
    global_model = echelon::forecast::make_global_model(inputs, global_options);
  }
  const ForecastBatch batch = echelon::forecast::SeriesForecaster(options).run(histories, ctx, global_model);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - start_cpu) / CLOCKS_PER_SEC;
  write_forecasts(out, series, batch, first_step);
  std::ofstream(out + ".time") << fmt::format("{:.4f},{},{:.4f}\n", seconds, series.size(), cpu_seconds);
  // Coverage the forecasts promise themselves: with integer quantiles an interval [q0.1, q0.9]
  // holds at least 80% of its distribution's mass, often more.
  double implied80 = 0.0, implied95 = 0.0;
  std::size_t cells = 0;
  for (const auto& forecast : batch.series) {
    for (std::size_t step = static_cast<std::size_t>(first_step); step < forecast.mean.size(); ++step) {
      const auto dist = forecast.distribution(step);
      const std::vector<double> q = dist.quantiles(std::vector<double>{0.025, 0.1, 0.9, 0.975});
      implied80 += dist.cdf(q[2]) - (q[1] >= 1.0 ? dist.cdf(q[1] - 1.0) : 0.0);
      implied95 += dist.cdf(q[3]) - (q[0] >= 1.0 ? dist.cdf(q[0] - 1.0) : 0.0);
      ++cells;
    }
  }
  std::ofstream(out + ".cover") << fmt::format("{:.4f},{:.4f}\n", implied80 / cells, implied95 / cells);
  for (const auto& choice : batch.choices) {
    if (choice.series == 0) continue;
    std::fprintf(stderr, "%-12s %5d series  model %-28s",
                 std::string(echelon::forecast::segment_name(choice.segment)).c_str(), choice.series,
                 choice.model.c_str());
    const auto& calibration = batch.calibrations[static_cast<std::size_t>(choice.segment)];
    std::fprintf(stderr, "  %s dispersion %.2f rho %.2f%s",
                 calibration.kind == echelon::forecast::DistributionKind::kEmpirical ? "empirical" : "nb",
                 calibration.dispersion, calibration.correlation, calibration.level_map ? " recalibrated" : "");
    for (const auto& interval : calibration.intervals) {
      std::fprintf(stderr, "  %.0f%% from %d: levels %.3f..%.3f backtest %.3f", 100.0 * interval.coverage, interval.from_step, interval.lower,
                   interval.upper, interval.backtest_coverage);
      if (interval.dispersion >= 0.0) std::fprintf(stderr, " (nb %.2f)", interval.dispersion);
    }
    std::fprintf(stderr, "\n");
    for (const auto& [name, error] : choice.candidate_rmsse) {
      std::fprintf(stderr, "    %-30s backtest RMSSE %.4f\n", name.c_str(), error);
    }
  }
  std::fprintf(stderr, "%zu series in %.2f s wall, %.2f s CPU (%.2f ms CPU per series, %d threads)\n",
               series.size(), seconds, cpu_seconds, 1000.0 * cpu_seconds / static_cast<double>(series.size()),
               ctx.threads());
  return 0;
}
