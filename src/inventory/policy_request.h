// SPDX-License-Identifier: Apache-2.0
// The parsed envelope of an `echelon policy` document, handed to one handler per model. Each
// handler reads its params and queries through checked readers and returns the output document.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/policy_json.h"

namespace echelon::inventory {

struct PolicyRequest {
  std::string model;
  JsonFields params;
  std::optional<JsonFields> query;

  // Readers for each element of query.<key> (an array of objects); empty without a query.
  // Checks that the query has no other key.
  [[nodiscard]] std::vector<JsonFields> query_list(std::string_view key);
  // {"model": model} to which a handler adds its fields.
  [[nodiscard]] OrderedJson output() const;
};

OrderedJson run_newsvendor(PolicyRequest& request);
OrderedJson run_base_stock(PolicyRequest& request);
OrderedJson run_eoq(PolicyRequest& request);
OrderedJson run_ss_exact(PolicyRequest& request);
OrderedJson run_rq_exact(PolicyRequest& request);
OrderedJson run_loss_function(PolicyRequest& request);
OrderedJson run_serial_ssm(PolicyRequest& request);
OrderedJson run_serial_shang_song(PolicyRequest& request);
OrderedJson run_gsm_tree(PolicyRequest& request);
OrderedJson run_gsm_dag(PolicyRequest& request);
OrderedJson run_owmr(PolicyRequest& request);

}  // namespace echelon::inventory
