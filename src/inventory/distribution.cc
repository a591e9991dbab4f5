// SPDX-License-Identifier: Apache-2.0
#include "inventory/distribution.h"

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "inventory/loss_function.h"

namespace echelon::inventory {
namespace {

double log_poisson_pmf(double mean, double k) {
  return k * std::log(mean) - mean - std::lgamma(k + 1.0);
}

// Negative binomial as the number of failures before r successes with success probability q.
struct NegBinParams {
  double r;
  double q;
};

NegBinParams negbin_params(double mean, double variance) {
  return {mean * mean / (variance - mean), mean / variance};
}

std::vector<double> convolve(const std::vector<double>& first, const std::vector<double>& second) {
  std::vector<double> result(first.size() + second.size() - 1, 0.0);
  for (std::size_t index = 0; index < first.size(); ++index) {
    if (first[index] == 0.0) continue;
    for (std::size_t other = 0; other < second.size(); ++other) {
      result[index + other] += first[index] * second[other];
    }
  }
  return result;
}

// Drops trailing probabilities below what a double sum of ones can register.
void trim_tail(std::vector<double>& pmf) {
  while (pmf.size() > 1 && pmf.back() < 1e-300) pmf.pop_back();
}

}  // namespace

std::string_view to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kNormal: return "normal";
    case DistributionKind::kGamma: return "gamma";
    case DistributionKind::kPoisson: return "poisson";
    case DistributionKind::kNegativeBinomial: return "negative_binomial";
    case DistributionKind::kTable: return "table";
  }
  return "unknown";
}

Distribution Distribution::normal(double mean, double sd) {
  if (!std::isfinite(mean) || !(sd >= 0.0) || !std::isfinite(sd)) {
    throw std::invalid_argument("normal distribution needs a finite mean and sd >= 0");
  }
  return {DistributionKind::kNormal, mean, sd};
}

Distribution Distribution::gamma(double mean, double sd) {
  if (!(mean > 0.0) || !(sd > 0.0) || !std::isfinite(mean) || !std::isfinite(sd)) {
    throw std::invalid_argument("gamma distribution needs mean > 0 and sd > 0");
  }
  return {DistributionKind::kGamma, mean, sd};
}

Distribution Distribution::poisson(double mean) {
  if (!(mean >= 0.0) || !std::isfinite(mean)) {
    throw std::invalid_argument("Poisson distribution needs a finite mean >= 0");
  }
  return {DistributionKind::kPoisson, mean, std::sqrt(mean)};
}

Distribution Distribution::negative_binomial(double mean, double variance) {
  if (!(mean > 0.0) || !(variance > mean) || !std::isfinite(variance)) {
    throw std::invalid_argument("negative binomial needs variance > mean > 0");
  }
  return {DistributionKind::kNegativeBinomial, mean, variance};
}

Distribution Distribution::table(std::vector<double> pmf) {
  double total = 0.0;
  for (double weight : pmf) {
    if (!(weight >= 0.0) || !std::isfinite(weight)) {
      throw std::invalid_argument("probability table needs finite weights >= 0");
    }
    total += weight;
  }
  if (!(total > 0.0)) throw std::invalid_argument("probability table needs a positive total");
  for (double& weight : pmf) weight /= total;
  trim_tail(pmf);
  Distribution result(DistributionKind::kTable, 0.0, 0.0);
  double mean = 0.0;
  double second_moment = 0.0;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    mean += static_cast<double>(k) * pmf[k];
    second_moment += static_cast<double>(k) * static_cast<double>(k) * pmf[k];
  }
  result.table_ = std::move(pmf);
  result.table_mean_ = mean;
  result.table_variance_ = std::max(0.0, second_moment - mean * mean);
  result.first_ = mean;
  return result;
}

Distribution Distribution::empirical(std::span<const std::int64_t> observations) {
  if (observations.empty()) throw std::invalid_argument("empirical distribution needs data");
  std::int64_t largest = *std::max_element(observations.begin(), observations.end());
  if (*std::min_element(observations.begin(), observations.end()) < 0) {
    throw std::invalid_argument("empirical demand observations must be >= 0");
  }
  std::vector<double> counts(static_cast<std::size_t>(largest) + 1, 0.0);
  for (std::int64_t value : observations) counts[static_cast<std::size_t>(value)] += 1.0;
  return table(std::move(counts));
}

bool Distribution::is_discrete() const {
  return kind_ == DistributionKind::kPoisson || kind_ == DistributionKind::kNegativeBinomial ||
         kind_ == DistributionKind::kTable;
}

double Distribution::mean() const { return kind_ == DistributionKind::kTable ? table_mean_ : first_; }

