// SPDX-License-Identifier: Apache-2.0
#include "forecast/model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "core/assert.h"
#include "forecast/theta.h"

namespace echelon::forecast {
namespace {

constexpr std::array<std::pair<ModelKind, std::string_view>, 10> kNames{{
    {ModelKind::kSeasonalNaive, "snaive"},
    {ModelKind::kMovingAverage, "ma"},
    {ModelKind::kEts, "ets"},
    {ModelKind::kCroston, "croston"},
    {ModelKind::kSba, "sba"},
    {ModelKind::kTsb, "tsb"},
    {ModelKind::kTheta, "theta"},
    {ModelKind::kGlobal, "gbt"},
    {ModelKind::kEnsemble, "ensemble"},
    {ModelKind::kProxy, "proxy"},
}};

std::vector<double> flat(double rate, int horizon) {
  return std::vector<double>(static_cast<std::size_t>(std::max(horizon, 0)), std::max(rate, 0.0));
}

std::vector<double> seasonal_naive(std::span<const double> history, int period, int horizon) {
  std::vector<double> out(static_cast<std::size_t>(std::max(horizon, 0)), 0.0);
  if (history.empty()) return out;
  const std::size_t m = std::min<std::size_t>(static_cast<std::size_t>(std::max(period, 1)), history.size());
  const std::size_t start = history.size() - m;
  for (std::size_t step = 0; step < out.size(); ++step) out[step] = history[start + step % m];
  return out;
}

double moving_average(std::span<const double> history, int window) {
  if (history.empty()) return 0.0;
  const std::size_t count = std::min<std::size_t>(history.size(), static_cast<std::size_t>(window));
  double sum = 0.0;
  for (std::size_t k = history.size() - count; k < history.size(); ++k) sum += history[k];
  return sum / static_cast<double>(count);
}

}  // namespace

std::string_view model_name(ModelKind kind) {
  for (const auto& [entry, name] : kNames) {
    if (entry == kind) return name;
  }
  return "unknown";
}

bool parse_model_kind(std::string_view name, ModelKind& kind) {
  for (const auto& [entry, text] : kNames) {
    if (text == name) {
      kind = entry;
      return true;
    }
  }
  return false;
}

std::vector<double> seasonal_profile(std::span<const double> history, int period, int seasons,
                                     double shrinkage) {
  const std::size_t m = static_cast<std::size_t>(std::max(period, 1));
  std::vector<double> profile(m, 1.0);
  if (m == 1) return profile;
  const std::size_t length = std::min(history.size() / m, static_cast<std::size_t>(seasons)) * m;
  if (length < m) return profile;
  std::vector<double> sum(m, 0.0);
  double total = 0.0;
  const std::size_t start = history.size() - length;
  // Position k of the profile is the period history.size() + k, i.e. (t - start) % m for t
  // because `length` is a whole number of seasons.
  for (std::size_t t = start; t < history.size(); ++t) {
    sum[(t - start) % m] += history[t];
    total += history[t];
  }
  if (total <= 0.0) return profile;
  const double weight = total / (total + shrinkage);
  for (std::size_t pos = 0; pos < m; ++pos) {
    const double ratio = sum[pos] * static_cast<double>(m) / total;
    profile[pos] = 1.0 + weight * (ratio - 1.0);
  }
  return profile;
}

std::vector<double> local_forecast(ModelKind kind, std::span<const double> history, int horizon,
                                   const ModelSettings& settings, std::string* detail) {
  std::vector<double> out;
  bool flat_rate = true;
  switch (kind) {
    case ModelKind::kSeasonalNaive:
      out = seasonal_naive(history, settings.period, horizon);
      flat_rate = false;
      break;
    case ModelKind::kMovingAverage:
      out = flat(moving_average(history, settings.ma_window), horizon);
      break;
    case ModelKind::kCroston:
      out = flat(croston_rate(history, settings.croston), horizon);
      break;
    case ModelKind::kSba:
      out = flat(sba_rate(history, settings.croston), horizon);
      break;
    case ModelKind::kTsb:
      out = flat(tsb_rate(history, settings.croston), horizon);
      break;
    case ModelKind::kEts: {
      EtsOptions options = settings.ets;
      options.period = settings.period;
      const std::size_t keep =
          std::min(history.size(), static_cast<std::size_t>(std::max(settings.ets_max_history, 1)));
      const EtsFit fit = select_ets(history.subspan(history.size() - keep), options);
      out = fit.forecast(horizon);
      if (detail != nullptr) *detail = fit.spec.name();
      flat_rate = false;
      break;
    }
    case ModelKind::kTheta:
      out = fit_theta(history, settings.period).forecast(horizon);
      flat_rate = false;
      break;
    case ModelKind::kGlobal:
    case ModelKind::kEnsemble:
    case ModelKind::kProxy:
      ECHELON_ASSERT(false, "not a local model");
      break;
  }
  if (flat_rate && settings.seasonal_profile && settings.period > 1) {
    const std::vector<double> profile = seasonal_profile(
        history, settings.period, settings.profile_seasons, settings.profile_shrinkage);
    for (std::size_t step = 0; step < out.size(); ++step) out[step] *= profile[step % profile.size()];
  }
  if (detail != nullptr && kind != ModelKind::kEts) *detail = std::string(model_name(kind));
  for (double& value : out) value = std::isfinite(value) ? std::max(value, 0.0) : 0.0;
  return out;
}

}  // namespace echelon::forecast
