#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Plan scaling: generated instances (20 nodes, 30 regions, 3 speeds) of each size given, planned
# with the decomposition and, where the model fits, with --method exact. Prints wall time, peak
# memory, iterations, status and gap per run.
#
#   bench/optimize/plan_scaling.sh BUILD_DIR [SKUS...]     (default sizes: 1000 10000 100000)
set -euo pipefail
build=${1:?usage: plan_scaling.sh BUILD_DIR [SKUS...]}
shift
sizes=("$@")
[[ $# -eq 0 ]] && sizes=(1000 10000 100000)
echelon="$build/src/app/cli/echelon"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-8s %-14s %10s %10s %6s %-16s %8s\n' skus method wall_s peak_mb iters status gap
for skus in "${sizes[@]}"; do
  "$echelon" generate --skus "$skus" --nodes 20 --regions 30 --days 400 --seed 1 --out "$work/data" --quiet
  for method in decomposition exact; do
    out="$work/out-$method"
    if /usr/bin/time -f '%e %M' -o "$work/time" "$echelon" plan "$work/data" --out "$out" --method "$method" \
        --threads 2 --quiet 2>"$work/err"; then
      read -r wall kb <"$work/time"
      python3 - "$out/summary.json" "$skus" "$method" "$wall" "$kb" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<8} {sys.argv[3]:<14} {float(sys.argv[4]):>10.1f} {int(sys.argv[5]) / 1024:>10.0f} "
      f"{summary['iterations']:>6} {summary['status']:<16} {100 * summary['gap']:>7.2f}%")
PY
    else
      printf '%-8s %-14s %s\n' "$skus" "$method" "not run: $(tail -1 "$work/err")"
    fi
  done
  rm -rf "$work/data" "$work"/out-*
done
