#!/usr/bin/env bash
# How long 'territory import' takes for a big city (territory/src/test/java/org/vivacite/territory/bench/TerritoryBenchmark.java):
# synthetic BAN, RNB and dwelling files for N buildings over the real IRIS of Grenoble and
# Saint-Martin-d'Hères, with the real COG, EPCI and IRIS extracts, imported into new stores
# (LMDB private, TDB2 public), then imported again. Usage: benchmarks/territory.sh [buildings] [dir]
# (default 100000, a new temporary folder). Record the result in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -pl ontology,triplestore,territory test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd territory
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vivacite.territory.bench.TerritoryBenchmark "$@"
