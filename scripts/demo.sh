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
  echo "demo: outputs in $out"
  ls "$out"
else
  echo "demo: validation summary in $out/validation.txt"
fi
