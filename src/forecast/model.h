// SPDX-License-Identifier: Apache-2.0
// The local (per series) point-forecast models behind one entry point. Each model maps a history
// (oldest first, one value per period) to mean forecasts for steps 1..horizon: seasonal naive,
// moving average, ETS selected by AICc, Croston, SBA and TSB. The flat-rate models (moving
// average, Croston, SBA, TSB) can be shaped by a seasonal profile (day-of-week on daily data)
// estimated from the last seasons and shrunk towards flat by the volume behind it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "forecast/croston.h"
#include "forecast/ets.h"

namespace echelon::forecast {

enum class ModelKind {
  kSeasonalNaive,
  kMovingAverage,
  kEts,
  kCroston,
  kSba,
  kTsb,
  kTheta,     // Theta method (forecast/theta.h)
  kGlobal,    // the cross-series gradient-boosted model (forecast/global_model.h)
  kEnsemble,  // equal-weight mean of other models
  kProxy,     // new or short series: scaled from similar SKUs
};

// Stable lower-case name ("snaive", "ma", "ets", "croston", "sba", "tsb", "theta", "gbt", "ensemble",
// "proxy"); parse_model_kind is its inverse (false for an unknown name).
std::string_view model_name(ModelKind kind);
bool parse_model_kind(std::string_view name, ModelKind& kind);

struct ModelSettings {
  int period = 7;              // seasonal period of the data (7 daily, 12 monthly, 1 none)
  int ma_window = 28;          // moving-average window, periods
  bool seasonal_profile = true;  // shape flat-rate models by a seasonal profile (period > 1)
  int profile_seasons = 8;     // seasons of history behind the profile
  double profile_shrinkage = 30.0;  // units of demand at which the profile gets half weight
  CrostonOptions croston;      // alpha / beta of Croston, SBA, TSB
  EtsOptions ets;              // ETS candidates; ets.period is overridden by `period`
  int ets_max_history = 400;   // ETS fits on at most this many recent periods (speed)
};

// Mean forecasts for steps 1..horizon; never negative. kGlobal, kEnsemble and kProxy are not
// local models and must not be passed here. `detail`, when given, receives a description of
// the fitted model (for example "ETS(A,N,A)").
std::vector<double> local_forecast(ModelKind kind, std::span<const double> history, int horizon,
                                   const ModelSettings& settings, std::string* detail = nullptr);

// Multiplicative seasonal indices (mean 1) from the last `seasons` seasons, shrunk towards 1 by
// volume / (volume + shrinkage); index k applies to the period history.size() + k.
std::vector<double> seasonal_profile(std::span<const double> history, int period, int seasons,
                                     double shrinkage);

}  // namespace echelon::forecast
