package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ontology.Ontology;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/** {@code vivacite store …} against real stores in a data directory, as an operator runs it. */
class StoreCommandTest extends InProcessCommand {

    private static final String BASE = "http://localhost:18080/"; // not the configured default: check must cope
    private static final GraphNames GRAPHS = new GraphNames(BASE);
    private static final String HOUSEHOLD = GRAPHS.privateGraph("3f9a1c0e5b7d2a64");

    @TempDir
    Path data;

    @BeforeEach
    void dataDirectoryWithTheWorkedExample() {
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            store.add(
                    GRAPHS.territory(),
                    Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE).getGraph());
            store.add(HOUSEHOLD, Ontology.read(Ontology.EXAMPLE_HOUSEHOLD, BASE).getGraph());
        }
        try (QuadStore store = QuadStores.open("tdb2", "public", data.resolve("public"))) {
            store.add(
                    GRAPHS.territory(),
                    Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE).getGraph());
        }
    }

    @Test
    void statsListsGraphsAndCounts() {
        assertThat(run("store", "stats", "--data", data.toString())).isZero();
        assertThat(out.toString())
                .startsWith("private store: lmdb, LMDB store in " + data.resolve("private"))
                .contains("2 graphs, 90 triples")
                .containsPattern("\\s+46  " + HOUSEHOLD)
                .containsPattern("\\s+44  " + GRAPHS.territory());
        assertThat(run("store", "stats", "--store", "public", "--data", data.toString()))
                .isZero();
        assertThat(out.toString()).startsWith("public store: tdb2").contains("1 graph, 44 triples");
    }

    @Test
    void backupThenRestoreBringsTheStoreBack() throws Exception {
        Path backup = data.resolve("private.nq.gz");
        assertThat(run("store", "backup", backup.toString(), "--data", data.toString()))
                .isZero();
        assertThat(out.toString()).contains("backed up the private store (2 graphs, 90 triples) to " + backup);
        assertThat(Files.readAllBytes(backup)[0]).isEqualTo((byte) 0x1f); // gzip
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                .isEqualTo("rw-------");
        assertThat(backup.resolveSibling("private.nq.gz.partial")).doesNotExist();

        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            store.drop(HOUSEHOLD);
        }
        assertThat(run("store", "restore", backup.toString(), "--data", data.toString()))
                .isZero();
        assertThat(out.toString()).contains("2 graphs, 90 triples");
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            assertThat(store.read(HOUSEHOLD)
                            .isIsomorphicWith(Ontology.read(Ontology.EXAMPLE_HOUSEHOLD, BASE)
                                    .getGraph()))
                    .isTrue();
        }
    }

    @Test
    void restoreOfAMissingFileIsOneLine() {
        assertThat(run("store", "restore", data.resolve("nope.nq.gz").toString(), "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("vivacite: backup '" + data.resolve("nope.nq.gz") + "' cannot be read");
    }

    @Test
    void aBackupThatIsNotNQuadsOrTruncatedChangesNothing() throws Exception {
        Path backup = data.resolve("private.nq.gz");
        assertThat(run("store", "backup", backup.toString(), "--data", data.toString()))
                .isZero();
        Path truncated = data.resolve("truncated.nq.gz");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(backup), 300));
        Path garbage = data.resolve("garbage.nq");
        Files.writeString(garbage, "<http://a> <http://b> <http://c> <http://g> .\nthis is garbage\n");
        for (Path bad : java.util.List.of(truncated, garbage)) {
            assertThat(run("store", "restore", bad.toString(), "--data", data.toString()))
                    .as(bad.toString())
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("vivacite: backup '" + bad + "' ");
            assertThat(run("store", "stats", "--data", data.toString())).isZero();
            assertThat(out.toString()).as("store untouched after " + bad).contains("2 graphs, 90 triples");
        }
    }

    @Test
    void compactSaysWhatItDid() {
        assertThat(run("store", "compact", "--store", "public", "--data", data.toString()))
                .isZero();
        assertThat(out.toString()).startsWith("compacted the public store (tdb2): 1 graph, 44 triples");
        assertThat(run("store", "compact", "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("reuses freed space itself: nothing to compact");
    }

    @Test
    void checkValidatesEveryGraph() {
        assertThat(run("store", "check", "--data", data.toString())).isZero();
        assertThat(out.toString())
                .contains("private store opens and answers: 2 graphs, 90 triples")
                .contains("shapes: 2 graph(s) checked, 0 violation(s)");
    }

    @Test
    void checkFailsOnDataThatBreakTheShapes() {
        Graph bad = GraphFactory.createDefaultGraph();
        RDFParser.fromString("""
                <http://localhost:8080/obs/x> a <http://www.w3.org/ns/sosa/Observation> ;
                    <http://www.w3.org/ns/sosa/hasSimpleResult> "lots" .""", Lang.TURTLE).parse(bad);
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            store.add(GRAPHS.privateGraph("bad"), bad);
        }
        assertThat(run("store", "check", "--data", data.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains("shapes: 3 graph(s) checked")
                .contains("<http://localhost:8080/obs/x>")
                .contains("is not a number");
    }

    @Test
    void unknownStoreAndMissingDataAreOneLine() {
        assertThat(run("store", "stats", "--store", "secret", "--data", data.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'secret' is not a store: use private or public");
        assertThat(run("store", "stats", "--data", data.resolve("none").toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("vivacite: data directory '" + data.resolve("none") + "' does not exist");
    }

    @Test
    void configuredKindIsHonoured() {
        assertThat(run("store", "stats", "--data", data.toString(), "--vivacite.store.private.kind=nosuch"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("unknown store kind 'nosuch' for the private store");
    }

    @Test
    void restoreOntoAnEmptyDataDirectoryCreatesTheStore(@TempDir Path machine) throws Exception {
        Path backup = data.resolve("private.nq.gz");
        assertThat(run("store", "backup", backup.toString(), "--data", data.toString()))
                .isZero();
        for (Path fresh : java.util.List.of(machine.resolve("empty"), machine.resolve("missing/data"))) {
            if (fresh.endsWith("empty")) {
                Files.createDirectory(fresh, ownerOnly());
            }
            assertThat(run("store", "restore", backup.toString(), "--data", fresh.toString()))
                    .as(err.toString())
                    .isZero();
            assertThat(out.toString()).contains("restored the private store").contains("2 graphs, 90 triples");
            assertThat(mode(fresh)).isEqualTo("rwx------");
            assertThat(mode(fresh.resolve("private"))).isEqualTo("rwx------");
            try (QuadStore store = QuadStores.open("lmdb", "private", fresh.resolve("private"))) {
                assertThat(store.read(HOUSEHOLD)
                                .isIsomorphicWith(Ontology.read(Ontology.EXAMPLE_HOUSEHOLD, BASE)
                                        .getGraph()))
                        .isTrue();
            }
        }
    }

    @Test
    void aFailedRestoreOntoAnEmptyDataDirectoryLeavesNothingBehind(@TempDir Path machine) throws Exception {
        Path corrupt = data.resolve("corrupt.nq.gz");
        Files.write(corrupt, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
        Path empty = Files.createDirectory(machine.resolve("empty"), ownerOnly());
        Path missing = machine.resolve("missing/data");
        for (Path fresh : java.util.List.of(empty, missing)) {
            assertThat(run("store", "restore", corrupt.toString(), "--data", fresh.toString()))
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("vivacite: backup '" + corrupt + "' ");
        }
        assertThat(run("store", "stats", "--data", empty.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no private store in '" + empty + "'");
        try (var left = Files.list(empty)) {
            assertThat(left).as("left in the empty data directory").isEmpty();
        }
        assertThat(machine.resolve("missing")).doesNotExist();
    }

    private static java.nio.file.attribute.FileAttribute<?> ownerOnly() {
        return java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    private static String mode(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
