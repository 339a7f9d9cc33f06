#!/usr/bin/env bash
# How 'publish' grows with the city (open-data/src/test/java/org/vivacite/opendata/bench/PublishBenchmark.java):
# a synthetic city per size, a year of daily consumption already rolled up in an LMDB private
# store, one publication timed. Usage: benchmarks/publish-scale.sh [households…] (default 2000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl open-data -am install -DskipTests
./mvnw -q -B -pl open-data test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd open-data
exec java -Xmx8g -Dorg.slf4j.simpleLogger.log.org.vivacite=info -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.opendata.bench.PublishBenchmark "$@"
