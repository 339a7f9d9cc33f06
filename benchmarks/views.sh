#!/usr/bin/env bash
# The aggregation views alone (open-data/src/test/java/org/vivacite/opendata/bench/ViewsBenchmark.java):
# PublishBenchmark's synthetic city plus a month of half-hourly load curves, written once into an
# LMDB store kept in DIR, then the views computed RUNS times, elapsed and CPU time of each printed.
# Usage: benchmarks/views.sh DIR [households] [runs] (default 2000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl open-data -am install -DskipTests
./mvnw -q -B -pl open-data test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
dir=$(realpath -m "$1")
shift
cd open-data
exec java -Xmx6g -Dorg.slf4j.simpleLogger.log.org.vivacite=info -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.opendata.bench.ViewsBenchmark "$dir" "$@"
