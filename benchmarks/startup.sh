#!/usr/bin/env bash
# Time from 'java -jar app/target/vivacite.jar serve' to /actuator/health answering UP.
# Usage: benchmarks/startup.sh [runs] [extra serve options…]   (build the jar first)
# Each run uses a fresh data directory (first start: stores created, credentials generated)
# and then a second start on the same directory (warm: stores reopened).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; shift || true
jar=app/target/vivacite.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

time_to_up() { # data-dir [serve options…] → milliseconds
  local data=$1; shift
  local port; port=$(free_port)
  local start; start=$(date +%s%N)
  java -jar "$jar" serve --port "$port" --data "$data" --server.address=127.0.0.1 "$@" >"$data.log" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "server died:" >&2; tail -5 "$data.log" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "run  first-start-ms  restart-ms"
for i in $(seq 1 "$runs"); do
  first=$(time_to_up "$tmp/data$i" "$@")
  again=$(time_to_up "$tmp/data$i" "$@")
  echo "$i    $first           $again"
done
