package org.vivacite.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What became of a payload: how many readings were written (committed, durable) and how many
 * inputs (telegrams, frames, records, rows) were rejected to the dead-letter store, how many for
 * each reason, and the first rejections with their reasons and dead-letter id (a payload's rejected
 * inputs are one dead letter).
 *
 * @param accepted readings written, or already in the store (a redelivery)
 * @param rejected inputs that went to the dead-letter store
 * @param reasons how many inputs were rejected for each reason
 * @param rejections why, one per rejected input, for the first ones (the dead letter keeps all)
 */
public record Outcome(int accepted, int rejected, Map<String, Integer> reasons, List<Rejection> rejections) {

    /** The reason of inputs that cannot be read at all. */
    private static final String UNDECODABLE = "undecodable";

    /** One rejected input: the dead letter it is in, the reason and what is wrong. */
    public record Rejection(String deadLetterId, String reason, String detail) {}

    public Outcome {
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
        rejections = List.copyOf(rejections);
    }

    /** An outcome whose rejections are all listed: the reasons are counted from them. */
    public Outcome(int accepted, int rejected, List<Rejection> rejections) {
        this(accepted, rejected, count(rejections), rejections);
    }

    /**
     * Whether nothing of the payload could be read: nothing written, and every input rejected as
     * undecodable (not, say, quarantined for an unknown meter, which a replay may write).
     */
    public boolean unreadable() {
        return accepted == 0 && rejected > 0 && reasons.keySet().equals(Set.of(UNDECODABLE));
    }

    private static Map<String, Integer> count(List<Rejection> rejections) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rejections.forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
        return counts;
    }
}
