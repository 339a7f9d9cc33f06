package org.vivacite.sparql.federation;

import org.apache.jena.query.QueryExecException;

/**
 * A SERVICE call of the public SPARQL endpoint was stopped by the federation policy. It extends
 * Jena's {@link QueryExecException} so that ARQ passes it up to whoever runs the query.
 */
public class FederationException extends QueryExecException {

    public FederationException(String message) {
        super(message);
    }

    public FederationException(String message, Throwable cause) {
        super(message, cause);
    }
}
