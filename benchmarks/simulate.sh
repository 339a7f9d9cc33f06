#!/usr/bin/env bash
# Generation time of the demo city's readings (docs/benchmarks.md, "Simulator").
# Usage: benchmarks/simulate.sh [households, default 2000]   (build the jar first)
# Two runs: a year of daily readings, and a month of half-hourly readings, every wire format.
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-2000}
jar=app/target/vivacite.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # name, simulate options…
  local name=$1; shift
  local start; start=$(date +%s%N)
  java -jar "$jar" simulate --out "$out/$name" --seed 1 --households "$households" "$@"
  echo "$name: $(( ($(date +%s%N) - start) / 1000000 )) ms wall (JVM start included), $(du -sh "$out/$name" | cut -f1) written"
}
run year-daily --from 2025-01-01 --to 2026-01-01 --step P1D
run month-half-hourly --from 2026-01-01 --to 2026-02-01 --step PT30M
