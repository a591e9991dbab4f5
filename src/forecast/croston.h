// SPDX-License-Identifier: Apache-2.0
// Intermittent-demand methods: Croston (1972), its bias correction by Syntetos & Boylan (2005,
// SBA) and Teunter, Syntetos & Babai (2011, TSB). Each gives a flat per-period demand rate.
// Croston and SBA smooth the non-zero demand sizes and the intervals between them (updating only
// on demand periods); TSB smooths the sizes and the probability of demand in every period.
#pragma once

#include <span>

namespace echelon::forecast {

struct CrostonOptions {
  double alpha = 0.1;  // smoothing of sizes and intervals (Croston, SBA); of sizes (TSB)
  double beta = 0.1;   // smoothing of the demand probability (TSB)
};

// Croston: z / p, with z and p initialised at the first demand size and the first interval
// (periods up to and including the first demand), then exponentially smoothed at each demand.
// Zero when the series has no demand.
double croston_rate(std::span<const double> series, const CrostonOptions& options = {});

// Syntetos-Boylan approximation: (1 - alpha / 2) z / p.
double sba_rate(std::span<const double> series, const CrostonOptions& options = {});

// TSB: pi * z; pi starts at the share of non-zero periods and is smoothed every period towards
// 1 (demand) or 0 (none); z starts at the first demand size and is smoothed at demands.
double tsb_rate(std::span<const double> series, const CrostonOptions& options = {});

}  // namespace echelon::forecast
