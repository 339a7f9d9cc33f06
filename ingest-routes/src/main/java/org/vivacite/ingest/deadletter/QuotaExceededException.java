package org.vivacite.ingest.deadletter;

import java.time.Duration;

/**
 * The dead-letter store refuses to keep more: a gateway is at its quota, or a letter would take the
 * store past its total. Nothing of the refused payload is in the dead-letter store; the sender is
 * told to send it again after {@link #retryAfter()} (its readings that were written are written
 * again, idempotently). The message names the gateway, the quota and its setting.
 */
public class QuotaExceededException extends RuntimeException {

    private final String gateway;
    private final Duration retryAfter;

    public QuotaExceededException(String message, String gateway, Duration retryAfter) {
        super(message);
        this.gateway = gateway;
        this.retryAfter = retryAfter;
    }

    /** The gateway refused. */
    public String gateway() {
        return gateway;
    }

    /** How long the sender should wait before sending again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
