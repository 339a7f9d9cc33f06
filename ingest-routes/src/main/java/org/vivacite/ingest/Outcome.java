package org.vivacite.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What became of a payload: how many readings were written (committed, durable), how many the
 * household's consent did not keep (withheld: not written, not an error), and how many
 * inputs (telegrams, frames, records, rows) were rejected to the dead-letter store, how many for
 * each reason, and the first rejections with their reasons and dead-letter id (a payload's rejected
 * inputs are one dead letter).
 *
 * @param accepted readings written, or already in the store (a redelivery); not those withheld
 * @param withheld readings not kept because they are finer than the step the household consented to
 * @param rejected inputs that went to the dead-letter store
 * @param reasons how many inputs were rejected for each reason
 * @param rejections why, one per rejected input, for the first ones (the dead letter keeps all)
 */
public record Outcome(
        int accepted, int withheld, int rejected, Map<String, Integer> reasons, List<Rejection> rejections) {

    /** The reason of inputs that cannot be read at all. */
    private static final String UNDECODABLE = "undecodable";

    /** One rejected input: the dead letter it is in, the reason and what is wrong. */
    public record Rejection(String deadLetterId, String reason, String detail) {}

    public Outcome {
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
        rejections = List.copyOf(rejections);
    }

    /** An outcome of nothing withheld. */
    public Outcome(int accepted, int rejected, Map<String, Integer> reasons, List<Rejection> rejections) {
        this(accepted, 0, rejected, reasons, rejections);
    }

    /** An outcome of nothing withheld whose rejections are all listed: the reasons are counted from them. */
    public Outcome(int accepted, int rejected, List<Rejection> rejections) {
        this(accepted, rejected, count(rejections), rejections);
    }

    /**
     * Whether nothing of the payload could be read: nothing written or withheld, and every input rejected as
     * undecodable (not, say, quarantined for an unknown meter, which a replay may write).
     */
    public boolean unreadable() {
        return accepted == 0
                && withheld == 0
                && rejected > 0
                && reasons.keySet().equals(Set.of(UNDECODABLE));
    }

    private static Map<String, Integer> count(List<Rejection> rejections) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rejections.forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
        return counts;
    }
}
