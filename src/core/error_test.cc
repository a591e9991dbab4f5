// SPDX-License-Identifier: Apache-2.0
#include "core/error.h"

#include <gtest/gtest.h>

namespace echelon {
namespace {

TEST(InputError, NamesFileLineColumnExpectedAndFound) {
  InputError error = InputError::bad_value({"demand.csv", 42, 17}, "column 'quantity'",
                                           "a non-negative number", "-3");
  EXPECT_STREQ(error.what(),
               "demand.csv:42:17: error: column 'quantity': expected a non-negative number, "
               "found \"-3\"");
  EXPECT_EQ(error.location().line, 42u);
}

TEST(InputErrorList, CapsStoredErrorsButCountsAll) {
  InputErrorList list(2);
  for (int row = 1; row <= 5; ++row) {
    list.add(InputError({"a.csv", static_cast<std::size_t>(row), 1}, "bad"));
  }
  EXPECT_EQ(list.total(), 5u);
  EXPECT_EQ(list.errors().size(), 2u);
  try {
    list.throw_if_any();
    FAIL() << "expected InputErrors";
  } catch (const InputErrors& errors) {
    EXPECT_STREQ(errors.what(),
                 "a.csv:1:1: error: bad\na.csv:2:1: error: bad\n... and 3 more problems");
  }
}

TEST(InputErrorList, EmptyListDoesNotThrow) {
  InputErrorList list;
  EXPECT_NO_THROW(list.throw_if_any());
}

}  // namespace
}  // namespace echelon
