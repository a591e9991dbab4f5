// SPDX-License-Identifier: Apache-2.0
// SKU profiles, the demand rate model and the event calendar of synthetic datasets.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "io/generate/model.h"

namespace echelon::io::generate {
namespace {

// Velocity: lognormal with median 0.06 units/day and sigma 1.75, so about three quarters of
// SKUs sell under 0.2 units a day and about half a percent over 5 (a long-tail catalogue).
constexpr double kMedianRate = 0.06;
constexpr double kRateSigma = 1.75;
constexpr double kMaxRate = 400.0;
constexpr int kPromoDays = 7;

double lognormal_factor(Rng& rng, double sigma) { return std::exp(sigma * sample_normal(rng)); }

std::vector<double> cumulative(std::vector<double>& weights) {
  double total = 0.0;
  for (double weight : weights) total += weight;
  std::vector<double> cdf;
  double running = 0.0;
  for (double& weight : weights) {
    weight /= total;
    running += weight;
    cdf.push_back(running);
  }
  cdf.back() = 1.0;
  return cdf;
}

}  // namespace

const std::vector<Category>& categories() {
  static const std::vector<Category> kCategories = {
      {"electronics", 80, 0.004, 0.25, 345, 1.3},   {"toys", 25, 0.008, 0.55, 350, 1.4},
      {"home", 35, 0.015, 0.10, 120, 1.0},          {"kitchen", 30, 0.010, 0.15, 335, 1.1},
      {"garden", 40, 0.030, 0.50, 140, 0.8},        {"apparel", 30, 0.002, 0.20, 300, 1.1},
      {"beauty", 18, 0.0008, 0.05, 340, 1.0},       {"grocery", 8, 0.002, 0.03, 330, 0.5},
      {"books", 15, 0.0015, 0.15, 350, 1.0},        {"sports", 45, 0.020, 0.30, 180, 1.0},
      {"office", 20, 0.004, 0.25, 230, 0.7},        {"pet", 25, 0.010, 0.04, 200, 0.6},
      {"automotive", 35, 0.008, 0.10, 150, 0.7},    {"baby", 28, 0.010, 0.04, 200, 0.9},
      {"tools", 55, 0.012, 0.15, 160, 1.0},         {"health", 16, 0.001, 0.20, 15, 0.8},
  };
  return kCategories;
}

SkuProfile make_sku_profile(const World& world, std::size_t sku) {
  Rng rng = Rng::stream(world.seed, sku, Purpose::kGenerate);
  const auto& category_list = categories();
  SkuProfile profile;
  char id[32];
  std::snprintf(id, sizeof id, "SKU%07zu", sku + 1);
  profile.id = id;
  profile.category = rng.below(category_list.size());
  const Category& category = category_list[profile.category];

  profile.base_rate = std::min(kMaxRate, kMedianRate * lognormal_factor(rng, kRateSigma));
  profile.dispersion = 1.5 + 4.5 * rng.uniform();
  double weekly_total = 0.0;
  static constexpr std::array<double, 7> kWeekly = {1.05, 1.0, 0.97, 0.95, 0.98, 1.02, 1.03};
  for (int day = 0; day < 7; ++day) {
    profile.weekly[day] = kWeekly[day] * lognormal_factor(rng, 0.12);
    weekly_total += profile.weekly[day];
  }
  for (double& factor : profile.weekly) factor *= 7.0 / weekly_total;
  profile.growth_per_year = 0.2 * sample_normal(rng);
  if (rng.uniform() < 0.06) {
    profile.launch_day = static_cast<int>(world.options.days * (0.3 + 0.65 * rng.uniform()));
  }

  profile.price = category.median_price * lognormal_factor(rng, 0.6);
  profile.price = std::round(profile.price * 100.0) / 100.0 + 0.0;
  profile.unit_cost = std::round(profile.price * (0.45 + 0.25 * rng.uniform()) * 100.0) / 100.0;
  profile.volume_m3 = category.median_volume_m3 * lognormal_factor(rng, 0.7);
  profile.weight_kg = profile.volume_m3 * (120.0 + 300.0 * rng.uniform());

  profile.promoted = rng.uniform() < 0.3;
  profile.promo_elasticity = 1.5 + 1.5 * rng.uniform();
  if (profile.promoted) {
    int day = static_cast<int>(rng.below(56));
    int last_day = world.options.days + world.config.forecast.horizon_days;
    while (day < last_day) {
      profile.promos.push_back({day, 0.1 + 0.2 * rng.uniform()});
      day += kPromoDays + 35 + static_cast<int>(rng.below(35));
    }
  }

  // Regions: population with SKU-specific taste; one SKU in ten is regional.
  std::size_t region_count = world.regions.size();
  profile.region_weight.resize(region_count);
  bool regional = rng.uniform() < 0.1;
  std::size_t home = rng.below(region_count);
  for (std::size_t region = 0; region < region_count; ++region) {
    double weight = world.regions[region].population * lognormal_factor(rng, 0.35);
    if (regional && region != home) weight *= 0.05;
    profile.region_weight[region] = weight;
  }
  profile.region_cdf = cumulative(profile.region_weight);
  profile.speed_weight = world.config.speed_mix;
  for (double& weight : profile.speed_weight) weight *= lognormal_factor(rng, 0.25);
  profile.speed_cdf = cumulative(profile.speed_weight);
  return profile;
}

double expected_rate(const World& world, const SkuProfile& profile, int day) {
  if (day < profile.launch_day) return 0.0;
  const Category& category = categories()[profile.category];
  Date date = world.options.start + day;
  double seasonal =
      1.0 + category.seasonal_amplitude *
                std::cos(2.0 * std::numbers::pi * (date.day_of_year() - category.peak_day) / 365.25);
  double trend = std::exp(profile.growth_per_year * day / 365.25);
  // A launch ramps up over its first four weeks.
  double ramp = profile.launch_day > 0 ? std::min(1.0, (day - profile.launch_day + 1) / 28.0) : 1.0;
  double event = std::pow(world.day_event_factor[day], category.event_sensitivity);
  double promo = 1.0;
  for (const auto& [first, discount] : profile.promos) {
    if (day >= first && day < first + kPromoDays) {
      promo = std::pow(1.0 - discount, -profile.promo_elasticity);
      break;
    }
    if (first > day) break;
  }
  return profile.base_rate * profile.weekly[date.weekday()] * seasonal * trend * ramp * event *
         promo;
}

std::vector<EventDay> event_days(Date first, Date last) {
  std::vector<EventDay> events;
  for (int year = first.civil().year; year <= last.civil().year; ++year) {
    auto nth_weekday = [year](int month, int weekday, int nth) {
      Date day = Date::from_civil({year, month, 1});
      while (day.weekday() != weekday) day = day + 1;
      return day + 7 * (nth - 1);
    };
    Date memorial = Date::from_civil({year, 5, 31});
    while (memorial.weekday() != 0) memorial = memorial - 1;
    Date thanksgiving = nth_weekday(11, 3, 4);
    Date summer_sale = nth_weekday(7, 1, 2);
    std::vector<EventDay> year_events = {
        {Date::from_civil({year, 1, 1}), "new_year", 0.6},
        {Date::from_civil({year, 2, 14}), "valentines_day", 1.15},
        {memorial, "memorial_day", 1.2},
        {Date::from_civil({year, 7, 4}), "independence_day", 0.85},
        {summer_sale, "summer_sale", 1.9},
        {summer_sale + 1, "summer_sale", 1.7},
        {nth_weekday(9, 0, 1), "labor_day", 1.15},
        {thanksgiving, "thanksgiving", 0.75},
        {thanksgiving + 1, "black_friday", 2.6},
        {thanksgiving + 4, "cyber_monday", 2.2},
        {Date::from_civil({year, 12, 24}), "christmas_eve", 0.7},
        {Date::from_civil({year, 12, 25}), "christmas", 0.35},
    };
    for (const EventDay& event : year_events) {
      if (event.date >= first && event.date <= last) events.push_back(event);
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.date < b.date; });
  return events;
}

}  // namespace echelon::io::generate
