// SPDX-License-Identifier: Apache-2.0
#include "io/config_reader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <variant>
#include <vector>

namespace echelon::io {
namespace {

using network::Config;

using Ref = std::variant<double& (*)(Config&), int& (*)(Config&), bool& (*)(Config&),
                         std::string& (*)(Config&)>;

// One scalar option: its key (section.name), meaning, field and bounds.
struct Option {
  std::string_view key;
  std::string_view description;
  Ref ref;
  double min = 0.0;
  double max = 1e12;
};

// The scalar options. Structured ones (planning_date, speeds, speed_mix, order_hour_profile)
// are handled beside this table.
const std::vector<Option>& options() {
  static const std::vector<Option> kOptions = {
      {"horizon_weeks", "planning weeks (1 = stationary plan)",
       +[](Config& c) -> int& { return c.horizon_weeks; }, 1, 104},
      {"review_period_days", "periodic review interval of every node, days",
       +[](Config& c) -> int& { return c.review_period_days; }, 1, 91},
      {"costs.holding_rate_per_year", "holding cost, fraction of unit cost per year",
       +[](Config& c) -> double& { return c.costs.holding_rate_per_year; }, 0, 10},
      {"costs.lost_sale_fraction", "lost-sale penalty per unit, fraction of the selling price (1 = the lost revenue)",
       +[](Config& c) -> double& { return c.costs.lost_sale_fraction; }, 0, 100},
      {"costs.lost_sale_minimum", "lost-sale penalty floor, money per unit",
       +[](Config& c) -> double& { return c.costs.lost_sale_minimum; }, 0, 1e9},
      {"costs.default_transit_days", "transit time of lanes without one, days",
       +[](Config& c) -> double& { return c.costs.default_transit_days; }, 0, 365},
      {"forecast.horizon_days", "days forecast ahead of the planning date",
       +[](Config& c) -> int& { return c.forecast.horizon_days; }, 1, 730},
      {"forecast.backtest_origins", "rolling origins for model selection",
       +[](Config& c) -> int& { return c.forecast.backtest_origins; }, 1, 52},
      {"forecast.sample_paths", "sample paths per series for scenarios",
       +[](Config& c) -> int& { return c.forecast.sample_paths; }, 1, 100000},
      {"forecast.method", "auto | ets | croston | sba | tsb | naive | gbt",
       +[](Config& c) -> std::string& { return c.forecast.method; }},
      {"forecast.review_threshold", "weighted-error change that puts a SKU on review",
       +[](Config& c) -> double& { return c.forecast.review_threshold; }, 0, 100},
      {"optimizer.max_iterations", "Lagrangian master iterations",
       +[](Config& c) -> int& { return c.optimizer.max_iterations; }, 1, 100000},
      {"optimizer.gap_target", "relative gap on controllable cost that stops the run",
       +[](Config& c) -> double& { return c.optimizer.gap_target; }, 0, 1},
      {"optimizer.time_limit_seconds", "wall-clock limit of the optimization, seconds",
       +[](Config& c) -> double& { return c.optimizer.time_limit_seconds; }, 0, 1e7},
      {"optimizer.scenarios", "demand scenarios per fast SKU",
       +[](Config& c) -> int& { return c.optimizer.scenarios; }, 1, 100000},
      {"optimizer.fast_units_per_day", "velocity at or above which a SKU is fast",
       +[](Config& c) -> double& { return c.optimizer.fast_units_per_day; }, 0, 1e9},
      {"optimizer.slow_units_per_day", "velocity below which a SKU is slow (closed form)",
       +[](Config& c) -> double& { return c.optimizer.slow_units_per_day; }, 0, 1e9},
      {"optimizer.dc_cycle_service",
       "DC order-up-to level: this quantile of lead-time demand (0: traded against the holding of the nodes it feeds)",
       +[](Config& c) -> double& { return c.optimizer.dc_cycle_service; }, 0, 0.9999},
      {"simulation.days", "simulated days",
       +[](Config& c) -> int& { return c.simulation.days; }, 1, 3650},
      {"simulation.replications", "independent replications",
       +[](Config& c) -> int& { return c.simulation.replications; }, 1, 10000},
      {"simulation.warmup_days", "days excluded from KPIs",
       +[](Config& c) -> int& { return c.simulation.warmup_days; }, 0, 3650},
      {"output.write_report", "write report.html",
       +[](Config& c) -> bool& { return c.output.write_report; }},
      {"output.top_skus_in_report", "SKUs with fan charts in the report",
       +[](Config& c) -> int& { return c.output.top_skus_in_report; }, 0, 1000},
  };
  return kOptions;
}

const std::set<std::string_view> kSections = {"costs", "forecast", "optimizer", "simulation",
                                              "output"};

class Reader {
 public:
  Reader(std::string display_name, InputErrorList& errors)
      : name_(std::move(display_name)), errors_(errors) {}

