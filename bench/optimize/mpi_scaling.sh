#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# MPI scaling of `echelon-mpi plan` on generated instances (20 nodes, 30 regions, 3 speeds):
#   strong  the same SKUS on 1..MAX_RANKS ranks;
#   weak    SKUS / MAX_RANKS SKUs per rank on 1..MAX_RANKS ranks.
# One thread per rank. Prints per run: wall time of the job, CPU seconds of all ranks together and
# of the busiest rank (what the wall time would be on dedicated cores), the largest peak memory of
# a rank, the largest share of a rank's time spent in exchange calls (waiting for the others
# included), iterations and status, and whether plan.csv and prices.csv equal the 1-rank run's.
#
#   bench/optimize/mpi_scaling.sh BUILD_DIR [SKUS] [MAX_RANKS] [MODES]
#     SKUS default 100000, MAX_RANKS default 4, MODES "strong weak" (or one of them)
#     PLAN_FLAGS (environment) is added to every plan, e.g. "--max-iterations 3 --demand history"
#     MIN_RANKS (environment, default 1) skips the smaller rank counts (with WORK kept from a run
#     that did them, the comparison with the 1-rank outputs still holds)
set -euo pipefail
build=${1:?usage: mpi_scaling.sh BUILD_DIR [SKUS] [MAX_RANKS] [MODES]}
skus=${2:-100000}
max_ranks=${3:-4}
modes=${4:-strong weak}
echelon="$build/src/app/cli/echelon"
echelon_mpi="$build/src/app/mpi/echelon-mpi"
[[ -x "$echelon_mpi" ]] || { echo "no $echelon_mpi: build with ECHELON_WITH_MPI (cmake --preset mpi)" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
work=${WORK:-$(mktemp -d)}
trap '[[ -z "${WORK:-}" ]] && rm -rf "$work"' EXIT
read -r -a plan_flags <<<"${PLAN_FLAGS:-}"

generate() {  # SKUS -> dataset directory
  local dir="$work/data-$1"
  [[ -d "$dir" ]] || "$echelon" generate --skus "$1" --nodes 20 --regions 30 --days 400 --seed 1 --out "$dir" --quiet
  echo "$dir"
}

run() {  # MODE SKUS RANKS
  local mode=$1 count=$2 ranks=$3 data out
  data=$(generate "$count")
  out="$work/out-$mode-$count-$ranks"
  rm -rf "$out"
  /usr/bin/time -f '%e' -o "$work/time" mpirun -n "$ranks" "$echelon_mpi" plan "$data" --out "$out" --threads 1 \
    --quiet "${plan_flags[@]}" 2>"$work/err" || { echo "$mode $count $ranks failed: $(tail -3 "$work/err")"; return; }
  local same="-"
  local reference="$work/out-$mode-$count-1"
  if [[ $ranks -gt 1 && -d "$reference" ]]; then
    if cmp -s "$out/plan.csv" "$reference/plan.csv" && cmp -s "$out/prices.csv" "$reference/prices.csv"; then
      same=yes
    else
      same=NO
    fi
  fi
  python3 - "$out/summary.json" "$mode" "$count" "$ranks" "$(cat "$work/time")" "$same" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
stats = summary["rank_stats"]
peak = max(rank["peak_mib"] for rank in stats)
share = max(rank["exchange_seconds"] / max(rank["wall_seconds"], 1e-9) for rank in stats)
cpu = [rank.get("cpu_seconds", float("nan")) for rank in stats]
print(f"{sys.argv[2]:<7} {int(sys.argv[3]):>8} {int(sys.argv[4]):>6} {float(sys.argv[5]):>9.1f} {sum(cpu):>9.1f} "
      f"{max(cpu):>9.1f} {peak:>9.0f} {100 * share:>8.1f}% {summary['iterations']:>6} {summary['status']:<16} "
      f"{sys.argv[6]:>5}")
PY
}

printf '%-7s %8s %6s %9s %9s %9s %9s %9s %6s %-16s %5s\n' mode skus ranks wall_s cpu_s max_cpu_s peak_mib comm \
  iters status same
for mode in $modes; do
  for ranks in $(seq "${MIN_RANKS:-1}" "$max_ranks"); do
    if [[ $mode == strong ]]; then
      run strong "$skus" "$ranks"
    else
      run weak $((skus / max_ranks * ranks)) "$ranks"
    fi
  done
done
