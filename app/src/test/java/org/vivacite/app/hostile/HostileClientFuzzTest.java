package org.vivacite.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.corpus.BadInputCorpus;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;

/**
 * The hostile-client fuzz of the hardening issue, bounded and seeded, against the real server over
 * loopback:
 *
 * <ul>
 *   <li>every ingest format: mutations of real inputs (the OMS and CEN wM-Bus vectors, the Linky
 *       TIC captures and the RFC 8428 SenML examples that ingest-routes' tests carry, and one good
 *       input of each format from the bad-input corpus) posted to {@code /ingest/{format}}: no
 *       answer is a {@code 5xx}, and no unit is lost (each input is accepted, rejected to the dead
 *       letters, or refused with a status; the dead letters hold exactly the units the answers
 *       said were rejected). The gateway has the default ingest rate: an input refused for it
 *       ({@code 429}) is sent again after its {@code Retry-After}, as a gateway does;
 *   <li>the SPARQL protocol: mutated queries, parameters, methods, media types and headers: no
 *       answer is a {@code 5xx}.
 * </ul>
 *
 * Throughout, {@code /actuator/health} is asked every 200 ms and must answer UP within a second.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileClientFuzzTest {

    private static final long SEED = 20_261_207L;
    private static final int INPUTS_PER_FORMAT = 80;
    private static final int SPARQL_REQUESTS = 600;
    private static final String GATEWAY = "gw-fuzz";
    private static final String TOKEN = "fuzz-gateway-token-0123456789abcdef";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vivacite.security.operator-token", () -> "operator-token-0123456789abcdef");
        registry.add("vivacite.security.gateway-tokens." + GATEWAY, () -> TOKEN);
        registry.add("management.endpoint.health.show-details", () -> "always");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    MeterKeyFile keys;

    @Autowired
    DeadLetterStore deadLetters;

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static BadInputCorpus corpus;

    @BeforeAll
    static void corpus() {
        corpus = BadInputCorpus.generate();
    }

    @Test
    void mutatedRealInputsOfEveryFormatAreAcceptedDeadLetteredOrRefusedNeverLostNorA5xx() throws Exception {
        keys.add(corpus.keys());
        registry.register(MeterCsv.parse(corpus.registryCsv(), "the corpus registry"));
        Map<Format, List<byte[]>> seeds = seeds();
        assertThat(seeds.keySet()).containsExactlyInAnyOrder(Format.values());

        Random random = new Random(SEED);
        Mutations mutations = new Mutations(random);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int rejectedUnits = 0;
        int payloadsWithRejects = 0;
        int accepted = 0;
        int refusedForRate = 0;
        int lettersBefore = deadLetters.size();
        int unitsBefore = units(deadLetters.list());
        try (HealthWatch health = new HealthWatch(port)) {
            for (Format format : Format.values()) {
                List<byte[]> pool = seeds.get(format);
                for (int i = 0; i < INPUTS_PER_FORMAT; i++) {
                    byte[] input = mutations.mutate(pool.get(random.nextInt(pool.size())), pool);
                    String name = format.id() + " #" + i + " (" + input.length + " bytes)";
                    HttpRequest.Builder post = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/ingest/" + format.id()))
                            .header("Authorization", "Bearer " + TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(input));
                    if (random.nextInt(4) == 0) {
                        String type = pick(random, INGEST_TYPES);
                        post.header("Content-Type", type);
                        name += " as '" + type + "'";
                    }
                    HttpResponse<String> r = send(post);
                    // beyond the gateway's ingest rate: refused with a status and sent again once
                    // told, as a gateway does (the same input, as it was)
                    for (int tries = 0; r.statusCode() == 429 && overRate(r) && tries < 10; tries++) {
                        refusedForRate++;
                        Thread.sleep(1_000
                                * Long.parseLong(
                                        r.headers().firstValue("Retry-After").orElseThrow()));
                        r = send(post);
                    }
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    if (r.statusCode() >= 500) {
                        failures.add(name + ": " + r.statusCode() + " " + r.body());
                    } else if (r.statusCode() == 202 || r.statusCode() == 400 || r.statusCode() == 413) {
                        // accepted, or refused whole (unreadable, too large) and kept as a dead letter
                        JsonNode outcome = new ObjectMapper().readTree(r.body());
                        int a = outcome.path("accepted").asInt(0);
                        int j = outcome.path("rejected").asInt(0);
                        // a reading its household's consent does not let us keep is withheld, and said so
                        int w = outcome.path("withheld").asInt(0);
                        if (a + j + w == 0) {
                            failures.add(
                                    name + ": " + r.statusCode() + " with no unit accepted, withheld nor rejected: "
                                            + r.body() + " for "
                                            + HexFormat.of().formatHex(input, 0, Math.min(64, input.length)));
                        }
                        accepted += a;
                        rejectedUnits += j;
                        payloadsWithRejects += j > 0 ? 1 : 0;
                    } else if (r.statusCode() != 415 && r.statusCode() != 429) {
                        // 415: a form is not a payload; 429: over its dead-letter quota (or still
                        // over its rate), sent again later
                        failures.add(name + ": unexpected " + r.statusCode() + " " + r.body());
                    }
                }
            }
            assertThat(failures).as("inputs answered 5xx or lost").isEmpty();
            assertThat(health.misses()).as("health answers late or not UP").isEmpty();
            assertThat(health.asked()).isPositive();
        }
        System.out.println("FUZZ ingest " + statuses + " accepted=" + accepted + " rejected=" + rejectedUnits
                + " refused for the rate and sent again=" + refusedForRate);
        assertThat(statuses).as("the answers, by status").containsKey(202);
        assertThat(accepted)
                .as("mutated inputs that still carried good readings")
                .isPositive();
        assertThat(rejectedUnits).as("units rejected").isPositive();
        List<DeadLetter> letters = deadLetters.list();
        assertThat(letters.size() - lettersBefore)
                .as("dead letters: one per payload with rejected units (" + statuses + ")")
                .isEqualTo(payloadsWithRejects);
        assertThat(units(letters) - unitsBefore)
                .as("units in the dead letters against the units the answers said were rejected")
                .isEqualTo(rejectedUnits);
    }

    @Test
    void fuzzedSparqlProtocolRequestsNeverAnswer5xx() throws Exception {
        Random random = new Random(SEED + 1);
        Mutations mutations = new Mutations(random);
        List<byte[]> others =
                QUERIES.stream().map(q -> q.getBytes(StandardCharsets.UTF_8)).toList();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (HealthWatch health = new HealthWatch(port)) {
            for (int i = 0; i < SPARQL_REQUESTS; i++) {
                String query = QUERIES.get(random.nextInt(QUERIES.size()));
                if (random.nextInt(3) > 0) {
                    query = mutations.mutate(query, others);
                }
                Map<String, List<String>> params = new LinkedHashMap<>();
                if (random.nextInt(10) > 0) {
                    params.computeIfAbsent("query", k -> new ArrayList<>()).add(query);
                }
                if (random.nextInt(8) == 0) {
                    params.computeIfAbsent("query", k -> new ArrayList<>()).add(pick(random, QUERIES));
                }
                if (random.nextInt(5) == 0) {
                    params.computeIfAbsent("default-graph-uri", k -> new ArrayList<>())
                            .add(pick(random, GRAPH_URIS));
                }
                if (random.nextInt(5) == 0) {
                    params.computeIfAbsent("named-graph-uri", k -> new ArrayList<>())
                            .add(pick(random, GRAPH_URIS));
                }
                if (random.nextInt(6) == 0) {
                    params.computeIfAbsent("timeout", k -> new ArrayList<>()).add(pick(random, TIMEOUTS));
                }
                if (random.nextInt(6) == 0) {
                    params.computeIfAbsent("format", k -> new ArrayList<>()).add(pick(random, FORMATS));
                }
                if (random.nextInt(15) == 0) {
                    params.computeIfAbsent("update", k -> new ArrayList<>()).add("CLEAR ALL");
                }
                String form = form(params);
                HttpRequest.Builder request;
                String how;
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        request = HttpRequest.newBuilder(URI.create(endpoint() + "?" + form))
                                .GET();
                        how = "GET ?" + form;
                    }
                    case 2 -> {
                        request = HttpRequest.newBuilder(URI.create(endpoint()))
                                .header("Content-Type", pick(random, FORM_TYPES))
                                .POST(HttpRequest.BodyPublishers.ofString(form));
                        how = "POST form " + form;
                    }
                    default -> {
                        request = HttpRequest.newBuilder(URI.create(endpoint()
                                        + (random.nextBoolean() ? "" : "?" + form(without(params, "query")))))
                                .header("Content-Type", pick(random, QUERY_TYPES))
                                .POST(HttpRequest.BodyPublishers.ofString(query));
                        how = "POST query " + query;
                    }
                }
                if (random.nextInt(3) == 0) {
                    request.header("Accept", pick(random, ACCEPTS));
                }
                HttpResponse<String> r = send(request);
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() >= 500) {
                    failures.add(r.statusCode() + " for " + abbreviate(how) + ": " + abbreviate(r.body()));
                }
            }
            assertThat(failures).as("requests answered 5xx").isEmpty();
            assertThat(health.misses()).as("health answers late or not UP").isEmpty();
        }
        System.out.println("FUZZ sparql " + statuses);
        assertThat(statuses).as("the answers, by status").containsKeys(200, 400);
    }

    /** Whether a {@code 429} refused the payload for the gateway's ingest rate (not a dead-letter quota). */
    private static boolean overRate(HttpResponse<String> r) {
        return r.body().contains("vivacite.ingest.rate.");
    }

    private static int units(List<DeadLetter> letters) {
        return letters.stream().mapToInt(l -> l.units().size()).sum();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + port + "/sparql";
    }

    /** Real inputs of every format: ingest-routes' test vectors and the corpus's good inputs. */
    private static Map<Format, List<byte[]>> seeds() throws IOException {
        Map<Format, List<byte[]>> seeds = new LinkedHashMap<>();
        PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();
        for (Resource r : resources.getResources("classpath*:wmbus/oms_spec_vectors.tsv")) {
            String tsv = new String(read(r), StandardCharsets.UTF_8);
            tsv.lines().skip(1).forEach(line -> {
                String[] cells = line.split("\t");
                if (cells.length > 2 && cells[2].matches("[0-9A-Fa-f]+")) {
                    add(seeds, Format.WMBUS, (cells[2] + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            });
        }
        for (String pattern : new String[] {"classpath*:tic/frames/*.bin", "classpath*:tic/streams/*.bin"}) {
            for (Resource r : resources.getResources(pattern)) {
                add(seeds, Format.TIC, read(r));
            }
        }
        for (String pattern : new String[] {"classpath*:senml/ex*.json", "classpath*:senml/ex*.cbor"}) {
            for (Resource r : resources.getResources(pattern)) {
                if (!r.getFilename().contains(".resolved.")) {
                    add(seeds, Format.SENML, read(r));
                }
            }
        }
        for (BadInputCorpus.GoodInput good : corpus.valid()) {
            add(seeds, good.format(), good.payload());
        }
        return seeds;
    }

    private static void add(Map<Format, List<byte[]>> seeds, Format format, byte[] payload) {
        seeds.computeIfAbsent(format, k -> new ArrayList<>()).add(payload);
    }

    private static byte[] read(Resource r) throws IOException {
        try (InputStream in = r.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String form(Map<String, List<String>> params) {
        StringJoiner s = new StringJoiner("&");
        params.forEach((k, vs) -> vs.forEach(v -> s.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return s.toString();
    }

    private static Map<String, List<String>> without(Map<String, List<String>> params, String key) {
        Map<String, List<String>> copy = new LinkedHashMap<>(params);
        copy.remove(key);
        return copy;
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** What a gateway may claim its body is, rightly or not. */
    private static final List<String> INGEST_TYPES = List.of(
            "application/octet-stream",
            "text/plain; charset=UTF-8",
            "application/json",
            "application/senml+json",
            "application/senml+cbor",
            "text/csv",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=fuzz",
            "text/plain; charset=x-unknown");

    private static final List<String> QUERIES = List.of(
            "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
            "ASK { ?s a <http://www.w3.org/ns/sosa/Observation> }",
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 20",
            "DESCRIBE <http://example.org/x>",
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    + "SELECT ?s (COUNT(?l) AS ?n) WHERE { ?s rdfs:label ?l FILTER(REGEX(STR(?l), \"^Gre\", \"i\")) }"
                    + " GROUP BY ?s HAVING (COUNT(?l) > 0) ORDER BY DESC(?n) LIMIT 5",
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            "SELECT ?x WHERE { VALUES ?x { 1 2 3 } BIND(?x * 2 AS ?y) FILTER(?y > 2) }",
            "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?c } LIMIT 10",
            "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } OPTIONAL { ?s ?q ?v } MINUS { ?s a ?t } }",
            "SELECT (STRLEN(\"abc\") AS ?n) (SHA256(\"x\") AS ?h) (NOW() AS ?t) (UUID() AS ?u) WHERE {}",
            "SELECT * FROM <urn:x-arq:UnionGraph> WHERE { ?s ?p ?o } LIMIT 1",
            "# a comment\nSELECT ?o WHERE { ?s ?p ?o FILTER(LANG(?o) = \"fr\") } LIMIT 5");

    private static final List<String> GRAPH_URIS = List.of(
            "urn:x-arq:DefaultGraph",
            "http://example.org/g",
            "not an iri",
            "",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://127.0.0.1:1/",
            "\u0000\uFFFD");

    private static final List<String> TIMEOUTS = List.of("1", "0", "-5", "999999999999", "abc", "0.5", "");

    private static final List<String> FORMATS =
            List.of("json", "xml", "csv", "tsv", "turtle", "application/sparql-results+json", "??", "", "text/html");

    private static final List<String> ACCEPTS = List.of(
            "*/*",
            "application/sparql-results+json",
            "text/csv;q=0.5, application/json;q=x",
            "text/turtle",
            "application/ld+json",
            "text/html",
            "image/png",
            ";;;,,,",
            "application/sparql-results+xml;q=1.5");

    private static final List<String> FORM_TYPES = List.of(
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "application/x-www-form-urlencoded; charset=bogus",
            "multipart/form-data; boundary=x",
            "text/plain");

    private static final List<String> QUERY_TYPES = List.of(
            "application/sparql-query",
            "application/sparql-query; charset=UTF-8",
            "application/sparql-query; charset=latin1",
            "application/sparql-update",
            "application/json",
            "application/sparql-query; charset=x-unknown");
}
