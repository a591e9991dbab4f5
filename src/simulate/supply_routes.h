// SPDX-License-Identifier: Apache-2.0
// Where each node's stock of a SKU comes from: DCs buy from the SKU's vendor; any other node is
// fed by the DC with the cheapest lane into it (per unit of that SKU), or buys from the vendor
// when no DC feeds it. Vendor routes take the sourcing option's lead time, transfer routes the
// lane's transit time. The lane lookups are indexed once per network, so routing a SKU costs
// O(nodes x DC lanes per node).
#pragma once

#include <vector>

#include "core/ids.h"
#include "network/dataset.h"

namespace echelon::simulate {

struct SupplyRoute {
  bool from_vendor = true;
  NodeIndex parent;                    // valid when !from_vendor
  LaneIndex lane;                      // invalid when the dataset has no such lane
  double lead_days_mean = 0.0;         // vendor lead time, or lane transit for transfers
  double lead_days_sd = 0.0;
  double inbound_cost_per_unit = 0.0;  // lane cost per unit + per m3 x unit volume
};

class SupplyRoutes {
 public:
  explicit SupplyRoutes(const network::Network& network);

  // Routes of every node (indexed by NodeIndex value) for `option`'s SKU and vendor.
  [[nodiscard]] std::vector<SupplyRoute> routes(const network::Dataset& dataset,
                                                const network::SourcingOption& option) const;

 private:
  std::size_t nodes_ = 0;
  std::vector<LaneIndex> vendor_lane_;               // [vendor * nodes + node]
  std::vector<std::vector<LaneIndex>> dc_lanes_in_;  // per node: lanes from DCs into it
};

}  // namespace echelon::simulate
