// SPDX-License-Identifier: Apache-2.0
#include "core/ids.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace echelon {
namespace {

static_assert(!std::is_convertible_v<SkuIndex, NodeIndex>, "indices of different kinds must not mix");
static_assert(!std::is_convertible_v<std::size_t, SkuIndex>, "construction must be explicit");

TEST(IdTable, InternsInOrderAndRejectsDuplicates) {
  IdTable<SkuIndex> table;
  EXPECT_EQ(table.add("A")->value(), 0u);
  EXPECT_EQ(table.add("B")->value(), 1u);
  EXPECT_FALSE(table.add("A"));
  EXPECT_EQ(table.find("B")->value(), 1u);
  EXPECT_FALSE(table.find("C"));
  EXPECT_EQ(table.name(SkuIndex(1)), "B");
}

TEST(IndexedVector, AddressedByItsIndex) {
  IndexedVector<NodeIndex, double> storage(3, 1.5);
  storage[NodeIndex(2)] = 4.0;
  double total = 0.0;
  for (NodeIndex node : all<NodeIndex>(storage.size())) total += storage[node];
  EXPECT_DOUBLE_EQ(total, 7.0);
  EXPECT_FALSE(NodeIndex().valid());
}

}  // namespace
}  // namespace echelon
