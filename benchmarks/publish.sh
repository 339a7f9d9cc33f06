#!/usr/bin/env bash
# Open data on the demo city: 'serve --demo' on an empty data folder, the time its register history
# and its derived consumption take to load, then 'publish' twice (asking the running server), with
# the time each publication takes and what it made. Usage: benchmarks/publish.sh [households]
# (build the jar first; 2 000 households by default, as the demo city). With KEEP_DATA=DIR the
# data folder is kept in DIR (which must not exist) for later offline runs of 'publish --data DIR/d'.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/vivacite.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
households=${1:-2000}
data=${KEEP_DATA:-$(mktemp -d)}
[ -z "${KEEP_DATA:-}" ] || mkdir "$data"
cp "$jar" "$data/vivacite.jar" # a rebuild during the run must not pull the jar from under the server
jar="$data/vivacite.jar"
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; [ -n "${KEEP_DATA:-}" ] || rm -rf "$data"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s%N)
java -jar "$jar" serve --demo --port "$port" --data "$data/d" --server.address=127.0.0.1 \
  --vivacite.demo-city.households="$households" >"$data/serve.log" 2>&1 &
pid=$!
wait_for() { # what, command…
  local what=$1; shift
  until "$@" >/dev/null 2>&1; do sleep 1; done
  echo "$what: $(( ($(date +%s%N) - start) / 1000000000 )) s"
}
wait_for "history loaded" grep -q "Demo city: history loaded" "$data/serve.log"
wait_for "derived history complete" grep -q "Demo city: derived history complete" "$data/serve.log"
grep -E "Demo city: (history loaded|derived history complete)" "$data/serve.log" | sed 's/.*Demo city/  Demo city/'
for run in first second; do
  t=$(date +%s%N)
  if ! java -jar "$jar" publish --data "$data/d" --server "http://127.0.0.1:$port/" >"$data/$run.json" 2>"$data/$run.err"; then
    echo "$run publish failed after $(( ($(date +%s%N) - t) / 1000000 )) ms:" >&2
    cat "$data/$run.err" >&2
    grep -E "disclosure control|refused" "$data/serve.log" | tail -5 >&2 || true
    exit 1
  fi
  echo "$run publish: $(( ($(date +%s%N) - t) / 1000000 )) ms"
  python3 - "$data/$run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"  {r['cells']} cells, {r['published']} published, {r['seconds']} s in the server")
for d in r['releases']:
    print(f"  {d['dataset']}: {d['cells']} cells, {d['published']} published, {d['coverage']}")
for l in r.get('informationLoss', []):
    shares = ", ".join(f"{f} {float(x) * 100:.1f} %" for f, x in l['consumptionShare'].items())
    print(f"  loss {l['dataset']} {l['level']}: {l['confidential']} of {l['cells']} cells confidential"
          f" ({float(l['cellShare']) * 100:.1f} %){'; consumption hidden: ' + shares if shares else ''}")
PY
done
grep -E "Aggregation view|Publishing:|Release |Published release" "$data/serve.log" | sed 's/^.*INFO *\[[^]]*\] *//' | tail -40
du -sh "$data/d/open-data" | sed 's/^/  release files: /'
