package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Once {@link BatchingWriter} acknowledges a delivery, it survives {@code kill -9}: a child JVM
 * writes continuously and is killed at a random moment, then the store must reopen cleanly and
 * hold every acknowledged delivery, each one whole (a transaction is all or nothing).
 */
class DurabilityIT {

    private static final long SEED = Long.getLong("durability.seed", System.nanoTime());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} rounds")
    @CsvSource({"lmdb, 20", "tdb2, 5"})
    void acknowledgedWritesSurviveKillMinus9(String kind, int rounds) throws Exception {
        Random random = new Random(SEED);
        System.out.printf("durability %s: seed %d%n", kind, SEED);
        Path store = dir.resolve(kind);
        Set<Long> acknowledged = new HashSet<>();
        for (int round = 0; round < rounds; round++) {
            Set<Long> acks = writeUntilKilled(kind, store, round * 10_000_000L, 20 + random.nextInt(800));
            assertThat(acks)
                    .as("round %d: the child was writing when killed", round)
                    .isNotEmpty();
            acknowledged.addAll(acks);
            try (QuadStore reopened = QuadStores.open(kind, "private", store)) {
                Map<Long, Long> present = countPerDelivery(reopened);
                for (long id : acknowledged) {
                    assertThat(present.get(id))
                            .as("round %d: acknowledged delivery %d", round, id)
                            .isEqualTo(10L);
                }
                assertThat(present.values())
                        .as("round %d: every delivery whole", round)
                        .allMatch(n -> n == 10L);
            }
            System.out.printf(
                    "durability %s round %d: %d acknowledged so far, all present%n", kind, round, acknowledged.size());
        }
        assertThat(acknowledged).as("the child acknowledged writes at all").hasSizeGreaterThan(rounds);
    }

    /** Runs the child until its first acknowledgement plus {@code millis}, then kills it; returns its acknowledgements. */
    private static Set<Long> writeUntilKilled(String kind, Path store, long firstId, int millis) throws Exception {
        Process child = ChildJvm.of(DurabilityChild.class, kind, store.toString(), String.valueOf(firstId))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<Long> acks = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CountDownLatch writing = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        acks.add(Long.parseLong(line.substring(4)));
                        writing.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child died: what was read is what was acknowledged
            }
        });
        reader.start();
        assertThat(writing.await(60, TimeUnit.SECONDS))
                .as("child committed a first delivery")
                .isTrue();
        Thread.sleep(millis); // then kill it at a random moment of its steady writing
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        reader.join();
        return acks;
    }

    private static Map<Long, Long> countPerDelivery(QuadStore store) {
        Map<Long, Long> counts = new HashMap<>();
        store.select("SELECT ?s (COUNT(*) AS ?n) { GRAPH ?g { ?s <http://example.org/p> ?o } } GROUP BY ?s")
                .rows()
                .forEach(r -> counts.put(
                        Long.parseLong(r.get("s").getURI().substring("http://example.org/s".length())),
                        ((Number) r.get("n").getLiteralValue()).longValue()));
        return counts;
    }
}
