// SPDX-License-Identifier: Apache-2.0
// The master of the Lagrangian decomposition: maximizes the concave dual function over prices
// p >= 0 by a trust-region bundle method (a cutting-plane model of the dual, maximized within an
// L-infinity box around the best point so far, an LP solved with CLP). Each oracle answer (the
// dual value at a point and a supergradient, the resource overuse) adds a cut; the point moves
// (a serious step) only when the real value improves on the best by a share of what the model
// promised, otherwise the cut refines the model (a null step). On a few dozen prices this needs
// far fewer oracle calls than a subgradient method, and every call solves every SKU.
//
// The oracle is inexact (per-SKU bounds and uses come from sampled scenarios and a finite number
// of cuts), so a cut may cut off a better point: cuts the latest answer contradicts are dropped.
// Coordinates are scaled by the caller (price x limit), so one trust radius fits all of them.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace echelon::optimize {

struct PriceMasterOptions {
  double initial_radius = 1.0;    // trust box half-width in scaled coordinates
  double serious_fraction = 0.1;  // share of the promised increase a serious step must realise
  std::size_t max_cuts = 40;      // the oldest cuts beyond this are dropped
};

class PriceMaster {
 public:
  PriceMaster(std::size_t dimension, PriceMasterOptions options);
  ~PriceMaster();
  PriceMaster(const PriceMaster&) = delete;
  PriceMaster& operator=(const PriceMaster&) = delete;

  // The oracle's answer at `point` (the last point `next` returned, or the first point): the
  // dual value there and a supergradient. Returns true when the point became the center.
  bool add(std::span<const double> point, double value, std::span<const double> supergradient);

  // The next point to evaluate: the model's maximizer within the trust box around the center.
  [[nodiscard]] std::vector<double> next();

  // Smallest upper estimate the model gave of the dual's maximum over the last trust box; the
  // best value so far; the center.
  [[nodiscard]] double predicted() const { return predicted_; }
  [[nodiscard]] double best_value() const { return best_value_; }
  [[nodiscard]] std::span<const double> center() const { return center_; }
  [[nodiscard]] double radius() const { return radius_; }

 private:
  struct Cut {
    std::vector<double> point;
    double value = 0.0;
    std::vector<double> slope;
    [[nodiscard]] double at(std::span<const double> x) const;
  };

  std::size_t dimension_;
  PriceMasterOptions options_;
  std::vector<Cut> cuts_;
  std::vector<double> center_;
  double best_value_;
  double predicted_;
  double radius_;
  bool has_center_ = false;
};

}  // namespace echelon::optimize
