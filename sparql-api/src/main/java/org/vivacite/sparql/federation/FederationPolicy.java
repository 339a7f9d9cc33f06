package org.vivacite.sparql.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;

/**
 * Where the SERVICE calls of the public SPARQL endpoint may go, and how long one call may take.
 *
 * <p>An endpoint is allowed when its scheme, host, port and path equal those of an entry of the
 * allow-list after a light normalisation: scheme and host in lower case, the default port (80, 443)
 * written out, an empty path read as {@code /}. Nothing else is normalised and no name is resolved,
 * so {@code localhost}, {@code 127.0.0.1} and {@code [::1]} are three different hosts and
 * {@code /sparql/} is not {@code /sparql}. An IRI with user info, a query or a fragment is never
 * allowed. An empty allow-list refuses every SERVICE.
 *
 * <p>A query execution obeys the policy once every key of {@link #context()} is set in its context.
 * A refused SERVICE then fails with {@link ServiceRefusedException} before any connection is opened
 * (with {@code SERVICE SILENT} it yields the empty solution instead); an allowed one is called
 * without following redirects ({@link ServiceRedirectedException}) and within {@link #timeout()}
 * ({@link ServiceTimeoutException}).
 */
public final class FederationPolicy {

    /** The setting that lists the allowed endpoints. */
    public static final String ALLOW_SETTING = "vivacite.sparql.federation.allow";

    /** The setting that bounds one SERVICE call. */
    public static final String TIMEOUT_SETTING = "vivacite.sparql.federation.timeout";

    private final List<String> allow;
    private final Set<String> allowedEndpoints;
    private final Duration timeout;
    private final FederationHttpClient httpClient;

    /**
     * @param allow the endpoints SERVICE may call, as absolute http(s) URLs
     * @param timeout the time limit of one SERVICE call, from sending the request to the end of the
     *     answer
     * @throws IllegalArgumentException when an entry is not an http(s) URL with a host, or has user
     *     info, a query or a fragment, or when the timeout is not positive
     */
    static {
        // ARQ's constants must be initialised in Jena's own order before any of them is read.
        org.apache.jena.sys.JenaSystem.init();
    }

    public FederationPolicy(List<String> allow, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_SETTING + " must be positive, not " + timeout);
        }
        this.allow = List.copyOf(allow);
        Set<String> endpoints = new LinkedHashSet<>();
        for (String entry : this.allow) {
            String endpoint = endpointOf(entry, false);
            if (endpoint == null) {
                throw new IllegalArgumentException(ALLOW_SETTING + " entry '" + entry
                        + "' is not an http(s) URL with a host and without user info, query or fragment");
            }
            endpoints.add(endpoint);
        }
        this.allowedEndpoints = Set.copyOf(endpoints);
        this.timeout = timeout;
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.httpClient = new FederationHttpClient(http, this, timeout);
    }

    /**
     * The context settings that put one query execution under this policy; set every key of it in
     * the execution's context. They are:
     *
     * <ul>
     *   <li>a {@link ServiceExecutorRegistry} (under {@code ARQConstants.registryServiceExecutors})
     *       whose only executor checks the allow-list before any HTTP;
     *   <li>the {@link java.net.http.HttpClient} Jena's SERVICE calls use ({@link ARQ#httpQueryClient}):
     *       it checks the allow-list again, never follows a redirect and enforces the time limit;
     *   <li>the time limit in milliseconds ({@link ARQ#httpQueryTimeout}).
     * </ul>
     *
     * @return a new context; changing it does not change the policy
     */
    public Context context() {
        Context context = new Context();
        ServiceExecutorRegistry.set(context, new ServiceExecutorRegistry().add(new PolicyServiceExecutor(this)));
        context.set(ARQ.httpQueryClient, httpClient);
        context.set(ARQ.httpQueryTimeout, timeout.toMillis());
        return context;
    }

    /** Whether {@code SERVICE <serviceIri>} may be called. */
    public boolean allows(String serviceIri) {
        String endpoint = endpointOf(serviceIri, false);
        return endpoint != null && allowedEndpoints.contains(endpoint);
    }

    /** The allow-list as configured. */
    public List<String> allow() {
        return allow;
    }

    /** The time limit of one SERVICE call. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether an HTTP request may go to this URI: a SPARQL request adds a query string to the endpoint. */
    boolean allowsRequest(URI uri) {
        String endpoint = endpointOf(uri, true);
        return endpoint != null && allowedEndpoints.contains(endpoint);
    }

    FederationHttpClient httpClient() {
        return httpClient;
    }

    private static String endpointOf(String iri, boolean queryAllowed) {
        if (iri == null) {
            return null;
        }
        try {
            return endpointOf(new URI(iri), queryAllowed);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The normalised scheme, host, port and path of an http(s) URI, or null when the URI has no
     * host, has user info or a fragment, or (unless allowed) a query.
     */
    private static String endpointOf(URI uri, boolean queryAllowed) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return null;
        }
        if (uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null
                || (uri.getRawQuery() != null && !queryAllowed)) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    }

    /** The URI without its query, to name an endpoint in messages. */
    static String endpointForMessage(URI uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }
}
