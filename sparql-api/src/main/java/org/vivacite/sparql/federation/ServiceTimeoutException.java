package org.vivacite.sparql.federation;

import java.time.Duration;

/** An allowed endpoint did not give its complete answer within the time limit of one call. */
public final class ServiceTimeoutException extends FederationException {

    public ServiceTimeoutException(String endpoint, Duration timeout, Throwable cause) {
        super(
                "SERVICE <" + endpoint + "> gave no complete answer within " + timeout.toMillis() + " ms ("
                        + FederationPolicy.TIMEOUT_SETTING + ")",
                cause);
    }
}
