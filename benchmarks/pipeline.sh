#!/usr/bin/env bash
# The ingest pipeline's write rate against the store's own, same quads, same batches
# (ingest-routes/src/test/java/org/vivacite/ingest/bench/PipelineBenchmark.java).
# Usage: benchmarks/pipeline.sh [telegrams, default 40000] [batch, default 1000] [store kind, default tdb2]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl ingest-routes -am install -DskipTests
./mvnw -q -B -pl ingest-routes test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd ingest-routes
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.ingest.bench.PipelineBenchmark "$@"
