#!/usr/bin/env bash
# The wM-Bus decoder against the wmbusmeters driver vectors (docs/ingest.md): the share of vectors
# whose main register matches. The vectors are GPL-3.0 and stay in shared/reference.
# Usage: benchmarks/wmbusmeters.sh [path to wmbusmeters_driver_tests.tsv]
set -euo pipefail
cd "$(dirname "$0")/.."
tsv=${1:-../shared/reference/01_wmbus/wmbusmeters/wmbusmeters_driver_tests.tsv}
./mvnw -q -B -pl ingest-routes -am install -DskipTests
./mvnw -q -B -pl ingest-routes test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "ingest-routes/target/test-classes:ingest-routes/target/classes:$(cat ingest-routes/target/bench.classpath)" \
  org.vivacite.ingest.wmbus.WmbusmetersShare "$tsv"
