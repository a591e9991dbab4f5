// SPDX-License-Identifier: Apache-2.0
// End-to-end: the built `echelon` binary runs `simulate` and `compare` on tests/cli/data/tiny and
// examples/small; the tests read back what it wrote. They check exit codes (0; 2 with a
// file:line:col message for bad input), comparison.csv's header against DESIGN 5a, conservation
// identities on the written numbers, and byte-identical output for 1 and 2 threads.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = ECHELON_SOURCE_DIR;
const fs::path kTiny = kSource / "tests/cli/data/tiny";

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

// A fresh directory for one test.
fs::path work_dir(const std::string& name) {
  fs::path dir = fs::path(ECHELON_CLI_WORK_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Result run(const std::string& arguments, const fs::path& dir) {
  const fs::path err_file = dir / "stderr.txt";
  std::string command = std::string(ECHELON_BINARY) + " " + arguments + " 2> " + err_file.string();
  Result result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.out.append(buffer, count);
  int status = pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_file(err_file);
  return result;
}

// A CSV file with a header: rows by their first column, values by column name.
struct Table {
  std::vector<std::string> header;
  std::map<std::string, std::map<std::string, double>> rows;
  std::vector<std::string> order;

  [[nodiscard]] double at(const std::string& row, const std::string& column) const {
    return rows.at(row).at(column);
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

Table read_table(const fs::path& path) {
  std::ifstream file(path);
  Table table;
  std::string line;
  if (!std::getline(file, line)) return table;
  table.header = split(line);
  while (std::getline(file, line)) {
    std::vector<std::string> fields = split(line);
    auto& row = table.rows[fields[0]];
    table.order.push_back(fields[0]);
    for (std::size_t index = 1; index < fields.size() && index < table.header.size(); ++index) {
      row[table.header[index]] = fields[index].empty() ? NAN : std::stod(fields[index]);
    }
  }
  return table;
}

// DESIGN 5a: policy, the cost and stock columns, on_time_/fill_ per speed, `_ci` per cost column.
std::vector<std::string> contract_header() {
  std::vector<std::string> header = {"policy", "total_cost", "purchase_cost", "holding_cost",
                                     "inbound_cost", "outbound_cost", "downgrade_cost", "lost_sale_cost",
                                     "avg_stock_value", "lost_units", "in_region_fill"};
  for (const char* speed : {"sameday", "1day", "2day"}) {
    header.push_back(std::string("on_time_") + speed);
    header.push_back(std::string("fill_") + speed);
  }
  for (const char* cost : {"total_cost", "purchase_cost", "holding_cost", "inbound_cost",
                           "outbound_cost", "downgrade_cost", "lost_sale_cost"}) {
    header.push_back(std::string(cost) + "_ci");
  }
  return header;
}

void expect_close(double actual, double expected, const std::string& what) {
  EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, std::abs(expected))) << what;
}

// The identities every written row must satisfy; `conserved_stock` false for the floor, whose
// stock is unlimited by definition.
void expect_consistent(const Table& table, const Table& extra, const std::string& policy,
                       bool conserved_stock) {
  SCOPED_TRACE(policy);
  double costs = 0.0;
  for (const char* kind : {"purchase_cost", "holding_cost", "inbound_cost", "outbound_cost",
                           "downgrade_cost", "lost_sale_cost"}) {
    EXPECT_GE(table.at(policy, kind), 0.0) << kind;
    costs += table.at(policy, kind);
  }
  expect_close(table.at(policy, "total_cost"), costs, "total = sum of the kinds");
  expect_close(extra.at(policy, "controllable_cost"),
               table.at(policy, "total_cost") - table.at(policy, "purchase_cost"), "controllable");
  for (const char* speed : {"sameday", "1day", "2day"}) {
    double on_time = table.at(policy, std::string("on_time_") + speed);
    double fill = table.at(policy, std::string("fill_") + speed);
    EXPECT_GE(on_time, 0.0);
    EXPECT_LE(on_time, fill + 1e-12);
    EXPECT_LE(fill, 1.0);
  }
  // Every unit demanded is shipped on time, downgraded or lost.
  EXPECT_GT(extra.at(policy, "units_demanded"), 0.0);
  expect_close(extra.at(policy, "units_demanded"),
               extra.at(policy, "units_on_time") + extra.at(policy, "units_downgraded") +
                   table.at(policy, "lost_units"),
               "demanded = on time + downgraded + lost");
  if (!conserved_stock) return;
  // Every unit on hand at the start or received is shipped, still on hand or between nodes.
  expect_close(extra.at(policy, "run_initial_units") + extra.at(policy, "run_received_units"),
               extra.at(policy, "run_shipped_units") + extra.at(policy, "run_closing_units") +
                   extra.at(policy, "run_in_transit_units"),
               "initial + received = shipped + closing + in transit");
}

const std::string kShortRun =
    " --days 28 --warmup 7 --replications 3 --training-days 84 --calibration-days 56 --seed 7 --quiet";

TEST(CompareCli, WritesTheContractTableWithConservedUnitsAndIsThreadCountInvariant) {
  fs::path one = work_dir("compare_threads1");
  fs::path two = work_dir("compare_threads2");
  Result first = run("compare " + kTiny.string() + kShortRun + " --threads 1 --out " + one.string(), one);
  ASSERT_EQ(first.code, 0) << first.err;
  Result second = run("compare " + kTiny.string() + kShortRun + " --threads 2 --out " + two.string(), two);
  ASSERT_EQ(second.code, 0) << second.err;

  Table table = read_table(one / "comparison.csv");
  Table extra = read_table(one / "comparison_extra.csv");
  EXPECT_EQ(table.header, contract_header());
  EXPECT_EQ(table.order, (std::vector<std::string>{"echelon", "single_echelon", "national",
                                                   "perfect_information"}));
  for (const std::string& policy : table.order) {
    expect_consistent(table, extra, policy, policy != "perfect_information");
  }
  // Same held-out orders for every policy (common random numbers).
  for (const std::string& policy : table.order) {
    expect_close(extra.at(policy, "units_demanded"), extra.at("single_echelon", "units_demanded"), policy);
  }
  // The floor never loses a sale and holds nothing.
  EXPECT_EQ(table.at("perfect_information", "lost_units"), 0.0);
  EXPECT_EQ(table.at("perfect_information", "holding_cost"), 0.0);
  EXPECT_LE(extra.at("perfect_information", "controllable_cost"),
            extra.at("single_echelon", "controllable_cost"));
  EXPECT_NE(first.out.find("paired differences against single_echelon"), std::string::npos);
  // Every policy that stored above a node's limit (capacity.csv) is named in a warning, no other.
  std::set<std::string> overflowing;
  std::istringstream capacity(read_file(one / "capacity.csv"));
  std::string line;
  std::getline(capacity, line);  // header: policy,node_id,storage_limit_m3,storage_mean_m3,storage_peak_m3,overflow_m3_days,overflow_days,...
  while (std::getline(capacity, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    ASSERT_GE(cells.size(), 7u) << line;
    if (!cells[2].empty() && std::stod(cells[6]) > 0.0) overflowing.insert(cells[0]);
  }
  for (const std::string& policy : table.order) {
    const bool warned = first.err.find(policy + ": stored above the storage limit") != std::string::npos;
    EXPECT_EQ(warned, overflowing.count(policy) > 0) << policy << "\n" << first.err;
  }

  for (const char* file : {"comparison.csv", "comparison_extra.csv", "comparison_paired.csv", "capacity.csv"}) {
    std::string a = read_file(one / file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, read_file(two / file)) << file << " differs between 1 and 2 threads";
  }
}

TEST(CompareCli, WarnsAboutPoliciesThatStoreAboveTheLimits) {
  // Storage limits cut to a third: the baselines, which plan without them, overflow, and the
  // table (which does not price the missing space) comes with a warning naming them.
  fs::path dir = work_dir("compare_over_capacity");
  fs::path data = dir / "data";
  fs::copy(kTiny, data);
  std::istringstream nodes(read_file(data / "nodes.csv"));
  std::ostringstream cut;
  std::string line;
  std::getline(nodes, line);
  cut << line << '\n';  // node_id,type,lat,lon,storage_m3,...
  while (std::getline(nodes, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    cells[4] = std::to_string(std::stod(cells[4]) / 3.0);
    for (std::size_t index = 0; index < cells.size(); ++index) cut << (index ? "," : "") << cells[index];
    cut << '\n';
  }
  std::ofstream(data / "nodes.csv", std::ios::binary) << cut.str();
  Result result = run("compare " + data.string() + kShortRun + " --out " + (dir / "out").string(), dir);
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_NE(result.err.find("single_echelon: stored above the storage limit at"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("perfect_information: stored above"), std::string::npos) << result.err;
}

TEST(SimulateCli, PolicyOnSmallExampleAndPositionsStartOnTinySlice) {
  fs::path dir = work_dir("simulate_small");
  Result small = run("simulate " + (kSource / "examples/small").string() + " --policy single_echelon" +
                         kShortRun + " --threads 2 --out " + dir.string(),
                     dir);
  ASSERT_EQ(small.code, 0) << small.err;
  Table table = read_table(dir / "simulation.csv");
  Table extra = read_table(dir / "simulation_extra.csv");
  EXPECT_EQ(table.header, contract_header());
  EXPECT_EQ(table.order, std::vector<std::string>{"single_echelon"});
  expect_consistent(table, extra, "single_echelon", true);

  // From the current positions the run starts with exactly inventory.csv's units on hand, and
  // both open orders (32 units, due within the 28 days) are received.
  fs::path positions = work_dir("simulate_positions");
  Result from_positions = run("simulate " + kTiny.string() + " --start positions --rebalance 0.5" +
                                  kShortRun + " --out " + positions.string(),
                              positions);
  ASSERT_EQ(from_positions.code, 0) << from_positions.err;
  Table start = read_table(positions / "simulation.csv");
  Table start_extra = read_table(positions / "simulation_extra.csv");
  expect_consistent(start, start_extra, "echelon", true);
  double on_hand = 0.0;
  {
    std::ifstream inventory(kTiny / "inventory.csv");
    std::string line;
    std::getline(inventory, line);
    while (std::getline(inventory, line)) on_hand += std::stod(split(line).at(2));
  }
  EXPECT_GT(on_hand, 0.0);
  EXPECT_EQ(start_extra.at("echelon", "run_initial_units"), on_hand);
  EXPECT_GE(start_extra.at("echelon", "run_received_units"), 32.0);
  EXPECT_NE(from_positions.out.find("from the positions of 2025-01-01"), std::string::npos);
}

TEST(SimulateCli, BadInputExitsTwoNamingFileLineAndColumn) {
  fs::path dir = work_dir("bad_input");
  fs::path data = dir / "data";
  fs::copy(kTiny, data);
  // Line 3 of demand.csv gets a negative quantity (column 4).
  std::string demand = read_file(data / "demand.csv");
  std::size_t line3 = demand.find('\n', demand.find('\n') + 1) + 1;
  std::size_t quantity = line3;
  for (int comma = 0; comma < 3; ++comma) quantity = demand.find(',', quantity) + 1;
  demand.insert(quantity, "-");
  std::ofstream(data / "demand.csv", std::ios::binary) << demand;
  Result bad = run("compare " + data.string() + kShortRun + " --out " + (dir / "out").string(), dir);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("demand.csv:3:"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "comparison.csv"));

  // A plan naming an unknown SKU: plan.csv:2:1.
  fs::path plan = dir / "plan.csv";
  std::ofstream(plan) << "sku_id,node_id,week,order_up_to,safety_stock,expected_on_hand,vendor_id\n"
                      << "NO_SUCH_SKU,DC_atlanta,1,5,1,3,V1000\n";
  Result bad_plan = run("simulate " + kTiny.string() + " --plan " + plan.string() + kShortRun, dir);
  EXPECT_EQ(bad_plan.code, 2);
  EXPECT_NE(bad_plan.err.find("plan.csv:2:1"), std::string::npos) << bad_plan.err;

  // A plan whose serving charges (serving_charges.csv beside plan.csv) hold a word: line 2,
  // column 30 (the fourth field).
  fs::path charged = dir / "charged";
  fs::create_directories(charged);
  std::ofstream(charged / "plan.csv") << "sku_id,node_id,week,order_up_to,safety_stock,expected_on_hand,vendor_id\n"
                                      << "SKU0000002,FC_philadelphia,1,5,2.5,3.375,V1000\n";
  std::ofstream(charged / "serving_charges.csv") << "sku_id,node_id,week,charge_per_unit\n"
                                                 << "SKU0000002,FC_philadelphia,1,cheap\n";
  Result bad_charges = run("simulate " + kTiny.string() + " --plan " + charged.string() + kShortRun, dir);
  EXPECT_EQ(bad_charges.code, 2);
  EXPECT_NE(bad_charges.err.find("serving_charges.csv:2:30"), std::string::npos) << bad_charges.err;
  fs::remove(charged / "serving_charges.csv");
  Result uncharged = run("simulate " + kTiny.string() + " --plan " + charged.string() + kShortRun, dir);
  EXPECT_EQ(uncharged.code, 0) << uncharged.err;

  // Usage errors exit 2 too.
  Result usage = run("simulate " + kTiny.string() + " --start tomorrow", dir);
  EXPECT_EQ(usage.code, 2);
  Result too_long = run("compare " + kTiny.string() + " --days 400 --quiet", dir);
  EXPECT_EQ(too_long.code, 2);
  EXPECT_NE(too_long.err.find("demand.csv"), std::string::npos) << too_long.err;
}

}  // namespace
