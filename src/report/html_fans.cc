// SPDX-License-Identifier: Apache-2.0
#include "report/html_fans.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"
#include "network/dataset.h"

namespace echelon::report {
namespace {

using detail::column_of;
using detail::number_at;
using nlohmann::json;

constexpr double kZ90 = 1.2815515655446004;  // standard normal 0.9 quantile

double round2(double value) { return std::round(value * 100.0) / 100.0; }

// One SKU's forecast: per day from the start, summed mean and variance.
struct SkuForecast {
  std::string sku;
  std::vector<double> mean;
  std::vector<double> variance;
  double total = 0.0;
};

struct ForecastTable {
  Date start;
  std::vector<SkuForecast> skus;
};

ForecastTable read_forecast(const std::filesystem::path& path) {
  io::CsvReader reader = io::CsvReader::open(path, path.string());
  const std::size_t sku_col = column_of(reader, "sku_id");
  const std::size_t date_col = column_of(reader, "date");
  const std::size_t mean_col = column_of(reader, "mean");
  const std::size_t p10_col = column_of(reader, "p10");
  const std::size_t p90_col = column_of(reader, "p90");
  ForecastTable table;
  std::unordered_map<std::string, std::size_t> slot;
  std::string last_date_text;
  Date date;
  bool have_start = false;
  while (reader.next()) {
    if (reader[date_col] != last_date_text) {  // rows come in runs of one series' dates
      const std::optional<Date> parsed = Date::parse(reader[date_col]);
      if (!parsed) throw InputError::bad_value(reader.location(date_col), "date", "a date YYYY-MM-DD", reader[date_col]);
      date = *parsed;
      last_date_text = std::string(reader[date_col]);
    }
    if (!have_start || date < table.start) {
      // A date before the first seen shifts every accumulated day (not in files `forecast` writes).
      const auto shift = have_start ? static_cast<std::size_t>(table.start - date) : 0;
      for (SkuForecast& sku : table.skus) {
        sku.mean.insert(sku.mean.begin(), shift, 0.0);
        sku.variance.insert(sku.variance.begin(), shift, 0.0);
      }
      table.start = date;
      have_start = true;
    }
    auto [it, inserted] = slot.try_emplace(std::string(reader[sku_col]), table.skus.size());
    if (inserted) table.skus.push_back({.sku = it->first, .mean = {}, .variance = {}, .total = 0.0});
    SkuForecast& sku = table.skus[it->second];
    const auto day = static_cast<std::size_t>(date - table.start);
    if (sku.mean.size() <= day) {
      sku.mean.resize(day + 1, 0.0);
      sku.variance.resize(day + 1, 0.0);
    }
    const double sd = std::max(0.0, number_at(reader, p90_col) - number_at(reader, p10_col)) / (2.0 * kZ90);
    const double mean = number_at(reader, mean_col);
    sku.mean[day] += mean;
    sku.variance[day] += sd * sd;
    sku.total += mean;
  }
  // Every SKU spans the same days, so the arrays line up in the chart.
  std::size_t days = 0;
  for (const SkuForecast& sku : table.skus) days = std::max(days, sku.mean.size());
  for (SkuForecast& sku : table.skus) {
    sku.mean.resize(days, 0.0);
    sku.variance.resize(days, 0.0);
  }
  return table;
}

// Daily demand totals of one SKU over [first, first + days).
std::vector<double> daily_totals(const network::Dataset& dataset, SkuIndex sku, Date first, int days) {
  std::vector<double> totals(static_cast<std::size_t>(std::max(days, 0)), 0.0);
  const network::DemandHistory& demand = dataset.demand;
  for (std::size_t row = demand.begin_of(sku); row < demand.end_of(sku); ++row) {
    const int day = demand.date[row] - first.days();
    if (day >= 0 && day < days) totals[static_cast<std::size_t>(day)] += demand.quantity[row];
  }
  return totals;
}

json rounded(const std::vector<double>& values) {
  json out = json::array();
  for (double value : values) out.push_back(round2(value));
  return out;
}

// Mean, p10 and p90 arrays of a normal approximation, truncated at zero demand.
void add_band(json& fan, const std::vector<double>& mean, const std::vector<double>& variance) {
  std::vector<double> low(mean.size());
  std::vector<double> high(mean.size());
  for (std::size_t day = 0; day < mean.size(); ++day) {
    const double sd = std::sqrt(std::max(variance[day], 0.0));
    low[day] = std::max(0.0, mean[day] - kZ90 * sd);
    high[day] = mean[day] + kZ90 * sd;
  }
  fan["mean"] = rounded(mean);
  fan["p10"] = rounded(low);
  fan["p90"] = rounded(high);
}

}  // namespace

std::optional<json> collect_fans(const FanSources& sources, const network::Dataset* dataset,
                                 const ReportOptions& options) {
  if (sources.forecast_csv.empty() && dataset == nullptr) return std::nullopt;
  std::vector<SkuForecast> skus;
  Date start;
  std::string source;
  if (!sources.forecast_csv.empty()) {
    ForecastTable table = read_forecast(sources.forecast_csv);
    skus = std::move(table.skus);
    start = table.start;
    source = "forecast";
  } else {
    // The recent rate: mean and variance of the last rate_days daily totals, held flat.
    start = dataset->planning_date();
    const int days = std::max(options.rate_days, 2);
    for (SkuIndex sku : all<SkuIndex>(dataset->sku_count())) {
      const std::vector<double> totals = daily_totals(*dataset, sku, start - days, days);
      const double mean = std::accumulate(totals.begin(), totals.end(), 0.0) / days;
      double squares = 0.0;
      for (double value : totals) squares += (value - mean) * (value - mean);
      const auto horizon = static_cast<std::size_t>(std::max(options.rate_horizon_days, 1));
      skus.push_back({.sku = dataset->sku_ids.name(sku),
                      .mean = std::vector<double>(horizon, mean),
                      .variance = std::vector<double>(horizon, squares / (days - 1)),
                      .total = mean});
    }
    source = "rate";
  }
  // Largest volume first; ties by id so the choice does not depend on file order.
  std::sort(skus.begin(), skus.end(), [](const SkuForecast& a, const SkuForecast& b) {
    return a.total != b.total ? a.total > b.total : a.sku < b.sku;
  });
  if (skus.size() > static_cast<std::size_t>(std::max(options.top_skus, 0))) {
    skus.resize(static_cast<std::size_t>(std::max(options.top_skus, 0)));
  }
  json fans = json::array();
  for (const SkuForecast& sku : skus) {
    json fan = {{"sku", sku.sku}, {"forecast_start", start.to_string()}};
    add_band(fan, sku.mean, sku.variance);
    if (dataset != nullptr) {
      if (const std::optional<SkuIndex> index = dataset->sku_ids.find(sku.sku)) {
        const Date first = start - options.history_days;
        fan["history_start"] = first.to_string();
        fan["history"] = rounded(daily_totals(*dataset, *index, first, options.history_days));
      }
    }
    fans.push_back(fan);
  }
  return json{{"source", source}, {"band", "p10-p90"}, {"skus", fans}};
}

}  // namespace echelon::report