double Distribution::variance() const {
  switch (kind_) {
    case DistributionKind::kNormal:
    case DistributionKind::kGamma: return second_ * second_;
    case DistributionKind::kPoisson: return first_;
    case DistributionKind::kNegativeBinomial: return second_;
    case DistributionKind::kTable: return table_variance_;
  }
  return 0.0;
}

double Distribution::sd() const { return std::sqrt(variance()); }

double Distribution::pmf(std::int64_t k) const {
  if (k < 0) return 0.0;
  auto point = static_cast<double>(k);
  switch (kind_) {
    case DistributionKind::kNormal:
    case DistributionKind::kGamma: return 0.0;
    case DistributionKind::kPoisson:
      if (first_ == 0.0) return k == 0 ? 1.0 : 0.0;
      return std::exp(log_poisson_pmf(first_, point));
    case DistributionKind::kNegativeBinomial: {
      NegBinParams nb = negbin_params(first_, second_);
      return std::exp(std::lgamma(point + nb.r) - std::lgamma(nb.r) - std::lgamma(point + 1.0) +
                      nb.r * std::log(nb.q) + point * std::log1p(-nb.q));
    }
    case DistributionKind::kTable:
      return static_cast<std::size_t>(k) < table_.size() ? table_[static_cast<std::size_t>(k)] : 0.0;
  }
  return 0.0;
}

double Distribution::cdf(double x) const {
  switch (kind_) {
    case DistributionKind::kNormal:
      if (second_ == 0.0) return x >= first_ ? 1.0 : 0.0;
      return standard_normal_cdf((x - first_) / second_);
    case DistributionKind::kGamma: {
      if (x <= 0.0) return 0.0;
      double shape = first_ * first_ / (second_ * second_);
      double scale = second_ * second_ / first_;
      return boost::math::gamma_p(shape, x / scale);
    }
    default: break;
  }
  if (x < 0.0) return 0.0;
  double floor_x = std::floor(x);
  switch (kind_) {
    case DistributionKind::kPoisson:
      if (first_ == 0.0) return 1.0;
      return boost::math::gamma_q(floor_x + 1.0, first_);
    case DistributionKind::kNegativeBinomial: {
      NegBinParams nb = negbin_params(first_, second_);
      return boost::math::ibeta(nb.r, floor_x + 1.0, nb.q);
    }
    case DistributionKind::kTable: {
      double total = 0.0;
      auto last = std::min<std::size_t>(table_.size() - 1, static_cast<std::size_t>(floor_x));
      for (std::size_t k = 0; k <= last; ++k) total += table_[k];
      return std::min(1.0, total);
    }
    default: return 0.0;
  }
}

double Distribution::quantile(double probability) const {
  if (!(probability > 0.0 && probability < 1.0)) {
    throw std::invalid_argument("quantile needs a probability in (0, 1)");
  }
  switch (kind_) {
    case DistributionKind::kNormal:
      return first_ + second_ * standard_normal_quantile(probability);
    case DistributionKind::kGamma: {
      double shape = first_ * first_ / (second_ * second_);
      double scale = second_ * second_ / first_;
      return boost::math::gamma_p_inv(shape, probability) * scale;
    }
    default: break;
  }
  // Start from the normal approximation and walk to the smallest k with F(k) >= probability.
  double guess = mean() + sd() * standard_normal_quantile(probability);
  double k = std::max(0.0, std::floor(guess));
  while (cdf(k) < probability) k += 1.0;
  while (k > 0.0 && cdf(k - 1.0) >= probability) k -= 1.0;
  return k;
}

double Distribution::complementary_loss(double x) const {
  switch (kind_) {
    case DistributionKind::kNormal:
      if (second_ == 0.0) return std::max(0.0, x - first_);
      return second_ * standard_normal_complementary_loss((x - first_) / second_);
    case DistributionKind::kGamma: return loss(x) - first_ + x;
    default: break;
  }
  if (x < 0.0) return 0.0;
  if (kind_ == DistributionKind::kPoisson) return loss(x) - first_ + x;
  auto last = static_cast<std::int64_t>(std::floor(x));
  if (kind_ == DistributionKind::kTable) {
    last = std::min<std::int64_t>(last, static_cast<std::int64_t>(table_.size()) - 1);
  }
  double total = 0.0;
  for (std::int64_t k = 0; k <= last; ++k) total += (x - static_cast<double>(k)) * pmf(k);
  return total;
}

