// SPDX-License-Identifier: Apache-2.0
#include "inventory/distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "inventory/loss_function.h"

namespace echelon::inventory {
namespace {

// E[(D-x)^+] and E[(x-D)^+] by explicit summation over 0..upper.
struct Sums {
  double loss = 0.0;
  double complementary = 0.0;
  double total = 0.0;
};

Sums brute_force(const Distribution& demand, double x, int upper) {
  Sums sums;
  for (int k = 0; k <= upper; ++k) {
    double probability = demand.pmf(k);
    sums.loss += std::max(0.0, k - x) * probability;
    sums.complementary += std::max(0.0, x - k) * probability;
    sums.total += probability;
  }
  return sums;
}

// Simpson's rule on [low, high] with `intervals` (even) pieces.
template <class Function>
double integrate(Function function, double low, double high, int intervals) {
  double width = (high - low) / intervals;
  double sum = function(low) + function(high);
  for (int index = 1; index < intervals; ++index) {
    sum += function(low + index * width) * (index % 2 == 1 ? 4.0 : 2.0);
  }
  return sum * width / 3.0;
}

TEST(Distribution, PoissonLossesMatchExplicitSums) {
  Distribution demand = Distribution::poisson(6.0);
  for (double x : {-2.0, 0.0, 5.3, 8.0, 19.5}) {
    Sums sums = brute_force(demand, x, 200);
    EXPECT_NEAR(sums.total, 1.0, 1e-14);
    EXPECT_NEAR(demand.loss(x), sums.loss, 1e-13) << x;
    EXPECT_NEAR(demand.complementary_loss(x), sums.complementary, 1e-13) << x;
  }
  EXPECT_NEAR(demand.cdf(8.0), brute_force(demand, 0.0, 8).total, 1e-14);
}

TEST(Distribution, NegativeBinomialMomentsAndLosses) {
  Distribution demand = Distribution::negative_binomial(4.0, 12.0);
  std::vector<double> pmf = demand.pmf_table();
  double mean = 0.0;
  double second = 0.0;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    mean += k * pmf[k];
    second += double(k) * k * pmf[k];
  }
  EXPECT_NEAR(mean, 4.0, 1e-12);
  EXPECT_NEAR(second - mean * mean, 12.0, 1e-10);
  Sums sums = brute_force(demand, 6.5, 400);
  EXPECT_NEAR(demand.loss(6.5), sums.loss, 1e-12);
  EXPECT_NEAR(demand.cdf(3.0), brute_force(demand, 0.0, 3).total, 1e-13);
}

TEST(Distribution, NormalLossesMatchClosedFormsAndQuadrature) {
  EXPECT_NEAR(standard_normal_loss(0.0), 1.0 / std::sqrt(2.0 * M_PI), 1e-16);
  Distribution demand = Distribution::normal(8.0, 3.0);
  double x = 11.0;
  auto density = [&](double value) { return standard_normal_pdf((value - 8.0) / 3.0) / 3.0; };
  double loss = integrate([&](double d) { return (d - x) * density(d); }, x, 8.0 + 40.0, 20000);
  double second = integrate([&](double d) { return 0.5 * (d - x) * (d - x) * density(d); }, x, 48.0, 20000);
  EXPECT_NEAR(demand.loss(x), loss, 1e-12);
  EXPECT_NEAR(demand.second_order_loss(x), second, 1e-12);
  EXPECT_NEAR(demand.complementary_loss(x) - demand.loss(x), x - 8.0, 1e-13);
  EXPECT_NEAR(demand.quantile(0.975), 8.0 + 3.0 * 1.959963984540054, 1e-12);
}

TEST(Distribution, GammaLossesMatchQuadrature) {
  Distribution demand = Distribution::gamma(10.0, 4.0);  // shape 6.25, scale 1.6
  double shape = 6.25;
  double scale = 1.6;
  auto density = [&](double d) {
    return d <= 0.0 ? 0.0
                    : std::exp((shape - 1.0) * std::log(d) - d / scale - std::lgamma(shape) -
                               shape * std::log(scale));
  };
  for (double x : {4.0, 10.0, 17.0}) {
    double loss = integrate([&](double d) { return (d - x) * density(d); }, x, 120.0, 40000);
    double second = integrate([&](double d) { return 0.5 * (d - x) * (d - x) * density(d); }, x, 120.0, 40000);
    EXPECT_NEAR(demand.loss(x), loss, 1e-10) << x;
    EXPECT_NEAR(demand.second_order_loss(x), second, 1e-9) << x;
  }
  EXPECT_NEAR(demand.cdf(demand.quantile(0.9)), 0.9, 1e-12);
}

TEST(Distribution, DiscreteQuantileIsSmallestIntegerReachingTheProbability) {
  Distribution demand = Distribution::poisson(18.0 * 5.0);
  double ratio = 1.25 / 1.33;
  double level = demand.quantile(ratio);
  EXPECT_GE(demand.cdf(level), ratio);
  EXPECT_LT(demand.cdf(level - 1.0), ratio);
  EXPECT_EQ(level, 105.0);
}

TEST(Distribution, TableOverPeriodsIsAConvolutionPower) {
  Distribution coin = Distribution::table({0.5, 0.5});
  Distribution three = coin.over_periods(3.0);
  ASSERT_EQ(three.table_pmf().size(), 4U);
  EXPECT_DOUBLE_EQ(three.pmf(0), 0.125);
  EXPECT_DOUBLE_EQ(three.pmf(1), 0.375);
  EXPECT_DOUBLE_EQ(three.pmf(3), 0.125);
  EXPECT_DOUBLE_EQ(three.mean(), 1.5);
  EXPECT_DOUBLE_EQ(three.variance(), 0.75);
  EXPECT_THROW((void)coin.over_periods(1.5), std::invalid_argument);
}

TEST(Distribution, EmpiricalCountsObservations) {
  std::vector<std::int64_t> observations{0, 2, 2, 3, 0, 0, 1, 2};
  Distribution demand = Distribution::empirical(observations);
  EXPECT_DOUBLE_EQ(demand.pmf(0), 3.0 / 8.0);
  EXPECT_DOUBLE_EQ(demand.pmf(2), 3.0 / 8.0);
  EXPECT_DOUBLE_EQ(demand.mean(), 10.0 / 8.0);
  EXPECT_NEAR(demand.loss(1.0), (1.0 * 3 + 2.0) / 8.0, 1e-15);
  EXPECT_NEAR(demand.complementary_loss(5.0), 5.0 - 10.0 / 8.0, 1e-15);
}

TEST(Distribution, ScalingOverPeriods) {
  EXPECT_DOUBLE_EQ(Distribution::normal(5, 2).over_periods(4).sd(), 4.0);
  EXPECT_DOUBLE_EQ(Distribution::poisson(1.5).over_periods(2).mean(), 3.0);
  Distribution negbin = Distribution::negative_binomial(2, 5).over_periods(3);
  EXPECT_DOUBLE_EQ(negbin.mean(), 6.0);
  EXPECT_DOUBLE_EQ(negbin.variance(), 15.0);
  EXPECT_THROW((void)Distribution::normal(1, -1), std::invalid_argument);
}

}  // namespace
}  // namespace echelon::inventory
