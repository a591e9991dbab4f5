// SPDX-License-Identifier: Apache-2.0
// An output directory filled as a whole: files are written into a staging directory beside the
// target and moved into the target by commit(), so a failed run leaves no partial set of outputs
// (files from an earlier successful run stay until replaced).
#pragma once

#include <filesystem>
#include <string_view>

namespace echelon::io {

class OutputDir {
 public:
  explicit OutputDir(std::filesystem::path target);
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // Where to write `name` now (inside the staging directory).
  [[nodiscard]] std::filesystem::path path(std::string_view name) const;
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  // Moves every staged file into the target directory.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

}  // namespace echelon::io
