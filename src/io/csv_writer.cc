// SPDX-License-Identifier: Apache-2.0
#include "io/csv_writer.h"

#include <cmath>

namespace echelon::io {

CsvWriter::CsvWriter(const std::filesystem::path& target,
                     std::initializer_list<std::string_view> header)
    : file_(target) {
  for (std::string_view name : header) field(name);
  end_row();
}

void CsvWriter::separator() {
  if (row_started_) buffer_.push_back(',');
  row_started_ = true;
}

void CsvWriter::field(std::string_view text) {
  separator();
  bool needs_quotes = text.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!needs_quotes) {
    buffer_.append(text);
    return;
  }
  buffer_.push_back('"');
  for (char byte : text) {
    if (byte == '"') buffer_.push_back('"');
    buffer_.push_back(byte);
  }
  buffer_.push_back('"');
}

void CsvWriter::field(double value) {
  separator();
  if (std::isinf(value)) {
    buffer_.append(std::string_view(value > 0 ? "inf" : "-inf"));
  } else if (std::isnan(value)) {
    // An empty field: "not applicable".
  } else {
    fmt::format_to(std::back_inserter(buffer_), "{}", value);
  }
}

void CsvWriter::end_row() {
  buffer_.push_back('\n');
  row_started_ = false;
  flush_if_large();
}

void CsvWriter::flush_if_large() {
  constexpr std::size_t kFlushBytes = 1 << 20;
  if (buffer_.size() >= kFlushBytes) {
    file_.write(std::string_view(buffer_.data(), buffer_.size()));
    buffer_.clear();
  }
}

void CsvWriter::commit() {
  file_.write(std::string_view(buffer_.data(), buffer_.size()));
  buffer_.clear();
  file_.commit();
}

}  // namespace echelon::io
