// SPDX-License-Identifier: Apache-2.0
// Deterministic random streams. Every draw in echelon comes from a stream keyed by
// (master seed, entity key, purpose), so results depend neither on thread count nor on the order
// in which SKUs are processed, nor on how SKUs are split across MPI ranks.
//
// The engine is counter-based: draw n of a stream is a hash of (stream key, n), computed with the
// SplitMix64 finaliser. Streams are cheap to create (two hashes) and need no shared state.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace echelon {

// Why a stream is drawn; part of the stream key so two purposes never share draws.
enum class Purpose : std::uint64_t {
  kGenerate = 1,         // synthetic dataset generation
  kDemandScenario = 2,   // optimizer demand scenarios
  kLeadTimeScenario = 3, // optimizer vendor lead-time scenarios
  kForecastPaths = 4,    // forecast sample paths
  kSimulation = 5,       // simulator demand and lead times
  kEvaluation = 6,       // fresh scenarios for out-of-sample plan cost
  kSampling = 7,         // stratified SKU samples and other bookkeeping
  kTest = 99,            // tests
};

// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

// FNV-1a hash of a string id, so a stream can be keyed by a SKU's id rather than its position.
[[nodiscard]] constexpr std::uint64_t hash_id(std::string_view id) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (char byte : id) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// A counter-based generator satisfying UniformRandomBitGenerator.
class Rng {
 public:
  using result_type = std::uint64_t;

  // The stream for (seed, key, purpose); `key` is usually hash_id(sku id) or an index.
  static Rng stream(std::uint64_t seed, std::uint64_t key, Purpose purpose) {
    return Rng(mix64(mix64(seed ^ mix64(key)) ^ mix64(static_cast<std::uint64_t>(purpose) << 32)));
  }
  // An independent child stream (for example one per replication or per day).
  [[nodiscard]] Rng substream(std::uint64_t index) const {
    return Rng(mix64(key_ ^ mix64(index + 0x632BE59BD9B4E019ULL)));
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return mix64(key_ ^ mix64(counter_++)); }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1): never 0, safe for log().
  double uniform_open() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform integer in [0, bound), bound > 0 (Lemire's multiply-shift, negligible bias).
  std::uint64_t below(std::uint64_t bound) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<Wide>((*this)()) * bound) >> 64);
  }

  [[nodiscard]] std::uint64_t key() const { return key_; }
  [[nodiscard]] std::uint64_t counter() const { return counter_; }

 private:
  explicit Rng(std::uint64_t key) : key_(key) {}
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

// Samplers with fixed algorithms, so draws are identical on every platform and library version.
double sample_normal(Rng& rng);                                   // standard normal
double sample_exponential(Rng& rng);                              // mean 1
double sample_gamma(Rng& rng, double shape, double scale);        // shape, scale > 0
double sample_lognormal(Rng& rng, double mean, double sd);        // by its own mean and sd
std::int64_t sample_poisson(Rng& rng, double mean);               // mean >= 0
// Negative binomial by mean and variance (variance > mean; falls back to Poisson otherwise).
std::int64_t sample_negative_binomial(Rng& rng, double mean, double variance);

// Many draws from one negative binomial (or Poisson) by mean and variance: inversion of the CDF
// from a probability of zero computed once, so a draw with a small mean costs one uniform and a
// comparison or two; above a mean of kInversionMean it samples as sample_negative_binomial.
class CountSampler {
 public:
  static constexpr double kInversionMean = 16.0;
  CountSampler() = default;
  CountSampler(double mean, double variance);
  std::int64_t operator()(Rng& rng) const;
  // For a run of independent draws that are mostly zero: the number of zeros before the next
  // positive draw (geometric), then that draw (the distribution given k >= 1). Together they
  // give the run's draws in distribution with one or two uniforms per positive draw. Without
  // demand the count of zeros is 10^15 (never).
  [[nodiscard]] bool mostly_zero() const { return inversion_ && zero_ >= 0.5; }
  [[nodiscard]] double zero_probability() const { return zero_; }
  std::int64_t zeros_before_positive(Rng& rng) const { return zeros_for(rng.uniform_open()); }
  // The same count from its uniform `u` in (0, 1): at least n exactly when u <= P(0)^n, which
  // lets a caller skip a class that stays at zero over n draws without taking a logarithm.
  [[nodiscard]] std::int64_t zeros_for(double u) const;
  std::int64_t positive(Rng& rng) const;

 private:
  double mean_ = 0.0;
  double variance_ = 0.0;
  double zero_ = 1.0;    // P(0)
  double shape_ = 0.0;   // r of the negative binomial; 0 for Poisson
  double odds_ = 0.0;    // mean / (r + mean), or the Poisson mean
  bool inversion_ = false;

  // Inversion of the CDF at `u`, from k = `first` whose probability and cumulative are given.
  std::int64_t invert(double u, std::int64_t first, double probability, double cumulative) const;
};

}  // namespace echelon
