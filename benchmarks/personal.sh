#!/usr/bin/env bash
# The personal API's consumption read for a household with a year of half-hourly electricity, in a
# real LMDB private store (portal/src/test/java/org/vivacite/portal/bench/PersonalBenchmark.java).
# Usage: benchmarks/personal.sh [other households, default 50] [runs per question, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl portal -am install -DskipTests
./mvnw -q -B -pl portal test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd portal
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.portal.bench.PersonalBenchmark "$@"
