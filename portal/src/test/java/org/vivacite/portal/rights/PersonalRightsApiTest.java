package org.vivacite.portal.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.Decoders;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Ontology;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.portal.consent.PersonalConsents;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The rights API over real components: a private LMDB store in a temporary folder holding the
 * worked example's territory and two households of one building (Alice's, Bob's), the ingest
 * pipeline's registry, dead letters and consents, the rollups that the open data's views read.
 * Alice moved in on 1 February (local midnight); her dwelling also holds a reading of the household
 * before her. The controllers are driven through Spring MVC's MockMvc with the principal an
 * authenticated session carries (the OIDC login is tested end to end at the merge of issue 19).
 */
class PersonalRightsApiTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant MOVE_IN = Instant.parse("2026-01-31T23:00:00Z"); // 1 February, local midnight
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = MOVE_IN;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    QuadStore store;
    MeterDayRollups rollups;
    IngestPipeline pipeline;
    DeadLetterStore deadLetters;
    ObservationMapper mapper;
    StoreEnrolments enrolments;
    PersonalConsents personalConsents;
    AccessLog accessLog;
    org.vivacite.portal.targets.TargetStore targets;
    MockMvc mvc;
    MeterNodes alice;
    MeterNodes bob;

    @BeforeEach
    void city() throws Exception {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        store.add(
                BASE + "graph/territory",
                Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE).getGraph());
        rollups = rollups();
        MeterRegistry registry = new MeterRegistry(dir.resolve("meters.csv"), PARIS);
        deadLetters = new DeadLetterStore(dir.resolve("deadletter"));
        mapper = new ObservationMapper(BASE, new Pseudonyms(new byte[16]), QuantityRegistry.standard(), PARIS);
        Decoders decoders = new Decoders((manufacturer, id) -> Optional.empty(), PARIS);
        pipeline = new IngestPipeline(
                store, rollups, registry, deadLetters, mapper, decoders, IngestPipeline.Options.defaults(), clock);
        pipeline.register(MeterCsv.parse(
                String.join(",", MeterCsv.COLUMNS) + "\n"
                        + "12345678,ZRI,water,DW-ALICE,water-meter,waterVolume,wmbus,EX4MP1E2B1DG,,P1D,,,gw-1,,\n"
                        + "87654321,ZRI,water,DW-BOB,water-meter,waterVolume,wmbus,EX4MP1E2B1DG,,P1D,,,gw-1,,\n",
                "test"));
        alice = nodes("12345678");
        bob = nodes("87654321");

        // Daily consumption: the household before Alice on 30 January, Alice and Bob in February.
        rollups.write(day(alice, "2026-01-30", "0.300"));
        for (String d : List.of("2026-01-30", "2026-02-01", "2026-02-02")) {
            rollups.write(day(bob, d, "0.100"));
        }
        rollups.write(day(alice, "2026-02-01", "0.250"));
        rollups.write(day(alice, "2026-02-02", "0.200"));
        rollups.flush();

        enrolments = new StoreEnrolments(store, BASE, clock);
        ConsentReceipts receipts = new ConsentReceipts(
                store,
                BASE,
                pipeline.consents().graph(),
                dir,
                new ConsentReceipts.Controller(
                        "Métropole", "DPO", "Grenoble", "dpo@example.org", "https://example.org"));
        personalConsents = new PersonalConsents(pipeline.consents(), enrolments, receipts, clock);
        enrol("alice", alice);
        enrol("bob", bob);
        clock.now = NOW;
        personalConsents.give("alice", null, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        personalConsents.give("bob", null, Purpose.FINE_DATA, Duration.ofHours(1), null, null);

        // Two dead letters name Alice's meter, one of them Bob's as well.
        deadLetters.put(
                Envelope.of(
                        Format.WMBUS,
                        "http",
                        "gw-1",
                        NOW,
                        (telegram("12345678") + "\n" + telegram("87654321")).getBytes(StandardCharsets.US_ASCII)),
                -1,
                false,
                DeadLetter.Units.of(List.of(Reason.WRONG_KEY, Reason.WRONG_KEY), List.of("a", "b")));
        deadLetters.put(
                Envelope.of(
                        Format.WMBUS, "http", "gw-1", NOW, telegram("12345678").getBytes(StandardCharsets.US_ASCII)),
                Reason.WRONG_KEY,
                "a");

        accessLog = new AccessLog(store, BASE, clock);
        targets = new org.vivacite.portal.targets.TargetStore(
                store, BASE, pipeline.consents().graph(), clock);
        PersonalExport export = new PersonalExport(
                store, enrolments, pipeline.consents(), receipts, accessLog, PARIS, clock, List.of(targets));
        Erasure erasure = new Erasure(
                store,
                rollups,
                enrolments,
                pipeline.consents(),
                receipts,
                pipeline.letterMeters(),
                deadLetters,
                BASE,
                PARIS,
                clock,
                List.of(targets));
        mvc = MockMvcBuilders.standaloneSetup(new RightsController(
                        export, erasure, new DwellingFacts(store, enrolments, clock), accessLog, enrolments, clock))
                .build();
    }

    @AfterEach
    void close() {
        pipeline.close();
        rollups.close();
        store.close();
    }

    private MeterDayRollups rollups() {
        return new MeterDayRollups(
                store,
                PARIS,
                dir.resolve("private-rollups.journal"),
                MeterDayRollups.Selection.dailyConsumption(QuantityRegistry.standard()));
    }

    private MeterNodes nodes(String meterId) {
        return pipeline.registry().all().stream()
                .filter(m -> m.meterId().equals(meterId))
                .map(mapper::nodes)
                .findFirst()
                .orElseThrow();
    }

    private void enrol(String subject, MeterNodes m) {
        String code = enrolments
                .generate(List.of(m.featureOfInterest().getURI()), Duration.ofDays(30))
                .get(0)
                .code();
        enrolments.redeem(subject, code);
    }

    private static Principal as(String subject) {
        return () -> subject;
    }

    /** A day's derived water consumption of a meter, as the pipeline writes it. */
    private static List<Quad> day(MeterNodes m, String day, String value) {
        Instant start = LocalDate.parse(day).atStartOfDay(PARIS).toInstant();
        Instant end = LocalDate.parse(day).plusDays(1).atStartOfDay(PARIS).toInstant();
        Node g = m.graph();
        Node obs = iri(BASE + "obs/" + m.pseudonym() + "/waterVolumeConsumed/" + start + "/P1D");
        Node interval = iri(BASE + "id/interval/" + start + "/P1D");
        List<Quad> q = new ArrayList<>();
        q.add(Quad.create(g, obs, RDF.type.asNode(), iri(Namespaces.SOSA + "Observation")));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "madeBySensor"), m.node()));
        q.add(Quad.create(
                g, obs, iri(Namespaces.SOSA + "observedProperty"), iri(Namespaces.VC + "waterVolumeConsumed")));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "hasFeatureOfInterest"), m.featureOfInterest()));
        q.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(value, XSDDatatype.XSDdecimal)));
        q.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "resultTime"),
                NodeFactory.createLiteralDT(end.toString(), XSDDatatype.XSDdateTime)));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "phenomenonTime"), interval));
        q.add(Quad.create(g, interval, iri(Namespaces.TIME + "hasBeginning"), iri(BASE + "id/instant/" + start)));
        q.add(Quad.create(g, interval, iri(Namespaces.TIME + "hasEnd"), iri(BASE + "id/instant/" + end)));
        q.add(Quad.create(
                g,
                iri(BASE + "id/instant/" + start),
                iri(Namespaces.TIME + "inXSDDateTimeStamp"),
                NodeFactory.createLiteralDT(start.toString(), XSDDatatype.XSDdateTimeStamp)));
        q.add(Quad.create(
                g,
                iri(BASE + "id/instant/" + end),
                iri(Namespaces.TIME + "inXSDDateTimeStamp"),
                NodeFactory.createLiteralDT(end.toString(), XSDDatatype.XSDdateTimeStamp)));
        return q;
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    /** A wM-Bus telegram of a ZRI water meter, as a gateway forwards it: its link layer and some encrypted bytes. */
    private static String telegram(String id) {
        int flag = ((('Z' - 64) << 10) | (('R' - 64) << 5) | ('I' - 64));
        byte[] t = new byte[20];
        t[0] = 19;
        t[1] = 0x44;
        t[2] = (byte) (flag & 0xFF);
        t[3] = (byte) (flag >> 8);
        for (int i = 0; i < 4; i++) {
            t[4 + i] = (byte) Integer.parseInt(id.substring(6 - 2 * i, 8 - 2 * i), 16);
        }
        t[8] = 1;
        t[9] = 7;
        t[10] = 0x7A;
        return HexFormat.of().withUpperCase().formatHex(t);
    }

    /** The open data's daily water sums of the example's district, per day, and their delivery points. */
    private Map<LocalDate, String> districtWater() {
        rollups.flush();
        AggregationViews.Aggregates a = new AggregationViews(
                        store,
                        new AggregationViews.Settings(
                                BASE, PARIS, new BigDecimal("11.2"), org.vivacite.opendata.DegreeDays.NONE))
                .compute(LocalDate.of(2026, 3, 1));
        Map<LocalDate, String> sums = new java.util.TreeMap<>();
        for (Cell c : a.candidates()) {
            if (c.dataset() == Dataset.DAILY_BY_DISTRICT
                    && c.area().level() == org.vivacite.ontology.TerritorialLevel.DISTRICT
                    && c.fluid() == org.vivacite.opendata.Fluid.WATER) {
                sums.put(
                        c.period().start(),
                        c.total().stripTrailingZeros().toPlainString() + " m3 from " + c.deliveryPoints());
            }
        }
        return sums;
    }

    /** The export's entries, by name. */
    private Map<String, String> export(String subject) throws Exception {
        byte[] zip = mvc.perform(get("/api/me/export").principal(as(subject)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static Graph jsonld(String text) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(text, Lang.JSONLD).parse(g);
        return g;
    }

    @Test
    void theExportHoldsTheCallersDataSinceTheyMovedInAndNothingOfAnotherHousehold() throws Exception {
        accessLog.record(
                new AccessLog.Reader("ops-1", "operator"),
                List.of(alice.featureOfInterest().getURI()),
                "dead letter 1",
                "ticket 42");
        accessLog.record(
                new AccessLog.Reader("ops-1", "operator"),
                List.of(bob.featureOfInterest().getURI()),
                "dead letter 2",
                "ticket 43");

        Map<String, String> zip = export("alice");

        assertThat(zip.keySet())
                .containsExactlyInAnyOrder(
                        "README.md",
                        "household.jsonld",
                        "consents.jsonld",
                        "access-log.jsonld",
                        "targets.jsonld",
                        "meters.csv",
                        "readings.csv",
                        "daily-sums.csv",
                        "consents.csv",
                        "receipts.csv",
                        "access-log.csv");
        Graph household = jsonld(zip.get("household.jsonld"));
        List<String> readings = household
                .find(Node.ANY, RDF.type.asNode(), iri(Namespaces.SOSA + "Observation"))
                .mapWith(t -> t.getSubject().getURI())
                .toList();
        assertThat(readings)
                .as("Alice's two days, not the day of the household before her")
                .hasSize(2)
                .allMatch(o -> o.contains(alice.pseudonym()))
                .noneMatch(o -> o.contains("2026-01-29T23:00:00Z"));
        assertThat(household.contains(alice.featureOfInterest(), RDF.type.asNode(), iri(Namespaces.VC + "Dwelling")))
                .isTrue();
        assertThat(household.contains(alice.node(), iri(Namespaces.SOSA + "observes"), Node.ANY))
                .isTrue();
        assertThat(zip.get("readings.csv").lines())
                .hasSize(3)
                .element(1)
                .asString()
                .contains("0.25");
        assertThat(zip.get("daily-sums.csv").lines()).hasSize(3).noneMatch(l -> l.contains("2026-01-30"));
        assertThat(zip.get("consents.csv").lines())
                .hasSize(2)
                .element(1)
                .asString()
                .contains("PT30M");
        assertThat(zip.get("receipts.csv").lines()).hasSize(2);
        assertThat(jsonld(zip.get("consents.jsonld"))
                        .find(Node.ANY, RDF.type.asNode(), iri(Namespaces.DPV + "Consent"))
                        .toList())
                .hasSize(1);
        assertThat(zip.get("access-log.csv").lines())
                .hasSize(2)
                .element(1)
                .asString()
                .contains("ticket 42", "operator");
        assertThat(zip.get("README.md")).contains("sosa:Observation", "vc:MeterDayRollup", "dpv:Consent");
        for (Map.Entry<String, String> e : zip.entrySet()) {
            assertThat(e.getValue())
                    .as(e.getKey() + " says nothing of Bob's household")
                    .doesNotContain(bob.pseudonym())
                    .doesNotContain(bob.featureOfInterest().getURI())
                    .doesNotContain("ticket 43")
                    .doesNotContain("PT1H");
        }
        mvc.perform(get("/api/me/export").principal(as("carol")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error")
                        .value(org.hamcrest.Matchers.startsWith("dwelling: you are enrolled in no dwelling")));
    }

    @Test
    void erasureRemovesTheHouseholdsDataItsShareOfTheOpenDataSumsAndItsDeadLettersAndKeepsAProof() throws Exception {
        assertThat(districtWater())
                .containsEntry(LocalDate.of(2026, 1, 30), "0.4 m3 from 2")
                .containsEntry(LocalDate.of(2026, 2, 1), "0.35 m3 from 2")
                .containsEntry(LocalDate.of(2026, 2, 2), "0.3 m3 from 2");
        rollups.write(day(alice, "2026-02-03", "0.700")); // a sum still held in memory
        assertThat(deadLetters.list()).hasSize(2);

        mvc.perform(post("/api/me/erasure")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("confirm: ")));
        assertThat(store.read(alice.graph().getURI()).size())
                .as("nothing erased without confirmation")
                .isGreaterThan(20);

        mvc.perform(post("/api/me/erasure")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"confirm\":\"erase\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.erased[0].dwelling")
                        .value(alice.featureOfInterest().getURI()))
                .andExpect(jsonPath("$.erased[0].readings").value(3))
                .andExpect(jsonPath("$.erased[0].dailySums").value(3))
                .andExpect(jsonPath("$.erased[0].consents").value(1))
                .andExpect(jsonPath("$.erased[0].receipts").value(1))
                .andExpect(jsonPath("$.erased[0].deadLetterUnits").value(2))
                .andExpect(jsonPath("$.published").value(Erasure.PUBLISHED));

        assertThat(districtWater())
                .as("the open data's sums lose Alice's days, not the day before her")
                .containsEntry(LocalDate.of(2026, 1, 30), "0.4 m3 from 2")
                .containsEntry(LocalDate.of(2026, 2, 1), "0.1 m3 from 1")
                .containsEntry(LocalDate.of(2026, 2, 2), "0.1 m3 from 1")
                .doesNotContainKey(LocalDate.of(2026, 2, 3));
        Graph left = store.read(alice.graph().getURI());
        assertThat(left.find(Node.ANY, RDF.type.asNode(), iri(Namespaces.SOSA + "Observation"))
                        .toList())
                .as("only the household before her")
                .singleElement()
                .satisfies(t -> assertThat(t.getSubject().getURI()).contains("2026-01-29T23:00:00Z"));
        assertThat(left.contains(alice.node(), RDF.type.asNode(), iri(Namespaces.SOSA + "Sensor")))
                .as("the meter stays described")
                .isTrue();
        assertThat(deadLetters.list())
                .singleElement()
                .satisfies(l -> assertThat(new String(l.envelope().payload(), StandardCharsets.US_ASCII))
                        .isEqualTo(telegram("87654321")));
        assertThat(pipeline.consents().of(List.of(alice.featureOfInterest().getURI())))
                .isEmpty();
        assertThat(pipeline.consents().of(List.of(bob.featureOfInterest().getURI())))
                .hasSize(1);
        assertThat(store.select("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?e WHERE { GRAPH <" + BASE
                                + "graph/consent> { ?e a prov:Activity ; prov:used <"
                                + alice.featureOfInterest().getURI()
                                + "> ; prov:wasAssociatedWith ?who ; prov:endedAtTime ?at } }")
                        .rows())
                .as("the proof of the erasure")
                .hasSize(1);

        // A restart replays the rollups' journal: nothing of Alice's comes back.
        rollups.close();
        rollups = rollups();
        assertThat(districtWater())
                .containsEntry(LocalDate.of(2026, 2, 1), "0.1 m3 from 1")
                .doesNotContainKey(LocalDate.of(2026, 2, 3));
        assertThat(export("alice").get("readings.csv").lines())
                .as("her export is empty now")
                .hasSize(1);
    }

    @Test
    void theExportAndTheErasureReachTheRecordsOfOtherAreasAsTheTargets() throws Exception {
        String a = alice.featureOfInterest().getURI();
        String b = bob.featureOfInterest().getURI();
        var mine = targets.add(
                "alice",
                a,
                "water",
                org.vivacite.portal.targets.Target.Span.YEAR,
                org.vivacite.portal.targets.Target.Measure.AMOUNT,
                new BigDecimal("42.5"));
        var his = targets.add(
                "bob",
                b,
                "water",
                org.vivacite.portal.targets.Target.Span.MONTH,
                org.vivacite.portal.targets.Target.Measure.AMOUNT,
                new BigDecimal("7"));

        String exported = export("alice").get("targets.jsonld");
        assertThat(exported).contains(mine.id()).contains("42.5").doesNotContain(his.id());

        mvc.perform(post("/api/me/erasure")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"confirm\":\"erase\"}"))
                .andExpect(status().isOk());
        assertThat(targets.of("alice")).isEmpty();
        assertThat(targets.of("bob"))
                .extracting(org.vivacite.portal.targets.Target::id)
                .containsExactly(his.id());
        assertThat(store.select("PREFIX dct: <http://purl.org/dc/terms/> SELECT ?d WHERE { GRAPH <" + BASE
                                + "graph/consent> { ?e a <http://www.w3.org/ns/prov#Activity> ; dct:description ?d } }")
                        .rows())
                .singleElement()
                .satisfies(r -> assertThat(r.get("d").getLiteralLexicalForm()).endsWith(", 1 targets"));
    }

    @Test
    void rectificationReplacesTheFactsItValidatesAndNamesTheFieldOfABadOne() throws Exception {
        mvc.perform(patch("/api/me/dwelling")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorArea\": -3}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("floorArea: -3 m²")));
        mvc.perform(patch("/api/me/dwelling")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorArea\": \"sixty\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("floorArea: 'sixty'")));
        mvc.perform(patch("/api/me/dwelling")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"heatingSystem\": \"steam\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error")
                        .value(org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.startsWith("heatingSystem: 'steam' is none of"),
                                org.hamcrest.Matchers.containsString("heat-pump"))));
        mvc.perform(patch("/api/me/dwelling")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dwelling\": \"" + bob.featureOfInterest().getURI() + "\", \"floorArea\": 50}"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("dwelling: you are not enrolled")));

        mvc.perform(patch("/api/me/dwelling")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorArea\": 71.50, \"heatingSystem\": \"heat-pump\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.floorArea").value(71.5))
                .andExpect(jsonPath("$.heatingSystem").value("heat-pump"));
        mvc.perform(patch("/api/me/dwelling")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorArea\": 72}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.heatingSystem").value("heat-pump"));

        Graph g = store.read(alice.graph().getURI());
        assertThat(g.find(alice.featureOfInterest(), iri(Namespaces.VC + "floorArea"), Node.ANY)
                        .toList())
                .singleElement()
                .satisfies(t ->
                        assertThat(t.getObject().getLiteralValue().toString()).isEqualTo("72"));
        assertThat(g.contains(
                        alice.featureOfInterest(),
                        iri(Namespaces.VC + "heatingSystem"),
                        iri(Namespaces.VC + "heatPump")))
                .isTrue();
        assertThat(store.read(bob.graph().getURI())
                        .contains(bob.featureOfInterest(), iri(Namespaces.VC + "floorArea"), Node.ANY))
                .isFalse();
    }

    @Test
    void thePersonSeesTheReadsOfTheirDataByOthersAndNotThoseOfAnotherHousehold() throws Exception {
        accessLog.record(
                new AccessLog.Reader("ops-1", "operator"),
                List.of(
                        alice.featureOfInterest().getURI(),
                        bob.featureOfInterest().getURI()),
                "dead letter 20261207T101010.000Z-1",
                "a gateway's wrong keys, ticket 42");
        accessLog.record(
                new AccessLog.Reader("ops-2", "operator"),
                List.of(bob.featureOfInterest().getURI()),
                "dead letter 2",
                "ticket 43");

        mvc.perform(get("/api/me/access-log").principal(as("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].who").value("ops-1"))
                .andExpect(jsonPath("$[0].role").value("operator"))
                .andExpect(jsonPath("$[0].why").value("a gateway's wrong keys, ticket 42"))
                .andExpect(jsonPath("$[0].what").value("dead letter 20261207T101010.000Z-1"))
                .andExpect(jsonPath("$[0].at").value(NOW.toString()))
                .andExpect(jsonPath("$[0].dwellings.length()").value(1))
                .andExpect(jsonPath("$[0].dwellings[0]")
                        .value(alice.featureOfInterest().getURI()));
        mvc.perform(get("/api/me/access-log").principal(as("bob")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accessLog.record(
                        new AccessLog.Reader("ops-1", "operator"),
                        List.of(alice.featureOfInterest().getURI()),
                        "x",
                        " "))
                .isInstanceOf(RightsException.class)
                .hasMessageStartingWith("why: ");
    }
}
