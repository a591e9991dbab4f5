// SPDX-License-Identifier: Apache-2.0
// A fast CSV reader over a memory-mapped file: RFC 4180 quoting ("" escapes, separators and
// newlines inside quotes), CRLF or LF line ends, a leading UTF-8 BOM, and blank lines skipped.
// Fields are string_views into the file (or into a scratch buffer for fields with escaped
// quotes), valid until the next call to next(). Every error is an InputError naming the file,
// the line and the column (1-based byte column within the line).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <deque>
#include <vector>

#include "core/error.h"

namespace echelon::io {

class CsvReader {
 public:
  // Opens and maps `path`; errors name the file as `display_name`. Reads the header row.
  static CsvReader open(const std::filesystem::path& path, std::string display_name);
  // Reads CSV text held in memory (tests, fuzzing).
  static CsvReader from_string(std::string display_name, std::string content);

  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;
  ~CsvReader();

  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
  // Line of the header row.
  [[nodiscard]] std::size_t header_line() const { return header_line_; }
  [[nodiscard]] std::size_t header_column(std::size_t field) const { return header_columns_[field]; }

  // Advances to the next record; false at the end of the file. Throws InputError on malformed
  // quoting or when the record's field count differs from the header's.
  bool next();

  [[nodiscard]] std::size_t size() const { return fields_.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t field) const { return fields_[field]; }
  // Line on which the current record starts.
  [[nodiscard]] std::size_t line() const { return line_of_record_; }
  [[nodiscard]] SourceLocation location(std::size_t field) const;
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  struct Source;
  CsvReader(std::string name, std::unique_ptr<Source> source);

  // Parses one record starting at pos_ into fields_; false at end of input.
  bool parse_record();
  [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& message) const;

  std::string name_;
  std::unique_ptr<Source> source_;
  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;        // line at pos_
  std::size_t line_start_ = 0;  // offset of the start of line_
  std::size_t line_of_record_ = 0;
  std::vector<std::string_view> fields_;
  std::vector<std::size_t> field_lines_;
  std::vector<std::size_t> field_columns_;
  std::deque<std::string> scratch_;  // unescaped text of fields with "" inside quotes
  std::vector<std::string> header_;
  std::vector<std::size_t> header_columns_;
  std::size_t header_line_ = 0;
};

}  // namespace echelon::io
