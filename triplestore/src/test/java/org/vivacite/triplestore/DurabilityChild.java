package org.vivacite.triplestore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * A child JVM that writes deliveries of 10 quads through the {@link BatchingWriter} as fast as it
 * can, printing {@code ACK <id>} once each is committed, until it is killed.
 */
public final class DurabilityChild {

    public static void main(String[] args) throws Exception {
        QuadStore store = QuadStores.open(args[0], "private", Path.of(args[1]));
        long first = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        Semaphore inFlight = new Semaphore(500);
        BatchingWriter writer = new BatchingWriter(store);
        out.println("READY");
        out.flush();
        for (long id = first; ; id++) {
            inFlight.acquire();
            long acked = id;
            writer.write(BatchingWriterTest.delivery((int) (acked % Integer.MAX_VALUE), 10))
                    .whenComplete((ok, error) -> {
                        if (error == null) {
                            synchronized (out) {
                                out.println("ACK " + acked);
                                out.flush();
                            }
                        }
                        inFlight.release();
                    });
        }
    }
}