  SourceLocation where(const YAML::Node& node) const {
    YAML::Mark mark = node.Mark();
    if (mark.line < 0) return {name_, 0, 0};
    return {name_, static_cast<std::size_t>(mark.line + 1),
            static_cast<std::size_t>(mark.column + 1)};
  }
  void bad(const YAML::Node& node, std::string_view key, std::string_view expected) {
    std::string found = node.IsScalar() ? node.Scalar() : (node.IsSequence() ? "a list" : "a map");
    errors_.add(InputError::bad_value(where(node), key, expected, found));
  }
  void error(const YAML::Node& node, std::string message) {
    errors_.add(InputError(where(node), std::move(message)));
  }

  std::optional<double> number(const YAML::Node& node, std::string_view key, double min,
                               double max, bool integer) {
    std::string expected = integer ? fmt::format("an integer in [{}, {}]", min, max)
                                   : fmt::format("a number in [{}, {}]", min, max);
    if (!node.IsScalar()) {
      bad(node, key, expected);
      return std::nullopt;
    }
    double value = 0.0;
    try {
      value = node.as<double>();
    } catch (const YAML::Exception&) {
      bad(node, key, expected);
      return std::nullopt;
    }
    if (!std::isfinite(value) || value < min || value > max ||
        (integer && std::floor(value) != value)) {
      bad(node, key, expected);
      return std::nullopt;
    }
    return value;
  }

  void apply(const Option& option, const YAML::Node& node, Config& config) {
    std::visit(
        [&](auto ref) {
          using Field = std::remove_reference_t<decltype(ref(config))>;
          if constexpr (std::is_same_v<Field, double> || std::is_same_v<Field, int>) {
            auto value = number(node, option.key, option.min, option.max,
                                std::is_same_v<Field, int>);
            if (value) ref(config) = static_cast<Field>(*value);
          } else if constexpr (std::is_same_v<Field, bool>) {
            bool value = false;
            if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
              bad(node, option.key, "true or false");
            } else {
              ref(config) = value;
            }
          } else {
            if (!node.IsScalar()) {
              bad(node, option.key, "a string");
            } else {
              ref(config) = node.Scalar();
            }
          }
        },
        option.ref);
  }

