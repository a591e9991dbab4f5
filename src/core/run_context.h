// SPDX-License-Identifier: Apache-2.0
// Everything a run needs that is not data: logger, thread pool, master seed, cancellation, clock
// and progress callback. Passed explicitly (no global state), so two plans can run side by side
// in one process and MPI ranks stay independent.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/log.h"
#include "core/parallel.h"

namespace echelon {

// One progress report from a long phase; `total` 0 means unknown.
struct ProgressEvent {
  std::string_view phase;  // "generate", "forecast", "optimize", ...
  double done = 0.0;
  double total = 0.0;
  std::string message;     // one line: "iter 12  bound 1.23e6  plan 1.25e6  gap 1.6%"
};

using ProgressCallback = std::function<void(const ProgressEvent&)>;

struct RunOptions {
  int threads = 0;                // 0 = every hardware thread
  std::uint64_t seed = 1;         // master seed of every random stream
  LogLevel log_level = LogLevel::kInfo;
  ProgressCallback progress{};    // may be empty
};

class RunContext {
 public:
  explicit RunContext(const RunOptions& options);

  Logger& log() { return logger_; }
  ThreadPool& pool() { return pool_; }
  [[nodiscard]] int threads() const { return pool_.threads(); }
  [[nodiscard]] std::uint64_t seed() const { return seed_; }

  // Cooperative cancellation: long loops poll cancelled() between chunks.
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

  // Seconds since the context was created.
  [[nodiscard]] double elapsed_seconds() const;

  void report(const ProgressEvent& event) const {
    if (progress_) progress_(event);
  }

 private:
  Logger logger_;
  ThreadPool pool_;
  std::uint64_t seed_;
  ProgressCallback progress_;
  std::atomic<bool> cancelled_{false};
  std::chrono::steady_clock::time_point start_;
};

}  // namespace echelon
