// SPDX-License-Identifier: Apache-2.0
// Output files that appear whole or not at all. `AtomicFile` writes to a temporary file beside
// the target and renames it over the target on commit(); if it is destroyed uncommitted (an
// error, a cancelled run) the temporary file is removed and the target is untouched.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string_view>

namespace echelon::io {

class AtomicFile {
 public:
  // Creates the target's parent directories; throws std::runtime_error when it cannot write.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  // Flushes, syncs and renames over the target.
  void commit();
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::FILE* file_ = nullptr;
};

// Writes `content` to `target` atomically.
void write_file_atomic(const std::filesystem::path& target, std::string_view content);

}  // namespace echelon::io
