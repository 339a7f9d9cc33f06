package org.vivacite.ingest.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Rejects that remembers what it was given. */
public final class RecordingRejects implements Rejects {

    public record Rejected(String source, String origin, byte[] payload, String reason) {}

    private final ConcurrentLinkedQueue<Rejected> rejected = new ConcurrentLinkedQueue<>();

    @Override
    public void reject(String source, String origin, Instant receivedAt, byte[] payload, String reason) {
        rejected.add(new Rejected(source, origin, payload, reason));
    }

    public List<Rejected> all() {
        return new ArrayList<>(rejected);
    }
}
