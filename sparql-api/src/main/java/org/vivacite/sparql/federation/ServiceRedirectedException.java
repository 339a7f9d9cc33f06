package org.vivacite.sparql.federation;

/**
 * An allowed endpoint answered with a redirect. Redirects are never followed: the target was not
 * contacted.
 */
public final class ServiceRedirectedException extends FederationException {

    private final int status;
    private final String location;

    /**
     * @param endpoint the endpoint called
     * @param status its 3xx status code
     * @param location its {@code Location} header, or null when it sent none
     */
    public ServiceRedirectedException(String endpoint, int status, String location) {
        super("SERVICE <" + endpoint + "> was redirected (HTTP " + status + ") to "
                + (location == null ? "no Location" : "<" + location + ">")
                + "; federated calls do not follow redirects, only the exact endpoints of "
                + FederationPolicy.ALLOW_SETTING + " are called");
        this.status = status;
        this.location = location;
    }

    public int status() {
        return status;
    }

    /** The {@code Location} the endpoint redirected to, or null. */
    public String location() {
        return location;
    }
}
