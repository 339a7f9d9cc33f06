package org.vivacite.ingest.deadletter;

import java.time.Instant;
import org.vivacite.ingest.Envelope;

/**
 * An input that was not written: the envelope it came in (raw payload, format, source, gateway,
 * receipt time), when and why it was rejected.
 *
 * @param id the store's identifier, time-ordered
 * @param envelope the input as received (the payload may be one line, frame or row of a larger message)
 * @param rejectedAt when it was (last) rejected
 * @param reason the category
 * @param detail the decoder's message: names the input and the rule broken, never a key
 * @param attempts how many times it was rejected (1, plus failed replays)
 * @param truncated whether the payload was cut to the store's size limit
 */
public record DeadLetter(
        String id,
        Envelope envelope,
        Instant rejectedAt,
        Reason reason,
        String detail,
        int attempts,
        boolean truncated) {}
