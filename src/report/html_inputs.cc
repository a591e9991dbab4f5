// SPDX-License-Identifier: Apache-2.0
#include "report/html_inputs.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <optional>
#include <sstream>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"
#include "network/dataset.h"
#include "report/html_fans.h"

namespace echelon::report {

namespace detail {

double number_at(const io::CsvReader& reader, std::size_t column) {
  const std::string_view text = reader[column];
  if (text.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (text == "inf") return std::numeric_limits<double>::infinity();
  const std::optional<double> value = io::parse_number(text);
  if (!value) {
    throw InputError::bad_value(reader.location(column), reader.header()[column], "a number", text);
  }
  return *value;
}

std::size_t column_of(const io::CsvReader& reader, std::string_view name) {
  const auto& header = reader.header();
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) throw InputError::missing_column({reader.name(), reader.header_line(), 0}, name);
  return static_cast<std::size_t>(it - header.begin());
}

}  // namespace detail

namespace {

using detail::column_of;
using detail::number_at;

using nlohmann::json;
namespace fs = std::filesystem;

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

json number_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

io::CsvReader open_csv(const fs::path& path) { return io::CsvReader::open(path, path.string()); }

std::optional<json> read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& error) {
    throw InputError({path.string(), 0, 0}, std::string("malformed JSON: ") + error.what());
  }
}

json network_section(const network::Dataset& dataset) {
  const network::Network& net = dataset.network;
  json section;
  section["skus"] = dataset.sku_count();
  section["nodes"] = net.node_count();
  section["regions"] = net.region_count();
  section["vendors"] = net.vendors.size();
  section["lanes"] = net.lanes.size();
  section["delivery_options"] = net.delivery.size();
  json types = json::object();
  for (const network::Node& node : net.nodes) {
    const std::string type(network::to_string(node.type));
    types[type] = types.value(type, 0) + 1;
  }
  section["node_types"] = types;
  json speeds = json::array();
  for (const network::Speed& speed : dataset.config.speeds) {
    speeds.push_back({{"name", speed.name}, {"promise_hours", speed.promise_hours}, {"target", speed.target_fill}});
  }
  section["speeds"] = speeds;
  section["planning_date"] = dataset.planning_date().to_string();
  if (dataset.demand.rows() > 0) {
    section["history_first"] = dataset.demand.first_date.to_string();
    section["history_last"] = dataset.demand.last_date.to_string();
    const int days = dataset.demand.last_date - dataset.demand.first_date + 1;
    const double units = std::accumulate(dataset.demand.quantity.begin(), dataset.demand.quantity.end(), 0.0);
    section["units_per_day"] = round_to(units / std::max(days, 1), 2);
  }
  return section;
}

// Without the dataset, the counts the plan's summary.json carries.
json network_from_summary(const json& summary) {
  json section;
  section["skus"] = summary.value("skus", 0);
  section["nodes"] = summary.value("nodes", 0);
  json speeds = json::array();
  if (summary.contains("service")) {
    for (const auto& [name, service] : summary["service"].items()) {
      speeds.push_back({{"name", name}, {"target", service.value("target", 0.0)}});
    }
  }
  section["speeds"] = speeds;
  if (summary.contains("planning_date")) section["planning_date"] = summary["planning_date"];
  return section;
}

// The plan's stock at its expected on-hand levels, valued at the chosen vendor's unit cost (as
// the simulator values stock), averaged over planning weeks.
json plan_stock(const fs::path& plan_csv, const network::Dataset& dataset) {
  io::CsvReader reader = open_csv(plan_csv);
  const std::size_t sku_col = column_of(reader, "sku_id");
  const std::size_t week_col = column_of(reader, "week");
  const std::size_t on_hand_col = column_of(reader, "expected_on_hand");
  const std::size_t vendor_col = column_of(reader, "vendor_id");
  double value = 0.0;
  double units = 0.0;
  double max_week = 1.0;
  std::size_t rows = 0;
  while (reader.next()) {
    const std::optional<SkuIndex> sku = dataset.sku_ids.find(reader[sku_col]);
    if (!sku) throw InputError::unknown_reference(reader.location(sku_col), "sku_id", "SKU", reader[sku_col]);
    double unit_cost = dataset.skus[*sku].unit_cost;
    const std::optional<VendorIndex> vendor = dataset.network.vendor_ids.find(reader[vendor_col]);
    for (const network::SourcingOption& option : dataset.sourcing_of(*sku)) {
      if (vendor && option.vendor == *vendor) unit_cost = option.unit_cost;
    }
    const double on_hand = number_at(reader, on_hand_col);
    value += on_hand * unit_cost;
    units += on_hand;
    max_week = std::max(max_week, number_at(reader, week_col));
    ++rows;
  }
  return {{"stock_value", round_to(value / max_week, 2)}, {"stock_units", round_to(units / max_week, 2)},
          {"rows", rows}};
}

