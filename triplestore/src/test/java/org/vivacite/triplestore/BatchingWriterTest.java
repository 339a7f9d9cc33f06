package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingWriterTest {

    private static final String G = "http://localhost:8080/graph/private/w";

    @TempDir
    Path dir;

    private QuadStore store;

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static List<Quad> delivery(int id, int size) {
        List<Quad> quads = new ArrayList<>();
        for (int v = 0; v < size; v++) {
            quads.add(Quad.create(
                    NodeFactory.createURI(G),
                    NodeFactory.createURI("http://example.org/s" + id),
                    NodeFactory.createURI("http://example.org/p"),
                    NodeFactory.createLiteralByValue(v)));
        }
        return quads;
    }

    @Test
    void acknowledgedDeliveriesAreInTheStore() throws Exception {
        try (BatchingWriter writer = new BatchingWriter(store)) {
            writer.write(delivery(1, 3)).get(10, TimeUnit.SECONDS);
            writer.write(delivery(2, 4)).get(10, TimeUnit.SECONDS);
        }
        assertThat(store.statistics()).containsEntry(G, 7L);
    }

    @Test
    void smallDeliveriesShareTransactions() throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try (BatchingWriter writer = new BatchingWriter(store, 10_000, Duration.ofMillis(500))) {
            for (int i = 0; i < 200; i++) {
                acks.add(writer.write(delivery(i, 2)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(writer.commits()).as("transactions for 200 deliveries").isLessThan(20);
        }
        assertThat(store.statistics()).containsEntry(G, 400L);
    }

    @Test
    void aFullBatchCommitsWithoutWaitingForTheDelay() throws Exception {
        try (BatchingWriter writer = new BatchingWriter(store, 10, Duration.ofHours(1))) {
            writer.write(delivery(1, 10)).get(30, TimeUnit.SECONDS); // an hour's delay would time out
            assertThat(writer.commits()).isEqualTo(1);
        }
    }

    @Test
    void aLoneSmallDeliveryCommitsOnceItsDelayHasPassed() throws Exception {
        try (BatchingWriter writer = new BatchingWriter(store, 1_000_000, Duration.ofMillis(100))) {
            writer.write(delivery(1, 1)).get(30, TimeUnit.SECONDS); // never fills the batch
        }
        assertThat(store.statistics()).containsEntry(G, 1L);
    }

    @Test
    void closeCommitsWhatIsQueued() {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try (BatchingWriter writer = new BatchingWriter(store, 1_000_000, Duration.ofHours(1))) {
            for (int i = 0; i < 5; i++) {
                acks.add(writer.write(delivery(i, 2)));
            }
        }
        assertThat(acks).allSatisfy(a -> assertThat(a).isCompleted());
        assertThat(store.statistics()).containsEntry(G, 10L);
    }

    @Test
    void aFailedTransactionFailsEveryDeliveryInIt() {
        store.close();
        try (BatchingWriter writer = new BatchingWriter(store, 100, Duration.ofMillis(50))) {
            CompletableFuture<Void> a = writer.write(delivery(1, 1));
            CompletableFuture<Void> b = writer.write(delivery(2, 1));
            for (CompletableFuture<Void> f : List.of(a, b)) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(StoreException.class)
                        .hasMessageContaining("closed");
            }
        }
        store = QuadStores.open("lmdb", "private", dir.resolve("store"));
        assertThat(store.statistics()).isEmpty();
    }

    @Test
    void aDeliveryOutsideNamedGraphsIsRefusedAtOnceAndSparesTheOthers() throws Exception {
        try (BatchingWriter writer = new BatchingWriter(store, 100, Duration.ofMillis(200))) {
            CompletableFuture<Void> good = writer.write(delivery(1, 2));
            var s = NodeFactory.createURI("http://example.org/s");
            assertThatThrownBy(() -> writer.write(List.of(Quad.create(Quad.defaultGraphIRI, s, s, s))))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("named graphs only");
            good.get(30, TimeUnit.SECONDS);
        }
        assertThat(store.statistics()).containsEntry(G, 2L);
    }

    @Test
    void aFatalErrorFailsTheQueueAndLaterWritesAtOnce() {
        BatchingWriter writer = new BatchingWriter(store, 100, Duration.ofMillis(20), quads -> {
            throw new OutOfMemoryError("simulated");
        });
        CompletableFuture<Void> first = writer.write(delivery(1, 1));
        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(OutOfMemoryError.class);
        // The writer is dead: a later delivery is refused, or fails; it never waits forever.
        assertThatThrownBy(() -> writer.write(delivery(2, 1)).get(30, TimeUnit.SECONDS))
                .isInstanceOfAny(StoreException.class, ExecutionException.class);
        writer.close();
    }

    @Test
    void aClosedWriterRefusesDeliveries() {
        BatchingWriter writer = new BatchingWriter(store);
        writer.close();
        assertThatThrownBy(() -> writer.write(delivery(1, 1))).isInstanceOf(StoreException.class);
    }
}
