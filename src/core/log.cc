// SPDX-License-Identifier: Apache-2.0
#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <utility>

namespace echelon {
namespace {

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return spdlog::level::trace;
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarn: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
    case LogLevel::kOff: return spdlog::level::off;
  }
  return spdlog::level::info;
}

}  // namespace

bool parse_log_level(std::string_view text, LogLevel& level) {
  static constexpr std::pair<std::string_view, LogLevel> kNames[] = {
      {"trace", LogLevel::kTrace}, {"debug", LogLevel::kDebug}, {"info", LogLevel::kInfo},
      {"warn", LogLevel::kWarn},   {"error", LogLevel::kError}, {"off", LogLevel::kOff}};
  for (const auto& [name, value] : kNames) {
    if (name == text) {
      level = value;
      return true;
    }
  }
  return false;
}

Logger::Logger(LogLevel level)
    : sink_(std::make_shared<spdlog::logger>(
          "echelon", std::make_shared<spdlog::sinks::stderr_sink_mt>())) {
  sink_->set_pattern("%^%l%$: %v");
  set_level(level);
}

Logger::Logger(std::shared_ptr<spdlog::logger> sink) : sink_(std::move(sink)) {}

void Logger::set_level(LogLevel level) { sink_->set_level(to_spdlog(level)); }

bool Logger::enabled(LogLevel level) const { return sink_->should_log(to_spdlog(level)); }

}  // namespace echelon
