// SPDX-License-Identifier: Apache-2.0
#include "core/run_context.h"

namespace echelon {

RunContext::RunContext(const RunOptions& options)
    : logger_(options.log_level),
      pool_(options.threads),
      seed_(options.seed),
      progress_(options.progress),
      start_(std::chrono::steady_clock::now()) {}

double RunContext::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace echelon
