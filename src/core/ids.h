// SPDX-License-Identifier: Apache-2.0
// Strong dense indices and the tables that map the string ids of a dataset to them.
//
// Every entity of a dataset (SKU, node, region, vendor, lane) is named by a string id in the
// CSV files and addressed by a dense index in memory. `Index<Tag>` keeps a node index from being
// used where a SKU index is expected; `IndexedVector` is a column addressed only by its own index
// type; `IdTable` interns the string ids in file order.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace echelon {

// A dense position in [0, count) of one kind of entity. Default-constructed it is invalid().
template <class Tag>
class Index {
 public:
  using ValueType = std::uint32_t;
  static constexpr ValueType kInvalidValue = std::numeric_limits<ValueType>::max();

  constexpr Index() = default;
  constexpr explicit Index(std::size_t value) : value_(static_cast<ValueType>(value)) {}

  static constexpr Index invalid() { return Index(); }
  [[nodiscard]] constexpr bool valid() const { return value_ != kInvalidValue; }
  [[nodiscard]] constexpr std::size_t value() const { return value_; }

  constexpr auto operator<=>(const Index&) const = default;

 private:
  ValueType value_ = kInvalidValue;
};

using SkuIndex = Index<struct SkuTag>;
using NodeIndex = Index<struct NodeTag>;
using RegionIndex = Index<struct RegionTag>;
using VendorIndex = Index<struct VendorTag>;
using LaneIndex = Index<struct LaneTag>;
using SpeedIndex = Index<struct SpeedTag>;

// A vector addressed only by one index type.
template <class IndexT, class T>
class IndexedVector {
 public:
  IndexedVector() = default;
  explicit IndexedVector(std::size_t size, const T& value = T()) : data_(size, value) {}

  T& operator[](IndexT index) { return data_[index.value()]; }
  const T& operator[](IndexT index) const { return data_[index.value()]; }

  [[nodiscard]] std::size_t size() const { return data_.size(); }
  [[nodiscard]] bool empty() const { return data_.empty(); }
  void resize(std::size_t size, const T& value = T()) { data_.resize(size, value); }
  void reserve(std::size_t size) { data_.reserve(size); }
  IndexT push_back(T value) {
    data_.push_back(std::move(value));
    return IndexT(data_.size() - 1);
  }

  auto begin() { return data_.begin(); }
  auto end() { return data_.end(); }
  auto begin() const { return data_.begin(); }
  auto end() const { return data_.end(); }
  std::span<T> span() { return data_; }
  std::span<const T> span() const { return data_; }
  std::vector<T>& raw() { return data_; }
  const std::vector<T>& raw() const { return data_; }

 private:
  std::vector<T> data_;
};

// The indices [0, count) of one kind, for range-for loops: `for (SkuIndex sku : all<SkuIndex>(n))`.
template <class IndexT>
class IndexRange {
 public:
  class Iterator {
   public:
    explicit Iterator(std::size_t value) : value_(value) {}
    IndexT operator*() const { return IndexT(value_); }
    Iterator& operator++() {
      ++value_;
      return *this;
    }
    bool operator==(const Iterator&) const = default;

   private:
    std::size_t value_;
  };

  explicit IndexRange(std::size_t count) : count_(count) {}
  [[nodiscard]] Iterator begin() const { return Iterator(0); }
  [[nodiscard]] Iterator end() const { return Iterator(count_); }

 private:
  std::size_t count_;
};

template <class IndexT>
IndexRange<IndexT> all(std::size_t count) {
  return IndexRange<IndexT>(count);
}

// Interns the string ids of one kind of entity in first-seen order.
template <class IndexT>
class IdTable {
 public:
  // Adds `id` and returns its index, or nullopt if it is already present.
  std::optional<IndexT> add(std::string_view id) {
    auto [it, inserted] = index_.try_emplace(std::string(id), IndexT(names_.size()));
    if (!inserted) return std::nullopt;
    names_.emplace_back(id);
    return it->second;
  }
  [[nodiscard]] std::optional<IndexT> find(std::string_view id) const {
    auto it = index_.find(id);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] const std::string& name(IndexT index) const { return names_[index.value()]; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

 private:
  // Transparent hashing, so lookups by string_view allocate nothing.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>()(text);
    }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, IndexT, Hash, std::equal_to<>> index_;
};

}  // namespace echelon

template <class Tag>
struct std::hash<echelon::Index<Tag>> {
  std::size_t operator()(echelon::Index<Tag> index) const noexcept {
    return std::hash<std::size_t>()(index.value());
  }
};
