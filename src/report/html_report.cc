// SPDX-License-Identifier: Apache-2.0
#include "report/html_report.h"

#include <fmt/format.h>

#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "io/atomic_file.h"
#include "report/html_format.h"
#include "report/report_assets.h"

namespace echelon::report {
namespace {

using nlohmann::json;

double num(const json& value, double fallback = 0.0) {
  return value.is_number() ? value.get<double>() : fallback;
}
double field(const json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? std::numeric_limits<double>::quiet_NaN() : num(*it, std::numeric_limits<double>::quiet_NaN());
}

// A table whose numeric cells are right-aligned; cell text is escaped here.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  // A row of cells; cells after the first `text_columns` are numbers.
  void row(std::vector<std::string> cells, std::size_t text_columns = 1) {
    std::string html = "<tr>";
    for (std::size_t column = 0; column < cells.size(); ++column) {
      html += column < text_columns ? "<td>" : "<td class=\"num\">";
      html += html_escape(cells[column]) + "</td>";
    }
    rows_ += html + "</tr>\n";
  }
  [[nodiscard]] std::string html(std::size_t text_columns = 1) const {
    std::string out = "<table><thead><tr>";
    for (std::size_t column = 0; column < header_.size(); ++column) {
      out += column < text_columns ? "<th>" : "<th class=\"num\">";
      out += html_escape(header_[column]) + "</th>";
    }
    return out + "</tr></thead><tbody>\n" + rows_ + "</tbody></table>\n";
  }

