// SPDX-License-Identifier: Apache-2.0
// A sum of doubles whose result does not depend on the order or grouping of its terms. Each term
// is rounded to the nearest multiple of 2^-kFractionBits and added as a 128-bit integer, and
// integer addition is associative: any split of the terms over threads or MPI ranks, summed
// partial by partial, gives the same bits. Terms must be finite and below 2^(127 -
// kFractionBits - 1) in magnitude; a sum that leaves the range throws std::overflow_error.
//
// Error: each term is off by at most 2^-(kFractionBits + 1) (about 4e-19), so a sum of n terms
// differs from the exact real sum by at most n * 2^-(kFractionBits + 1) plus the final rounding
// to double (half an ulp of the result).
#pragma once

#include <cstdint>
#include <span>

namespace echelon {

class ExactSum {
 public:
  static constexpr int kFractionBits = 60;

  ExactSum() = default;

  // Adds one term.
  void add(double term);
  ExactSum& operator+=(double term) {
    add(term);
    return *this;
  }
  // Adds another partial sum (exact).
  ExactSum& operator+=(const ExactSum& other);

  // The sum rounded to the nearest double.
  [[nodiscard]] double value() const;

  // The 128-bit fixed-point value as two words (two's complement), for exchanging partial sums.
  [[nodiscard]] std::uint64_t low() const { return static_cast<std::uint64_t>(fixed_); }
  [[nodiscard]] std::uint64_t high() const { return static_cast<std::uint64_t>(fixed_ >> 64); }
  static ExactSum from_words(std::uint64_t low, std::uint64_t high);

  friend bool operator==(const ExactSum& a, const ExactSum& b) { return a.fixed_ == b.fixed_; }

 private:
  __extension__ using Fixed = __int128;
  Fixed fixed_ = 0;
};

// Adds `from` into `into` element by element (both the same length).
void add_into(std::span<ExactSum> into, std::span<const ExactSum> from);

}  // namespace echelon
