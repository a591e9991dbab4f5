#!/usr/bin/env bash
# The main job on the bundled example: usage scripts/demo.sh ECHELON EXAMPLE_DIR OUT_DIR THREADS
set -euo pipefail
echelon="$1"; example="$2"; out="$3"; threads="${4:-2}"
mkdir -p "$out"
echo "== echelon validate $example"
"$echelon" validate "$example" --threads "$threads" | tee "$out/validation.txt"
if "$echelon" plan --help >/dev/null 2>&1; then
  echo "== echelon plan $example --out $out"
  "$echelon" plan "$example" --out "$out" --threads "$threads"
  echo "== echelon forecast $example --backtest (forecast fans and accuracy for the report)"
  "$echelon" forecast "$example" --out "$out/forecast" --backtest --threads "$threads" --quiet
  echo "== echelon report $out"
  "$echelon" report "$out" --data "$example" --forecast "$out/forecast"
  echo "demo: outputs in $out, the report in $out/report.html"
  ls "$out"
else
  echo "demo: validation summary in $out/validation.txt"
fi
