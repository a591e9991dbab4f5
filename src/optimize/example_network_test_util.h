// SPDX-License-Identifier: Apache-2.0
// Test support: the bundled examples/small dataset with its planning network and demand rates,
// loaded once per test binary.
#pragma once

#include <string>

#include "io/dataset_reader.h"
#include "optimize/planning_network.h"

namespace echelon::optimize::testing {

struct Example {
  network::Dataset dataset;
  PlanningNetwork planning;
  DemandRates rates;
};

inline const Example& example() {
  static const Example* loaded = [] {
    RunContext ctx(RunOptions{.threads = 1, .log_level = LogLevel::kOff});
    auto* result =
        new Example{io::read_dataset(std::string(ECHELON_SOURCE_DIR) + "/examples/small", ctx), {}, {}};
    result->planning = build_planning_network(result->dataset);
    result->rates = rates_from_history(result->dataset, result->dataset.planning_date(), 56);
    return result;
  }();
  return *loaded;
}

}  // namespace echelon::optimize::testing
