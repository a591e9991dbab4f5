// SPDX-License-Identifier: Apache-2.0
#include "io/csv_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace echelon::io {

// Owns either a read-only mapping of a file or an in-memory string.
struct CsvReader::Source {
  std::string owned;
  void* mapping = nullptr;
  std::size_t mapped_size = 0;

  ~Source() {
    if (mapping != nullptr) munmap(mapping, mapped_size);
  }
  [[nodiscard]] std::string_view view() const {
    if (mapping != nullptr) return {static_cast<const char*>(mapping), mapped_size};
    return owned;
  }
};

CsvReader CsvReader::open(const std::filesystem::path& path, std::string display_name) {
  auto source = std::make_unique<Source>();
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    throw InputError::missing_file({display_name, 0, 0},
                                   fmt::format("cannot open file: {}", std::strerror(errno)));
  }
  struct stat info {};
  if (fstat(descriptor, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(descriptor);
    throw InputError::missing_file({display_name, 0, 0}, "expected a regular file");
  }
  if (info.st_size > 0) {
    source->mapped_size = static_cast<std::size_t>(info.st_size);
    source->mapping = mmap(nullptr, source->mapped_size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    if (source->mapping == MAP_FAILED) {
      source->mapping = nullptr;
      ::close(descriptor);
      throw InputError::missing_file({display_name, 0, 0},
                                     fmt::format("cannot read file: {}", std::strerror(errno)));
    }
    madvise(source->mapping, source->mapped_size, MADV_SEQUENTIAL);
  }
  ::close(descriptor);
  return CsvReader(std::move(display_name), std::move(source));
}

CsvReader CsvReader::from_string(std::string display_name, std::string content) {
  auto source = std::make_unique<Source>();
  source->owned = std::move(content);
  return CsvReader(std::move(display_name), std::move(source));
}

CsvReader::CsvReader(std::string name, std::unique_ptr<Source> source)
    : name_(std::move(name)), source_(std::move(source)), data_(source_->view()) {
  if (data_.starts_with("\xEF\xBB\xBF")) pos_ = line_start_ = 3;
  if (!parse_record()) fail(1, 0, "expected a header row, found an empty file");
  header_line_ = line_of_record_;
  header_columns_ = field_columns_;
  header_.reserve(fields_.size());
  for (std::string_view field : fields_) header_.emplace_back(field);
}

CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

SourceLocation CsvReader::location(std::size_t field) const {
  if (field >= field_lines_.size()) return {name_, line_of_record_, 0};
  return {name_, field_lines_[field], field_columns_[field]};
}

void CsvReader::fail(std::size_t line, std::size_t column, const std::string& message) const {
  throw InputError({name_, line, column}, message);
}

bool CsvReader::next() {
  if (!parse_record()) return false;
  if (fields_.size() != header_.size()) {
    fail(line_of_record_, 0,
         fmt::format("expected {} fields (as in the header), found {}", header_.size(),
                     fields_.size()));
  }
  return true;
}

bool CsvReader::parse_record() {
  const std::size_t size = data_.size();
  // Skip blank lines (LF or CRLF).
  while (pos_ < size && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  if (pos_ >= size) return false;

  fields_.clear();
  field_lines_.clear();
  field_columns_.clear();
  line_of_record_ = line_;
  std::size_t scratch_used = 0;

  while (true) {
    field_lines_.push_back(line_);
    field_columns_.push_back(pos_ - line_start_ + 1);
    if (pos_ < size && data_[pos_] == '"') {
      std::size_t open_line = line_;
      std::size_t open_column = pos_ - line_start_ + 1;
      std::size_t content_start = ++pos_;
      bool escaped = false;
      while (true) {
        if (pos_ >= size) {
          fail(open_line, open_column, "unterminated quoted field: expected a closing '\"'");
        }
        char byte = data_[pos_];
        if (byte == '"') {
          if (pos_ + 1 < size && data_[pos_ + 1] == '"') {
            escaped = true;
            pos_ += 2;
            continue;
          }
          break;
        }
        if (byte == '\n') {
          ++line_;
          line_start_ = pos_ + 1;
        }
        ++pos_;
      }
      std::string_view content = data_.substr(content_start, pos_ - content_start);
      ++pos_;  // closing quote
      if (escaped) {
        if (scratch_.size() <= scratch_used) scratch_.emplace_back();
        std::string& text = scratch_[scratch_used++];
        text.clear();
        for (std::size_t index = 0; index < content.size(); ++index) {
          text.push_back(content[index]);
          if (content[index] == '"') ++index;  // skip the second quote of a pair
        }
        fields_.push_back(text);
      } else {
        fields_.push_back(content);
      }
      if (pos_ < size && data_[pos_] == '\r' && pos_ + 1 < size && data_[pos_ + 1] == '\n') ++pos_;
      if (pos_ < size && data_[pos_] != ',' && data_[pos_] != '\n') {
        fail(line_, pos_ - line_start_ + 1,
             fmt::format("expected ',' or end of line after a quoted field, found '{}'",
                         data_[pos_]));
      }
    } else {
      std::size_t start = pos_;
      while (pos_ < size && data_[pos_] != ',' && data_[pos_] != '\n') {
        if (data_[pos_] == '"') {
          fail(line_, pos_ - line_start_ + 1,
               "unexpected '\"' inside an unquoted field (quote the whole field and double "
               "inner quotes)");
        }
        ++pos_;
      }
      std::size_t end = pos_;
      if (end > start && data_[end - 1] == '\r') --end;
      fields_.push_back(data_.substr(start, end - start));
    }
    if (pos_ >= size) return true;
    if (data_[pos_] == '\n') {
      ++pos_;
      ++line_;
      line_start_ = pos_;
      return true;
    }
    ++pos_;  // ','
  }
}

}  // namespace echelon::io
