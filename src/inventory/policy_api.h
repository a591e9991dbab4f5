// SPDX-License-Identifier: Apache-2.0
// `echelon policy`: one classic inventory model instance in, its optimal policy, cost and the
// cost of queried policies out, as JSON documents. The contract (models, fields, conventions,
// error reporting) is tests/data/reference/SCHEMA.md, which the reference cases beside it
// follow. Errors in the input throw InputError naming the source and the field path; unknown
// keys are errors.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "inventory/policy_json.h"

namespace echelon::inventory {

// Runs one input document; `source` names it in error messages (usually the file name).
[[nodiscard]] OrderedJson run_policy(const nlohmann::json& input, const std::string& source);

// Parses `text` first; malformed JSON is an InputError too.
[[nodiscard]] OrderedJson run_policy_text(std::string_view text, const std::string& source);

}  // namespace echelon::inventory
