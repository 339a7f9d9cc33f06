package org.vivacite.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.ingest.corpus.BadInputCorpus;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.feed.CoapFeed;
import org.vivacite.simulator.feed.FeedException;
import org.vivacite.simulator.feed.MqttFeed;
import org.vivacite.triplestore.QuadStore;

/**
 * The bad-input corpus (ingest-routes' {@code BadInputCorpus}, over 300 malformed inputs of every
 * format) through the server's real routes: HTTP, MQTT through the embedded broker, CoAP, and the
 * drop folders (which take the inputs larger than a message may be). Every input ends as one dead
 * letter with a reason its name expects; neither store holds an observation; and the routes still
 * take good inputs afterwards.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputRoutesTest {

    private static final String GATEWAY = "gw-corpus";
    private static final String TOKEN = "corpus-token-0123456789abcdef";
    private static final String OBSERVATIONS = "ASK { GRAPH ?g { ?o a <http://www.w3.org/ns/sosa/Observation> } }";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.security.operator-token", () -> "operator-token-0123456789abcdef");
        registry.add("vivacite.security.gateway-tokens." + GATEWAY, () -> TOKEN);
        registry.add("vivacite.ingest.inbox-poll", () -> "200ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    IngestSources sources;

    @Autowired
    MeterRegistry registry;

    @Autowired
    MeterKeyFile keys;

    @Autowired
    DeadLetterStore deadLetters;

    @Autowired
    @PrivateStore
    QuadStore privateStore;

    @Autowired
    @PublicStore
    QuadStore publicStore;

    @Test
    void everyMalformedInputEndsAsOneDeadLetterWithItsReasonAndTheRoutesGoOn() throws Exception {
        BadInputCorpus corpus = BadInputCorpus.generate();
        keys.add(corpus.keys());
        registry.register(MeterCsv.parse(corpus.registryCsv(), "the corpus registry"));
        List<BadInputCorpus.BadInput> inputs = corpus.inputs();
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(200);

        Map<String, Integer> byRoute = new HashMap<>();
        Map<String, String> routeOf = new HashMap<>();
        try (MqttFeed mqtt = new MqttFeed(sources.embeddedBrokerUrl(), GATEWAY, TOKEN);
                CoapFeed coap = new CoapFeed(URI.create("coap://127.0.0.1:" + sources.coapPort()))) {
            for (int i = 0; i < inputs.size(); i++) {
                BadInputCorpus.BadInput in = inputs.get(i);
                String route;
                if (in.huge() || i % 7 == 3) {
                    route = "file";
                    drop(in, i);
                } else if (in.format().id().equals("wmbus") && i % 2 == 0) {
                    route = "mqtt";
                    mqtt.send(WireFormat.WMBUS, "text/plain", in.payload());
                } else if (in.format().id().equals("senml") && i % 2 == 0 && in.payload().length < 1024) {
                    route = "coap";
                    try {
                        coap.send(WireFormat.SENML, "application/senml+json", in.payload());
                    } catch (FeedException refused) {
                        // a 4.xx answer: the input is still expected in the dead-letter store
                    }
                } else {
                    route = "http";
                    HttpResponse<String> r = Http.post(
                            "http://127.0.0.1:" + port + "/ingest/"
                                    + in.format().id(),
                            in.payload(),
                            "Authorization",
                            "Bearer " + TOKEN);
                    // nothing readable: 400 naming the letter; read but refused (unknown meter…): 202
                    if (in.expected().equals(Set.of(Reason.UNDECODABLE))) {
                        assertThat(r.statusCode()).as(in.name()).isEqualTo(400);
                        assertThat(r.body()).as(in.name()).contains("\"deadLetterId\"");
                    } else if (!in.expected().contains(Reason.UNDECODABLE)) {
                        assertThat(r.statusCode()).as(in.name()).isEqualTo(202);
                        assertThat(r.body()).as(in.name()).contains("\"accepted\":0");
                    }
                    assertThat(r.body()).as(in.name()).contains("\"rejected\":1");
                }
                byRoute.merge(route, 1, Integer::sum);
                routeOf.put(in.name(), route);
            }
        }
        assertThat(byRoute.keySet()).containsExactlyInAnyOrder("http", "mqtt", "coap", "file");

        Map<String, List<BadInputCorpus.BadInput>> byPayload = new HashMap<>();
        for (BadInputCorpus.BadInput in : inputs) {
            byPayload
                    .computeIfAbsent(key(in.format().id(), in.payload()), k -> new ArrayList<>())
                    .add(in);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            java.util.Set<String> kept = new java.util.HashSet<>();
            deadLetters
                    .list()
                    .forEach(l ->
                            kept.add(key(l.envelope().formatName(), l.envelope().payload())));
            assertThat(inputs.stream()
                            .filter(in -> !kept.contains(key(in.format().id(), in.payload())))
                            .map(in -> routeOf.get(in.name()) + " " + in.name()))
                    .as("inputs not in the dead-letter store")
                    .isEmpty();
        });
        List<DeadLetter> letters = deadLetters.list();
        Map<String, List<String>> sourcesByPayload = new HashMap<>();
        letters.forEach(l -> sourcesByPayload
                .computeIfAbsent(key(l.envelope().formatName(), l.envelope().payload()), k -> new ArrayList<>())
                .add(l.envelope().source() + " " + l.reason().id()));
        assertThat(sourcesByPayload.entrySet().stream()
                        .filter(e ->
                                e.getValue().size() > byPayload.get(e.getKey()).size())
                        .map(e -> byPayload.get(e.getKey()).get(0).name() + " kept " + e.getValue()))
                .as("inputs kept more than once")
                .isEmpty();
        assertThat(letters).hasSameSizeAs(inputs);
        List<String> wrong = new ArrayList<>();
        for (DeadLetter letter : letters) {
            List<BadInputCorpus.BadInput> candidates = byPayload.getOrDefault(
                    key(letter.envelope().formatName(), letter.envelope().payload()), List.of());
            if (candidates.isEmpty()) {
                wrong.add(letter.id() + ": a payload no input has");
            } else if (candidates.stream().noneMatch(in -> in.expected().contains(letter.reason()))) {
                wrong.add(candidates.get(0).name() + ": " + letter.reason().id() + " (" + letter.detail() + ")");
            } else if (letter.detail().isBlank()) {
                wrong.add(candidates.get(0).name() + ": no detail");
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(privateStore.ask(OBSERVATIONS))
                .as("observations in the private store")
                .isFalse();
        assertThat(publicStore.ask(OBSERVATIONS))
                .as("observations in the public store")
                .isFalse();

        // the routes still work: every good input over HTTP, and one over MQTT
        for (BadInputCorpus.GoodInput good : corpus.valid()) {
            HttpResponse<String> r = Http.post(
                    "http://127.0.0.1:" + port + "/ingest/" + good.format().id(),
                    good.payload(),
                    "Authorization",
                    "Bearer " + TOKEN);
            assertThat(r.statusCode()).as(good.name()).isEqualTo(202);
            JsonNode outcome = new ObjectMapper().readTree(r.body());
            assertThat(outcome.get("accepted").asInt()).as(good.name()).isEqualTo(good.readings());
            assertThat(outcome.get("rejected").asInt()).as(good.name()).isZero();
        }
        assertThat(privateStore.ask(OBSERVATIONS)).isTrue();
        assertThat(deadLetters.size()).isEqualTo(inputs.size());
    }

    /** Drops an input in the inbox as a gateway should: written under a temporary name, then renamed. */
    private static void drop(BadInputCorpus.BadInput in, int i) throws Exception {
        Path dir = Files.createDirectories(
                data.resolve("inbox").resolve(in.format().id()));
        Path tmp = dir.resolve("input-" + i + ".tmp");
        Files.write(tmp, in.payload());
        Files.move(tmp, dir.resolve("input-" + i + ".dat"));
    }

    private static String key(String format, byte[] payload) {
        byte[] head = payload.length > BadInputCorpus.MAX_PAYLOAD
                ? Arrays.copyOf(payload, BadInputCorpus.MAX_PAYLOAD)
                : payload;
        return format + " " + java.util.HexFormat.of().formatHex(sha256(head));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