  void read_speeds(const YAML::Node& node, Config& config) {
    if (!node.IsSequence() || node.size() == 0) {
      bad(node, "speeds", "a non-empty list of speeds");
      return;
    }
    config.speeds.clear();
    for (const YAML::Node& item : node) {
      if (!item.IsMap()) {
        bad(item, "speeds[]", "a map with name, promise_hours, ...");
        continue;
      }
      network::Speed speed;
      bool named = false;
      for (const auto& entry : item) {
        std::string key = entry.first.Scalar();
        const YAML::Node& value = entry.second;
        std::string path = "speeds[]." + key;
        if (key == "name") {
          speed.name = value.Scalar();
          named = !speed.name.empty();
        } else if (key == "promise_hours") {
          if (auto v = number(value, path, 0.1, 24 * 30, false)) speed.promise_hours = *v;
        } else if (key == "target_fill") {
          if (auto v = number(value, path, 0, 1, false)) speed.target_fill = *v;
        } else if (key == "downgrade_penalty") {
          if (auto v = number(value, path, 0, 1e9, false)) speed.downgrade_penalty = *v;
        } else if (key == "default_cutoff_hour") {
          if (auto v = number(value, path, 0, 24, false)) speed.default_cutoff_hour = *v;
        } else {
          error(entry.first, fmt::format("unknown key 'speeds[].{}' (expected name, "
                                         "promise_hours, target_fill, downgrade_penalty, "
                                         "default_cutoff_hour)", key));
        }
      }
      if (!named) {
        bad(item, "speeds[].name", "a non-empty speed name");
        continue;
      }
      if (config.speed_index(speed.name) >= 0) {
        error(item, fmt::format("speed '{}' is defined twice", speed.name));
        continue;
      }
      config.speeds.push_back(speed);
    }
    std::stable_sort(config.speeds.begin(), config.speeds.end(),
                     [](const auto& a, const auto& b) { return a.promise_hours < b.promise_hours; });
  }

  void read_speed_mix(const YAML::Node& node, Config& config) {
    if (!node.IsMap()) {
      bad(node, "speed_mix", "a map from speed name to share");
      return;
    }
    config.speed_mix.assign(config.speeds.size(), 0.0);
    double total = 0.0;
    for (const auto& entry : node) {
      int speed = config.speed_index(entry.first.Scalar());
      if (speed < 0) {
        error(entry.first, fmt::format("speed_mix: unknown speed '{}'", entry.first.Scalar()));
        continue;
      }
      if (auto share = number(entry.second, "speed_mix." + entry.first.Scalar(), 0, 1, false)) {
        config.speed_mix[speed] = *share;
        total += *share;
      }
    }
    if (std::fabs(total - 1.0) > 1e-6) {
      bad(node, "speed_mix", "shares that sum to 1");
    }
  }

  void read_profile(const YAML::Node& node, Config& config) {
    if (!node.IsSequence() || node.size() != 24) {
      bad(node, "order_hour_profile", "a list of 24 non-negative hourly weights");
      return;
    }
    double total = 0.0;
    for (std::size_t hour = 0; hour < 24; ++hour) {
      auto weight = number(node[hour], "order_hour_profile[]", 0, 1e12, false);
      config.order_hour_profile[hour] = weight.value_or(0.0);
      total += weight.value_or(0.0);
    }
    if (total <= 0.0) {
      bad(node, "order_hour_profile", "weights with a positive sum");
      return;
    }
    for (double& weight : config.order_hour_profile) weight /= total;
  }

  Config read(const YAML::Node& root) {
    Config config = Config::defaults();
    if (root.IsNull()) return config;
    if (!root.IsMap()) {
      bad(root, "echelon.yaml", "a map of options");
      return config;
    }
    // speeds first: speed_mix refers to them.
    if (root["speeds"]) read_speeds(root["speeds"], config);
    bool mix_given = false;
    for (const auto& entry : root) {
      std::string key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      if (key == "speeds") continue;
      if (key == "planning_date") {
        if (value.IsNull()) continue;
        auto date = value.IsScalar() ? Date::parse(value.Scalar()) : std::nullopt;
        if (!date) bad(value, key, "a date as YYYY-MM-DD");
        config.planning_date = date;
      } else if (key == "speed_mix") {
        read_speed_mix(value, config);
        mix_given = true;
      } else if (key == "order_hour_profile") {
        read_profile(value, config);
      } else if (kSections.contains(key)) {
        read_section(key, value, config);
      } else if (const Option* option = find(key)) {
        apply(*option, value, config);
      } else {
        error(entry.first, fmt::format("unknown option '{}' (see `echelon config --defaults`)", key));
      }
    }
    if (!mix_given && config.speeds.size() != Config::defaults().speeds.size()) {
      // Speeds were redefined without a mix: split demand evenly.
      config.speed_mix.assign(config.speeds.size(), 1.0 / config.speeds.size());
    }
    return config;
  }

