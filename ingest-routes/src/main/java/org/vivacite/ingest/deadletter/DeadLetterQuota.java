package org.vivacite.ingest.deadletter;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the dead-letter store keeps: letters and bytes (of their files) per gateway and in all.
 * A gateway at its quota is refused before its payload is read; a letter that would take the store
 * past its total is refused. Either way the sender is told to send again after {@code retryAfter}
 * (docs/ingest.md, "Dead-letter quotas").
 *
 * @param gatewayLetters letters one gateway may have waiting
 * @param gatewayBytes bytes one gateway's waiting letters may take
 * @param totalLetters letters the store may hold
 * @param totalBytes bytes the store's letters may take
 * @param retryAfter how long a refused sender should wait before sending again
 */
public record DeadLetterQuota(
        long gatewayLetters, long gatewayBytes, long totalLetters, long totalBytes, Duration retryAfter) {

    /** No limit: for the commands, which only replay what is there, and for tests. */
    public static final DeadLetterQuota NONE =
            new DeadLetterQuota(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Duration.ofMinutes(15));

    public DeadLetterQuota {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (gatewayLetters < 1 || gatewayBytes < 1 || totalLetters < 1 || totalBytes < 1) {
            throw new IllegalArgumentException("dead-letter quotas must be positive: " + gatewayLetters + " letters, "
                    + gatewayBytes + " bytes per gateway; " + totalLetters + " letters, " + totalBytes
                    + " bytes in all");
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("dead-letter retry-after must be positive, not " + retryAfter);
        }
    }
}
