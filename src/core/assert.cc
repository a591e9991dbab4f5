// SPDX-License-Identifier: Apache-2.0
#include "core/assert.h"

#include <cstdio>
#include <cstdlib>

namespace echelon::detail {

void assertion_failed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: internal error: assertion '%s' failed: %s\n", file, line,
               condition, why);
  std::abort();
}

}  // namespace echelon::detail
