#!/usr/bin/env bash
# Store write benchmarks (triplestore/src/test/java/org/vivacite/triplestore/bench/StoreBenchmark.java).
# Usage: benchmarks/store.sh [observations, default 200000] [rollups|disk|remote]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl triplestore -am install -DskipTests
./mvnw -q -B -pl triplestore test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd triplestore
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.triplestore.bench.StoreBenchmark "$@"
