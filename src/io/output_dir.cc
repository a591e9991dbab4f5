// SPDX-License-Identifier: Apache-2.0
#include "io/output_dir.h"

#include <fmt/format.h>
#include <unistd.h>

#include <system_error>
#include <utility>

namespace echelon::io {

OutputDir::OutputDir(std::filesystem::path target) : target_(std::move(target)) {
  std::filesystem::path parent = std::filesystem::absolute(target_).parent_path();
  std::filesystem::create_directories(parent);
  staging_ = parent / fmt::format(".{}.staging-{}", target_.filename().string(), ::getpid());
  std::filesystem::remove_all(staging_);
  std::filesystem::create_directories(staging_);
}

OutputDir::~OutputDir() {
  std::error_code ignored;
  std::filesystem::remove_all(staging_, ignored);
}

std::filesystem::path OutputDir::path(std::string_view name) const { return staging_ / name; }

void OutputDir::commit() {
  std::filesystem::create_directories(target_);
  for (const auto& entry : std::filesystem::directory_iterator(staging_)) {
    std::filesystem::rename(entry.path(), target_ / entry.path().filename());
  }
  committed_ = true;
}

}  // namespace echelon::io
