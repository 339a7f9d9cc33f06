#!/usr/bin/env bash
# Our /sparql against a plain Fuseki on the same TDB2 data, side by side in one run
# (app/src/test/java/org/vivacite/app/bench/SparqlBenchmark.java).
# Usage: benchmarks/sparql.sh [households, default 2000] [seconds of throughput per server, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl app -am install -DskipTests
./mvnw -q -B -pl app test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd app
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.app.bench.SparqlBenchmark "$@"
