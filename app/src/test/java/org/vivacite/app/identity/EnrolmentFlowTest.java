package org.vivacite.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.Http;
import org.vivacite.app.LoopbackServer;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.output.SimulationFolder;
import org.vivacite.simulator.tic.TicFrames;

/**
 * The personal API end to end on the real server over loopback, with the embedded OIDC provider
 * and bearer tokens from its token endpoint: a small simulated city's meters registered by the
 * operator, a code made for the dwelling of a Linky meter with a TIC box, the citizen enrols with
 * it, consents to half-hourly data, the box's frames of yesterday are ingested over HTTP, the
 * half hours are read back, the consent withdrawn, and only the day remains, equal to their sum;
 * the export holds the household's data and nothing of a neighbour's, and the erasure removes them
 * and leaves the public store as it was. Isolation: another citizen and an official
 * reach nothing of the first one's, by any path.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
class EnrolmentFlowTest {

    static final String PASSWORD = "correct horse battery";
    static final String OPERATOR = "operator-token-0123456789abcdef";
    static final String GATEWAY = "gateway-token-0123456789abcdef";
    static final LocalDate YESTERDAY = LocalDate.now(DemoCity.ZONE).minusDays(1);
    static final Instant FROM = YESTERDAY.atStartOfDay(DemoCity.ZONE).toInstant();
    static final Instant TO = YESTERDAY.plusDays(1).atStartOfDay(DemoCity.ZONE).toInstant();

    @TempDir
    static Path data;

    @TempDir
    static Path city;

    static int port;
    static DemoCity demo;
    static Meter linky;
    static Meter other;
    static Meter neighbour;
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        registry.add("vivacite.security.operator-token", () -> OPERATOR);
        registry.add("vivacite.security.gateway-tokens.default", () -> GATEWAY);
    }

    /**
     * A city of 80 households simulated yesterday, half hour by half hour, in TIC only; the Linky
     * meter chosen has a box in standard mode (its frames carry their time) and a registry row
     * without consent to fine data, so that only the person's consent makes the half hours kept.
     */
    @BeforeAll
    static void simulateAndRegister(
            @Autowired Accounts accounts, @Autowired MeterRegistry registry, @Autowired ObservationMapper mapper)
            throws Exception {
        demo = DemoCity.generate(3, 80, YESTERDAY, null);
        SimulationFolder.write(
                demo,
                city.resolve("out"),
                YESTERDAY.plusDays(1),
                Duration.ofMinutes(30),
                EnumSet.of(WireFormat.TIC),
                "default");
        linky = demo.fleet().meters().stream()
                .filter(m -> Payloads.hasTicBox(m)
                        && Payloads.ticMode(m) == TicFrames.Mode.STANDARD
                        && "P1D".equals(m.consent()))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("the simulated city has no Linky with a standard TIC box and P1D"));
        other = demo.fleet().meters().stream()
                .filter(m -> m.device() == Device.LINKY && m.dwelling() != null && m.dwelling() != linky.dwelling())
                .findFirst()
                .orElseThrow();
        neighbour = demo.fleet().meters().stream()
                .filter(m -> Payloads.hasTicBox(m)
                        && Payloads.ticMode(m) == TicFrames.Mode.STANDARD
                        && m.dwelling() != null
                        && m.dwelling() != linky.dwelling()
                        && m.dwelling() != other.dwelling())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the simulated city has no second Linky with a TIC box"));
        accounts.put("ana", "Ana", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("eve", "Eve", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("bob", "Bob", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("olga", "Olga", Set.of(Role.OFFICIAL), PASSWORD);
        HttpResponse<String> registered = Http.post(
                url("/admin/meters"),
                Files.readString(city.resolve("out/meters.csv")),
                "Authorization",
                "Bearer " + OPERATOR,
                "Content-Type",
                "text/csv");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(registry.all()).isNotEmpty();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static String issuer() {
        return "http://127.0.0.1:" + port;
    }

    @Autowired
    StoreEnrolments enrolments;

    @Autowired
    MeterRegistry registry;

    @Autowired
    ObservationMapper mapper;

    @Autowired
    Accounts accounts;

    @Autowired
    @org.vivacite.app.stores.PrivateStore
    org.vivacite.triplestore.QuadStore privateStore;

    private String dwellingOf(Meter m) {
        return mapper.nodes(registry.all().stream()
                        .filter(r -> r.meterId().equals(m.id()))
                        .findFirst()
                        .orElseThrow())
                .featureOfInterest()
                .getURI();
    }

    /** What the operator prints on a letter: a code for the dwelling. */
    private String code(String dwelling) {
        return enrolments
                .generate(List.of(dwelling), Duration.ofDays(30))
                .get(0)
                .code();
    }

    /** A code for the household that moved in at the start of yesterday, whose data are then theirs. */
    private String codeSinceYesterday(String dwelling) {
        return enrolments
                .generate(List.of(dwelling), Duration.ofDays(30), FROM)
                .get(0)
                .code();
    }

    private static String token(String user) {
        Browser browser = new Browser();
        browser.logIn(url("/login"), user, PASSWORD);
        return browser.apiToken(issuer());
    }

    private static HttpResponse<String> get(String token, String path) {
        return Http.get(url(path), "Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> post(String token, String path, String json) {
        return Http.post(url(path), json, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String consumption(String step) {
        return "/api/me/consumption?fluid=electricity&step=" + step + "&from=" + FROM + "&to=" + TO;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The meter's register in kWh at each half hour of yesterday and the midnight after, as simulated. */
    private static List<BigDecimal> simulatedRegister() {
        List<BigDecimal> values = new ArrayList<>();
        demo.simulation().run(YESTERDAY, YESTERDAY.plusDays(1), Duration.ofMinutes(30), (Reading r) -> {
            if (r.meter().index() == linky.index()) {
                values.add(r.value());
            }
        });
        return values;
    }

    @Test
    void enrolConsentReadHalfHoursWithdrawOnlyTheDayRemainsThenExportAndErase() throws Exception {
        String dwelling = dwellingOf(linky);
        String ana = token("ana");

        // enrol with the printed code, typed loosely
        HttpResponse<String> enrolled = post(
                ana,
                "/api/me/enrolment",
                "{\"code\":\"" + codeSinceYesterday(dwelling).toLowerCase() + "\"}");
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        assertThat(json(enrolled).path("dwelling").asText()).isEqualTo(dwelling);
        JsonNode me = json(get(ana, "/api/me"));
        assertThat(me.path("dwellings")).hasSize(1);
        assertThat(me.path("dwellings").get(0).path("iri").asText()).isEqualTo(dwelling);
        JsonNode meters = json(get(ana, "/api/me/meters"));
        assertThat(meters).anySatisfy(m -> {
            assertThat(m.path("dwelling").asText()).isEqualTo(dwelling);
            assertThat(m.path("fluid").asText()).isEqualTo("electricity");
        });
        assertThat(meters)
                .allSatisfy(m -> assertThat(m.path("dwelling").asText()).isEqualTo(dwelling));

        // half hours are refused before the consent, naming it
        HttpResponse<String> early = get(ana, consumption("PT30M"));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(json(early).path("error").asText()).contains("no consent to fine-data");

        HttpResponse<String> given = post(ana, "/api/me/consents", "{\"purpose\":\"fine-data\",\"step\":\"PT30M\"}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        String consent = json(given).path("id").asText();
        String receipt = json(given).path("receipt").asText();
        // the receipt is signed with the published key, which needs no login
        HttpResponse<String> jws = get(ana, "/api/me/receipts/" + receipt);
        assertThat(jws.statusCode()).isEqualTo(200);
        HttpResponse<String> keys = Http.get(url("/api/consent-receipts/jwks"));
        assertThat(keys.statusCode()).isEqualTo(200);
        ECKey key = JWKSet.parse(keys.body()).getKeys().get(0).toECKey();
        assertThat(JWSObject.parse(jws.body()).verify(new ECDSAVerifier(key))).isTrue();

        // the box's frames of yesterday, as its gateway delivers them
        byte[] frames = Files.readAllBytes(city.resolve("out/tic/" + linky.id() + ".tic"));
        HttpResponse<String> ingested = Http.post(url("/ingest/tic"), frames, "Authorization", "Bearer " + GATEWAY);
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(202);

        HttpResponse<String> fine = get(ana, consumption("PT30M"));
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
        JsonNode series = json(fine).path("dwellings");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).path("dwelling").asText()).isEqualTo(dwelling);
        JsonNode points = series.get(0).path("points");
        List<BigDecimal> register = simulatedRegister();
        assertThat(register).hasSize(49);
        assertThat(points).hasSize(48);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 48; i++) {
            BigDecimal v = points.get(i).path("value").decimalValue();
            assertThat(v)
                    .as("half hour " + i)
                    .isEqualByComparingTo(register.get(i + 1).subtract(register.get(i)));
            sum = sum.add(v);
        }
        assertThat(Instant.parse(points.get(0).path("from").asText())).isEqualTo(FROM);
        assertThat(sum).isPositive();
        JsonNode dayBefore =
                json(get(ana, consumption("P1D"))).path("dwellings").get(0).path("points");
        assertThat(dayBefore).hasSize(1);
        assertThat(dayBefore.get(0).path("value").decimalValue()).isEqualByComparingTo(sum);

        String graph = enrolments.of("ana", Instant.now()).get(0).graphs().get(0);
        assertThat(readingsBetweenMidnights(graph)).isTrue();

        // withdrawn: the half hours are gone, and asking for them is refused; the day stays, equal
        HttpResponse<String> withdrawn =
                Http.delete(url("/api/me/consents/" + consent), "Authorization", "Bearer " + ana);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(json(withdrawn).path("status").asText()).isEqualTo("withdrawn");
        HttpResponse<String> refused = get(ana, consumption("PT30M"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").asText())
                .startsWith("step: PT30M is finer than what the household of " + dwelling + " consents to")
                .contains("fine-data");
        JsonNode dayAfter =
                json(get(ana, consumption("P1D"))).path("dwellings").get(0).path("points");
        assertThat(dayAfter).hasSize(1);
        assertThat(dayAfter.get(0).path("value").decimalValue()).isEqualByComparingTo(sum);
        assertThat(get(ana, consumption("PT1H")).statusCode()).isEqualTo(400);
        // and in the store, no reading of the dwelling is left between two midnights
        assertThat(readingsBetweenMidnights(graph)).isFalse();

        exportThenErase(ana, dwelling, graph, sum);
    }

    /**
     * Ana's export holds her household's data and nothing of Eve's, a neighbour whose box's frames
     * came in too; Eve can neither export nor erase Ana's; Ana's erasure leaves her no consumption
     * and her dwelling's graph no reading, keeps Eve's data, and leaves the public store (published
     * open data) as it was.
     */
    private void exportThenErase(String ana, String dwelling, String graph, BigDecimal day) throws Exception {
        String eve = token("eve");
        String hers = dwellingOf(neighbour);
        assertThat(post(eve, "/api/me/enrolment", "{\"code\":\"" + codeSinceYesterday(hers) + "\"}")
                        .statusCode())
                .isEqualTo(201);
        byte[] frames = Files.readAllBytes(city.resolve("out/tic/" + neighbour.id() + ".tic"));
        assertThat(Http.post(url("/ingest/tic"), frames, "Authorization", "Bearer " + GATEWAY)
                        .statusCode())
                .isEqualTo(202);
        JsonNode evesDay =
                json(get(eve, consumption("P1D"))).path("dwellings").get(0).path("points");
        assertThat(evesDay).hasSize(1);
        List<String> anasMeters = new ArrayList<>();
        json(get(ana, "/api/me/meters"))
                .forEach(m -> anasMeters.add(m.path("iri").asText()));
        List<String> evesMeters = new ArrayList<>();
        json(get(eve, "/api/me/meters"))
                .forEach(m -> evesMeters.add(m.path("iri").asText()));
        assertThat(anasMeters).isNotEmpty().doesNotContainAnyElementsOf(evesMeters);

        // the export: JSON-LD and CSV of Ana's household, nothing of Eve's
        HttpResponse<byte[]> export = bytes(ana, "/api/me/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, String> files = unzip(export.body());
        assertThat(files).containsKeys("README.md", "household.jsonld", "readings.csv", "meters.csv", "consents.csv");
        Graph household = GraphFactory.createDefaultGraph();
        RDFParser.fromString(files.get("household.jsonld"), Lang.JSONLD).parse(household);
        assertThat(household.contains(
                        NodeFactory.createURI(dwelling),
                        org.apache.jena.vocabulary.RDF.type.asNode(),
                        NodeFactory.createURI(org.vivacite.ontology.vocabulary.Namespaces.VC + "Dwelling")))
                .isTrue();
        List<CSVRecord> readings = csv(files.get("readings.csv"));
        assertThat(readings).isNotEmpty().allSatisfy(r -> assertThat(anasMeters).contains(r.get("meter")));
        // the day Ana sees, as the export gives it
        assertThat(readings)
                .anySatisfy(r -> assertThat(new BigDecimal(r.get("value"))).isEqualByComparingTo(day));
        for (String file : files.values()) {
            assertThat(file).doesNotContain(hers);
            evesMeters.forEach(m -> assertThat(file).doesNotContain(m));
        }
        assertThat(csv(files.get("consents.csv")))
                .allSatisfy(c -> assertThat(c.get("dwelling")).isEqualTo(dwelling));

        // Eve reaches neither Ana's export nor her erasure
        assertThat(unzip(bytes(eve, "/api/me/export").body()).values())
                .allSatisfy(f -> assertThat(f).doesNotContain(dwelling));
        HttpResponse<String> notHers =
                post(eve, "/api/me/erasure", "{\"confirm\":\"erase\",\"dwelling\":\"" + dwelling + "\"}");
        assertThat(notHers.statusCode()).isEqualTo(400);
        assertThat(json(notHers).path("error").asText()).isEqualTo("dwelling: you are not enrolled in " + dwelling);
        assertThat(json(get(ana, consumption("P1D"))).path("dwellings").get(0).path("points"))
                .hasSize(1);

        // what the public store holds before the erasure (the open data, the catalogue)
        String publicGraphs = publicQuadsPerGraph();
        assertThat(JSON.readTree(publicGraphs).path("results").path("bindings")).isNotEmpty();

        assertThat(readingsSinceTheMoveIn(graph)).isTrue();
        // the erasure needs its confirmation, then takes Ana's data
        assertThat(post(ana, "/api/me/erasure", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> erased = post(ana, "/api/me/erasure", "{\"confirm\":\"erase\"}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode what = json(erased);
        assertThat(what.path("erased")).singleElement().satisfies(e -> {
            assertThat(e.path("dwelling").asText()).isEqualTo(dwelling);
            assertThat(e.path("readings").asInt()).isPositive();
        });
        assertThat(what.path("published").asText()).contains("anonymous aggregates");

        assertThat(json(get(ana, consumption("P1D"))).path("dwellings").get(0).path("points"))
                .isEmpty();
        assertThat(readingsSinceTheMoveIn(graph))
                .as("the household's readings and daily sums are gone from its graph")
                .isFalse();
        assertThat(json(get(eve, consumption("P1D"))).path("dwellings").get(0).path("points"))
                .as("the neighbour's data stay")
                .isEqualTo(evesDay);
        assertThat(publicQuadsPerGraph()).as("the public store").isEqualTo(publicGraphs);
    }

    /** Whether the graph holds a reading after Ana's move-in, or a daily sum of a day since. */
    private boolean readingsSinceTheMoveIn(String graph) {
        return privateStore.ask("PREFIX sosa: <http://www.w3.org/ns/sosa/> PREFIX vc: <"
                + org.vivacite.ontology.vocabulary.Namespaces.VC + "> ASK { GRAPH <" + graph + "> {"
                + " { ?o a sosa:Observation ; sosa:resultTime ?t"
                + " FILTER(?t > \"" + FROM + "\"^^<http://www.w3.org/2001/XMLSchema#dateTime>) }"
                + " UNION { ?r a vc:MeterDayRollup ; vc:day ?d FILTER(STR(?d) >= \"" + YESTERDAY + "\") } } }");
    }

    private static HttpResponse<byte[]> bytes(String token, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url(path)))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofMinutes(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The public store's graphs and their sizes, through the public SPARQL endpoint. */
    private static String publicQuadsPerGraph() {
        HttpResponse<String> r = Http.get(
                url("/sparql?query="
                        + enc("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")),
                "Accept",
                "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new StringReader(text))
                .getRecords();
    }

    private boolean readingsBetweenMidnights(String graph) {
        String xsd = "^^<http://www.w3.org/2001/XMLSchema#dateTime>";
        return privateStore.ask("PREFIX sosa: <http://www.w3.org/ns/sosa/> ASK { GRAPH <" + graph + "> {"
                + " ?o sosa:resultTime ?t FILTER(?t > \"" + FROM + "\"" + xsd + " && ?t < \"" + TO + "\"" + xsd
                + ") } }");
    }

    @Test
    void noOtherPersonReachesTheHouseholdsDataByAnyPath() throws Exception {
        String mine = dwellingOf(other);
        // a dwelling no other test enrols in: two households never share a dwelling's days
        String theirs = dwellingOf(demo.fleet().meters().stream()
                .filter(m -> m.device() == Device.LINKY
                        && m.dwelling() != null
                        && !List.of(linky.dwelling(), other.dwelling(), neighbour.dwelling())
                                .contains(m.dwelling()))
                .findFirst()
                .orElseThrow());
        String bob = token("bob");
        assertThat(post(bob, "/api/me/enrolment", "{\"code\":\"" + code(mine) + "\"}")
                        .statusCode())
                .isEqualTo(201);
        // a person enrolled in the other dwelling, with a consent and its receipt
        Browser carla = new Browser();
        String theirCode = code(theirs);
        accounts.put("carla", "Carla", Set.of(Role.CITIZEN), PASSWORD);
        carla.logIn(url("/login"), "carla", PASSWORD);
        String carlaToken = carla.apiToken(issuer());
        assertThat(post(carlaToken, "/api/me/enrolment", "{\"code\":\"" + theirCode + "\"}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> given = post(carlaToken, "/api/me/consents", "{\"purpose\":\"research\"}");
        assertThat(given.statusCode()).isEqualTo(201);
        String consent = json(given).path("id").asText();
        String receipt = json(given).path("receipt").asText();
        // carla's own session (a page's) reads her dwelling
        HttpResponse<String> own = carla.get(url(consumption("P1D")), "Accept", "application/json");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own).path("dwellings").get(0).path("dwelling").asText()).isEqualTo(theirs);

        String olga = token("olga");
        for (String intruder : List.of(bob, olga)) {
            String who = intruder.equals(bob) ? "bob" : "olga";
            // the dwelling's IRI in the URL
            assertThat(get(intruder, consumption("P1D") + "&dwelling=" + enc(theirs))
                            .statusCode())
                    .as(who)
                    .isEqualTo(404);
            // the meters and series they get are their own only
            assertThat(get(intruder, "/api/me/meters").body()).as(who).doesNotContain(theirs);
            assertThat(get(intruder, consumption("P1D")).body()).as(who).doesNotContain(theirs);
            // the consents: not listed, not withdrawn, not given for that dwelling
            assertThat(get(intruder, "/api/me/consents").body()).as(who).doesNotContain(consent);
            assertThat(Http.delete(url("/api/me/consents/" + consent), "Authorization", "Bearer " + intruder)
                            .statusCode())
                    .as(who)
                    .isEqualTo(404);
            assertThat(post(intruder, "/api/me/consents", "{\"purpose\":\"research\",\"dwelling\":\"" + theirs + "\"}")
                            .statusCode())
                    .as(who)
                    .isEqualTo(400);
            // the receipt
            assertThat(get(intruder, "/api/me/receipts/" + receipt).statusCode())
                    .as(who)
                    .isEqualTo(404);
            // the code, once used
            assertThat(post(intruder, "/api/me/enrolment", "{\"code\":\"" + theirCode + "\"}")
                            .statusCode())
                    .as(who)
                    .isEqualTo(400);
        }
        assertThat(json(get(olga, "/api/me/meters"))).isEmpty();
        assertThat(json(get(olga, consumption("P1D"))).path("dwellings")).isEmpty();
        // the consent is still carla's, given
        assertThat(json(get(carlaToken, "/api/me/consents")).toString())
                .contains(consent)
                .contains("\"given\"");
        // without a login, nothing personal
        assertThat(Http.get(url("/api/me/meters")).statusCode()).isEqualTo(401);
        assertThat(Http.get(url(consumption("P1D"))).statusCode()).isEqualTo(401);

        // the public SPARQL endpoint holds no private graph, no dwelling and no consent
        HttpResponse<String> graphs = Http.get(
                url("/sparql?query=" + enc("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")),
                "Accept",
                "application/sparql-results+json");
        assertThat(graphs.statusCode()).isEqualTo(200);
        assertThat(json(graphs).path("results").path("bindings"))
                .isNotEmpty()
                .allSatisfy(b -> assertThat(b.path("g").path("value").asText())
                        .doesNotContain("/graph/private/")
                        .doesNotContain("/graph/consent")
                        .doesNotContain("/graph/enrolment"));
        for (String dwelling : List.of(mine, theirs)) {
            HttpResponse<String> ask = Http.get(
                    url("/sparql?query="
                            + enc("ASK { { <" + dwelling + "> ?p ?o } UNION { ?s ?p <" + dwelling
                                    + "> } UNION { GRAPH ?g { ?s2 ?p2 <" + dwelling + "> } } }")),
                    "Accept",
                    "application/sparql-results+json");
            assertThat(ask.statusCode()).isEqualTo(200);
            assertThat(json(ask).path("boolean").isBoolean()).isTrue();
            assertThat(json(ask).path("boolean").asBoolean()).as(dwelling).isFalse();
        }
    }

    @Test
    void theOpenApiDescriptionDocumentsThePersonalApi() throws Exception {
        JsonNode paths = json(Http.get(url("/api/openapi.json"))).path("paths");
        JsonNode consumption = paths.path("/api/me/consumption").path("get");
        assertThat(consumption.path("parameters"))
                .extracting(p -> p.path("name").asText())
                .contains("fluid", "step", "from", "to", "dwelling");
        assertThat(consumption.path("responses").has("400")).isTrue();
        assertThat(paths.has("/api/me/meters")).isTrue();
        assertThat(paths.has("/api/me/enrolment")).isTrue();
        assertThat(paths.has("/api/me/consents")).isTrue();
        assertThat(paths.has("/api/consent-receipts/jwks")).isTrue();
        assertThat(paths.has("/api/me/export")).isTrue();
        assertThat(paths.has("/api/me/erasure")).isTrue();
        assertThat(paths.has("/api/me/dwelling")).isTrue();
        assertThat(paths.has("/api/me/access-log")).isTrue();
    }
}
