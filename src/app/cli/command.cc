// SPDX-License-Identifier: Apache-2.0
#include "app/cli/command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/error.h"

namespace echelon::cli {
namespace {

std::string clock_text(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  return total >= 3600 ? fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
                       : fmt::format("{}:{:02}", total / 60, total % 60);
}

// Renders progress on stderr: a redrawn bar with elapsed and remaining time on a terminal, one
// plain line per second (and one per phase) otherwise, so logs of a batch run stay readable.
class ProgressPrinter {
 public:
  ProgressPrinter() : terminal_(::isatty(STDERR_FILENO) != 0) {}
  ~ProgressPrinter() {
    if (terminal_ && drawn_) std::fputc('\n', stderr);
  }
  ProgressPrinter(const ProgressPrinter&) = delete;
  ProgressPrinter& operator=(const ProgressPrinter&) = delete;

  void operator()(const ProgressEvent& event) {
    auto now = std::chrono::steady_clock::now();
    bool finished = event.total > 0 && event.done >= event.total;
    bool phase_changed = event.phase != last_phase_;
    if (finished && !phase_changed && phase_finished_) return;  // drawn already
    double min_interval = terminal_ ? 0.1 : 1.0;
    if (!finished && !phase_changed &&
        std::chrono::duration<double>(now - last_).count() < min_interval) {
      return;
    }
    last_ = now;
    phase_finished_ = finished;
    if (phase_changed) phase_start_ = now;
    if (terminal_ && drawn_ && phase_changed) std::fputc('\n', stderr);
    last_phase_ = std::string(event.phase);
    std::string line = last_phase_;
    const double elapsed = std::chrono::duration<double>(now - phase_start_).count();
    if (event.total > 0) {
      constexpr int kWidth = 30;
      double fraction = std::clamp(event.done / event.total, 0.0, 1.0);
      int filled = static_cast<int>(fraction * kWidth);
      line += fmt::format(" [{}{}] {:3d}%  {}", std::string(filled, '#'), std::string(kWidth - filled, '.'),
                          static_cast<int>(fraction * 100.0), clock_text(elapsed));
      if (fraction > 0.02 && fraction < 1.0) line += fmt::format(", ~{} left", clock_text(elapsed * (1.0 - fraction) / fraction));
    } else if (elapsed >= 1.0) {
      line += "  " + clock_text(elapsed);
    }
    if (!event.message.empty()) line += "  " + event.message;
    if (terminal_) {
      // A finished bar ends its line, so log lines that follow start on their own.
      std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), finished ? "\n" : "");
      drawn_ = !finished;
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fflush(stderr);
  }

 private:
  bool terminal_;
  bool drawn_ = false;
  bool phase_finished_ = false;
  std::string last_phase_;
  std::chrono::steady_clock::time_point last_{};
  std::chrono::steady_clock::time_point phase_start_{};
};

// While alive, whatever the command prints on stdout goes to stderr, so that under --json
// stdout carries the JSON summary alone.
class StdoutToStderr {
 public:
  StdoutToStderr() {
    std::fflush(stdout);
    saved_ = ::dup(STDOUT_FILENO);
    if (saved_ >= 0) ::dup2(STDERR_FILENO, STDOUT_FILENO);
  }
  ~StdoutToStderr() {
    std::fflush(stdout);
    if (saved_ >= 0) {
      ::dup2(saved_, STDOUT_FILENO);
      ::close(saved_);
    }
  }
  StdoutToStderr(const StdoutToStderr&) = delete;
  StdoutToStderr& operator=(const StdoutToStderr&) = delete;

 private:
  int saved_ = -1;
};

bool flag_given(CLI::App& command, const std::string& name) {
  const CLI::Option* option = command.get_option_no_throw(name);
  return option != nullptr && option->count() > 0;
}

// Files in `dir` written since `start`, by name; the contents of summary.json among them.
void describe_outputs(const std::filesystem::path& dir, std::filesystem::file_time_type start,
                      nlohmann::json& summary) {
  std::error_code error;
  if (dir.empty() || !std::filesystem::is_directory(dir, error)) return;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file(error) && entry.last_write_time(error) >= start) {
      files.push_back(entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  if (!summary.contains("outputs")) summary["outputs"] = files;
  if (std::find(files.begin(), files.end(), "summary.json") != files.end() && !summary.contains("summary")) {
    std::ifstream in(dir / "summary.json");
    nlohmann::json written = nlohmann::json::parse(in, nullptr, false);
    if (!written.is_discarded()) summary["summary"] = std::move(written);
  }
}

void print_json(const nlohmann::json& value) {
  std::string text = value.dump(2) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

}  // namespace

void add_common_flags(CLI::App& command, CommonFlags& flags, bool with_out) {
  command.add_option("--threads", flags.threads, "worker threads (0 = all cores)")
      ->check(CLI::Range(0, 1024));
  command.add_option("--seed", flags.seed, "master seed of every random stream");
  command.add_flag("--quiet,-q", flags.quiet, "no progress output; warnings and errors only");
  command.add_flag("--json", flags.json,
                   "print a JSON summary of the run on stdout (other output goes to stderr)");
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

void add_examples(CLI::App& command, const std::vector<std::string>& examples, const std::string& note) {
  std::string footer = note.empty() ? std::string() : note + "\n";
  footer += examples.size() == 1 ? "Example:\n" : "Examples:\n";
  for (const std::string& example : examples) footer += "  " + example + "\n";
  command.footer(footer);
}

int run_command(CLI::App& command, const Action& action) {
  const bool json = flag_given(command, "--json");
  const bool quiet = flag_given(command, "--quiet");
  const auto file_start = std::filesystem::file_time_type::clock::now();
  const auto start = std::chrono::steady_clock::now();
  nlohmann::json summary;
  std::string text;
  int code = kExitOk;
  std::string error_text;
  {
    std::unique_ptr<StdoutToStderr> redirect = json ? std::make_unique<StdoutToStderr>() : nullptr;
    try {
      if (!action) {
        code = kExitBadInput;
        error_text = "no command given";
      } else if (action.has_summary()) {
        Summary result = action.summary();
        summary = std::move(result.data);
        text = std::move(result.text);
      } else {
        code = action();
      }
    } catch (const InputErrors& errors) {
      code = kExitBadInput;
      error_text = fmt::format("{}\n{} problem{} found", errors.what(), errors.total(), errors.total() == 1 ? "" : "s");
    } catch (const InputError& error) {
      code = kExitBadInput;
      error_text = error.what();
    } catch (const std::exception& error) {
      code = kExitInternal;
      error_text = fmt::format("internal error: {}", error.what());
    }
  }
  if (!error_text.empty()) std::fprintf(stderr, "%s\n", error_text.c_str());
  if (!json) {
    if (!quiet && !text.empty()) std::fputs(text.c_str(), stdout);
    return code;
  }
  if (summary.is_null()) summary = nlohmann::json::object();
  if (!summary.is_object()) summary = nlohmann::json{{"result", summary}};
  summary["command"] = command.get_name();
  summary["status"] = code == kExitOk ? "ok" : "error";
  summary["exit_code"] = code;
  if (!error_text.empty()) summary["error"] = error_text;
  summary["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const CLI::Option* out = command.get_option_no_throw("--out");
  if (code == kExitOk && out != nullptr && out->count() > 0) {
    const std::string dir = out->as<std::string>();
    summary["out"] = dir;
    describe_outputs(dir, file_start, summary);
  }
  print_json(summary);
  return code;
}

}  // namespace echelon::cli