 private:
  std::vector<std::string> header_;
  std::string rows_;
};

std::string canvas(std::string_view kind, std::string_view label, int index = -1, std::string_view size = "") {
  std::string attributes = fmt::format("data-chart=\"{}\"", kind);
  if (index >= 0) attributes += fmt::format(" data-index=\"{}\"", index);
  return fmt::format("<div class=\"chart {}\"><canvas {} role=\"img\" aria-label=\"{}\"></canvas></div>\n", size,
                     attributes, html_escape(label));
}

std::string section(std::string_view id, std::string_view title, std::string_view note, const std::string& body) {
  std::string out = fmt::format("<section id=\"{}\"><h2>{}</h2>\n", id, html_escape(title));
  if (!note.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", html_escape(note));
  return out + body + "</section>\n";
}

std::string tile(std::string_view label, const std::string& value, const std::string& detail = "") {
  return fmt::format("<div class=\"tile\"><div class=\"label\">{}</div><div class=\"value\">{}</div>"
                     "<div class=\"detail\">{}</div></div>\n",
                     html_escape(label), html_escape(value), html_escape(detail));
}

// The plan's speeds in configured order, each with its service entry.
std::vector<std::pair<std::string, const json*>> speeds_of(const json& plan) {
  std::vector<std::pair<std::string, const json*>> out;
  if (!plan.contains("service")) return out;
  for (const json& name : plan.value("speed_order", json::array())) {
    out.emplace_back(name.get<std::string>(), &plan["service"][name.get<std::string>()]);
  }
  if (out.empty()) {
    for (const auto& [name, service] : plan["service"].items()) out.emplace_back(name, &service);
  }
  return out;
}

struct Page {
  const json& data;
  std::string currency;
  [[nodiscard]] std::string money(double value, int decimals = 0) const {
    return format_money(value, currency, decimals);
  }
};

std::string headline(const Page& page) {
  const json& data = page.data;
  std::string tiles;
  if (data.contains("plan")) {
    const json& plan = data["plan"];
    tiles += tile("Plan cost per week", page.money(field(plan, "plan_cost")),
                  "± " + page.money(field(plan, "plan_cost_ci")) + " (95% CI)");
    tiles += tile("Controllable cost per week", page.money(field(plan, "controllable_cost")),
                  "total minus purchase");
    tiles += tile("Lower bound per week", page.money(field(plan, "lower_bound")), "certified");
    tiles += tile("Gap", format_percent(field(plan, "gap"), 2), "of controllable cost");
    if (plan.contains("stock_value")) {
      tiles += tile("Planned stock value", page.money(field(plan, "stock_value")),
                    format_quantity(field(plan, "stock_units"), "units"));
    }
    for (const auto& [speed, service] : speeds_of(plan)) {
      tiles += tile("On time, " + speed, format_percent(field(*service, "on_time")),
                    "target " + format_percent(field(*service, "target")));
    }
  }
  return tiles.empty() ? std::string() : "<div class=\"tiles\">\n" + tiles + "</div>\n";
}

std::string network_section(const Page& page) {
  const json& net = page.data["network"];
  Table counts({"", "count"});
  for (const auto& [key, label] : std::vector<std::pair<std::string, std::string>>{
           {"skus", "SKUs"}, {"nodes", "stocking nodes"}, {"regions", "customer regions"},
           {"vendors", "vendors"}, {"lanes", "replenishment lanes"}, {"delivery_options", "delivery options"}}) {
    if (net.contains(key)) counts.row({label, format_number(num(net[key]))});
  }
  if (net.contains("node_types")) {
    std::string types;
    for (const auto& [type, count] : net["node_types"].items()) {
      types += (types.empty() ? "" : ", ") + format_number(num(count)) + " " + type;
    }
    counts.row({"nodes by type", types});
  }
  if (net.contains("units_per_day")) counts.row({"demand, units per day", format_number(num(net["units_per_day"]), 1)});
  Table speeds({"speed", "promise", "target on time"});
  for (const json& speed : net.value("speeds", json::array())) {
    speeds.row({speed.value("name", ""),
                speed.contains("promise_hours") ? format_quantity(num(speed["promise_hours"]), "h") : "\u2013",
                format_percent(num(speed["target"]))});
  }
  std::string note;
  if (net.contains("planning_date")) note = "Planning date " + net["planning_date"].get<std::string>();
  if (net.contains("history_first")) {
    note += fmt::format("; demand history {} to {}", net["history_first"].get<std::string>(),
                        net["history_last"].get<std::string>());
  }
  return section("network", "Network", note,
                 "<div class=\"row\"><div>" + counts.html() + "</div><div>" + speeds.html() + "</div></div>\n");
}

std::string cost_section(const Page& page) {
  const json& plan = page.data["plan"];
  if (!plan.contains("cost")) return {};
  double total = 0.0;
  for (const auto& [kind, value] : plan["cost"].items()) total += num(value);
  Table table({"cost", "per week", "share"});
  for (const auto& [kind, value] : plan["cost"].items()) {
    table.row({kind, page.money(num(value)), total > 0 ? format_percent(num(value) / total) : "\u2013"});
  }
  table.row({"total", page.money(total), total > 0 ? "100.0%" : "\u2013"});
  return section("cost", "Cost breakdown",
                 "Expected cost per week of the plan under its fulfillment policy, on fresh demand "
                 "scenarios. The chart leaves out the purchase bill, which is nearly fixed.",
                 "<div class=\"row\">" + canvas("cost", "controllable cost by kind") + "<div>" + table.html() +
                     "</div></div>\n");
}

std::string bound_section(const Page& page) {
  const json& plan = page.data["plan"];
  Table table({"", "per week"});
  table.row({"lower bound (certified)", page.money(field(plan, "lower_bound"))});
  table.row({"plan, relaxed model", page.money(field(plan, "plan_cost_relaxed"))});
  table.row({"plan, policy model", page.money(field(plan, "plan_cost_policy"))});
  table.row({"plan, fresh scenarios", page.money(field(plan, "plan_cost"))});
  Table terms({"gap term", "share of controllable cost"});
  if (plan.contains("gap_terms")) {
    for (const auto& [term, value] : plan["gap_terms"].items()) terms.row({term, format_percent(num(value), 2)});
  }
  terms.row({"gap", format_percent(field(plan, "gap"), 2)});
  const std::string note = fmt::format(
      "Status {} after {} iterations in {} s. The gap is relative to controllable cost and splits into "
      "the Lagrangian duality gap, the policy term (greedy fulfillment vs hindsight allocation), "
      "sampling error and certificate slack.",
      plan.value("status", "?"), format_number(field(plan, "iterations")), format_number(field(plan, "wall_seconds"), 1));
  return section("bound", "Lower bound, plan cost and gap", note,
                 "<div class=\"row\">" + canvas("bound", "lower bound and plan cost") +
                     canvas("gap_terms", "gap by term") + "</div>\n<div class=\"row\"><div>" + table.html() +
                     "</div><div>" + terms.html() + "</div></div>\n");
}

std::string resource_unit(const std::string& resource) { return resource == "storage" ? "m³" : "units/day"; }

std::string capacity_section(const Page& page) {
  const json& rows = page.data["capacity"];
  if (rows.empty()) return {};
  Table table({"node", "resource", "use", "limit", "use / limit", "shadow price per week"});
  for (const json& row : rows) {
    const std::string resource = row.value("resource", "");
    const std::string unit = resource_unit(resource);
    table.row({row.value("node", ""), resource, format_quantity(num(row["use"]), unit, 1),
               row["limit"].is_number() ? format_quantity(num(row["limit"]), unit, 1) : "unlimited",
               row["utilization"].is_number() ? format_percent(num(row["utilization"])) : "\u2013",
               page.money(num(row["price"]), 2) + " per " + (resource == "storage" ? "m³" : "unit/day")},
              2);
  }
  return section("capacity", "Node capacity and shadow prices",
                 "Use of storage (m³) and inbound/outbound throughput (units per day) against each node's "
                 "limit. The shadow price is what one more unit of the resource would save per week; "
                 "zero where the limit does not bind.",
                 canvas("capacity", "capacity use per node", -1, "wide") + "<details><summary>Table</summary>" +
                     table.html(2) + "</details>\n");
}

std::string service_section(const Page& page) {
  const json& data = page.data;
  std::string body = "<div class=\"row\">";
  if (data.contains("plan") && data["plan"].contains("service")) {
    body += canvas("service", "fill and on-time rate per speed");
  }
  if (data.contains("stock_service") && !data["stock_service"].empty()) {
    body += canvas("stock_service", "on-time rate against stock value");
  }
  body += "</div>\n";
  Table table({"speed", "target", "fill", "on time", "demand per week"});
  if (data.contains("plan") && data["plan"].contains("service")) {
    for (const auto& [speed, service] : speeds_of(data["plan"])) {
      table.row({speed, format_percent(field(*service, "target")), format_percent(field(*service, "fill")),
                 format_percent(field(*service, "on_time")),
                 format_quantity(field(*service, "demand_per_week"), "units")});
    }
    body += table.html();
  }
  return section("service", "Service per speed and the stock it takes",
                 "Fill: share of demand delivered; on time: delivered within the speed's promise. "
                 "The curve places each policy by its average stock value: the plan as the planning "
                 "model sees it and, when `compare` ran, every simulated policy.",
                 body);
}

std::string fans_section(const Page& page) {
  const json& fans = page.data["fans"];
  std::string body = "<div class=\"grid\">";
  for (std::size_t index = 0; index < fans["skus"].size(); ++index) {
    body += canvas("fan", "forecast of " + fans["skus"][index].value("sku", ""), static_cast<int>(index), "small");
  }
  body += "</div>\n";
  const std::string note =
      fans.value("source", "") == "forecast"
          ? "Daily demand of the top SKUs (all regions and speeds) with the forecast's mean and 10-90% "
            "band (forecast.csv; region x speed series added as independent)."
          : "Daily demand of the top SKUs with the recent demand rate (mean and spread of the last weeks) "
            "held flat, as the plan estimates demand; run `echelon forecast` for forecast fans.";
  return section("forecast", "Demand forecast of the top SKUs", note, body);
}

std::string accuracy_section(const Page& page) {
  const json& accuracy = page.data["accuracy"];
  Table table({"segment", "model", "series", "MASE", "RMSSE", "weighted pinball", "80% coverage", "95% coverage",
               "actual units", "forecast units"});
  for (const json& row : accuracy["segments"]) {
    table.row({row.value("segment", ""), row.value("model", ""), format_number(field(row, "series")),
               format_number(field(row, "mase"), 3), format_number(field(row, "rmsse"), 3),
               format_number(field(row, "weighted_pinball"), 3), format_percent(field(row, "coverage80")),
               format_percent(field(row, "coverage95")), format_number(field(row, "actual_units")),
               format_number(field(row, "forecast_units"))},
              2);
  }
  std::string note = "Out-of-sample accuracy of a forecast made one horizon earlier";
  if (accuracy.contains("origin")) {
    note += fmt::format(" (from {}, {} days)", accuracy["origin"].get<std::string>(), format_number(field(accuracy, "horizon_days")));
  }
  note += ". MASE and RMSSE below 1 beat the seasonal naive forecast; coverage should match 80% and 95%.";
  return section("accuracy", "Forecast accuracy by segment", note,
                 canvas("accuracy", "forecast accuracy by segment", -1, "wide") + table.html(2));
}

std::string review_section(const Page& page) {
  const json& review = page.data["review"];
  Table table({"SKU", "reason", "model", "segment", "confidence", "backtest WAPE", "WAPE change"});
  for (const json& row : review["rows"]) {
    table.row({row.value("sku_id", ""), row.value("reason", ""), row.value("model", ""), row.value("segment", ""),
               row.value("confidence", ""), format_percent(field(row, "backtest_wape")),
               format_percent(field(row, "wape_change"))},
              5);
  }
  const std::size_t total = review.value("total", std::size_t{0});
  const std::size_t shown = review["rows"].size();
  std::string note = fmt::format("{} SKU{} to review", format_number(static_cast<double>(total)), total == 1 ? "" : "s");
  if (shown < total) note += fmt::format(" (first {} listed; all in forecast_review.csv)", shown);
  return section("review", "Forecasts to review", note + ".", total > 0 ? table.html(5) : std::string());
}

std::string overrides_section(const Page& page) {
  const json& overrides = page.data["overrides"];
  Table table({"SKU", "kind", "node", "value", "changed", "level with", "level without", "cost/week with",
               "cost/week without", "impact/week", "note"});
  for (const json& row : overrides["rows"]) {
    table.row({row.value("sku_id", ""), row.value("kind", ""), row.value("node_id", ""),
               format_number(field(row, "value"), 2), row.value("changed", ""),
               format_number(field(row, "level_with")), format_number(field(row, "level_without")),
               page.money(field(row, "cost_per_week_with"), 2), page.money(field(row, "cost_per_week_without"), 2),
               page.money(field(row, "cost_impact_per_week"), 2), row.value("note", "")},
              3);
  }
  const std::size_t total = overrides.value("total", std::size_t{0});
  std::string note = fmt::format(
      "{} override{} in force, {} changed a decision; together they cost {} per week (each SKU re-planned "
      "without its overrides at the final prices).",
      format_number(static_cast<double>(total)), total == 1 ? "" : "s", format_number(field(overrides, "changed")),
      page.money(field(overrides, "cost_impact_per_week"), 2));
  if (overrides["rows"].size() < total) note += " The first rows are listed; all are in overrides_impact.csv.";
  return section("overrides", "Planner overrides", note, total > 0 ? table.html(3) : std::string());
}

std::string comparison_section(const Page& page) {
  const json& comparison = page.data["comparison"];
  std::vector<std::string> header{"policy", "controllable cost", "total cost", "avg stock value", "lost units",
                                  "in-region fill"};
  std::vector<std::string> speeds;
  for (const json& column : comparison["columns"]) {
    const std::string name = column.get<std::string>();
    if (name.rfind("on_time_", 0) == 0 && name.find("_ci") == std::string::npos) speeds.push_back(name.substr(8));
  }
  for (const std::string& speed : speeds) header.push_back("on time " + speed);
  Table table(header);
  for (const json& row : comparison["rows"]) {
    std::vector<std::string> cells{row.value("policy", ""),
                                   page.money(field(row, "total_cost") - field(row, "purchase_cost")),
                                   page.money(field(row, "total_cost")), page.money(field(row, "avg_stock_value")),
                                   format_number(field(row, "lost_units")),
                                   format_percent(field(row, "in_region_fill"))};
    for (const std::string& speed : speeds) cells.push_back(format_percent(field(row, "on_time_" + speed)));
    table.row(cells);
  }
  return section("comparison", "Policy comparison (simulation)",
                 "Every policy simulated on the same held-out demand (`echelon compare`). Controllable cost "
                 "is total minus purchase cost, over the simulated days.",
                 canvas("comparison", "controllable cost per policy", -1, "wide") + table.html());
}

// Replaces each {{NAME}} of `page_template` once, scanning the template only, so inserted text
// (the Chart.js bundle, user data) is never searched for placeholders.
std::string fill_template(std::string_view page_template, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = page_template.find("{{", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = page_template.find("}}", open);
    if (close == std::string_view::npos) break;
    const auto it = values.find(std::string(page_template.substr(open + 2, close - open - 2)));
    out.append(page_template.substr(pos, (it == values.end() ? close + 2 : open) - pos));
    if (it != values.end()) out += it->second;
    pos = close + 2;
  }
  out.append(page_template.substr(pos));
  return out;
}

}  // namespace

int chart_count(const json& data) {
  int charts = 0;
  if (data.contains("plan")) {
    const json& plan = data["plan"];
    if (plan.contains("cost")) ++charts;
    charts += 2;  // bound, gap terms
    if (plan.contains("service")) ++charts;
  }
  if (data.contains("capacity") && !data["capacity"].empty()) ++charts;
  if (data.contains("stock_service") && !data["stock_service"].empty()) ++charts;
  if (data.contains("fans")) charts += static_cast<int>(data["fans"]["skus"].size());
  if (data.contains("accuracy")) ++charts;
  if (data.contains("comparison")) ++charts;
  return charts;
}

std::string render_report_html(const json& data, const ReportOptions& options) {
  const Page page{data, options.currency};
  std::string body = headline(page);
  if (data.contains("network")) body += network_section(page);
  if (data.contains("plan")) body += cost_section(page) + bound_section(page);
  if (data.contains("capacity")) body += capacity_section(page);
  if (data.contains("plan") || (data.contains("stock_service") && !data["stock_service"].empty())) {
    body += service_section(page);
  }
  if (data.contains("overrides")) body += overrides_section(page);
  if (data.contains("fans")) body += fans_section(page);
  if (data.contains("accuracy")) body += accuracy_section(page);
  if (data.contains("review")) body += review_section(page);
  if (data.contains("comparison")) body += comparison_section(page);

  std::string subtitle;
  if (data.contains("network") && data["network"].contains("planning_date")) {
    subtitle = "planning date " + data["network"]["planning_date"].get<std::string>();
  }
  std::string files;
  for (const json& file : data["meta"].value("files", json::array())) files += (files.empty() ? "" : ", ") + file.get<std::string>();
  return fill_template(assets::kReportTemplate,
                       {{"TITLE", "echelon report"},
                        {"SUBTITLE", html_escape(subtitle)},
                        {"FILES", html_escape(files)},
                        {"CHARTS", std::to_string(chart_count(data))},
                        {"STYLE", std::string(assets::kReportCss)},
                        {"BODY", body},
                        {"DATA", json_for_script(data.dump())},
                        {"CHARTJS", std::string(assets::kChartJs)},
                        {"SCRIPT", std::string(assets::kReportJs)}});
}

std::filesystem::path write_report(const ReportSources& sources, const network::Dataset* dataset,
                                   const ReportOptions& options) {
  const json data = collect_report_data(sources, dataset, options);
  const std::filesystem::path path = sources.out_dir / "report.html";
  io::write_file_atomic(path, render_report_html(data, options));
  return path;
}

}  // namespace echelon::report
