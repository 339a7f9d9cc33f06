package org.vivacite.ingest.source;

import java.time.Duration;
import org.vivacite.ingest.RetryLaterException;

/**
 * A gateway sends faster than its ingest rate ({@link IngestRate}): its payload is refused before it
 * is read, nothing of it kept; it sends it again after {@link #retryAfter()}, the time until the
 * gateway has a token again.
 */
public class RateLimitedException extends RetryLaterException {

    public RateLimitedException(String message, String gateway, Duration retryAfter) {
        super(message, gateway, retryAfter);
    }
}
