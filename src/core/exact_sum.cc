// SPDX-License-Identifier: Apache-2.0
#include "core/exact_sum.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "core/assert.h"

namespace echelon {
namespace {

// Largest magnitude of a scaled term: leaves one bit of headroom below the 128-bit sign.
constexpr double kScaledLimit = 0x1p126;
__extension__ using Bits = unsigned __int128;

}  // namespace

void ExactSum::add(double term) {
  const double scaled = std::ldexp(term, kFractionBits);
  if (!(std::abs(scaled) < kScaledLimit)) {
    throw std::overflow_error(fmt::format("exact sum: term {} is not finite or too large", term));
  }
  // nearbyint rounds to nearest, ties to even, under the default rounding mode; values at or
  // above 2^52 are integers already.
  const auto rounded = static_cast<Fixed>(std::nearbyint(scaled));
  if (__builtin_add_overflow(fixed_, rounded, &fixed_)) {
    throw std::overflow_error("exact sum: the sum left the 128-bit range");
  }
}

ExactSum& ExactSum::operator+=(const ExactSum& other) {
  if (__builtin_add_overflow(fixed_, other.fixed_, &fixed_)) {
    throw std::overflow_error("exact sum: the sum left the 128-bit range");
  }
  return *this;
}

double ExactSum::value() const {
  // The integer converts to the nearest double (correctly rounded); the power of two is exact.
  return std::ldexp(static_cast<double>(fixed_), -kFractionBits);
}

ExactSum ExactSum::from_words(std::uint64_t low, std::uint64_t high) {
  ExactSum sum;
  const Bits bits = (static_cast<Bits>(high) << 64) | low;
  sum.fixed_ = static_cast<Fixed>(bits);
  return sum;
}

void add_into(std::span<ExactSum> into, std::span<const ExactSum> from) {
  ECHELON_ASSERT(into.size() == from.size(), "partial sums of different lengths");
  for (std::size_t index = 0; index < into.size(); ++index) into[index] += from[index];
}

}  // namespace echelon
