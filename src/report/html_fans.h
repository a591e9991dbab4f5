// SPDX-License-Identifier: Apache-2.0
// Forecast fan charts of report.html: for the top SKUs, daily demand history and the forecast
// of the SKU's total demand (all regions and speeds) with a 10-90% band. From forecast.csv when
// present: means add up, and the spread of each region x speed series, read off its p10..p90
// range as a normal standard deviation, adds up in variance (series taken as independent).
// Otherwise from the recent demand rate (the mean and standard deviation of the last days'
// totals, held flat), as the plan estimates demand without a forecast.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string_view>

#include "report/html_inputs.h"

namespace echelon::io {
class CsvReader;
}

namespace echelon::report {

namespace detail {
// Index of the header column `name`; throws InputError when the file lacks it.
std::size_t column_of(const io::CsvReader& reader, std::string_view name);
// Field `column` of the current record as a number: empty is NaN (not computed), "inf" is
// infinity; other text that is not a number throws InputError at its file:line:column.
double number_at(const io::CsvReader& reader, std::size_t column);
}  // namespace detail

struct FanSources {
  std::filesystem::path forecast_csv;  // empty: no forecast.csv
};

// {"source": "forecast"|"rate", "skus": [{"sku", "history_start", "history": [...],
// "forecast_start", "mean": [...], "p10": [...], "p90": [...]}]}, top SKUs by forecast (or
// recent) volume first; nullopt when there is neither a forecast nor a dataset.
std::optional<nlohmann::json> collect_fans(const FanSources& sources, const network::Dataset* dataset,
                                           const ReportOptions& options);

}  // namespace echelon::report
