// SPDX-License-Identifier: Apache-2.0
// Buffered CSV output through an AtomicFile. Numbers are written in the shortest form that reads
// back as the same double; text is quoted only when it needs to be.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/date.h"
#include "io/atomic_file.h"

namespace echelon::io {

class CsvWriter {
 public:
  CsvWriter(const std::filesystem::path& target, std::initializer_list<std::string_view> header);

  // Appends one field to the current row.
  void field(std::string_view text);
  void field(const std::string& text) { field(std::string_view(text)); }
  void field(const char* text) { field(std::string_view(text)); }
  void field(double value);
  void field(Date date) { field(std::string_view(date.to_string())); }
  template <class Integer>
    requires std::is_integral_v<Integer>
  void field(Integer value) {
    separator();
    fmt::format_to(std::back_inserter(buffer_), "{}", value);
  }
  void end_row();

  // One whole row.
  template <class... Fields>
  void row(const Fields&... fields) {
    (field(fields), ...);
    end_row();
  }

  // Writes the buffered rows and renames the file into place.
  void commit();

 private:
  void separator();
  void flush_if_large();

  AtomicFile file_;
  fmt::memory_buffer buffer_;
  bool row_started_ = false;
};

}  // namespace echelon::io
