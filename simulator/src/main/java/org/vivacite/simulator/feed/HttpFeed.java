package org.vivacite.simulator.feed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.vivacite.simulator.WireFormat;

/**
 * Posts each payload to the platform's HTTP ingest, {@code POST {server}/ingest/{format}}, as a
 * gateway does: with its bearer token and the payload's content type. Any 2xx answer (the server
 * gives 202 and a count) is a delivery.
 */
public final class HttpFeed implements FeedSink {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int REASON_CHARS = 200;

    private final String server;
    private final String gatewayToken;
    private final HttpClient client;

    /**
     * @param server the platform's base URI, e.g. {@code http://localhost:8080}
     * @param gatewayToken the gateway's bearer token
     */
    public HttpFeed(URI server, String gatewayToken) {
        String base = Objects.requireNonNull(server, "server").toString();
        this.server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.gatewayToken = Objects.requireNonNull(gatewayToken, "gatewayToken");
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public void send(WireFormat format, String contentType, byte[] payload) {
        URI url = URI.create(server + "/ingest/" + format.path());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + gatewayToken)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FeedException("cannot POST to " + url + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException("interrupted while posting to " + url, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        if (status == 401) {
            throw new FeedException("POST " + url + " answered 401: the server refused the gateway token");
        }
        throw new FeedException("POST " + url + " answered " + status + ": " + excerpt(response.body()));
    }

    /** Nothing to release: Java 17's HttpClient frees its threads once unreferenced. */
    @Override
    public void close() {}

    /** What went wrong, in words: Java's HttpClient often gives no message for a refused connection. */
    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused or host unreachable";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The start of a response body on one line, enough to show the server's reason. */
    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "(no body)";
        }
        return line.length() <= REASON_CHARS ? line : line.substring(0, REASON_CHARS) + "…";
    }
}
