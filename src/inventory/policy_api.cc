// SPDX-License-Identifier: Apache-2.0
#include "inventory/policy_api.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "inventory/policy_request.h"

namespace echelon::inventory {
namespace {

using Handler = OrderedJson (*)(PolicyRequest&);

struct ModelEntry {
  std::string_view name;
  Handler handler;
};

constexpr std::array kModels = {
    ModelEntry{"newsvendor", run_newsvendor},
    ModelEntry{"base_stock", run_base_stock},
    ModelEntry{"eoq", run_eoq},
    ModelEntry{"ss_exact", run_ss_exact},
    ModelEntry{"rq_exact", run_rq_exact},
    ModelEntry{"serial_ssm", run_serial_ssm},
    ModelEntry{"serial_shang_song", run_serial_shang_song},
    ModelEntry{"gsm_tree", run_gsm_tree},
    ModelEntry{"gsm_dag", run_gsm_dag},
    ModelEntry{"owmr", run_owmr},
    ModelEntry{"loss_function", run_loss_function},
};

std::string model_names() {
  std::string names;
  for (const ModelEntry& entry : kModels) {
    if (!names.empty()) names += ", ";
    names += entry.name;
  }
  return names;
}

}  // namespace

std::vector<JsonFields> PolicyRequest::query_list(std::string_view key) {
  std::vector<JsonFields> list;
  if (!query) return list;
  if (query->has(key)) {
    const nlohmann::json& items = query->array(key);
    for (std::size_t index = 0; index < items.size(); ++index) {
      list.emplace_back(items[index], fmt::format("{}[{}]", query->path_of(key), index),
                        query->location());
    }
  }
  query->finish();
  return list;
}

OrderedJson PolicyRequest::output() const {
  OrderedJson document = OrderedJson::object();
  document["model"] = model;
  return document;
}

OrderedJson run_policy(const nlohmann::json& input, const std::string& source) {
  SourceLocation location{source, 0, 0};
  JsonFields top(input, "", location);
  std::string model = top.string("model");
  Handler handler = nullptr;
  for (const ModelEntry& entry : kModels) {
    if (entry.name == model) handler = entry.handler;
  }
  if (handler == nullptr) {
    throw top.error("model", fmt::format("one of {}", model_names()), top.required("model"));
  }
  PolicyRequest request{model, top.object("params"), std::nullopt};
  if (top.has("query")) request.query.emplace(top.object("query"));
  top.finish();
  return handler(request);
}

OrderedJson run_policy_text(std::string_view text, const std::string& source) {
  nlohmann::json input;
  try {
    input = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(SourceLocation{source, 0, 0},
                     fmt::format("malformed JSON: {}", error.what()));
  }
  return run_policy(input, source);
}

}  // namespace echelon::inventory
