#!/usr/bin/env bash
# The citizen's pages over real HTTP on the real server, for a household with a year of half-hourly
# electricity (app/src/test/java/org/vivacite/app/bench/PagesBenchmark.java): median and p95 per page.
# Usage: benchmarks/pages.sh [other households of daily data, default 50] [runs per page, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl app -am install -DskipTests
./mvnw -q -B -pl app test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd app
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.app.bench.PagesBenchmark "$@"