 private:
  static const Option* find(std::string_view key) {
    for (const Option& option : options()) {
      if (option.key == key) return &option;
    }
    return nullptr;
  }

  void read_section(const std::string& section, const YAML::Node& node, Config& config) {
    if (!node.IsMap()) {
      bad(node, section, "a map of options");
      return;
    }
    for (const auto& entry : node) {
      std::string key = section + "." + entry.first.Scalar();
      if (const Option* option = find(key)) {
        apply(*option, entry.second, config);
      } else {
        error(entry.first, fmt::format("unknown option '{}' (see `echelon config --defaults`)", key));
      }
    }
  }

  std::string name_;
  InputErrorList& errors_;
};

std::string show_value(const Option& option, Config& config) {
  return std::visit(
      [&](auto ref) -> std::string {
        using Field = std::remove_reference_t<decltype(ref(config))>;
        if constexpr (std::is_same_v<Field, bool>) return ref(config) ? "true" : "false";
        else if constexpr (std::is_same_v<Field, std::string>) return ref(config);
        else return fmt::format("{}", ref(config));
      },
      option.ref);
}

}  // namespace

Config parse_config(const std::string& text, const std::string& display_name,
                    InputErrorList& errors) {
  try {
    YAML::Node root = YAML::Load(text);
    return Reader(display_name, errors).read(root);
  } catch (const YAML::Exception& error) {
    errors.add(InputError({display_name, static_cast<std::size_t>(error.mark.line + 1),
                           static_cast<std::size_t>(error.mark.column + 1)},
                          fmt::format("expected valid YAML, found a syntax error: {}", error.msg)));
    return Config::defaults();
  }
}

Config read_config(const std::filesystem::path& path, const std::string& display_name,
                   InputErrorList& errors) {
  std::ifstream stream(path);
  if (!stream) {
    errors.add(InputError::missing_file({display_name, 0, 0}, "cannot open file"));
    return Config::defaults();
  }
  std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  return parse_config(text, display_name, errors);
}

std::string config_yaml(const Config& config_in) {
  Config config = config_in;
  std::string out;
  out += fmt::format("planning_date: {}  # default: the day after the last demand date\n",
                     config.planning_date ? config.planning_date->to_string() : "null");
  std::string_view current_section;
  for (const Option& option : options()) {
    std::string_view key = option.key;
    std::size_t dot = key.find('.');
    std::string value = show_value(option, config);
    std::string comment = fmt::format("# {}", option.description);
    if (dot == std::string_view::npos) {
      out += fmt::format("{}: {}  {}\n", key, value, comment);
      continue;
    }
    std::string_view section = key.substr(0, dot);
    if (section != current_section) {
      out += fmt::format("{}:\n", section);
      current_section = section;
    }
    out += fmt::format("  {}: {}  {}\n", key.substr(dot + 1), value, comment);
  }
  out += "speeds:  # fastest first; target_fill is the network on-time target\n";
  for (const network::Speed& speed : config.speeds) {
    out += fmt::format(
        "  - {{name: {}, promise_hours: {}, target_fill: {}, downgrade_penalty: {}, "
        "default_cutoff_hour: {}}}\n",
        speed.name, speed.promise_hours, speed.target_fill, speed.downgrade_penalty,
        speed.default_cutoff_hour);
  }
  out += "speed_mix:  # share of demand per speed when demand.csv has no speed column\n";
  for (std::size_t index = 0; index < config.speeds.size() && index < config.speed_mix.size();
       ++index) {
    out += fmt::format("  {}: {}\n", config.speeds[index].name, config.speed_mix[index]);
  }
  out += "order_hour_profile: [";
  for (std::size_t hour = 0; hour < 24; ++hour) {
    out += fmt::format("{}{:.4f}", hour == 0 ? "" : ", ", config.order_hour_profile[hour]);
  }
  out += "]  # share of orders placed in each local hour\n";
  return out;
}

std::string defaults_yaml() {
  return "# echelon.yaml: every option with its default. Omit any option to keep its default.\n" +
         config_yaml(Config::defaults());
}

}  // namespace echelon::io
