package org.vivacite.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.sparql.core.Quad;
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
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.simulator.DemoCity;
import org.vivacite.triplestore.QuadStore;

/**
 * What each role reaches, on the real server over loopback with the embedded OIDC provider and
 * bearer tokens from its token endpoint. Two buildings of the operator's registry, each with a
 * meter of its own and households; days of their daily electricity in the private store. A
 * building manager assigned the first reads its meter and the dwelling whose household shares its
 * data with them (since the person lives there, each read in the household's access log), nothing of
 * the neighbour who does not share, nothing of the other building, nothing after the withdrawal.
 * Citizens and officials reach no manager's path; officials read published releases only; no one
 * reaches another household.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
class RoleIsolationTest {

    static final String PASSWORD = "correct horse battery";
    static final String OPERATOR = "operator-token-0123456789abcdef";
    static final LocalDate TODAY = LocalDate.now(DemoCity.ZONE);
    /** Three days before the households enrol, and the day after they do (the test's tomorrow). */
    static final List<LocalDate> DAYS =
            List.of(TODAY.minusDays(4), TODAY.minusDays(3), TODAY.minusDays(2), TODAY.plusDays(1));

    static final Instant FROM = DAYS.get(0).atStartOfDay(DemoCity.ZONE).toInstant();
    static final Instant TO = TODAY.plusDays(2).atStartOfDay(DemoCity.ZONE).toInstant();
    static final Instant SHARED_FROM = DAYS.get(1).atStartOfDay(DemoCity.ZONE).toInstant();

    /** Meter id → its dwelling or building, its building, its consumption (kWh) on the first day, one more each next day. */
    static final Map<String, String> METERS = new LinkedHashMap<>();

    static {
        METERS.put("700000000001", "BAT-1,BAT-1,100");
        METERS.put("700000000011", "LOG-11,BAT-1,10");
        METERS.put("700000000012", "LOG-12,BAT-1,20");
        METERS.put("700000000002", "BAT-2,BAT-2,500");
        METERS.put("700000000021", "LOG-21,BAT-2,50");
    }

    @TempDir
    static Path data;

    static int port;
    static String base;
    static String ana;
    static String cleo;
    static String bob;
    static String mia;
    static String olga;
    static String otto;
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        port = LoopbackServer.register(registry, data);
        base = "http://127.0.0.1:" + port + "/";
        registry.add("vivacite.security.operator-token", () -> OPERATOR);
        registry.add("vivacite.security.gateway-tokens.default", () -> "gateway-token-0123456789abcdef");
    }

    /**
     * The operator registers the meters, the households enrol with their codes, the manager is
     * assigned BAT-1, and four days of each meter's daily consumption are in its private graph
     * (written as the ingest pipeline's derivation writes them): three before the households
     * enrol (the household before them), and tomorrow.
     */
    @BeforeAll
    static void registerEnrolAssign(
            @Autowired Accounts accounts,
            @Autowired MeterRegistry registry,
            @Autowired ObservationMapper mapper,
            @Autowired StoreEnrolments enrolments,
            @Autowired BuildingAssignments assignments,
            @Autowired @PrivateStore QuadStore store)
            throws Exception {
        StringBuilder csv = new StringBuilder(
                "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,wire_format,building,usage_point_id,"
                        + "consent,gateways\n");
        METERS.forEach((id, row) -> {
            String[] f = row.split(",");
            csv.append(id)
                    .append(",Enedis,electricity,")
                    .append(f[0])
                    .append(",linky,electricityEnergyConsumed,csv,")
                    .append(f[1])
                    .append(",2")
                    .append(id.substring(1))
                    .append(",P1D,default\n");
        });
        HttpResponse<String> registered = Http.post(
                url("/admin/meters"),
                csv.toString(),
                "Authorization",
                "Bearer " + OPERATOR,
                "Content-Type",
                "text/csv");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        List<Quad> quads = new ArrayList<>();
        var consumed = mapper.quantities().get("electricityEnergyConsumed");
        METERS.forEach((id, row) -> {
            var nodes = mapper.nodes(row(registry, id));
            for (int day = 0; day < DAYS.size(); day++) {
                Instant start = DAYS.get(day).atStartOfDay(DemoCity.ZONE).toInstant();
                Instant end =
                        DAYS.get(day).plusDays(1).atStartOfDay(DemoCity.ZONE).toInstant();
                BigDecimal value = new BigDecimal(row.split(",")[2]).add(BigDecimal.valueOf(day));
                mapper.consumption(nodes, consumed, start, end, value, false, List.of(), quads::add);
            }
        });
        store.add(quads);
        accounts.put("ana", "Ana", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("cleo", "Cleo", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("bob", "Bob", Set.of(Role.CITIZEN), PASSWORD);
        accounts.put("mia", "Mia", Set.of(Role.MANAGER), PASSWORD);
        accounts.put("olga", "Olga", Set.of(Role.OFFICIAL), PASSWORD);
        accounts.put("otto", "Otto", Set.of(Role.OPERATOR), PASSWORD);
        ana = token("ana");
        cleo = token("cleo");
        bob = token("bob");
        mia = token("mia");
        olga = token("olga");
        otto = token("otto");
        Map<String, String> homes = Map.of("700000000011", ana, "700000000012", cleo, "700000000021", bob);
        for (var home : homes.entrySet()) {
            String code = enrolments
                    .generate(List.of(dwelling(mapper, registry, home.getKey())), Duration.ofDays(1))
                    .get(0)
                    .code();
            assertThat(post(home.getValue(), "/api/me/enrolment", "{\"code\":\"" + code + "\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
        assertThat(assignments.assign("mia", List.of(building("BAT-1")))).containsExactly(building("BAT-1"));
    }

    @Autowired
    MeterRegistry registry;

    @Autowired
    ObservationMapper mapper;

    @Autowired
    ReleaseFolders releases;

    @Autowired
    @PrivateStore
    QuadStore privateStore;

    static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static String building(String id) {
        return base + "id/building/" + id;
    }

    private static RegisteredMeter row(MeterRegistry registry, String id) {
        return registry.all().stream()
                .filter(r -> r.meterId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static String dwelling(ObservationMapper mapper, MeterRegistry registry, String meter) {
        return mapper.nodes(row(registry, meter)).featureOfInterest().getURI();
    }

    private String dwelling(String meter) {
        return dwelling(mapper, registry, meter);
    }

    private static String token(String user) {
        Browser browser = new Browser();
        browser.logIn(url("/login"), user, PASSWORD);
        return browser.apiToken("http://127.0.0.1:" + port);
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

    private static String consumption(String building) {
        return "/api/manager/buildings/" + building + "/consumption?fluid=electricity&step=P1D&from=" + FROM + "&to="
                + TO;
    }

    private static List<String> values(JsonNode points) {
        List<String> out = new ArrayList<>();
        points.forEach(p -> out.add(
                new BigDecimal(p.path("value").asText()).stripTrailingZeros().toPlainString()));
        return out;
    }

    private List<AccessLog.Entry> log(String meter) {
        return new AccessLog(privateStore, base, Clock.systemUTC()).of(List.of(dwelling(meter)), Instant.EPOCH);
    }

    @Test
    void aManagerReadsTheirBuildingAndOnlyTheDwellingsThatShareSinceTheirPeopleLiveThereEachReadLogged()
            throws Exception {
        String shared = dwelling("700000000011");
        HttpResponse<String> given = post(
                ana,
                "/api/me/consents",
                "{\"purpose\":\"share-with-building-manager\",\"from\":\"" + SHARED_FROM + "\"}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        String consent = json(given).path("id").asText();
        try {
            JsonNode buildings = json(get(mia, "/api/manager/buildings"));
            assertThat(buildings).hasSize(1);
            assertThat(buildings.get(0).path("id").asText()).isEqualTo("BAT-1");
            assertThat(buildings.get(0).path("iri").asText()).isEqualTo(building("BAT-1"));
            assertThat(buildings.get(0).path("dwellings").asInt()).isEqualTo(2);
            assertThat(buildings.get(0).path("sharing").asInt()).isEqualTo(1);

            int logged = log("700000000011").size();
            HttpResponse<String> read = get(mia, consumption("BAT-1"));
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonNode answer = json(read);
            assertThat(values(answer.path("points"))).containsExactly("100", "101", "102", "103");
            assertThat(answer.path("dwellings")).hasSize(1);
            assertThat(answer.path("dwellings").get(0).path("dwelling").asText())
                    .isEqualTo(shared);
            assertThat(answer.path("dwellings").get(0).path("consent").asText()).isEqualTo(consent);
            // the consent starts before Ana moved in: the household's days before her are not shared
            assertThat(values(answer.path("dwellings").get(0).path("points"))).containsExactly("13");
            assertThat(answer.path("withheld").asInt()).isEqualTo(1);
            // nothing of the neighbour who does not share: neither its dwelling nor its values (20, 21, 22)
            assertThat(read.body())
                    .doesNotContain(dwelling("700000000012"))
                    .doesNotContain("\"value\":20")
                    .doesNotContain("\"value\":21")
                    .doesNotContain("\"value\":22")
                    .doesNotContain("\"value\":23");

            List<AccessLog.Entry> entries = log("700000000011");
            assertThat(entries).hasSize(logged + 1);
            AccessLog.Entry entry = entries.get(entries.size() - 1);
            assertThat(entry.reader()).isEqualTo(new AccessLog.Reader("mia", "manager"));
            assertThat(entry.dwellings()).containsExactly(shared);
            assertThat(entry.why()).contains("share-with-building-manager").contains(consent);
            assertThat(log("700000000012")).isEmpty();
        } finally {
            assertThat(Http.delete(url("/api/me/consents/" + consent), "Authorization", "Bearer " + ana)
                            .statusCode())
                    .isEqualTo(200);
        }
        // withdrawn: the building's meter only, and nothing more in the household's log
        int logged = log("700000000011").size();
        JsonNode after = json(get(mia, consumption("BAT-1")));
        assertThat(values(after.path("points"))).containsExactly("100", "101", "102", "103");
        assertThat(after.path("dwellings")).isEmpty();
        assertThat(after.path("withheld").asInt()).isEqualTo(2);
        assertThat(log("700000000011")).hasSize(logged);
        assertThat(json(get(mia, "/api/manager/buildings"))
                        .get(0)
                        .path("sharing")
                        .asInt())
                .isZero();
    }

    @Test
    void aManagerReachesNoBuildingNotAssignedAndNoHouseholdThroughThePersonalApi() throws Exception {
        // bob's household in BAT-2 shares with its manager, who is not mia
        HttpResponse<String> given = post(bob, "/api/me/consents", "{\"purpose\":\"share-with-building-manager\"}");
        assertThat(given.statusCode()).isEqualTo(201);
        for (String other : List.of("BAT-2", "LOG-11", "nothing-such")) {
            HttpResponse<String> r = get(mia, consumption(other));
            assertThat(r.statusCode()).as(other).isEqualTo(403);
            assertThat(r.body()).as(other).doesNotContain("\"points\"");
        }
        assertThat(get(mia, "/api/manager/buildings").body()).doesNotContain("BAT-2");
        for (String meter : List.of("700000000011", "700000000012", "700000000021")) {
            assertThat(get(mia, "/api/me/consumption?fluid=electricity&dwelling=" + enc(dwelling(meter)))
                            .statusCode())
                    .as(meter)
                    .isEqualTo(404);
        }
        assertThat(json(get(mia, "/api/me/meters"))).isEmpty();
        assertThat(log("700000000021")).isEmpty();
    }

    @Test
    void citizensOfficialsAndOperatorsReachNoManagersPathAndCitizensNoOfficialsOne() {
        for (String token : List.of(ana, bob, olga, otto)) {
            assertThat(get(token, "/api/manager/buildings").statusCode()).isEqualTo(403);
            assertThat(get(token, consumption("BAT-1")).statusCode()).isEqualTo(403);
        }
        for (String token : List.of(ana, bob, mia, otto)) {
            assertThat(get(token, "/api/official/datasets").statusCode()).isEqualTo(403);
        }
        // without a login
        assertThat(Http.get(url("/api/manager/buildings")).statusCode()).isEqualTo(401);
        assertThat(Http.get(url(consumption("BAT-1"))).statusCode()).isEqualTo(401);
        assertThat(Http.get(url("/api/official/datasets")).statusCode()).isEqualTo(401);
        // a citizen reaches no other household in their building nor elsewhere
        for (String meter : List.of("700000000012", "700000000021")) {
            assertThat(get(ana, "/api/me/consumption?fluid=electricity&dwelling=" + enc(dwelling(meter)))
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void anOfficialReadsPublishedReleasesOnlyAndNoHousehold() throws Exception {
        String csv = "area,fluid,sector,total,points\nhttp://example.org/iris/1,electricity,residential,1234.5,12\n"
                + "http://example.org/iris/2,electricity,residential,,\n";
        try (ReleaseFolders.Draft draft = releases.draft(Dataset.ANNUAL_BY_DISTRICT, "20261201T000000Z")) {
            Files.writeString(draft.dir().resolve("annual.csv"), csv);
            draft.commit(
                    Instant.parse("2026-12-01T00:00:00Z"),
                    LocalDate.of(2025, 12, 1),
                    LocalDate.of(2026, 11, 30),
                    2,
                    1,
                    List.of(),
                    Map.of("annual.csv", "text/csv"),
                    Map.of());
        }
        JsonNode datasets = json(get(olga, "/api/official/datasets"));
        assertThat(datasets).hasSize(1);
        assertThat(datasets.get(0).path("dataset").asText()).isEqualTo("annual-consumption-by-district");
        assertThat(datasets.get(0).path("files").get(0).asText())
                .isEqualTo(base + "open-data/annual-consumption-by-district/20261201T000000Z/annual.csv");
        HttpResponse<String> cells = get(olga, "/api/official/datasets/annual-consumption-by-district");
        assertThat(cells.statusCode()).isEqualTo(200);
        assertThat(json(cells).path("columns").toString())
                .isEqualTo("[\"area\",\"fluid\",\"sector\",\"total\",\"points\"]");
        assertThat(json(cells).path("rows")).hasSize(2);
        assertThat(json(cells).path("rows").get(0).path("total").asText()).isEqualTo("1234.5");
        assertThat(json(cells).path("rows").get(1).path("total").asText()).isEmpty();
        assertThat(get(olga, "/api/official/datasets/daily-consumption-by-district")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get(olga, "/api/official/datasets/..%2Fprivate").statusCode())
                .isIn(400, 404);
        // no household by the personal API, nor any building's data
        for (String meter : List.of("700000000011", "700000000012", "700000000021")) {
            assertThat(get(olga, "/api/me/consumption?fluid=electricity&dwelling=" + enc(dwelling(meter)))
                            .statusCode())
                    .isEqualTo(404);
        }
        assertThat(json(get(olga, "/api/me/meters"))).isEmpty();
        assertThat(json(get(olga, "/api/me/consumption?fluid=electricity&from=" + FROM + "&to=" + TO))
                        .path("dwellings"))
                .isEmpty();
        // nor the private store: the public SPARQL endpoint has no private, assignment or access-log graph
        HttpResponse<String> graphs = Http.get(
                url("/sparql?query=" + enc("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")),
                "Accept",
                "application/sparql-results+json");
        assertThat(graphs.statusCode()).isEqualTo(200);
        assertThat(graphs.body())
                .doesNotContain("/graph/private/")
                .doesNotContain("/graph/building-managers")
                .doesNotContain("/graph/access-log");
    }

    @Test
    void anOfficialGetsALargeReleaseWholeAndNoFileChangedSinceItsPublication() throws Exception {
        // a daily dataset's file: 40 000 cells, far beyond any buffer, streamed as the file is read
        StringBuilder csv = new StringBuilder("area,period,fluid,consumption,status\r\n");
        for (int i = 0; i < 40_000; i++) {
            csv.append("http://example.org/iris/")
                    .append(i)
                    .append(",2026-11-01,electricity,")
                    .append(i % 7 == 0 ? ",confidential" : i + ".5,published")
                    .append("\r\n");
        }
        String release = "20261202T000000Z";
        try (ReleaseFolders.Draft draft = releases.draft(Dataset.DAILY_BY_DISTRICT, release)) {
            Files.writeString(draft.dir().resolve("daily.csv"), csv);
            draft.commit(
                    Instant.parse("2026-12-02T00:00:00Z"),
                    LocalDate.of(2026, 11, 1),
                    LocalDate.of(2026, 11, 30),
                    40_000,
                    34_285,
                    List.of(),
                    Map.of("daily.csv", "text/csv"),
                    Map.of());
        }
        Path folder = releases.folder(Dataset.DAILY_BY_DISTRICT, release);
        try {
            HttpResponse<String> cells = get(olga, "/api/official/datasets/daily-consumption-by-district");
            assertThat(cells.statusCode()).isEqualTo(200);
            JsonNode rows = json(cells).path("rows");
            assertThat(rows).hasSize(40_000);
            assertThat(rows.get(39_999).path("area").asText()).isEqualTo("http://example.org/iris/39999");
            assertThat(rows.get(39_999).path("consumption").asText()).isEqualTo("39999.5");
            assertThat(rows.get(39_998).path("consumption").asText()).isEmpty();
            assertThat(rows.get(39_998).path("status").asText()).isEqualTo("confidential");

            // a file changed after publication (a suppressed cell given its value) is not published data
            Files.writeString(
                    folder.resolve("daily.csv"),
                    csv.toString()
                            .replace("iris/39998,2026-11-01,electricity,,", "iris/39998,2026-11-01,electricity,7,"));
            HttpResponse<String> changed = get(olga, "/api/official/datasets/daily-consumption-by-district");
            assertThat(changed.statusCode()).isEqualTo(500);
            assertThat(json(changed).path("error").asText())
                    .contains("daily.csv")
                    .contains(release)
                    .contains("is not the one published");
            assertThat(changed.body()).doesNotContain("iris/39998");
        } finally {
            // the other tests see the annual dataset only
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void anOperatorAssignsAndUnassignsBuildingsWhileTheServerRunsAndOnlyAnOperatorMay() throws Exception {
        String admin = url("/admin/managers/mia/buildings");
        String body = "[\"" + building("BAT-2") + "\"]";
        assertThat(Http.post(admin, body, "Authorization", "Bearer " + mia, "Content-Type", "application/json")
                        .statusCode())
                .isEqualTo(403);
        try {
            HttpResponse<String> assigned =
                    Http.post(admin, body, "Authorization", "Bearer " + OPERATOR, "Content-Type", "application/json");
            assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
            assertThat(json(assigned).path("assigned").toString()).isEqualTo(body);
            assertThat(json(get(mia, "/api/manager/buildings")))
                    .extracting(b -> b.path("id").asText())
                    .containsExactly("BAT-1", "BAT-2");
            assertThat(get(mia, consumption("BAT-2")).statusCode()).isEqualTo(200);
        } finally {
            HttpResponse<String> removed =
                    Http.delete(admin + "?building=" + enc(building("BAT-2")), "Authorization", "Bearer " + OPERATOR);
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        }
        assertThat(get(mia, consumption("BAT-2")).statusCode()).isEqualTo(403);
        // refusals name the building or the account, and assign nothing
        HttpResponse<String> unknown = Http.post(
                admin,
                "[\"" + building("BAT-2") + "\",\"" + building("NOPE") + "\"]",
                "Authorization",
                "Bearer " + OPERATOR,
                "Content-Type",
                "application/json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).contains(building("NOPE"));
        HttpResponse<String> citizen = Http.post(
                url("/admin/managers/ana/buildings"),
                body,
                "Authorization",
                "Bearer " + OPERATOR,
                "Content-Type",
                "application/json");
        assertThat(citizen.statusCode()).isEqualTo(400);
        assertThat(json(citizen).path("detail").asText()).contains("account ana is no building manager");
        assertThat(json(Http.get(admin, "Authorization", "Bearer " + OPERATOR)).toString())
                .isEqualTo("[\"" + building("BAT-1") + "\"]");
    }

    @Test
    void theOpenApiDescriptionDocumentsTheManagersAndOfficialsApi() throws Exception {
        JsonNode paths = json(Http.get(url("/api/openapi.json"))).path("paths");
        assertThat(paths.has("/api/manager/buildings")).isTrue();
        JsonNode consumption =
                paths.path("/api/manager/buildings/{id}/consumption").path("get");
        assertThat(consumption.path("parameters"))
                .extracting(p -> p.path("name").asText())
                .contains("id", "fluid", "step", "from", "to");
        assertThat(consumption.path("responses").has("403")).isTrue();
        assertThat(paths.has("/api/official/datasets")).isTrue();
        assertThat(paths.has("/api/official/datasets/{dataset}")).isTrue();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
