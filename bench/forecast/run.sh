#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Forecast accuracy benchmark: echelon vs R's `forecast` package (ets, auto.arima, croston, SBA,
# seasonal naive) on the real data in ../shared/data, same series, horizons and scorer.
#
#   bench/forecast/run.sh [OUT_DIR]
#
# Environment: DATA (default ../shared/data next to the repo), BUILD (build directory, default
# build/bench-forecast), THREADS (echelon threads, default 1), STRIDE (car parts: R runs every
# STRIDE-th series, default 5; 1 = all 2,509), SKIP_R=1 (echelon only), FINAL=0 (skip the M5
# official test days), SKIP_DISTRIBUTION=1 (skip the planner demand-distribution timing). Installs r-cran-forecast with apt when Rscript is missing.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${DATA:-$REPO/../shared/data}"
BUILD="${BUILD:-$REPO/build/bench-forecast}"
THREADS="${THREADS:-1}"
STRIDE="${STRIDE:-5}"
FINAL="${FINAL:-1}"
OUT="${1:-$BUILD/forecast-results}"
mkdir -p "$OUT"

if [[ "${SKIP_R:-0}" != 1 ]] && ! command -v Rscript > /dev/null; then
  apt-get install -y --no-install-recommends r-cran-forecast
fi
cmake -S "$REPO" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$BUILD" --target forecast_accuracy -j2
BIN="$BUILD/bench/forecast/forecast_accuracy"
SCORE="$REPO/bench/forecast/score.py"

gzip -dc "$DATA/m5_tiny/sales_train_validation.csv.gz" > "$OUT/m5_sales.csv"
gzip -dc "$DATA/m5_tiny/sell_prices.csv.gz" > "$OUT/m5_prices.csv"
M5_GLOBAL=(--global --calendar "$DATA/m5_tiny/calendar.csv" --prices "$OUT/m5_prices.csv")

protocols=(dev)
[[ "$FINAL" == 1 ]] && protocols+=(final)
for protocol in "${protocols[@]}"; do
  "$BIN" --dataset m5 --protocol "$protocol" --data "$OUT/m5_sales.csv" --threads "$THREADS" \
    --out "$OUT/m5_${protocol}_echelon.csv"
  "$BIN" --dataset m5 --protocol "$protocol" --data "$OUT/m5_sales.csv" --threads "$THREADS" \
    "${M5_GLOBAL[@]}" --out "$OUT/m5_${protocol}_echelon_gbt.csv"
  "$BIN" --dataset m5 --protocol "$protocol" --data "$OUT/m5_sales.csv" --threads "$THREADS" \
    --model snaive --out "$OUT/m5_${protocol}_echelon_snaive.csv"
done
for protocol in h12 h6; do
  "$BIN" --dataset carparts --protocol "$protocol" --data "$DATA/carparts/carparts.csv" \
    --threads "$THREADS" --out "$OUT/carparts_${protocol}_echelon.csv"
done

gzip -dc "$DATA/m3/m3_series.csv.gz" > "$OUT/m3_series.csv"
for period in YEARLY QUARTERLY MONTHLY OTHER; do
  "$BIN" --dataset m3 --protocol "$period" --data "$OUT/m3_series.csv" --info "$DATA/m3/m3_info.csv" \
    --threads "$THREADS" --out "$OUT/m3_${period}_echelon.csv"
done

if [[ "${SKIP_R:-0}" != 1 ]]; then
  for protocol in "${protocols[@]}"; do
    Rscript "$REPO/bench/forecast/r_peers.R" m5 "$protocol" "$DATA/m5_tiny" "$OUT" ets,croston,sba,snaive
  done
  Rscript "$REPO/bench/forecast/r_peers.R" carparts h12 "$DATA/carparts" "$OUT" \
    ets,arima,croston,sba,snaive "$STRIDE"
  Rscript "$REPO/bench/forecast/r_peers.R" carparts h6 "$DATA/carparts" "$OUT" \
    ets,croston,sba,snaive "$STRIDE"
  for period in YEARLY QUARTERLY MONTHLY OTHER; do
    Rscript "$REPO/bench/forecast/r_peers.R" m3 "$period" "$DATA/m3" "$OUT" ets,theta
  done
fi

methods() {  # name=file pairs for the files that exist
  local prefix="$1"
  shift
  for name in "$@"; do
    local file="$OUT/${prefix}_${name}.csv"
    [[ -f "$file" ]] && printf '%s=%s ' "$name" "$file"
  done
}
for protocol in "${protocols[@]}"; do
  echo "## M5 slice, protocol $protocol"
  # shellcheck disable=SC2046
  python3 "$SCORE" m5 "$protocol" "$DATA/m5_tiny" $(methods "m5_$protocol" echelon echelon_gbt \
    echelon_snaive r_ets r_croston r_sba r_snaive)
done
for protocol in h12 h6; do
  echo "## Car parts, protocol $protocol"
  # shellcheck disable=SC2046
  python3 "$SCORE" carparts "$protocol" "$DATA/carparts" $(methods "carparts_$protocol" echelon \
    r_ets r_arima r_croston r_sba r_snaive)
done
for period in YEARLY QUARTERLY MONTHLY OTHER; do
  echo "## M3 $period (sMAPE; R ets on all 3,003 series: 13.07, thetaf 12.79)"
  # shellcheck disable=SC2046
  python3 "$SCORE" m3 "$period" "$DATA/m3" $(methods "m3_$period" echelon r_ets r_theta)
done

# Planner demand distributions on a generated dataset (GEN_SKUS SKUs, default 10,000).
if [[ "${SKIP_DISTRIBUTION:-0}" != 1 ]]; then
  cmake --build "$BUILD" --target echelon demand_distribution_timing -j2
  "$BUILD/src/app/cli/echelon" generate --skus "${GEN_SKUS:-10000}" --nodes 20 --regions 30 --days 730 \
    --out "$OUT/generated" --threads 2 -q
  "$BUILD/bench/forecast/demand_distribution_timing" "$OUT/generated" --threads 2 --full-skus 300
fi