json plan_section(const json& summary) {
  json plan;
  for (const char* key : {"status", "method", "cost_period", "lower_bound", "plan_cost", "plan_cost_ci",
                          "plan_cost_relaxed", "plan_cost_policy", "controllable_cost", "gap", "gap_terms",
                          "iterations", "wall_seconds", "threads", "ranks", "seed", "cost", "service", "notes"}) {
    if (summary.contains(key)) plan[key] = summary[key];
  }
  return plan;
}

json capacity_section(const json& summary) {
  json rows = json::array();
  if (!summary.contains("capacity")) return rows;
  for (const auto& [node, resources] : summary["capacity"].items()) {
    for (const auto& [resource, entry] : resources.items()) {
      const json& limit = entry["limit"];
      const double use = entry.value("use", 0.0);
      json row = {{"node", node}, {"resource", resource}, {"limit", limit}, {"use", round_to(use, 3)},
                  {"price", round_to(entry.value("price", 0.0), 6)}};
      row["utilization"] = limit.is_number() && limit.get<double>() > 0.0
                               ? json(round_to(use / limit.get<double>(), 4))
                               : json(nullptr);
      rows.push_back(row);
    }
  }
  return rows;
}

// comparison.csv: every column kept; empty cells (not computed) become null.
json comparison_section(const fs::path& path) {
  io::CsvReader reader = open_csv(path);
  const std::size_t policy_col = column_of(reader, "policy");
  json rows = json::array();
  while (reader.next()) {
    json row;
    row["policy"] = std::string(reader[policy_col]);
    for (std::size_t column = 0; column < reader.size(); ++column) {
      if (column != policy_col) row[reader.header()[column]] = number_or_null(number_at(reader, column));
    }
    rows.push_back(row);
  }
  return {{"columns", reader.header()}, {"rows", rows}};
}

json accuracy_section(const fs::path& backtest_csv, const std::optional<json>& forecast_summary) {
  io::CsvReader reader = open_csv(backtest_csv);
  const std::size_t segment_col = column_of(reader, "segment");
  json segments = json::array();
  while (reader.next()) {
    json row = {{"segment", std::string(reader[segment_col])}};
    for (std::size_t column = 0; column < reader.size(); ++column) {
      if (column != segment_col) row[reader.header()[column]] = number_or_null(number_at(reader, column));
    }
    if (forecast_summary && forecast_summary->contains("segments")) {
      const json& chosen = (*forecast_summary)["segments"];
      if (chosen.contains(row["segment"].get<std::string>())) {
        row["model"] = chosen[row["segment"].get<std::string>()].value("model", "");
      }
    }
    segments.push_back(row);
  }
  json section = {{"segments", segments}};
  if (forecast_summary && forecast_summary->contains("backtest")) {
    const json& backtest = (*forecast_summary)["backtest"];
    section["origin"] = backtest.value("origin", "");
    section["horizon_days"] = backtest.value("horizon_days", 0);
  }
  return section;
}

json review_section(const fs::path& path, int max_rows) {
  io::CsvReader reader = open_csv(path);
  json rows = json::array();
  std::size_t total = 0;
  while (reader.next()) {
    ++total;
    if (static_cast<int>(rows.size()) >= max_rows) continue;
    json row;
    for (std::size_t column = 0; column < reader.size(); ++column) {
      const std::string& name = reader.header()[column];
      const bool numeric = name == "backtest_wape" || name == "wape_change";
      row[name] = numeric ? number_or_null(number_at(reader, column)) : json(std::string(reader[column]));
    }
    rows.push_back(row);
  }
  return {{"total", total}, {"rows", rows}};
}

// overrides_impact.csv: the overrides that changed a decision first (largest cost impact first),
// at most `max_rows`, with the totals from summary.json.
json overrides_section(const fs::path& path, const json& summary, int max_rows) {
  io::CsvReader reader = open_csv(path);
  std::vector<json> rows;
  while (reader.next()) {
    json row;
    for (std::size_t column = 0; column < reader.size(); ++column) {
      const std::string& name = reader.header()[column];
      const bool numeric = name == "value" || name.rfind("level_", 0) == 0 || name.rfind("cost_", 0) == 0;
      row[name] = numeric ? number_or_null(number_at(reader, column)) : json(std::string(reader[column]));
    }
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    const bool a_changed = a.value("changed", "") == "true";
    const bool b_changed = b.value("changed", "") == "true";
    if (a_changed != b_changed) return a_changed;
    const auto magnitude = [](const json& row) {
      const json& value = row["cost_impact_per_week"];
      return value.is_number() ? std::abs(value.get<double>()) : 0.0;
    };
    return magnitude(a) > magnitude(b);
  });
  json section = summary.value("overrides", json::object());
  section["total"] = rows.size();
  section["rows"] = json::array();
  for (std::size_t row = 0; row < rows.size() && static_cast<int>(row) < max_rows; ++row) {
    section["rows"].push_back(rows[row]);
  }
  return section;
}

