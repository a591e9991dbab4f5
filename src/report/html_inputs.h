// SPDX-License-Identifier: Apache-2.0
// Gathers what report.html shows into one JSON document, from the files of an output directory
// (plan: summary.json, plan.csv, prices.csv; forecast: forecast.csv, forecast_review.csv,
// backtest.csv; compare: comparison.csv) and, when given, the dataset in memory (network
// summary, unit costs, demand history). Each section is present only when its source is, so a
// report can be built from whatever has run. The document is embedded in the page as is, so
// every number a chart or table shows can be checked against it.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace echelon::network {
struct Dataset;
}

namespace echelon::report {

// Where the report's inputs are; empty forecast/compare directories mean `out_dir`.
struct ReportSources {
  std::filesystem::path out_dir;       // outputs of `echelon plan`; report.html goes here
  std::filesystem::path forecast_dir;  // outputs of `echelon forecast` (default: out_dir)
  std::filesystem::path compare_dir;   // outputs of `echelon compare` (default: out_dir)
};

struct ReportOptions {
  std::string currency = "$";  // symbol in front of money amounts
  int top_skus = 10;           // SKUs with a forecast fan chart (by forecast or recent volume)
  int history_days = 91;       // days of demand history drawn before the forecast
  int rate_days = 56;          // recent days behind the demand rate when forecast.csv is absent
  int rate_horizon_days = 28;  // days drawn ahead from that rate
  int review_rows = 40;        // rows of forecast_review.csv listed (the count shows all)
};

// The report's data; throws InputError when a present file is malformed (file:line:column) or
// when the directories hold none of the files above.
nlohmann::json collect_report_data(const ReportSources& sources, const network::Dataset* dataset,
                                   const ReportOptions& options);

}  // namespace echelon::report
