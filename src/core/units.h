// SPDX-License-Identifier: Apache-2.0
// Thin strong types for quantities that are easily mixed up in signatures: a lead time in days
// passed where periods are expected, or a money amount where units are. Arithmetic stays with
// the same type; `value()` leaves the type system on purpose, at the point of use.
#pragma once

#include <compare>

namespace echelon {

template <class Tag>
class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(double value) : value_(value) {}
  [[nodiscard]] constexpr double value() const { return value_; }

  constexpr Quantity operator+(Quantity other) const { return Quantity(value_ + other.value_); }
  constexpr Quantity operator-(Quantity other) const { return Quantity(value_ - other.value_); }
  constexpr Quantity operator*(double factor) const { return Quantity(value_ * factor); }
  constexpr Quantity& operator+=(Quantity other) {
    value_ += other.value_;
    return *this;
  }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  double value_ = 0.0;
};

using Days = Quantity<struct DaysTag>;        // calendar days
using Units = Quantity<struct UnitsTag>;      // item count (may be fractional in expectations)
using Money = Quantity<struct MoneyTag>;      // one currency
using CubicMeters = Quantity<struct VolumeTag>;

}  // namespace echelon
