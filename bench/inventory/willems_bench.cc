// SPDX-License-Identifier: Apache-2.0
// Solves the 38 real-world supply chains of Willems (2008) with the guaranteed-service DAG
// solver and prints, per chain: size, cost, proven lower bound and gap, time, nodes, and the
// ratio to the published optimal cost (Humair & Willems 2011, 3 significant figures, which
// appear to include a 35% holding-cost rate; a loose check only, see the data's README).
//
// Usage: inventory_willems_bench DATA_DIR [SECONDS_PER_CHAIN] [FIRST] [LAST] [plain]
// (`plain` turns reduced-cost tightening off.)
// DATA_DIR holds willems_NN.csv and reported_optimal_cost.txt (the `gsm_csv` conversion:
// stage_id, lead_time, max_s_time, cost_rate, risk_pool, ext_demand_mean, ext_demand_std,
// ext_demand_thres, then pairs of upstream stage id and quantity). The data is not part of
// the repository.
//
// Conversion: processing time = lead_time (days, may be fractional); holding cost = cumulative
// cost (own cost_rate plus the cumulative costs of all components, times their quantities);
// each demand stream enters the demand bound scaled by its own safety factor
// (sigma_j = sqrt(sum_d (z_d u_jd sd_d)^2), z = 1 in the model), which equals z sigma_j when all
// demand stages share one service level.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "inventory/gsm_dag.h"

namespace {

using echelon::inventory::GsmEdge;
using echelon::inventory::GsmNetwork;
using echelon::inventory::GsmStage;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

double number_or(const std::string& text, double fallback) {
  return text.empty() ? fallback : std::stod(text);
}

// Reads one chain; returns false when the file is absent.
bool read_chain(const std::string& path, std::vector<GsmStage>& stages, std::vector<GsmEdge>& edges) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, std::size_t> index_of;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    rows.push_back(split(line));
    index_of[rows.back()[0]] = rows.size() - 1;
  }
  stages.assign(rows.size(), GsmStage{});
  std::vector<double> own_cost(rows.size());
  std::vector<std::vector<std::pair<std::size_t, double>>> components(rows.size());
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::vector<std::string>& fields = rows[row];
    GsmStage& stage = stages[row];
    stage.id = fields[0];
    stage.processing_time = number_or(fields[1], 0.0);
    own_cost[row] = number_or(fields[3], 0.0);
    stage.safety_factor = 1.0;
    if (fields.size() > 6 && !fields[6].empty()) {
      stage.has_demand = true;
      stage.demand_mean = number_or(fields[5], 0.0);
      double z = fields.size() > 7 ? number_or(fields[7], 1.0) : 1.0;
      stage.demand_sd = z * number_or(fields[6], 0.0);
      stage.max_outbound_cst = number_or(fields[2], 0.0);
    } else if (!fields[2].empty()) {
      stage.max_outbound_cst = std::stod(fields[2]);
    }
    for (std::size_t field = 8; field + 1 < fields.size(); field += 2) {
      if (fields[field].empty()) continue;
      std::size_t supplier = index_of.at(fields[field]);
      double quantity = number_or(fields[field + 1], 1.0);
      edges.push_back({supplier, row, quantity});
      components[row].emplace_back(supplier, quantity);
    }
  }
  // Cumulative cost: own cost plus components', suppliers first (memoised depth-first).
  std::vector<double> cumulative(rows.size(), -1.0);
  auto total = [&](auto&& self, std::size_t row) -> double {
    if (cumulative[row] >= 0.0) return cumulative[row];
    double sum = own_cost[row];
    for (auto [supplier, quantity] : components[row]) sum += quantity * self(self, supplier);
    return cumulative[row] = sum;
  };
  for (std::size_t row = 0; row < rows.size(); ++row) stages[row].holding_cost = total(total, row);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR [SECONDS_PER_CHAIN] [FIRST] [LAST] [plain]\n", argv[0]);
    return 2;
  }
  std::string folder = argv[1];
  double seconds = argc > 2 ? std::stod(argv[2]) : 30.0;
  int first = argc > 3 ? std::stoi(argv[3]) : 1;
  int last = argc > 4 ? std::stoi(argv[4]) : 38;
  bool tightening = !(argc > 5 && std::string(argv[5]) == "plain");
  std::vector<double> published;
  {
    std::ifstream in(folder + "/reported_optimal_cost.txt");
    double value = 0.0;
    while (in >> value) published.push_back(value);
  }
  std::printf("| chain | stages | arcs | cost | lower bound | gap | proven | nodes | seconds | 0.35 x cost / published |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|\n");
  for (int chain = first; chain <= last; ++chain) {
    std::vector<GsmStage> stages;
    std::vector<GsmEdge> edges;
    std::string path = fmt::format("{}/willems_{:02d}.csv", folder, chain);
    if (!read_chain(path, stages, edges)) {
      std::printf("| %02d | (missing %s) |\n", chain, path.c_str());
      continue;
    }
    std::size_t stage_count = stages.size();
    std::size_t arc_count = edges.size();
    GsmNetwork network(std::move(stages), std::move(edges));
    echelon::inventory::GsmDagOptions options;
    options.time_limit_seconds = seconds;
    options.reduced_cost_tightening = tightening;
    auto start = std::chrono::steady_clock::now();
    echelon::inventory::GsmSolution solution = echelon::inventory::solve_gsm_dag(network, options);
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double gap = solution.cost > 0.0 ? (solution.cost - solution.lower_bound) / solution.cost : 0.0;
    std::string ratio = "n/a";
    if (static_cast<std::size_t>(chain) <= published.size() && published[chain - 1] > 0.0) {
      ratio = fmt::format("{:.3f}", 0.35 * solution.cost / published[chain - 1]);
    }
    std::printf("| %02d | %zu | %zu | %.2f | %.2f | %.2e | %s | %zu | %.2f | %s |\n", chain,
                stage_count, arc_count, solution.cost, solution.lower_bound, gap,
                solution.proven_optimal ? "yes" : "no", solution.nodes, elapsed, ratio.c_str());
    std::fflush(stdout);
  }
  return 0;
}
