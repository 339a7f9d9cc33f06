#!/usr/bin/env bash
# The ingest issue's targets on a real server in one JVM
# (app/src/test/java/org/vivacite/app/bench/IngestBenchmark.java):
#   benchmarks/ingest.sh http [telegrams=40000] [batch=1000]   HTTP ingest vs the TDB2 store's own batch rate
#   benchmarks/ingest.sh mqtt [seconds=30] [rate=1000]         MQTT at a steady rate: publication → visible
#   benchmarks/ingest.sh hostile [seconds=60] [rate=200]       the same under misbehaving gateways and SPARQL clients
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl app -am install -DskipTests
./mvnw -q -B -pl app test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd app
exec java -Xmx6g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.app.bench.IngestBenchmark "$@"
