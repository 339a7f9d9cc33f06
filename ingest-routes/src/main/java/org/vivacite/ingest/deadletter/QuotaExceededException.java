package org.vivacite.ingest.deadletter;

import java.time.Duration;
import org.vivacite.ingest.RetryLaterException;

/**
 * The dead-letter store refuses to keep more: a gateway is at its quota, or a letter would take the
 * store past its total. Nothing of the refused payload is in the dead-letter store; the sender is
 * told to send it again after {@link #retryAfter()} (its readings that were written are written
 * again, idempotently). The message names the gateway, the quota and its setting.
 */
public class QuotaExceededException extends RetryLaterException {

    public QuotaExceededException(String message, String gateway, Duration retryAfter) {
        super(message, gateway, retryAfter);
    }
}
