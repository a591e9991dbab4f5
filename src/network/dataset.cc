// SPDX-License-Identifier: Apache-2.0
#include "network/dataset.h"

namespace echelon::network {

Date Dataset::planning_date() const {
  if (config.planning_date) return *config.planning_date;
  return demand.rows() > 0 ? demand.last_date + 1 : Date();
}

Dataset Dataset::planner_view() const {
  Dataset view;
  view.config = config;
  view.network = network;
  view.sku_ids = sku_ids;
  view.skus = skus;
  view.sourcing = sourcing;
  view.sourcing_offset = sourcing_offset;
  view.lead_times = lead_times;
  view.overrides = overrides;
  return view;
}

}  // namespace echelon::network
