// SPDX-License-Identifier: Apache-2.0
// The programmer-error channel. ECHELON_ASSERT checks an invariant that no user input can break;
// it is compiled in for debug and relassert builds (ECHELON_ENABLE_ASSERTS) and out otherwise.
#pragma once

namespace echelon::detail {
[[noreturn]] void assertion_failed(const char* condition, const char* why, const char* file,
                                   int line);
}  // namespace echelon::detail

#if defined(ECHELON_ENABLE_ASSERTS)
#define ECHELON_ASSERT(condition, why)                                               \
  do {                                                                               \
    if (!(condition)) ::echelon::detail::assertion_failed(#condition, why, __FILE__, \
                                                          __LINE__);                 \
  } while (false)
#else
#define ECHELON_ASSERT(condition, why) \
  do {                                 \
  } while (false)
#endif
