package org.vivacite.sparql.federation;

/** A SERVICE named an endpoint that is not on the allow-list; no connection was opened. */
public final class ServiceRefusedException extends FederationException {

    private final String service;

    /** @param service the SERVICE target as written in SPARQL: {@code <iri>}, {@code ?var} or a literal */
    public ServiceRefusedException(String service) {
        super("SERVICE " + service + " is not on this endpoint's federation allow-list ("
                + FederationPolicy.ALLOW_SETTING + ")");
        this.service = service;
    }

    /** The SERVICE target as written in SPARQL. */
    public String service() {
        return service;
    }
}
