package org.vivacite.ingest.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.deadletter.QuotaExceededException;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.IngestRate;
import org.vivacite.ingest.source.RecordingIngest;

/** The CoAP server on free loopback ports, with real Californium clients, plain and DTLS (PSK). */
class CoapIngestServerTest {

    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    private final RecordingIngest ingest = new RecordingIngest();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DefaultCamelContext camel;
    private CoapIngestServer server;
    private final List<CoapClient> clients = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new CoapIngestRoute(new IngestGate(ingest, registry)));
        camel.start();
        server = CoapIngestServer.start(
                new CoapSourceSettings("127.0.0.1", 0, "127.0.0.1", 0, Map.of("gw-coap", KEY)),
                camel,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        clients.forEach(c -> {
            c.getEndpoint().destroy();
            c.shutdown();
        });
        server.close();
        camel.stop();
    }

    private CoapClient plain(String path) {
        CoapClient c = new CoapClient("coap://127.0.0.1:" + server.plainPort() + path);
        // The client's own socket on loopback too.
        c.setEndpoint(CoapEndpoint.builder()
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                .build());
        c.setTimeout(10_000L);
        clients.add(c);
        return c;
    }

    private CoapClient secure(String path, String identity, byte[] key) {
        Configuration config = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        CoapEndpoint endpoint = CoapEndpoint.builder()
                .setConfiguration(config)
                .setConnector(new DTLSConnector(dtls))
                .build();
        CoapClient c = new CoapClient("coaps://127.0.0.1:" + server.securePort() + path);
        c.setEndpoint(endpoint);
        c.setTimeout(5_000L);
        clients.add(c);
        return c;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private double count(String outcome) {
        var c = registry.find(IngestGate.MESSAGES)
                .tag("source", "coap")
                .tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void senmlJsonIsAcceptedWithChangedAndTheCounts() throws Exception {
        ingest.answering(e -> new Outcome(3, 1, List.of(new Outcome.Rejection("dl-1", "unmapped", "n=x"))));
        CoapResponse response = plain("/ingest/senml?gw=gw-plain")
                .post(
                        ascii("[{\"n\":\"urn:dev:1:temperature\",\"u\":\"Cel\",\"v\":20.5}]"),
                        MediaTypeRegistry.APPLICATION_SENML_JSON);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        assertThat(response.getResponseText()).isEqualTo("{\"accepted\":3,\"rejected\":1}");
        Envelope e = ingest.accepted().get(0);
        assertThat(e.format()).isEqualTo(Format.SENML);
        assertThat(e.source()).isEqualTo("coap");
        assertThat(e.gateway()).isEqualTo("gw-plain");
        assertThat(count("partial")).isEqualTo(1.0);
    }

    @Test
    void senmlCborAndPlainJsonAreTaken() throws Exception {
        byte[] cbor = {(byte) 0x81, (byte) 0xA2, 0x00, 0x61, 0x74, 0x02, 0x01};
        assertThat(plain("/ingest/senml")
                        .post(cbor, MediaTypeRegistry.APPLICATION_SENML_CBOR)
                        .getCode())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(plain("/ingest/senml")
                        .post(ascii("[]"), MediaTypeRegistry.APPLICATION_JSON)
                        .getCode())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(ingest.accepted()).hasSize(2);
        assertThat(ingest.accepted().get(0).payload()).isEqualTo(cbor);
        // No gw parameter on plain CoAP: the peer's address stands for the gateway.
        assertThat(ingest.accepted().get(0).gateway()).isEqualTo("127.0.0.1");
    }

    @Test
    void wmbusTakesHexLinesAndOneBinaryTelegram() throws Exception {
        assertThat(plain("/ingest/wmbus")
                        .post(ascii("2C4465328218\n2C4465328219\n"), MediaTypeRegistry.TEXT_PLAIN)
                        .getCode())
                .isEqualTo(ResponseCode.CHANGED);
        byte[] telegram = {0x2C, 0x44, 0x65, 0x32};
        assertThat(plain("/ingest/wmbus")
                        .post(telegram, MediaTypeRegistry.APPLICATION_OCTET_STREAM)
                        .getCode())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(ingest.accepted()).extracting(Envelope::format).containsOnly(Format.WMBUS);
        assertThat(ingest.accepted().get(1).payload()).isEqualTo(telegram);
    }

    @Test
    void otherContentFormatIsUnsupported() throws Exception {
        CoapResponse response = plain("/ingest/wmbus").post(ascii("<x/>"), MediaTypeRegistry.APPLICATION_XML);
        assertThat(response.getCode()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(ingest.calls()).isEmpty();
    }

    @Test
    void unreadablePayloadIsBadRequestWithTheReason() throws Exception {
        ingest.failNext(1, () -> new DecodeException("SenML pack: not JSON nor CBOR"));
        CoapResponse response = plain("/ingest/senml").post(ascii("garbage"), MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(response.getResponseText()).isEqualTo("SenML pack: not JSON nor CBOR");
        assertThat(count("unreadable")).isEqualTo(1.0);
    }

    @Test
    void aPayloadOfWhichNothingCanBeReadIsABadRequestWithTheReason() throws Exception {
        ingest.answering(e -> new Outcome(
                0, 1, List.of(new Outcome.Rejection("dl-1", "undecodable", "SenML pack: not JSON nor CBOR"))));
        CoapResponse response = plain("/ingest/senml").post(ascii("garbage"), MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(response.getResponseText()).isEqualTo("SenML pack: not JSON nor CBOR");
    }

    @Test
    void aGatewayAtItsDeadLetterQuotaIsToldTooManyRequestsWithMaxAgeAndCounted() throws Exception {
        ingest.failNext(
                1,
                () -> new QuotaExceededException(
                        "gateway gw-7 has 3 dead letters waiting", "gw-7", Duration.ofMinutes(10)));
        CoapResponse response =
                plain("/ingest/senml?gw=gw-7").post(ascii("[]"), MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(response.getCode()).isEqualTo(ResponseCode.TOO_MANY_REQUESTS);
        assertThat(response.getOptions().getMaxAge()).isEqualTo(600);
        assertThat(response.getResponseText()).contains("gw-7");
        assertThat(count("over-quota")).isEqualTo(1.0);
        assertThat(registry.get(IngestGate.QUOTA_REFUSED)
                        .tags("source", "coap", "gateway", "gw-7")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aGatewayFasterThanItsRateIsToldTooManyRequestsWithMaxAgeWhileAnotherIsTakenAndLaterItIsAgain()
            throws Exception {
        // a server of its own whose gateways may send 1 payload a second, 2 at once
        DefaultCamelContext rated = new DefaultCamelContext();
        rated.getCamelContextExtension().setName("rated");
        rated.addRoutes(new CoapIngestRoute(new IngestGate(ingest, registry, null, new IngestRate(1, 2))));
        rated.start();
        CoapIngestServer limited = CoapIngestServer.start(
                new CoapSourceSettings("127.0.0.1", 0, "127.0.0.1", 0, Map.of("gw-coap", KEY)),
                rated,
                Clock.systemUTC());
        try {
            String base = "coap://127.0.0.1:" + limited.plainPort() + "/ingest/senml?gw=";
            CoapClient flood = plain("");
            flood.setURI(base + "gw-flood");
            byte[] pack = ascii("[]");
            int tries = 10;
            long t0 = System.nanoTime();
            List<CoapResponse> answers = new java.util.ArrayList<>();
            for (int i = 0; i < tries; i++) {
                answers.add(flood.post(pack, MediaTypeRegistry.APPLICATION_SENML_JSON));
            }
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L + 1;
            List<CoapResponse> refused = answers.stream()
                    .filter(r -> r.getCode() == ResponseCode.TOO_MANY_REQUESTS)
                    .toList();
            long taken = answers.stream()
                    .filter(r -> r.getCode() == ResponseCode.CHANGED)
                    .count();
            assertThat(taken + refused.size())
                    .as("every answer a 2.04 or a 4.29")
                    .isEqualTo(tries);
            assertThat(taken)
                    .as("its burst, and a token a second of the " + seconds + " s it took at most")
                    .isBetween(2L, 2L + seconds);
            assertThat(refused).isNotEmpty();
            assertThat(refused.get(0).getOptions().getMaxAge())
                    .as("seconds until a token")
                    .isEqualTo(1L);
            assertThat(refused.get(0).getResponseText())
                    .contains("gw-flood", "vivacite.ingest.rate.payloads-per-second");

            CoapClient calm = plain("");
            calm.setURI(base + "gw-calm");
            assertThat(calm.post(pack, MediaTypeRegistry.APPLICATION_SENML_JSON).getCode())
                    .as("another gateway meanwhile")
                    .isEqualTo(ResponseCode.CHANGED);
            assertThat(ingest.accepted().stream()
                            .filter(e -> e.gateway().equals("gw-calm"))
                            .count())
                    .isEqualTo(1);
            assertThat(ingest.accepted().stream()
                            .filter(e -> e.gateway().equals("gw-flood"))
                            .count())
                    .as("nothing of a refused payload reaches the port")
                    .isEqualTo(taken);

            Thread.sleep(1_100); // a token again
            assertThat(flood.post(pack, MediaTypeRegistry.APPLICATION_SENML_JSON)
                            .getCode())
                    .as("after waiting")
                    .isEqualTo(ResponseCode.CHANGED);
            assertThat(count("over-rate")).isEqualTo(refused.size());
            assertThat(registry.get(IngestGate.RATE_REFUSED)
                            .tags("source", "coap", "gateway", "gw-flood")
                            .counter()
                            .count())
                    .isEqualTo(refused.size());
            assertThat(registry.find(IngestGate.RATE_REFUSED)
                            .tag("gateway", "gw-calm")
                            .counter())
                    .isNull();
        } finally {
            limited.close();
            rated.stop();
        }
    }

    @Test
    void storeFailureIsServiceUnavailableWithMaxAgeSoTheDeviceRetries() throws Exception {
        ingest.failNext(1);
        CoapResponse first = plain("/ingest/senml").post(ascii("[]"), MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(first.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(first.getOptions().getMaxAge()).isEqualTo(CoapIngestServer.RETRY_AFTER_SECONDS);
        assertThat(ingest.accepted()).isEmpty();

        CoapResponse again = plain("/ingest/senml").post(ascii("[]"), MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(again.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(ingest.accepted()).hasSize(1);
        assertThat(count("failed")).isEqualTo(1.0);
    }

    @Test
    void dtlsWithTheRightKeyIsAcceptedAndTheIdentityIsTheGateway() throws Exception {
        CoapResponse response = secure("/ingest/wmbus?gw=someone-else", "gw-coap", KEY)
                .post(ascii("2C4465328218"), MediaTypeRegistry.TEXT_PLAIN);
        assertThat(response).isNotNull();
        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(ingest.accepted())
                .singleElement()
                .extracting(Envelope::gateway)
                .isEqualTo("gw-coap");
    }

    @Test
    void dtlsWithAWrongKeyIsRefusedBeforeAnythingIsRead() {
        byte[] wrong = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");
        CoapResponse response;
        try {
            response =
                    secure("/ingest/wmbus", "gw-coap", wrong).post(ascii("2C4465328218"), MediaTypeRegistry.TEXT_PLAIN);
        } catch (Exception e) {
            response = null; // the handshake failed: Californium reports it as an exception
        }
        assertThat(response).isNull();
        assertThat(ingest.calls()).isEmpty();
    }

    @Test
    void dtlsWithAnUnknownIdentityIsRefused() {
        CoapResponse response;
        try {
            response =
                    secure("/ingest/wmbus", "intruder", KEY).post(ascii("2C4465328218"), MediaTypeRegistry.TEXT_PLAIN);
        } catch (Exception e) {
            response = null;
        }
        assertThat(response).isNull();
        assertThat(ingest.calls()).isEmpty();
    }
}
