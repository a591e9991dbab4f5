// SPDX-License-Identifier: Apache-2.0
#include "core/error.h"

#include <fmt/format.h>

#include <utility>

namespace echelon {
namespace {

// Shows a found value as a user typed it, cut short when very long.
std::string quoted(std::string_view found) {
  constexpr std::size_t kMaxShown = 60;
  if (found.size() > kMaxShown) return fmt::format("\"{}...\"", found.substr(0, kMaxShown));
  return fmt::format("\"{}\"", found);
}

std::string join_lines(const std::vector<InputError>& errors, std::size_t total) {
  std::string text;
  for (const InputError& error : errors) {
    if (!text.empty()) text += '\n';
    text += error.what();
  }
  if (total > errors.size()) text += fmt::format("\n... and {} more problems", total - errors.size());
  return text;
}

}  // namespace

std::string SourceLocation::to_string() const {
  if (line == 0) return file;
  if (column == 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

InputError::InputError(SourceLocation location, std::string message)
    : std::runtime_error(fmt::format("{}: error: {}", location.to_string(), message)),
      location_(std::move(location)),
      message_(std::move(message)) {}

InputError InputError::bad_value(SourceLocation location, std::string_view field,
                                 std::string_view expected, std::string_view found) {
  return InputError(std::move(location),
                    fmt::format("{}: expected {}, found {}", field, expected, quoted(found)));
}

InputError InputError::missing_column(SourceLocation location, std::string_view column) {
  return InputError(std::move(location), fmt::format("missing required column '{}'", column));
}

InputError InputError::unknown_column(SourceLocation location, std::string_view column,
                                      std::string_view allowed) {
  return InputError(std::move(location),
                    fmt::format("unknown column '{}' (expected one of: {}; prefix extra "
                                "columns with 'x_')",
                                column, allowed));
}

InputError InputError::duplicate_key(SourceLocation location, std::string_view key,
                                     const SourceLocation& first) {
  return InputError(std::move(location), fmt::format("duplicate key {}, first defined at {}",
                                                     key, first.to_string()));
}

InputError InputError::unknown_reference(SourceLocation location, std::string_view field,
                                         std::string_view what, std::string_view id) {
  return InputError(std::move(location),
                    fmt::format("{}: unknown {} {}", field, what, quoted(id)));
}

InputError InputError::missing_file(SourceLocation location, std::string_view why) {
  return InputError(std::move(location), std::string(why));
}

void InputErrorList::add(InputError error) {
  ++total_;
  if (errors_.size() < cap_) errors_.push_back(std::move(error));
}

void InputErrorList::throw_if_any() const {
  if (total_ > 0) throw InputErrors(errors_, total_);
}

InputErrors::InputErrors(std::vector<InputError> errors, std::size_t total)
    : std::runtime_error(join_lines(errors, total)), errors_(std::move(errors)), total_(total) {}

}  // namespace echelon
