// SPDX-License-Identifier: Apache-2.0
// Logging for the library: everything goes to stderr (or a caller's sink), never stdout, so that
// `echelon policy` and server responses stay clean. The level is checked before formatting.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string_view>

namespace echelon {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// Parses "trace", "debug", "info", "warn", "error", "off"; nullopt-like kOff + false on failure.
bool parse_log_level(std::string_view text, LogLevel& level);

class Logger {
 public:
  // A logger writing to stderr at `level`.
  explicit Logger(LogLevel level = LogLevel::kInfo);
  // A logger over a caller's spdlog logger (tests capture output this way).
  explicit Logger(std::shared_ptr<spdlog::logger> sink);

  void set_level(LogLevel level);
  [[nodiscard]] bool enabled(LogLevel level) const;

  template <class... Args>
  void debug(fmt::format_string<Args...> format, Args&&... args) {
    sink_->debug(format, std::forward<Args>(args)...);
  }
  template <class... Args>
  void info(fmt::format_string<Args...> format, Args&&... args) {
    sink_->info(format, std::forward<Args>(args)...);
  }
  template <class... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) {
    sink_->warn(format, std::forward<Args>(args)...);
  }
  template <class... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) {
    sink_->error(format, std::forward<Args>(args)...);
  }

 private:
  std::shared_ptr<spdlog::logger> sink_;
};

}  // namespace echelon
