package org.vivacite.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP over loopback, as a client of the server would speak it. */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Long enough for a large upload on a loaded machine (a registry of a whole simulated city). */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Http() {}

    public static HttpResponse<String> get(String url, String... headers) {
        return send(url, HttpRequest.BodyPublishers.noBody(), "GET", headers);
    }

    public static HttpResponse<String> delete(String url, String... headers) {
        return send(url, HttpRequest.BodyPublishers.noBody(), "DELETE", headers);
    }

    public static HttpResponse<String> post(String url, String body, String... headers) {
        return send(url, HttpRequest.BodyPublishers.ofString(body), "POST", headers);
    }

    private static HttpResponse<String> send(
            String url, HttpRequest.BodyPublisher body, String method, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> post(String url, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(
                    request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
