// SPDX-License-Identifier: Apache-2.0
#include "forecast/global_model.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace echelon::forecast {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
constexpr std::size_t kFeatures = 18;
constexpr std::size_t kMinHistory = 28;  // origins with less history make no training rows

void check(int status) {
  if (status != 0) throw std::runtime_error(std::string("xgboost: ") + XGBGetLastError());
}

// Builds the feature rows of one series at one origin (history[0, origin) is known).
class FeatureBuilder {
 public:
  explicit FeatureBuilder(const GlobalModelInputs& inputs) : inputs_(inputs) {}

  // `series_end_day`: day index (on the inputs' axis) one past the series' last history value.
  void append(std::size_t series, std::span<const double> known, int origin_day, int horizon,
              std::vector<float>& rows) const {
    const std::size_t n = known.size();
    auto mean_last = [&](std::size_t days) {
      const std::size_t count = std::min(days, n);
      double sum = 0.0;
      for (std::size_t t = n - count; t < n; ++t) sum += known[t];
      return count > 0 ? sum / static_cast<double>(count) : 0.0;
    };
    const double mean7 = mean_last(7), mean28 = mean_last(28), mean91 = mean_last(91);
    std::size_t zeros = 0;
    for (std::size_t t = n - std::min<std::size_t>(28, n); t < n; ++t) zeros += known[t] <= 0.0 ? 1 : 0;
    std::size_t since_sale = 0;
    while (since_sale < n && since_sale < 365 && known[n - 1 - since_sale] <= 0.0) ++since_sale;
    double recent_price = 0.0;
    int price_days = 0;
    const std::vector<float>* prices =
        inputs_.prices.empty() ? nullptr : &inputs_.prices[series];
    if (prices != nullptr) {
      for (int day = origin_day - 28; day < origin_day; ++day) {
        if (day >= 0 && static_cast<std::size_t>(day) < prices->size() && std::isfinite((*prices)[day])) {
          recent_price += (*prices)[day];
          ++price_days;
        }
      }
    }
    if (price_days > 0) recent_price /= price_days;
    // Beyond the known prices (no planned price for the target day) the last price before the
    // origin holds, as a planner would assume.
    float last_price = kMissing;
    if (prices != nullptr) {
      for (int day = std::min<int>(origin_day, static_cast<int>(prices->size())) - 1; day >= 0; --day) {
        if (std::isfinite((*prices)[static_cast<std::size_t>(day)])) {
          last_price = (*prices)[static_cast<std::size_t>(day)];
          break;
        }
      }
    }
    for (int step = 1; step <= horizon; ++step) {
      const int day = origin_day + step - 1;
      const Date date = inputs_.first_day + day;
      const CivilDate civil = date.civil();
      const int weekday = date.weekday();
      double same_weekday = 0.0;
      int weeks = 0;
      // The last four values on the target's weekday: t = n - 7k + ((step - 1) % 7) - 7 + 7...
      for (int back = 7 - ((step - 1) % 7); back <= 28 && static_cast<std::size_t>(back) <= n; back += 7) {
        same_weekday += known[n - static_cast<std::size_t>(back)];
        ++weeks;
      }
      const std::size_t week_ago = static_cast<std::size_t>(7 - ((step - 1) % 7));
      std::array<float, kFeatures> f{};
      f[0] = static_cast<float>(step);
      f[1] = static_cast<float>(weekday);
      f[2] = static_cast<float>(civil.day);
      f[3] = static_cast<float>(civil.month);
      f[4] = event(day);
      f[5] = std::max(event(day - 1), event(day + 1));
      f[6] = n > 0 ? static_cast<float>(known[n - 1]) : kMissing;
      f[7] = static_cast<float>(mean7);
      f[8] = static_cast<float>(mean28);
      f[9] = static_cast<float>(mean91);
      f[10] = weeks > 0 ? static_cast<float>(same_weekday / weeks) : kMissing;
      f[11] = static_cast<float>(zeros) / static_cast<float>(std::max<std::size_t>(1, std::min<std::size_t>(28, n)));
      f[12] = static_cast<float>(since_sale);
      float price = prices != nullptr && static_cast<std::size_t>(day) < prices->size() && day >= 0
                        ? (*prices)[static_cast<std::size_t>(day)]
                        : kMissing;
      if (!std::isfinite(price)) price = last_price;
      f[13] = price;
      f[14] = std::isfinite(price) && recent_price > 0.0 ? static_cast<float>(price / recent_price) : kMissing;
      f[15] = mean28 > 0.0 ? static_cast<float>(mean7 / mean28) : kMissing;
      f[16] = static_cast<float>(std::min<std::size_t>(n, 1000));
      f[17] = week_ago <= n ? static_cast<float>(known[n - week_ago]) : kMissing;
      rows.insert(rows.end(), f.begin(), f.end());
    }
  }

