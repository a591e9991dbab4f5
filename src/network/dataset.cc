// SPDX-License-Identifier: Apache-2.0
#include "network/dataset.h"

namespace echelon::network {

Date Dataset::planning_date() const {
  if (config.planning_date) return *config.planning_date;
  return demand.rows() > 0 ? demand.last_date + 1 : Date();
}

}  // namespace echelon::network
