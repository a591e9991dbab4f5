// SPDX-License-Identifier: Apache-2.0
// `echelon policy` handlers for serial systems: serial_ssm (Clark-Scarf / Chen-Zheng exact) and
// serial_shang_song (newsvendor bounds and heuristic).
#include <fmt/format.h>

#include <cmath>
#include <utility>

#include "inventory/policy_request.h"
#include "inventory/serial_system.h"
#include "inventory/shang_song.h"

namespace echelon::inventory {
namespace {

SerialParams read_serial_params(JsonFields& params) {
  SerialParams result;
  const nlohmann::json& stages = params.array("stages");
  if (stages.empty()) throw params.error("stages", "a non-empty array", stages);
  for (std::size_t index = 0; index < stages.size(); ++index) {
    JsonFields stage(stages[index], fmt::format("{}[{}]", params.path_of("stages"), index),
                     params.location());
    SerialStage parsed;
    parsed.echelon_holding_cost = stage.number("echelon_holding_cost", NumberCheck::kPositive);
    parsed.lead_time = stage.number("lead_time", NumberCheck::kNonNegative);
    stage.finish();
    result.stages.push_back(parsed);
  }
  result.stockout_cost = params.number("stockout_cost", NumberCheck::kPositive);
  result.demand = parse_distribution(params.object("demand"));
  if (!result.demand.is_discrete() && result.demand.kind() != DistributionKind::kNormal) {
    throw InputError(params.location(),
                     fmt::format("{}: expected normal or a discrete distribution, found \"{}\"",
                                 params.path_of("demand.distribution"),
                                 to_string(result.demand.kind())));
  }
  return result;
}

OrderedJson levels_json(const std::vector<double>& levels, bool integral) {
  OrderedJson list = OrderedJson::array();
  for (double level : levels) {
    if (integral && level == std::floor(level) && std::abs(level) < 9e15) {
      list.push_back(static_cast<std::int64_t>(level));
    } else {
      list.push_back(level);
    }
  }
  return list;
}

OrderedJson serial_evaluations(PolicyRequest& request, const SerialSystem& system) {
  OrderedJson evaluations = OrderedJson::array();
  const std::size_t stage_count = system.params().stages.size();
  for (JsonFields& policy : request.query_list("cost_at")) {
    const nlohmann::json& given = policy.array("echelon_S");
    policy.finish();
    if (given.size() != stage_count) {
      throw policy.error("echelon_S", fmt::format("an array of {} levels", stage_count), given);
    }
    std::vector<double> levels;
    for (std::size_t index = 0; index < given.size(); ++index) {
      levels.push_back(json_number(given[index], fmt::format("{}[{}]", policy.path_of("echelon_S"), index),
                                   policy.location(), NumberCheck::kAny));
    }
    evaluations.push_back({{"echelon_S", echo(given)}, {"cost", system.cost(levels)}});
  }
  return evaluations;
}

}  // namespace

OrderedJson run_serial_ssm(PolicyRequest& request) {
  SerialSystem system(read_serial_params(request.params));
  request.params.finish();
  OrderedJson evaluations = serial_evaluations(request, system);
  SerialSolution best = system.optimize();
  bool integral = system.params().demand.is_discrete();
  OrderedJson document = request.output();
  document["optimal"] = {{"echelon_S", levels_json(best.echelon_levels, integral)},
                         {"local_S", levels_json(SerialSystem::local_levels(best.echelon_levels), integral)}};
  document["cost"] = best.cost;
  document["evaluations"] = std::move(evaluations);
  return document;
}

OrderedJson run_serial_shang_song(PolicyRequest& request) {
  SerialParams params = read_serial_params(request.params);
  LevelRounding rounding = LevelRounding::kNone;
  if (request.params.has("rounding")) {
    std::string name = request.params.string("rounding");
    if (name == "none") {
      rounding = LevelRounding::kNone;
    } else if (name == "up") {
      rounding = LevelRounding::kUp;
    } else if (name == "down") {
      rounding = LevelRounding::kDown;
    } else if (name == "nearest") {
      rounding = LevelRounding::kNearest;
    } else {
      throw request.params.error("rounding", "one of none, up, down, nearest",
                                 request.params.required("rounding"));
    }
  }
  double weight = request.params.number_or("weight", NumberCheck::kNonNegative, 0.5);
  if (weight > 1.0) {
    throw request.params.error("weight", "a number in [0, 1]", request.params.required("weight"));
  }
  request.params.finish();
  ShangSongLevels levels = shang_song_levels(params, weight, rounding);
  SerialSystem system(std::move(params));
  OrderedJson evaluations = serial_evaluations(request, system);
  bool integral = system.params().demand.is_discrete() || rounding != LevelRounding::kNone;
  OrderedJson document = request.output();
  document["optimal"] = {{"echelon_S", levels_json(levels.heuristic, integral)},
                         {"local_S", levels_json(SerialSystem::local_levels(levels.heuristic), integral)}};
  document["cost"] = system.cost(levels.heuristic);
  document["evaluations"] = std::move(evaluations);
  bool discrete = system.params().demand.is_discrete();
  document["details"] = {{"lower_S", levels_json(levels.lower, discrete)},
                         {"upper_S", levels_json(levels.upper, discrete)}};
  return document;
}

}  // namespace echelon::inventory