 private:
  float event(int day) const {
    return day >= 0 && static_cast<std::size_t>(day) < inputs_.events.size() ? inputs_.events[day] : 0.0F;
  }
  const GlobalModelInputs& inputs_;
};

class GlobalForecaster {
 public:
  GlobalForecaster(const GlobalModelInputs& inputs, const GlobalModelOptions& options)
      : inputs_(inputs), options_(options), features_(inputs) {}

  void operator()(int holdout, int horizon, std::vector<std::vector<double>>& out) const {
    const int end_day = inputs_.last_history_day - inputs_.first_day + 1;  // one past the last value
    const int origin_day = end_day - holdout;
    std::vector<float> rows, labels;
    const std::size_t full_rows = inputs_.histories.size() * static_cast<std::size_t>(horizon) *
                                  static_cast<std::size_t>(std::max(options_.training_origins, 1));
    const std::size_t stride = std::max<std::size_t>(
        1, (full_rows + options_.max_training_rows - 1) / std::max<std::size_t>(options_.max_training_rows, 1));
    for (int k = 0; k < options_.training_origins; ++k) {
      const int train_origin = origin_day - horizon - k * options_.origin_spacing;
      for (std::size_t s = 0; s < inputs_.histories.size(); s += stride) {
        const std::vector<double>& history = inputs_.histories[s];
        const int start_day = end_day - static_cast<int>(history.size());
        if (train_origin - start_day < static_cast<int>(kMinHistory)) continue;
        const std::size_t known = static_cast<std::size_t>(train_origin - start_day);
        features_.append(s, std::span<const double>(history.data(), known), train_origin, horizon, rows);
        for (int step = 0; step < horizon; ++step) labels.push_back(static_cast<float>(history[known + step]));
      }
    }
    std::vector<float> predict_rows;
    for (std::size_t s = 0; s < inputs_.histories.size(); ++s) {
      const std::vector<double>& history = inputs_.histories[s];
      const std::size_t known = history.size() - std::min<std::size_t>(history.size(), static_cast<std::size_t>(holdout));
      features_.append(s, std::span<const double>(history.data(), known), origin_day, horizon, predict_rows);
    }
    if (labels.empty()) {
      for (auto& series : out) std::fill(series.begin(), series.end(), 0.0);
      return;
    }
    DMatrixHandle train = nullptr, test = nullptr;
    BoosterHandle booster = nullptr;
    check(XGDMatrixCreateFromMat(rows.data(), labels.size(), kFeatures, kMissing, &train));
    check(XGDMatrixSetFloatInfo(train, "label", labels.data(), labels.size()));
    check(XGBoosterCreate(&train, 1, &booster));
    const std::string power = std::to_string(options_.tweedie_power);
    const std::string depth = std::to_string(options_.max_depth);
    const std::string eta = std::to_string(options_.learning_rate);
    const std::string threads = std::to_string(options_.threads);
    const std::pair<const char*, const char*> params[] = {
        {"objective", "reg:tweedie"}, {"tweedie_variance_power", power.c_str()},
        {"max_depth", depth.c_str()},  {"eta", eta.c_str()},
        {"nthread", threads.c_str()},  {"tree_method", "hist"},
        {"min_child_weight", "5"},     {"subsample", "1.0"},
        {"seed", "1"},                 {"verbosity", "0"}};
    for (const auto& [key, value] : params) check(XGBoosterSetParam(booster, key, value));
    for (int round = 0; round < options_.rounds; ++round) check(XGBoosterUpdateOneIter(booster, round, train));
    const std::size_t predict_count = predict_rows.size() / kFeatures;
    check(XGDMatrixCreateFromMat(predict_rows.data(), predict_count, kFeatures, kMissing, &test));
    bst_ulong length = 0;
    const float* result = nullptr;
    check(XGBoosterPredict(booster, test, 0, 0, 0, &length, &result));
    for (std::size_t s = 0; s < out.size(); ++s) {
      for (int step = 0; step < horizon; ++step) {
        out[s][static_cast<std::size_t>(step)] = result[s * static_cast<std::size_t>(horizon) + static_cast<std::size_t>(step)];
      }
    }
    XGDMatrixFree(test);
    XGDMatrixFree(train);
    XGBoosterFree(booster);
  }

 private:
  const GlobalModelInputs& inputs_;
  GlobalModelOptions options_;
  FeatureBuilder features_;
};

}  // namespace

GlobalModel make_global_model(const GlobalModelInputs& inputs, const GlobalModelOptions& options) {
  return GlobalForecaster(inputs, options);
}

}  // namespace echelon::forecast
