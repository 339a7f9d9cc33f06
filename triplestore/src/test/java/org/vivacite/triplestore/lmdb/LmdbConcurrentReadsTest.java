package org.vivacite.triplestore.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/** Reads from several threads while another commits large transactions: each read answers, none fails. */
class LmdbConcurrentReadsTest {

    @TempDir
    Path dir;

    @Test
    void readsAnswerWhileLargeTransactionsCommit() throws Exception {
        org.apache.jena.sys.JenaSystem.init(); // before two threads race to initialise Jena
        try (QuadStore store = QuadStores.open("lmdb", "private", dir)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Thread writer = new Thread(() -> {
                try {
                    commitBatches(store, 12);
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    writing.set(false);
                }
            });
            writer.start();
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            Runnable reader = () -> {
                while (writing.get()) {
                    try {
                        store.statistics();
                        store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
                        store.ask("ASK { GRAPH ?g { ?s <http://example.org/p> \"v7\" } }");
                        store.read("http://example.org/g1");
                        store.contained(List.of(Quad.create(
                                NodeFactory.createURI("http://example.org/g1"),
                                NodeFactory.createURI("http://example.org/s0-1"),
                                NodeFactory.createURI("http://example.org/p"),
                                NodeFactory.createLiteralString("v1"))));
                        reads.incrementAndGet();
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            };
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                Thread t = new Thread(reader, "reader-" + r);
                t.start();
                readers.add(t);
            }
            writer.join();
            for (Thread t : readers) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(store.statistics().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(480_000);
        }
    }

    /**
     * The health probe beside large commits and other reads: it answers UP every time. (The probe
     * used to read without the store's lock; under the hostile benchmark's load RDF4J then failed it,
     * "does not support multiple datasets", and health turned DOWN. This test did not reproduce that
     * failure on the old probe: it holds the contract, the benchmark shows the fix.)
     */
    @Test
    void healthIsUpWhileLargeTransactionsCommit() throws Exception {
        org.apache.jena.sys.JenaSystem.init();
        try (QuadStore store = QuadStores.open("lmdb", "private", dir)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> down = new ConcurrentLinkedQueue<>();
            Thread writer = new Thread(() -> {
                try {
                    commitBatches(store, 8);
                } finally {
                    writing.set(false);
                }
            });
            writer.start();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Thread t = new Thread(
                        () -> {
                            while (writing.get()) {
                                store.ask("ASK { GRAPH ?g { ?s <http://example.org/p> \"v7\" } }");
                            }
                        },
                        "reader-" + r);
                t.start();
                readers.add(t);
            }
            int probes = 0;
            while (writing.get()) {
                org.vivacite.triplestore.StoreHealth health = store.health();
                if (!health.up()) {
                    down.add(health.detail());
                }
                probes++;
                Thread.sleep(2); // a health check is asked now and then, not in a spin
            }
            writer.join();
            for (Thread t : readers) {
                t.join();
            }
            assertThat(down).as("health DOWN during commits").isEmpty();
            assertThat(probes).isPositive();
        }
    }

    /** {@code batches} transactions of 40 000 quads each, in 50 graphs. */
    private static void commitBatches(QuadStore store, int batches) {
        for (int batch = 0; batch < batches; batch++) {
            List<Quad> quads = new ArrayList<>();
            for (int i = 0; i < 40_000; i++) {
                quads.add(Quad.create(
                        NodeFactory.createURI("http://example.org/g" + (i % 50)),
                        NodeFactory.createURI("http://example.org/s" + batch + "-" + i),
                        NodeFactory.createURI("http://example.org/p"),
                        NodeFactory.createLiteralString("v" + i)));
            }
            store.add(quads);
        }
    }
}
