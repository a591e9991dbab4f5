// SPDX-License-Identifier: Apache-2.0
// The bad-input channel: `InputError` names where a problem is (file, line, column, column name),
// what was expected and what was found. Loaders that check a whole dataset gather every problem
// in an `InputErrorList` (capped, with a count of what was left out) and throw it once as
// `InputErrors`. Only io/ and validation throw these; app/ catches them and exits with code 2.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace echelon {

// Where in the input a problem is. line and column are 1-based; 0 means "not applicable"
// (a whole file, or a whole row).
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  // "file:line:column", "file:line" or "file", as much as is known.
  [[nodiscard]] std::string to_string() const;
};

class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation location, std::string message);

  // `field`: expected `expected`, found "found".
  static InputError bad_value(SourceLocation location, std::string_view field,
                              std::string_view expected, std::string_view found);
  static InputError missing_column(SourceLocation location, std::string_view column);
  static InputError unknown_column(SourceLocation location, std::string_view column,
                                   std::string_view allowed);
  static InputError duplicate_key(SourceLocation location, std::string_view key,
                                  const SourceLocation& first);
  static InputError unknown_reference(SourceLocation location, std::string_view field,
                                      std::string_view what, std::string_view id);
  static InputError missing_file(SourceLocation location, std::string_view why);

  [[nodiscard]] const SourceLocation& location() const { return location_; }
  // The message without the location prefix.
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  SourceLocation location_;
  std::string message_;
};

// Collects input problems so that a user sees all of them at once.
class InputErrorList {
 public:
  explicit InputErrorList(std::size_t cap = 200) : cap_(cap) {}

  void add(InputError error);
  [[nodiscard]] bool empty() const { return total_ == 0; }
  [[nodiscard]] std::size_t total() const { return total_; }
  [[nodiscard]] const std::vector<InputError>& errors() const { return errors_; }
  // Throws InputErrors when any problem was recorded.
  void throw_if_any() const;

 private:
  std::size_t cap_;
  std::size_t total_ = 0;
  std::vector<InputError> errors_;
};

// Several input problems; what() lists one per line, then "... and N more" when capped.
class InputErrors : public std::runtime_error {
 public:
  InputErrors(std::vector<InputError> errors, std::size_t total);
  [[nodiscard]] const std::vector<InputError>& errors() const { return errors_; }
  [[nodiscard]] std::size_t total() const { return total_; }

 private:
  std::vector<InputError> errors_;
  std::size_t total_;
};

}  // namespace echelon
