// SPDX-License-Identifier: Apache-2.0
// `echelon.yaml`: reading it onto network::Config, and printing every option with its default
// and meaning (`echelon config --defaults`). Both use one table of options, so the printed
// defaults always match what the reader accepts. Unknown keys are errors (usually typos).
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"
#include "network/config.h"

namespace echelon::io {

// Reads `path` (display name `display_name`) over the defaults. Problems go to `errors`.
network::Config read_config(const std::filesystem::path& path, const std::string& display_name,
                            InputErrorList& errors);
// The same from YAML text in memory.
network::Config parse_config(const std::string& text, const std::string& display_name,
                             InputErrorList& errors);

// Every option with its default value and a comment; parses back to Config::defaults().
std::string defaults_yaml();
// The effective settings of `config`, in the same format (echoed by reports).
std::string config_yaml(const network::Config& config);

}  // namespace echelon::io