double Distribution::loss(double x) const {
  switch (kind_) {
    case DistributionKind::kNormal:
      if (second_ == 0.0) return std::max(0.0, first_ - x);
      return second_ * standard_normal_loss((x - first_) / second_);
    case DistributionKind::kGamma: {
      if (x <= 0.0) return first_ - x;
      double shape = first_ * first_ / (second_ * second_);
      double scale = second_ * second_ / first_;
      double y = x / scale;
      return shape * scale * boost::math::gamma_q(shape + 1.0, y) -
             x * boost::math::gamma_q(shape, y);
    }
    case DistributionKind::kPoisson: {
      // E[D 1{D >= m}] = mean P(D >= m - 1) for Poisson, so with m = floor(x):
      // E[(D-x)^+] = mean P(D >= m) - x P(D > m), both tails through the incomplete gamma.
      if (x < 0.0 || first_ == 0.0) return std::max(0.0, first_ - x);
      double floor_x = std::floor(x);
      double at_least = floor_x == 0.0 ? 1.0 : boost::math::gamma_p(floor_x, first_);
      return std::max(0.0, first_ * at_least - x * boost::math::gamma_p(floor_x + 1.0, first_));
    }
    default: return mean() - x + complementary_loss(x);
  }
}

double Distribution::second_order_loss(double x) const {
  switch (kind_) {
    case DistributionKind::kNormal:
      if (second_ == 0.0) return 0.5 * std::pow(std::max(0.0, first_ - x), 2);
      return second_ * second_ * standard_normal_second_order_loss((x - first_) / second_);
    case DistributionKind::kGamma: {
      double shape = first_ * first_ / (second_ * second_);
      double scale = second_ * second_ / first_;
      double y = std::max(0.0, x / scale);
      return 0.5 * (shape * (shape + 1.0) * scale * scale * boost::math::gamma_q(shape + 2.0, y) -
                    2.0 * x * shape * scale * boost::math::gamma_q(shape + 1.0, y) +
                    x * x * boost::math::gamma_q(shape, y));
    }
    default: break;
  }
  double below = 0.0;
  if (x >= 0.0) {
    auto last = static_cast<std::int64_t>(std::floor(x));
    for (std::int64_t k = 0; k <= last; ++k) {
      double gap = x - static_cast<double>(k);
      below += gap * gap * pmf(k);
    }
  }
  double centred = mean() - x;
  return 0.5 * std::max(0.0, variance() + centred * centred - below);
}

Distribution Distribution::over_periods(double periods) const {
  if (!(periods >= 0.0) || !std::isfinite(periods)) {
    throw std::invalid_argument("demand horizon must be a finite number of periods >= 0");
  }
  switch (kind_) {
    case DistributionKind::kNormal: return normal(first_ * periods, second_ * std::sqrt(periods));
    case DistributionKind::kGamma:
      if (periods == 0.0) return normal(0.0, 0.0);
      return gamma(first_ * periods, second_ * std::sqrt(periods));
    case DistributionKind::kPoisson: return poisson(first_ * periods);
    case DistributionKind::kNegativeBinomial:
      if (periods == 0.0) return poisson(0.0);
      return negative_binomial(first_ * periods, second_ * periods);
    case DistributionKind::kTable: {
      if (periods != std::floor(periods)) {
        throw std::invalid_argument("a probability table can only be summed over whole periods");
      }
      auto count = static_cast<std::int64_t>(periods);
      std::vector<double> result{1.0};
      std::vector<double> power = table_;
      while (count > 0) {
        if (count & 1) {
          result = convolve(result, power);
          trim_tail(result);
        }
        count >>= 1;
        if (count > 0) {
          power = convolve(power, power);
          trim_tail(power);
        }
      }
      return table(std::move(result));
    }
  }
  return *this;
}

std::vector<double> Distribution::pmf_table(double tail) const {
  if (!is_discrete()) throw std::invalid_argument("pmf_table needs a discrete distribution");
  if (kind_ == DistributionKind::kTable) return table_;
  // Survival P(D > k) through the regularised incomplete gamma / beta functions, accurate in the
  // far tail where 1 - cdf would have cancelled.
  auto survival = [&](double k) {
    if (kind_ == DistributionKind::kPoisson) {
      return first_ == 0.0 ? 0.0 : boost::math::gamma_p(k + 1.0, first_);
    }
    NegBinParams nb = negbin_params(first_, second_);
    return boost::math::ibetac(nb.r, k + 1.0, nb.q);
  };
  double last = std::max(0.0, std::floor(mean() + 8.0 * sd()));
  while (survival(last) > tail) last = std::ceil(last * 1.25 + 1.0);
  std::vector<double> pmf(static_cast<std::size_t>(last) + 1);
  for (std::size_t k = 0; k < pmf.size(); ++k) pmf[k] = this->pmf(static_cast<std::int64_t>(k));
  // Trim back to the first k whose survival is below the tail.
  while (pmf.size() > 1 && survival(static_cast<double>(pmf.size()) - 2.0) <= tail) pmf.pop_back();
  return pmf;
}

}  // namespace echelon::inventory
