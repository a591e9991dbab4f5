#!/usr/bin/env bash
# Builds the CSV reader fuzz target with clang (libFuzzer + ASan + UBSan) and runs it for a while.
# Usage: scripts/fuzz.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build=build/fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DECHELON_FUZZ=ON -DECHELON_SANITIZE=address -DECHELON_BUILD_TESTS=OFF -DECHELON_BUILD_BENCH=OFF \
  -DECHELON_SKIP_MODULES="inventory;forecast;fulfill;optimize;replenish;simulate;report;app" >/dev/null
cmake --build "$build" --target csv_reader_fuzz -j "$(nproc)"
corpus=$(mktemp -d)
cp tests/fuzz/csv_corpus/* "$corpus/"
"$build/src/io/csv_reader_fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
rm -rf "$corpus"
echo "fuzz: no crash in ${seconds} s"
