package org.vivacite.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * A payload refused for now, before anything of it was kept: the sender is told to send it again
 * after {@link #retryAfter()} (HTTP {@code 429} with {@code Retry-After}, CoAP {@code 4.29} with
 * {@code Max-Age}). It was not read as readings, so it is not a dead letter. The message names the
 * gateway, the limit and its setting.
 */
public abstract class RetryLaterException extends RuntimeException {

    private final String gateway;
    private final Duration retryAfter;

    protected RetryLaterException(String message, String gateway, Duration retryAfter) {
        super(message);
        this.gateway = gateway;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The gateway refused. */
    public String gateway() {
        return gateway;
    }

    /** How long the sender should wait before sending again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up and at least one: for {@code Retry-After} and {@code Max-Age}. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return Math.max(1, retryAfter.toNanosPart() > 0 ? seconds + 1 : seconds);
    }
}
