package org.vivacite.simulator.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vivacite.simulator.WireFormat;

/**
 * Against a real Californium server on a loopback port found free at run time, with the platform's
 * two CoAP resources, {@code ingest/senml} and {@code ingest/wmbus}.
 */
class CoapFeedTest {

    record Received(String path, String query, boolean confirmable, int contentFormat, byte[] payload) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ResponseCode answer = ResponseCode.CHANGED;
    private CoapServer server;
    private URI base;

    private final class Ingest extends CoapResource {
        Ingest(String name) {
            super(name);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            received.add(new Received(
                    getURI(),
                    exchange.getRequestOptions().getUriQueryString(),
                    exchange.advanced().getRequest().isConfirmable(),
                    exchange.getRequestOptions().getContentFormat(),
                    exchange.getRequestPayload()));
            exchange.respond(answer, answer.isSuccess() ? "" : "payload is not SenML");
        }
    }

    @BeforeEach
    void startServer() {
        Configuration config =
                new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build());
        server.add(new CoapResource("ingest").add(new Ingest("senml"), new Ingest("wmbus")));
        server.start();
        base = URI.create(
                "coap://127.0.0.1:" + server.getEndpoints().get(0).getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.destroy();
    }

    @Test
    void postsConfirmableRequestsWithTheContentFormatOfEachMediaType() {
        byte[] json = "[{\"n\":\"t\",\"v\":1}]".getBytes(StandardCharsets.UTF_8);
        byte[] cbor = {(byte) 0x81, (byte) 0xA2, 0x00, 0x61, 0x74, 0x02, 0x01};
        byte[] line = "2C446532821851580C7A".getBytes(StandardCharsets.US_ASCII);
        try (FeedSink feed = new CoapFeed(base)) {
            feed.send(WireFormat.SENML, "application/senml+json", json);
            feed.send(WireFormat.SENML, "application/senml+cbor", cbor);
            feed.send(WireFormat.WMBUS, "text/plain; charset=us-ascii", line);
        }

        assertThat(received)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.confirmable()).isTrue());
        assertThat(received)
                .extracting(Received::path, Received::contentFormat)
                .containsExactly(
                        Tuple.tuple("/ingest/senml", 110),
                        Tuple.tuple("/ingest/senml", 112),
                        Tuple.tuple("/ingest/wmbus", 0));
        assertThat(received.get(0).payload()).isEqualTo(json);
        assertThat(received.get(1).payload()).isEqualTo(cbor);
        assertThat(received.get(2).payload()).isEqualTo(line);
    }

    @Test
    void namesItsGatewayInTheQueryAsPlainCoapHasNoIdentity() {
        try (FeedSink feed = new CoapFeed(base, Duration.ofSeconds(5), "demo-city")) {
            feed.send(WireFormat.SENML, "application/senml+json", "[]".getBytes(StandardCharsets.UTF_8));
        }
        try (FeedSink feed = new CoapFeed(base)) {
            feed.send(WireFormat.SENML, "application/senml+json", "[]".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(received).extracting(Received::query).containsExactly("gw=demo-city", "");
    }

    @Test
    void createdIsASuccessToo() {
        answer = ResponseCode.CREATED;
        try (FeedSink feed = new CoapFeed(base)) {
            feed.send(WireFormat.WMBUS, "application/octet-stream", new byte[] {0x2C, 0x44});
        }
        assertThat(received).extracting(Received::contentFormat).containsExactly(42);
    }

    @Test
    void badRequestGivesFeedExceptionWithTheResponseCode() {
        answer = ResponseCode.BAD_REQUEST;
        try (FeedSink feed = new CoapFeed(base)) {
            assertThatThrownBy(() -> feed.send(WireFormat.SENML, "application/senml+json", "{}".getBytes()))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining(base + "/ingest/senml")
                    .hasMessageContaining("4.00")
                    .hasMessageContaining("BAD_REQUEST")
                    .hasMessageContaining("payload is not SenML");
        }
    }

    @Test
    void silentServerGivesFeedExceptionAfterTheTimeout() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                FeedSink feed = new CoapFeed(
                        URI.create("coap://127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(300), null)) {
            assertThatThrownBy(() -> feed.send(WireFormat.WMBUS, "text/plain", "2C44".getBytes()))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining("coap://127.0.0.1:" + silent.getLocalPort() + "/ingest/wmbus");
        }
    }

    @Test
    void rejectsFormatsThePlatformHasNoCoapResourceFor() {
        try (FeedSink feed = new CoapFeed(base)) {
            assertThatThrownBy(() -> feed.send(WireFormat.CSV, "text/csv", "a;b\n".getBytes()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("csv");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void rejectsMediaTypeWithoutCoapContentFormat() {
        try (FeedSink feed = new CoapFeed(base)) {
            assertThatThrownBy(() -> feed.send(WireFormat.SENML, "application/x-unknown", new byte[] {1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("application/x-unknown");
        }
    }
}
