package org.vivacite.sparql.federation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The HTTP client of federated SERVICE calls, wrapping a JDK client that never follows redirects.
 * Each request is checked against the allow-list again (so SERVICE stays confined even on a path
 * that skips {@link PolicyServiceExecutor}), a 3xx answer becomes a {@link ServiceRedirectedException},
 * and the time limit covers the whole call: the request times out when no answer has begun within it,
 * and the answer's stream is closed when it has not been read to the end within it.
 */
final class FederationHttpClient extends HttpClient {

    private final HttpClient http;
    private final FederationPolicy policy;
    private final Duration timeout;

    /** @param http a client that does not follow redirects */
    FederationHttpClient(HttpClient http, FederationPolicy policy, Duration timeout) {
        if (http.followRedirects() != Redirect.NEVER) {
            throw new IllegalArgumentException("The HttpClient of federated calls must not follow redirects");
        }
        this.http = http;
        this.policy = policy;
        this.timeout = timeout;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        checkAllowed(request.uri());
        long start = System.nanoTime();
        return checked(http.send(withTimeout(request), handler), start);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        checkAllowed(request.uri());
        long start = System.nanoTime();
        return http.sendAsync(withTimeout(request), handler, pushPromiseHandler)
                .thenApply(response -> checked(response, start));
    }

    private void checkAllowed(URI uri) {
        if (!policy.allowsRequest(uri)) {
            throw new ServiceRefusedException("<" + FederationPolicy.endpointForMessage(uri) + ">");
        }
    }

    private HttpRequest withTimeout(HttpRequest request) {
        Duration requested = request.timeout().orElse(timeout);
        Duration limit = requested.compareTo(timeout) < 0 ? requested : timeout;
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(limit)
                .build();
    }

    private <T> HttpResponse<T> checked(HttpResponse<T> response, long start) {
        String endpoint = FederationPolicy.endpointForMessage(response.request().uri());
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            if (response.body() instanceof InputStream body) {
                closeQuietly(body);
            }
            String location = response.headers().firstValue("Location").orElse(null);
            throw new ServiceRedirectedException(endpoint, status, location);
        }
        if (response.body() instanceof InputStream body) {
            TimedInputStream timed = new TimedInputStream(body, endpoint);
            long left = Math.max(0, start + timeout.toNanos() - System.nanoTime());
            CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS).execute(timed::expire);
            @SuppressWarnings("unchecked")
            T timedBody = (T) timed;
            return new WithBody<>(response, timedBody);
        }
        return response;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The answer is discarded anyway.
        }
    }

    /** An answer stream that is closed, and then fails with a timeout, once the call's time is up. */
    private final class TimedInputStream extends FilterInputStream {

        private final String endpoint;
        private volatile boolean closed;
        private volatile boolean expired;

        TimedInputStream(InputStream in, String endpoint) {
            super(in);
            this.endpoint = endpoint;
        }

        void expire() {
            if (!closed) {
                expired = true;
                closeQuietly(this);
            }
        }

        @Override
        public int read() throws IOException {
            checkNotExpired();
            try {
                return super.read();
            } catch (IOException e) {
                throw expired ? timedOut() : e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkNotExpired();
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw expired ? timedOut() : e;
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }

        private void checkNotExpired() throws HttpTimeoutException {
            if (expired) {
                throw timedOut();
            }
        }

        private HttpTimeoutException timedOut() {
            return new HttpTimeoutException(
                    "SERVICE <" + endpoint + "> gave no complete answer within " + timeout.toMillis() + " ms");
        }
    }

    /** A response with another body. */
    private record WithBody<T>(HttpResponse<T> response, T body) implements HttpResponse<T> {

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return response.previousResponse();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public Version version() {
            return response.version();
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return http.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return http.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return http.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return http.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return http.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return http.authenticator();
    }

    @Override
    public Version version() {
        return http.version();
    }

    @Override
    public Optional<Executor> executor() {
        return http.executor();
    }
}
