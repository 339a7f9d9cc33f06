package org.vivacite.simulator.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vivacite.simulator.WireFormat;

/** Against a real HTTP server on a loopback port found free at run time. */
class HttpFeedTest {

    private static final String TOKEN = "gw-secret-7f3a";

    record Received(String method, String path, String authorization, String contentType, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private volatile String answer = "{\"accepted\":1}";
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::record);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void record(HttpExchange exchange) throws IOException {
        Received r = new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestBody().readAllBytes());
        received.add(r);
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void postsEachFormatToItsIngestPathWithBearerTokenAndContentType() {
        byte[] line = "2C446532821851580C7A".getBytes(StandardCharsets.US_ASCII);
        byte[] cbor = {(byte) 0x81, (byte) 0xA2, 0x00, 0x61, 0x74, 0x02, 0x01};
        try (FeedSink feed = new HttpFeed(base, TOKEN)) {
            feed.send(WireFormat.WMBUS, WireFormat.WMBUS.mediaType(), line);
            feed.send(WireFormat.SENML, "application/senml+cbor", cbor);
        }

        assertThat(received).hasSize(2);
        Received first = received.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/ingest/wmbus");
        assertThat(first.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(first.contentType()).isEqualTo("text/plain");
        assertThat(first.body()).isEqualTo(line);
        Received second = received.get(1);
        assertThat(second.method()).isEqualTo("POST");
        assertThat(second.path()).isEqualTo("/ingest/senml");
        assertThat(second.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(second.contentType()).isEqualTo("application/senml+cbor");
        assertThat(second.body()).isEqualTo(cbor);
    }

    @Test
    void serverUriWithTrailingSlashGivesTheSameIngestPath() {
        try (FeedSink feed = new HttpFeed(URI.create(base + "/"), TOKEN)) {
            feed.send(WireFormat.CSV, WireFormat.CSV.mediaType(), "a;b\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(received).extracting(Received::path).containsExactly("/ingest/csv");
    }

    @Test
    void refusedTokenGivesFeedExceptionSayingSoWithoutTheToken() {
        status = 401;
        answer = "{\"error\":\"unknown gateway token\"}";
        try (FeedSink feed = new HttpFeed(base, TOKEN)) {
            assertThatThrownBy(() -> feed.send(WireFormat.TIC, WireFormat.TIC.mediaType(), new byte[] {2, 3}))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining(base + "/ingest/tic")
                    .hasMessageContaining("401")
                    .hasMessageContaining("refused the gateway token")
                    .message()
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void badRequestCarriesTheServersReasonButNotThePayload() {
        status = 400;
        answer = "{\"error\":\"line 1: odd number of hex digits\"}";
        try (FeedSink feed = new HttpFeed(base, TOKEN)) {
            assertThatThrownBy(() ->
                            feed.send(WireFormat.WMBUS, "text/plain", "C0FFEE1".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining(base + "/ingest/wmbus")
                    .hasMessageContaining("400")
                    .hasMessageContaining("line 1: odd number of hex digits")
                    .message()
                    .doesNotContain("C0FFEE1")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void unreachableServerGivesFeedExceptionNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        try (FeedSink feed = new HttpFeed(nowhere, TOKEN)) {
            assertThatThrownBy(() -> feed.send(WireFormat.DATACONNECT, "application/json", "{}".getBytes()))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining(nowhere + "/ingest/dataconnect")
                    .message()
                    .doesNotContain(TOKEN);
        }
    }
}
