// SPDX-License-Identifier: Apache-2.0
// Exponential smoothing state space models ETS(error, trend, season) after Hyndman, Koehler, Ord
// & Snyder (2008): additive or multiplicative error, no / additive / damped trend, no / additive /
// multiplicative seasonality of a given period. Smoothing parameters and initial level and trend
// are estimated by maximum likelihood (Nelder-Mead); the initial seasonal states come from a
// classical decomposition of the first seasons. `select_ets` fits every admissible model and
// keeps the one with the smallest AICc.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace echelon::forecast {

enum class EtsError { kAdditive, kMultiplicative };
enum class EtsTrend { kNone, kAdditive, kDamped };
enum class EtsSeason { kNone, kAdditive, kMultiplicative };

struct EtsSpec {
  EtsError error = EtsError::kAdditive;
  EtsTrend trend = EtsTrend::kNone;
  EtsSeason season = EtsSeason::kNone;

  // "ETS(A,Ad,N)" style name.
  [[nodiscard]] std::string name() const;
};

// A fitted model: parameters, final states and information criteria.
struct EtsFit {
  EtsSpec spec;
  int period = 1;              // seasonal period used (1 when spec.season is kNone)
  double alpha = 0.0;          // level smoothing
  double beta = 0.0;           // trend smoothing (Hyndman's beta, beta <= alpha)
  double gamma = 0.0;          // seasonal smoothing
  double phi = 1.0;            // damping
  double level = 0.0;          // final level l_n
  double trend = 0.0;          // final trend b_n
  std::vector<double> season;  // final seasonal states; season[k] applies to time n + 1 + k
  double sigma2 = 0.0;         // innovation variance (relative errors for multiplicative error)
  double log_likelihood = 0.0;
  double aicc = 0.0;
  int parameters = 0;          // estimated parameters counted in the AICc
  int observations = 0;
  bool ok = false;             // false when no finite likelihood was found

  // Point forecasts for steps 1..horizon.
  [[nodiscard]] std::vector<double> forecast(int horizon) const;
};

struct EtsOptions {
  int period = 1;                    // seasonal period (7 daily-weekly, 12 monthly); 1 = none
  bool allow_multiplicative = true;  // multiplicative error/season (only for positive data)
  bool allow_damped = true;
  bool allow_trend = true;
  int max_evaluations = 200;         // Nelder-Mead budget per model
};

// Fits one model. Needs at least 3 observations (and 2 full seasons for a seasonal model).
EtsFit fit_ets(std::span<const double> series, const EtsSpec& spec, int period,
               int max_evaluations = 200);

// Fits every admissible model (R's `ets` restrictions: no additive error with multiplicative
// season) and returns the one with the smallest AICc. Series shorter than 3 get a level-only fit.
EtsFit select_ets(std::span<const double> series, const EtsOptions& options);

}  // namespace echelon::forecast
