// SPDX-License-Identifier: Apache-2.0
// The report's embedded JSON and tables against hand-written output files and against
// examples/small (values read off its CSV files by hand, see each test).
#include "report/html_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "core/error.h"
#include "core/run_context.h"
#include "io/dataset_reader.h"
#include "network/dataset.h"
#include "report/html_inputs.h"

namespace echelon::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr double kZ90 = 1.2815515655446004;

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The JSON block of a rendered page.
json embedded_json(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  const std::size_t begin = html.find(open);
  EXPECT_NE(begin, std::string::npos);
  const std::size_t end = html.find("</script>", begin);
  return json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t found = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++found;
  return found;
}

class HtmlReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("echelon_html_report_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_plan_files() {
    write(dir_ / "summary.json", R"({
      "status": "gap_reached", "method": "decomposition", "cost_period": "week",
      "lower_bound": 98000.5, "plan_cost": 100250.25, "plan_cost_ci": 120.0, "plan_cost_relaxed": 99500.0,
      "plan_cost_policy": 100100.0, "controllable_cost": 4250.25, "gap": 0.0123,
      "gap_terms": {"lagrangian": 0.004, "policy": 0.006, "sampling": 0.002, "certificate": 0.0003},
      "iterations": 17, "wall_seconds": 3.25, "threads": 2, "ranks": 1, "skus": 2, "nodes": 2, "seed": 1,
      "planning_date": "2025-01-01",
      "cost": {"purchase": 96000, "holding": 1500.5, "shipping": 2500, "inbound": 200, "downgrade": 40, "lost_sale": 9.75},
      "service": {"sameday": {"target": 0.9, "fill": 0.95, "on_time": 0.91, "demand_per_week": 1200, "price": 0},
                  "2day": {"target": 0.97, "fill": 0.99, "on_time": 0.985, "demand_per_week": 5400, "price": 0}},
      "capacity": {"DC_atlanta": {"storage": {"limit": 62, "use": 31, "price": 1.5},
                                  "inbound": {"limit": null, "use": 100, "price": 0}}}
    })");
    // Expected on-hand at the chosen vendor's unit cost (examples/small/sourcing.csv):
    // SKU0000001 from V1001 at 27.95, SKU0000002 from V1003 at 9.17.
    write(dir_ / "plan.csv",
          "sku_id,node_id,week,order_up_to,safety_stock,expected_on_hand,vendor_id\n"
          "SKU0000001,DC_atlanta,1,10,2,4.5,V1001\n"
          "SKU0000001,FC_philadelphia,1,6,1,3,V1001\n"
          "SKU0000002,DC_atlanta,1,20,5,10,V1003\n");
  }

  fs::path dir_;
};