// Points of the stock-to-service curve: the plan as the planning model sees it, then each
// simulated policy of comparison.csv.
json stock_service_section(const json& data) {
  json points = json::array();
  if (data.contains("plan") && data["plan"].contains("stock_value") && data["plan"].contains("service")) {
    json point = {{"policy", "plan (model)"}, {"source", "plan"}, {"stock_value", data["plan"]["stock_value"]}};
    for (const auto& [speed, service] : data["plan"]["service"].items()) {
      point["fill"][speed] = service.value("fill", 0.0);
      point["on_time"][speed] = service.value("on_time", 0.0);
    }
    points.push_back(point);
  }
  if (data.contains("comparison")) {
    for (const json& row : data["comparison"]["rows"]) {
      if (!row.contains("avg_stock_value") || !row["avg_stock_value"].is_number()) continue;
      json point = {{"policy", row["policy"]}, {"source", "simulation"}, {"stock_value", row["avg_stock_value"]}};
      for (const auto& [column, value] : row.items()) {
        if (column.rfind("fill_", 0) == 0 && column.find("_ci") == std::string::npos) point["fill"][column.substr(5)] = value;
        if (column.rfind("on_time_", 0) == 0 && column.find("_ci") == std::string::npos) point["on_time"][column.substr(8)] = value;
      }
      points.push_back(point);
    }
  }
  return points;
}

}  // namespace

json collect_report_data(const ReportSources& sources, const network::Dataset* dataset,
                         const ReportOptions& options) {
  const fs::path& out = sources.out_dir;
  const fs::path forecast_dir = sources.forecast_dir.empty() ? out : sources.forecast_dir;
  const fs::path compare_dir = sources.compare_dir.empty() ? out : sources.compare_dir;
  json data;
  json files = json::array();
  data["meta"] = {{"currency", options.currency}, {"cost_period", "week"}};

  // summary.json is the plan's when it has a lower bound; `forecast` writes one too.
  std::optional<json> plan_summary;
  if (std::optional<json> summary = read_json(out / "summary.json"); summary && summary->contains("lower_bound")) {
    plan_summary = std::move(summary);
    files.push_back("summary.json");
    data["plan"] = plan_section(*plan_summary);
    data["capacity"] = capacity_section(*plan_summary);
  }
  std::optional<json> forecast_summary = read_json(forecast_dir / "summary.json");
  if (forecast_summary && !forecast_summary->contains("as_of")) forecast_summary.reset();

  if (dataset != nullptr) {
    data["network"] = network_section(*dataset);
  } else if (plan_summary) {
    data["network"] = network_from_summary(*plan_summary);
  }
  if (data.contains("plan") && data["plan"].contains("service")) {
    // Speeds fastest first as configured (JSON objects come back sorted by name).
    json order = json::array();
    for (const json& speed : data["network"].value("speeds", json::array())) {
      if (data["plan"]["service"].contains(speed.value("name", ""))) order.push_back(speed["name"]);
    }
    for (const auto& [name, service] : data["plan"]["service"].items()) {
      if (std::find(order.begin(), order.end(), json(name)) == order.end()) order.push_back(name);
    }
    data["plan"]["speed_order"] = order;
  }
  if (plan_summary && dataset != nullptr && fs::exists(out / "plan.csv")) {
    files.push_back("plan.csv");
    data["plan"].update(plan_stock(out / "plan.csv", *dataset));
  }
  if (plan_summary && fs::exists(out / "overrides_impact.csv")) {
    files.push_back("overrides_impact.csv");
    data["overrides"] = overrides_section(out / "overrides_impact.csv", *plan_summary, options.review_rows);
  }
  if (fs::exists(compare_dir / "comparison.csv")) {
    files.push_back("comparison.csv");
    data["comparison"] = comparison_section(compare_dir / "comparison.csv");
  }
  data["stock_service"] = stock_service_section(data);

  FanSources fan_sources;
  if (fs::exists(forecast_dir / "forecast.csv")) {
    files.push_back("forecast.csv");
    fan_sources.forecast_csv = forecast_dir / "forecast.csv";
  }
  if (std::optional<json> fans = collect_fans(fan_sources, dataset, options)) data["fans"] = std::move(*fans);
  if (fs::exists(forecast_dir / "backtest.csv")) {
    files.push_back("backtest.csv");
    data["accuracy"] = accuracy_section(forecast_dir / "backtest.csv", forecast_summary);
  }
  if (fs::exists(forecast_dir / "forecast_review.csv")) {
    files.push_back("forecast_review.csv");
    data["review"] = review_section(forecast_dir / "forecast_review.csv", options.review_rows);
  }
  if (files.empty()) {
    throw InputError::missing_file({out.string(), 0, 0},
                                   "no outputs to report: expected summary.json of `echelon plan`, "
                                   "forecast.csv of `echelon forecast` or comparison.csv of `echelon compare`");
  }
  data["meta"]["files"] = files;
  return data;
}

}  // namespace echelon::report
