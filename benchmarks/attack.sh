#!/usr/bin/env bash
# The attacker suite on a data folder's public outputs (open-data/src/test/java/org/vivacite/opendata/
# disclosure/DemoAttack.java): the CSV files of every release and the public store's open-data graphs,
# attacked by the exact-recovery and the LP attacker, judged against the releases' private audit
# records. Usage: benchmarks/attack.sh DATA [protection-level [daily-sample]], with the server stopped
# (the LP attacker bounds every primary cell longer than a day and a seeded sample of the daily ones,
# 300 by default: the simplex takes seconds per cell at the demo's size); DATA is the
# server's data folder, e.g. the demo city's kept by 'KEEP_DATA=/tmp/demo benchmarks/publish.sh'
# (then DATA is /tmp/demo/d). Exits 1 when a primary cell is recovered or bounded within the level.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(realpath "$1"); shift
./mvnw -q -B -pl open-data -am install -DskipTests
./mvnw -q -B -pl open-data test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd open-data
exec java -Xmx8g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.opendata.disclosure.DemoAttack "$data" "$@"
