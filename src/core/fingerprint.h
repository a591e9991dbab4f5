// SPDX-License-Identifier: Apache-2.0
// A 64-bit fingerprint of a sequence of values, to tell whether the inputs behind a stored result
// changed. Values are taken bit for bit (a double that differs in its last bit differs) and each
// string carries its length, so ("ab", "c") and ("a", "bc") differ.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

#include "core/rng.h"

namespace echelon {

class Fingerprint {
 public:
  Fingerprint& add(std::uint64_t value) {
    state_ = mix64(state_ ^ mix64(value + ++count_));
    return *this;
  }
  Fingerprint& add(double value) { return add(std::bit_cast<std::uint64_t>(value)); }
  Fingerprint& add(std::string_view text) {
    add(static_cast<std::uint64_t>(text.size()));
    return add(hash_id(text));
  }
  [[nodiscard]] std::uint64_t value() const { return state_; }

 private:
  std::uint64_t state_ = 0x6A09E667F3BCC908ULL;
  std::uint64_t count_ = 0;
};

}  // namespace echelon
