// SPDX-License-Identifier: Apache-2.0
// Flat byte buffers for sending plain values between processes of one job (same build, same
// machine architecture): values are copied bit for bit, so a double read back is the double
// written. The reader checks every read against the end of the buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace echelon {

class ByteWriter {
 public:
  template <class T>
    requires std::is_trivially_copyable_v<T>
  void put(const T& value) {
    const std::size_t at = bytes_.size();
    bytes_.resize(at + sizeof(T));
    std::memcpy(bytes_.data() + at, &value, sizeof(T));
  }
  // A length, then the values.
  template <class T>
    requires std::is_trivially_copyable_v<T>
  void put_span(std::span<const T> values) {
    put<std::uint64_t>(values.size());
    const std::size_t at = bytes_.size();
    bytes_.resize(at + values.size_bytes());
    if (!values.empty()) std::memcpy(bytes_.data() + at, values.data(), values.size_bytes());
  }

  void reserve(std::size_t bytes) { bytes_.reserve(bytes); }

  [[nodiscard]] const std::vector<std::byte>& bytes() const { return bytes_; }
  [[nodiscard]] std::vector<std::byte> take() { return std::move(bytes_); }

 private:
  std::vector<std::byte> bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::byte> bytes) : bytes_(bytes) {}

  template <class T>
    requires std::is_trivially_copyable_v<T>
  T get() {
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  template <class T>
    requires std::is_trivially_copyable_v<T>
  std::vector<T> get_vector() {
    const auto count = get<std::uint64_t>();
    if (count > (bytes_.size() - at_) / (sizeof(T) == 0 ? 1 : sizeof(T))) {
      throw std::runtime_error("byte buffer: a length runs past the end of the buffer");
    }
    std::vector<T> values(count);
    if (count > 0) std::memcpy(values.data(), take(count * sizeof(T)), count * sizeof(T));
    return values;
  }

  // The next `size` bytes, as they lie in the buffer.
  std::span<const std::byte> get_bytes(std::size_t size) { return {take(size), size}; }

  [[nodiscard]] bool done() const { return at_ == bytes_.size(); }

 private:
  const std::byte* take(std::size_t size) {
    if (size > bytes_.size() - at_) throw std::runtime_error("byte buffer: read past the end of the buffer");
    const std::byte* where = bytes_.data() + at_;
    at_ += size;
    return where;
  }

  std::span<const std::byte> bytes_;
  std::size_t at_ = 0;
};

}  // namespace echelon
