#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The decomposition against the exact reference (`--method exact`, one CBC MIP) on generated
# instances small enough for the MIP: 4 nodes, 6 regions, 120 days of history, demand from
# history, one thread. Prints per size the wall time of each method, the speed-up, both plans'
# relaxed cost per week (the exact one is the MIP's optimum with the DC layer added) and their
# ratio, and the decomposition's certified lower bound.
#
#   bench/optimize/exact_vs_decomposition.sh BUILD_DIR [SKUS...]   (default: 12 24 48 100 200 400)
set -euo pipefail
build=${1:?usage: exact_vs_decomposition.sh BUILD_DIR [SKUS...]}
shift
sizes=("$@")
[[ $# -eq 0 ]] && sizes=(12 24 48 100 200 400)
echelon="$build/src/app/cli/echelon"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%6s %10s %10s %9s %12s %12s %8s %12s\n' skus exact_s decomp_s speedup exact_cost decomp_cost ratio bound
for skus in "${sizes[@]}"; do
  "$echelon" generate --skus "$skus" --nodes 4 --regions 6 --days 120 --seed 2 --out "$work/data" --quiet
  for method in exact decomposition; do
    "$echelon" plan "$work/data" --out "$work/$method" --method "$method" --demand history --seed 2 --threads 1 \
      --time-limit 3600 --exact-max-columns 4000000 --quiet 2>"$work/err" ||
      { echo "$skus: $method failed: $(tail -1 "$work/err")"; continue 2; }
  done
  python3 - "$work/exact/summary.json" "$work/decomposition/summary.json" "$skus" <<'PY'
import json, sys
exact, decomposition = (json.load(open(path)) for path in sys.argv[1:3])
assert exact["status"] == "gap_reached", f"the MIP stopped with {exact['status']}"
speedup = exact["wall_seconds"] / max(decomposition["wall_seconds"], 1e-9)
ratio = decomposition["plan_cost_relaxed"] / exact["plan_cost_relaxed"]
print(f"{int(sys.argv[3]):>6} {exact['wall_seconds']:>10.2f} {decomposition['wall_seconds']:>10.2f} {speedup:>8.0f}x "
      f"{exact['plan_cost_relaxed']:>12.1f} {decomposition['plan_cost_relaxed']:>12.1f} {ratio:>8.4f} "
      f"{decomposition['lower_bound']:>12.1f}")
PY
  rm -rf "$work/data" "$work/exact" "$work/decomposition"
done