TEST_F(HtmlReportTest, EmbeddedJsonMatchesThePlanFiles) {
  write_plan_files();
  RunContext ctx(RunOptions{.threads = 1, .seed = 1, .log_level = LogLevel::kWarn});
  const network::Dataset dataset = io::read_dataset(fs::path(ECHELON_SOURCE_DIR) / "examples/small", ctx);
  ReportOptions options;
  options.top_skus = 300;  // every SKU, so SKU0000001 has a fan
  const json data = collect_report_data({dir_, {}, {}}, &dataset, options);
  const std::string html = render_report_html(data, options);
  const json page = embedded_json(html);
  EXPECT_EQ(page, data);

  EXPECT_DOUBLE_EQ(page["plan"]["lower_bound"].get<double>(), 98000.5);
  EXPECT_DOUBLE_EQ(page["plan"]["gap_terms"]["policy"].get<double>(), 0.006);
  EXPECT_DOUBLE_EQ(page["plan"]["stock_value"].get<double>(), std::round((7.5 * 27.95 + 10 * 9.17) * 100) / 100);
  EXPECT_DOUBLE_EQ(page["plan"]["stock_units"].get<double>(), 17.5);
  // Capacity: use / limit, and null for an unlimited resource.
  ASSERT_EQ(page["capacity"].size(), 2u);
  EXPECT_DOUBLE_EQ(page["capacity"][1]["utilization"].get<double>(), 0.5);  // storage 31 of 62
  EXPECT_TRUE(page["capacity"][0]["utilization"].is_null());                // inbound unlimited
  // Network counts of examples/small (its README: 300 SKUs, 9 nodes, 30 regions).
  EXPECT_EQ(page["network"]["skus"], 300);
  EXPECT_EQ(page["network"]["nodes"], 9);
  EXPECT_EQ(page["network"]["regions"], 30);

  // Without forecast.csv the fans come from the last 56 days' totals: for SKU0000001,
  // 2024-11-06..2024-12-31 hold 17 units on 16 days (one day with 2), so the mean is 17/56 and
  // the sample variance 0.2516233766 (computed from demand.csv with awk).
  ASSERT_EQ(page["fans"]["source"], "rate");
  const json* fan = nullptr;
  for (const json& entry : page["fans"]["skus"]) {
    if (entry["sku"] == "SKU0000001") fan = &entry;
  }
  ASSERT_NE(fan, nullptr);
  EXPECT_NEAR((*fan)["mean"][0].get<double>(), 17.0 / 56.0, 0.005);
  EXPECT_NEAR((*fan)["p90"][0].get<double>(), 17.0 / 56.0 + kZ90 * std::sqrt(0.2516233766), 0.005);
  EXPECT_DOUBLE_EQ((*fan)["p10"][0].get<double>(), 0.0);
  // History: 91 days from 2024-10-02; 2 units on 2024-12-20 (day 79), 1 on 2024-12-30 (day 89),
  // 28 in all (demand.csv).
  EXPECT_EQ((*fan)["history_start"], "2024-10-02");
  ASSERT_EQ((*fan)["history"].size(), 91u);
  EXPECT_DOUBLE_EQ((*fan)["history"][79].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ((*fan)["history"][89].get<double>(), 1.0);
  double total = 0.0;
  for (const json& value : (*fan)["history"]) total += value.get<double>();
  EXPECT_DOUBLE_EQ(total, 28.0);

  // Tables show the numbers formatted for people.
  EXPECT_NE(html.find("$100,250"), std::string::npos);
  EXPECT_NE(html.find("$1,501"), std::string::npos);  // holding 1500.5
  EXPECT_NE(html.find("1.23%"), std::string::npos);   // gap
  EXPECT_NE(html.find("31.0 m³"), std::string::npos);
  EXPECT_NE(html.find("unlimited"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST_F(HtmlReportTest, ForecastComparisonAndReviewFiles) {
  write_plan_files();
  // Two SKUs x two regions x two days; SKU B sells more, so it comes first.
  write(dir_ / "forecast.csv",
        "sku_id,region_id,speed,date,mean,p10,p50,p80,p90,p95,p99,model\n"
        "A,r1,2day,2025-01-01,1,0,1,2,2.5631031310892007,3,4,ets\n"
        "A,r1,2day,2025-01-02,1,0,1,2,2.5631031310892007,3,4,ets\n"
        "A,r2,2day,2025-01-01,2,1,2,3,3.5631031310892007,4,5,ets\n"
        "A,r2,2day,2025-01-02,2,1,2,3,3.5631031310892007,4,5,ets\n"
        "B,r1,2day,2025-01-01,5,3,5,6,7,8,9,ets\n"
        "B,r1,2day,2025-01-02,6,4,6,7,8,9,10,ets\n");
  write(dir_ / "comparison.csv",
        "policy,total_cost,purchase_cost,holding_cost,inbound_cost,outbound_cost,downgrade_cost,lost_sale_cost,"
        "avg_stock_value,lost_units,in_region_fill,on_time_sameday,fill_sameday,total_cost_ci\n"
        "echelon,5000,4000,300,100,500,50,50,12000,3,0.9,0.92,0.97,25\n"
        "single_echelon,5600,4000,500,100,700,100,200,16000,9,0.8,0.88,0.95,\n");
  write(dir_ / "backtest.csv",
        "segment,series,mase,rmsse,weighted_pinball,coverage80,coverage95,actual_units,forecast_units\n"
        "fast,10,0.8,0.7,0.3,0.79,0.94,1000,990\n");
  write(dir_ / "forecast_review.csv",
        "sku_id,reason,model,segment,confidence,backtest_wape,wape_change\n"
        "A,<worse>,ets,fast,low,0.5,0.2\nB,new,ets,fast,low,0.4,\nC,new,ets,slow,low,0.3,0.1\n");
  ReportOptions options;
  options.review_rows = 2;
  const json data = collect_report_data({dir_, {}, {}}, nullptr, options);
  const std::string html = render_report_html(data, options);
  EXPECT_EQ(embedded_json(html), data);

  // Fans: means add; the p10..p90 range of each series is 2 z standard deviations, and
  // variances add: A has sd 1 and 1 per region, so sd sqrt(2) on its total.
  const json& fans = data["fans"];
  EXPECT_EQ(fans["source"], "forecast");
  ASSERT_EQ(fans["skus"].size(), 2u);
  EXPECT_EQ(fans["skus"][0]["sku"], "B");
  const json& a = fans["skus"][1];
  EXPECT_EQ(a["forecast_start"], "2025-01-01");
  EXPECT_DOUBLE_EQ(a["mean"][1].get<double>(), 3.0);
  EXPECT_NEAR(a["p90"][0].get<double>(), 3.0 + kZ90 * std::sqrt(2.0), 0.005);
  EXPECT_NEAR(a["p10"][0].get<double>(), 3.0 - kZ90 * std::sqrt(2.0), 0.005);
  EXPECT_FALSE(a.contains("history"));  // no dataset

  // Comparison rows as in the file, empty cells null; the stock-to-service curve has the
  // simulated policies (no plan point without unit costs).
  ASSERT_EQ(data["comparison"]["rows"].size(), 2u);
  EXPECT_DOUBLE_EQ(data["comparison"]["rows"][1]["avg_stock_value"].get<double>(), 16000.0);
  EXPECT_TRUE(data["comparison"]["rows"][1]["total_cost_ci"].is_null());
  ASSERT_EQ(data["stock_service"].size(), 2u);
  EXPECT_DOUBLE_EQ(data["stock_service"][0]["on_time"]["sameday"].get<double>(), 0.92);
  EXPECT_DOUBLE_EQ(data["stock_service"][1]["fill"]["sameday"].get<double>(), 0.95);
  EXPECT_NE(html.find("$1,000"), std::string::npos);  // echelon controllable cost 5000 - 4000
  EXPECT_NE(html.find("$1,600"), std::string::npos);

  // Review: all counted, first two listed, text escaped.
  EXPECT_EQ(data["review"]["total"], 3);
  EXPECT_EQ(data["review"]["rows"].size(), 2u);
  EXPECT_NE(html.find("&lt;worse&gt;"), std::string::npos);
  EXPECT_DOUBLE_EQ(data["accuracy"]["segments"][0]["mase"].get<double>(), 0.8);

  // One canvas per chart: cost, bound, gap terms, capacity, service, stock-service, 2 fans,
  // accuracy, comparison.
  EXPECT_EQ(chart_count(data), 10);
  EXPECT_EQ(count(html, "<canvas data-chart="), 10u);
  EXPECT_NE(html.find("data-charts-expected=\"10\""), std::string::npos);
}

TEST_F(HtmlReportTest, BadInputNamesFileLineAndColumn) {
  write(dir_ / "comparison.csv", "policy,total_cost\nechelon,12x\n");
  try {
    (void)collect_report_data({dir_, {}, {}}, nullptr, ReportOptions{});
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("comparison.csv:2:9"), std::string::npos) << error.what();
  }
  fs::remove(dir_ / "comparison.csv");
  EXPECT_THROW((void)collect_report_data({dir_, {}, {}}, nullptr, ReportOptions{}), InputError);
}

TEST_F(HtmlReportTest, WriteReportPutsThePageInTheOutputDirectory) {
  write_plan_files();
  const fs::path path = write_report({dir_, {}, {}}, nullptr, ReportOptions{});
  EXPECT_EQ(path, dir_ / "report.html");
  std::ifstream in(path);
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("window.Chart"), std::string::npos);  // Chart.js inline
  EXPECT_EQ(html.find("sourceMappingURL"), std::string::npos);
  EXPECT_EQ(embedded_json(html)["plan"]["iterations"], 17);
}

}  // namespace
}  // namespace echelon::report
