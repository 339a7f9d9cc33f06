#!/usr/bin/env bash
# 'serve --demo' on an empty data folder: time to /actuator/health UP, and to the end of the
# year of history (its log line "Demo city: history loaded"); then a second start on the same
# folder, which must reuse the history. Usage: benchmarks/demo.sh   (build the jar first)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/vivacite.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
serve() { # log file
  java -jar "$jar" serve --demo --port "$port" --data "$data/d" --server.address=127.0.0.1 >"$1" 2>&1 &
  pid=$!
}
wait_for() { # what, command…
  local what=$1; shift
  until "$@" >/dev/null 2>&1; do sleep 0.2; done
  echo "$what: $(( ($(date +%s%N) - start) / 1000000 )) ms"
}
for run in first second; do
  start=$(date +%s%N)
  serve "$data/$run.log"
  wait_for "$run start, health UP" sh -c "curl -fs http://127.0.0.1:$port/actuator/health | grep -q UP"
  wait_for "$run start, devices reporting live" grep -q "Demo city: devices now report" "$data/$run.log"
  grep -E "Demo city: (history|loading|[0-9]+ dwellings)" "$data/$run.log" | sed 's/.*Demo city/  Demo city/'
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
