// SPDX-License-Identifier: Apache-2.0
// report.html: one self-contained page (styles, Chart.js and the drawing script inline, no
// network at view time) built from the data of html_inputs.h. Tables and headline figures are
// rendered here with numbers formatted for people; charts are drawn in the browser from the
// same data, embedded as a <script type="application/json" id="report-data"> block. The page
// counts the charts it drew in <body data-charts-drawn> (expected: data-charts-expected), and
// appends " [ready]" to the title once all are drawn, so a headless browser can check it.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "report/html_inputs.h"

namespace echelon::report {

// The charts the page holds for `data`: one per <canvas data-chart>.
int chart_count(const nlohmann::json& data);

// The whole page for `data` (from collect_report_data).
std::string render_report_html(const nlohmann::json& data, const ReportOptions& options);

// Collects the data, renders it and writes sources.out_dir/report.html atomically; returns the
// path written. `dataset` may be null (no network details, unit costs or demand history).
std::filesystem::path write_report(const ReportSources& sources, const network::Dataset* dataset,
                                   const ReportOptions& options);

}  // namespace echelon::report
