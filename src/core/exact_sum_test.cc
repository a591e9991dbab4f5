// SPDX-License-Identifier: Apache-2.0
#include "core/exact_sum.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace echelon {
namespace {

// Shewchuk's exact summation with non-overlapping partials (the algorithm behind Python's
// math.fsum): the correctly rounded sum, an independent reference.
double shewchuk_sum(const std::vector<double>& terms) {
  std::vector<double> partials;
  for (double x : terms) {
    std::size_t kept = 0;
    for (double y : partials) {
      if (std::abs(x) < std::abs(y)) std::swap(x, y);
      const double high = x + y;
      const double low = y - (high - x);
      if (low != 0.0) partials[kept++] = low;
      x = high;
    }
    partials.resize(kept);
    partials.push_back(x);
  }
  // The partials are non-overlapping and increasing: summing from the top with the final
  // half-way correction gives the correctly rounded result.
  if (partials.empty()) return 0.0;
  std::size_t index = partials.size() - 1;
  double high = partials[index];
  double low = 0.0;
  while (index > 0) {
    const double x = high;
    const double y = partials[--index];
    high = x + y;
    low = y - (high - x);
    if (low != 0.0) break;
  }
  if (index > 0 && ((low < 0.0 && partials[index - 1] < 0.0) || (low > 0.0 && partials[index - 1] > 0.0))) {
    const double y = low * 2.0;
    const double x = high + y;
    if (y == x - high) high = x;
  }
  return high;
}

std::vector<double> random_terms(std::size_t count, std::uint32_t seed) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-40, 30);
  std::vector<double> terms(count);
  for (double& term : terms) term = std::ldexp(mantissa(engine), exponent(engine));
  return terms;
}

ExactSum sum_of(const std::vector<double>& terms) {
  ExactSum sum;
  for (double term : terms) sum.add(term);
  return sum;
}

TEST(ExactSum, IntegersAddUpExactlyWhereDoublesDoNot) {
  ExactSum sum;
  sum.add(1e16);
  sum.add(1.0);
  sum.add(-1e16);
  EXPECT_EQ(sum.value(), 1.0);
  EXPECT_EQ((1e16 + 1.0) - 1e16, 0.0);  // plain double addition loses the 1

  std::mt19937_64 engine(7);
  std::uniform_int_distribution<std::int64_t> value(-(std::int64_t{1} << 40), std::int64_t{1} << 40);
  ExactSum many;
  std::int64_t reference = 0;
  for (int index = 0; index < 10000; ++index) {
    std::int64_t term = value(engine);
    reference += term;
    many.add(static_cast<double>(term));
  }
  EXPECT_EQ(many.value(), static_cast<double>(reference));
}

TEST(ExactSum, SameBitsForAnyOrderAndPartition) {
  const std::vector<double> terms = random_terms(20000, 11);
  const ExactSum whole = sum_of(terms);
  std::mt19937_64 engine(3);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> shuffled = terms;
    std::shuffle(shuffled.begin(), shuffled.end(), engine);
    // Split into 1..7 parts at random cut points, sum each part, then add the parts up.
    const std::size_t parts = 1 + trial % 7;
    std::vector<std::size_t> cuts{0, shuffled.size()};
    std::uniform_int_distribution<std::size_t> cut(0, shuffled.size());
    for (std::size_t part = 1; part < parts; ++part) cuts.push_back(cut(engine));
    std::sort(cuts.begin(), cuts.end());
    std::vector<ExactSum> partial(parts + 1);
    for (std::size_t part = 0; part + 1 < cuts.size(); ++part) {
      for (std::size_t index = cuts[part]; index < cuts[part + 1]; ++index) partial[part].add(shuffled[index]);
    }
    ExactSum combined;
    for (std::size_t part = partial.size(); part-- > 0;) combined += partial[part];
    EXPECT_EQ(combined, whole) << "trial " << trial;
    EXPECT_EQ(combined.value(), whole.value());
  }
  // Plain double summation does depend on the order on the same data.
  std::vector<double> reversed(terms.rbegin(), terms.rend());
  double forward = 0.0;
  double backward = 0.0;
  for (double term : terms) forward += term;
  for (double term : reversed) backward += term;
  EXPECT_NE(forward, backward);
}

TEST(ExactSum, WithinThePrecisionBoundOfTheCorrectlyRoundedSum) {
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    const std::vector<double> terms = random_terms(5000, seed);
    const double exact = shewchuk_sum(terms);
    const double bound = static_cast<double>(terms.size()) * std::ldexp(1.0, -ExactSum::kFractionBits - 1) +
                         std::abs(exact) * std::numeric_limits<double>::epsilon();
    EXPECT_NEAR(sum_of(terms).value(), exact, bound) << "seed " << seed;
  }
  // Terms on the grid are represented exactly: the only error is the final rounding.
  std::vector<double> on_grid;
  for (int index = 1; index <= 1000; ++index) on_grid.push_back(std::ldexp(index, -ExactSum::kFractionBits));
  EXPECT_EQ(sum_of(on_grid).value(), std::ldexp(500500.0, -ExactSum::kFractionBits));
}

TEST(ExactSum, WordsRoundTripIncludingNegativeSums) {
  ExactSum negative;
  negative.add(-12345.678);
  negative.add(0.001);
  ExactSum copy = ExactSum::from_words(negative.low(), negative.high());
  EXPECT_EQ(copy, negative);
  EXPECT_EQ(copy.value(), negative.value());
  EXPECT_NEAR(copy.value(), -12345.677, 1e-9);

  std::vector<ExactSum> into(2);
  std::vector<ExactSum> from(2);
  into[0].add(1.5);
  from[0].add(2.25);
  from[1].add(-4.0);
  add_into(into, from);
  EXPECT_EQ(into[0].value(), 3.75);
  EXPECT_EQ(into[1].value(), -4.0);
}

TEST(ExactSum, RefusesTermsOutsideItsRange) {
  ExactSum sum;
  EXPECT_THROW(sum.add(std::numeric_limits<double>::infinity()), std::overflow_error);
  EXPECT_THROW(sum.add(std::numeric_limits<double>::quiet_NaN()), std::overflow_error);
  EXPECT_THROW(sum.add(1e30), std::overflow_error);
  ExactSum large;
  large.add(0x1p65);
  large.add(0x1p65);
  large.add(0x1p65);
  EXPECT_THROW(large.add(0x1p65), std::overflow_error);
}

}  // namespace
}  // namespace echelon
