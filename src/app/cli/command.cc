// SPDX-License-Identifier: Apache-2.0
#include "app/cli/command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace echelon::cli {
namespace {

// Renders progress on stderr: a redrawn bar on a terminal, one plain line per second otherwise.
class ProgressPrinter {
 public:
  ProgressPrinter() : terminal_(::isatty(STDERR_FILENO) != 0) {}
  ~ProgressPrinter() {
    if (terminal_ && drawn_) std::fputc('\n', stderr);
  }

  void operator()(const ProgressEvent& event) {
    auto now = std::chrono::steady_clock::now();
    bool finished = event.total > 0 && event.done >= event.total;
    bool phase_changed = event.phase != last_phase_;
    double min_interval = terminal_ ? 0.1 : 1.0;
    if (!finished && !phase_changed &&
        std::chrono::duration<double>(now - last_).count() < min_interval) {
      return;
    }
    last_ = now;
    if (terminal_ && drawn_ && phase_changed) std::fputc('\n', stderr);
    last_phase_ = std::string(event.phase);
    std::string line = last_phase_;
    if (event.total > 0) {
      constexpr int kWidth = 30;
      double fraction = std::min(1.0, event.done / event.total);
      int filled = static_cast<int>(fraction * kWidth);
      line += " [" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] " +
              std::to_string(static_cast<int>(fraction * 100.0)) + "%";
    }
    if (!event.message.empty()) line += "  " + event.message;
    if (terminal_) {
      std::fprintf(stderr, "\r\033[K%s", line.c_str());
      drawn_ = true;
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fflush(stderr);
  }

 private:
  bool terminal_;
  bool drawn_ = false;
  std::string last_phase_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

void add_common_flags(CLI::App& command, CommonFlags& flags, bool with_out) {
  command.add_option("--threads", flags.threads, "worker threads (0 = all cores)")
      ->check(CLI::Range(0, 1024));
  command.add_option("--seed", flags.seed, "master seed of every random stream");
  command.add_flag("--quiet,-q", flags.quiet, "no progress output; warnings and errors only");
  command.add_option("--log-level", flags.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  if (with_out) command.add_option("--out,-o", flags.out, "output directory")->required();
}

RunOptions run_options(const CommonFlags& flags) {
  RunOptions options;
  options.threads = flags.threads;
  options.seed = flags.seed;
  parse_log_level(flags.log_level, options.log_level);
  if (flags.quiet) {
    if (options.log_level < LogLevel::kWarn) options.log_level = LogLevel::kWarn;
  } else {
    auto printer = std::make_shared<ProgressPrinter>();
    options.progress = [printer](const ProgressEvent& event) { (*printer)(event); };
  }
  return options;
}

}  // namespace echelon::cli
