package org.vivacite.portal.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.vivacite.ingest.deadletter.DeadLetterStore;
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
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * {@code GET /api/me/bill} over real components: a private LMDB store holding the worked example's
 * territory and two households' water meters (Alice's, Bob's), their daily consumption as the
 * rollups write it, their enrolments, and {@link PersonalData} reading through the person's view;
 * the controller is driven through Spring MVC's MockMvc with the principal a session carries.
 */
class BillApiTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    /** A clock the test moves: the households move in on 1 February, the bill is asked on 1 March. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-31T23:00:00Z");

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

    QuadStore store;
    MeterDayRollups rollups;
    IngestPipeline pipeline;
    MockMvc mvc;

    @BeforeEach
    void city() {
        MovingClock clock = new MovingClock();
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        store.add(
                BASE + "graph/territory",
                Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE).getGraph());
        rollups = new MeterDayRollups(
                store,
                PARIS,
                dir.resolve("private-rollups.journal"),
                MeterDayRollups.Selection.dailyConsumption(QuantityRegistry.standard()));
        ObservationMapper mapper =
                new ObservationMapper(BASE, new Pseudonyms(new byte[16]), QuantityRegistry.standard(), PARIS);
        pipeline = new IngestPipeline(
                store,
                rollups,
                new MeterRegistry(dir.resolve("meters.csv"), PARIS),
                new DeadLetterStore(dir.resolve("deadletter")),
                mapper,
                new Decoders((manufacturer, id) -> Optional.empty(), PARIS),
                IngestPipeline.Options.defaults(),
                clock);
        pipeline.register(MeterCsv.parse(
                String.join(",", MeterCsv.COLUMNS) + "\n"
                        + "12345678,ZRI,water,DW-ALICE,water-meter,waterVolume,wmbus,EX4MP1E2B1DG,,P1D,,,gw-1,,\n"
                        + "87654321,ZRI,water,DW-BOB,water-meter,waterVolume,wmbus,EX4MP1E2B1DG,,P1D,,,gw-1,,\n",
                "test"));
        MeterNodes alice = nodes(pipeline, mapper, "12345678");
        MeterNodes bob = nodes(pipeline, mapper, "87654321");
        rollups.write(day(alice, "2026-02-01", "0.250"));
        rollups.write(day(alice, "2026-02-02", "0.200"));
        rollups.write(day(bob, "2026-02-01", "0.900"));
        rollups.write(day(bob, "2026-02-02", "0.900"));
        rollups.flush();
        StoreEnrolments enrolments = new StoreEnrolments(store, BASE, clock);
        for (var e : List.of(List.of("alice", alice), List.of("bob", bob))) {
            String code = enrolments
                    .generate(
                            List.of(((MeterNodes) e.get(1)).featureOfInterest().getURI()), Duration.ofDays(30))
                    .get(0)
                    .code();
            enrolments.redeem((String) e.get(0), code);
        }
        clock.now = NOW;
        PersonalData data =
                new PersonalData(store, enrolments, pipeline.consents(), QuantityRegistry.standard(), PARIS, clock);
        Billing billing = new Billing(new Tariffs(MoneyProperties.defaults(), new DefaultResourceLoader()), PARIS);
        mvc = MockMvcBuilders.standaloneSetup(new BillController(new Bills(data, billing), data))
                .build();
    }

    @AfterEach
    void close() {
        pipeline.close();
        rollups.close();
        store.close();
    }

    private static Principal alice() {
        return () -> "alice";
    }

    @Test
    void theBillIsThePersonsOwnWaterAtTheConfiguredPrices() throws Exception {
        mvc.perform(get("/api/me/bill")
                        .principal(alice())
                        .param("fluid", "water")
                        .param("from", "2026-02-01")
                        .param("to", "2026-02-03"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].fluid").value("water"))
                .andExpect(jsonPath("$[0].unit").value("m3"))
                .andExpect(jsonPath("$[0].quantity").value(0.45)) // Alice's, not Bob's 1.8
                .andExpect(jsonPath("$[0].lines[0].item").value("water"))
                .andExpect(jsonPath("$[0].lines[0].amountTtc").value(1.12)) // 0.45 × 2.49
                .andExpect(jsonPath("$[0].lines[1].item").value("sanitation"))
                .andExpect(jsonPath("$[0].lines[1].amountTtc").value(1.08)) // 0.45 × 2.39
                .andExpect(jsonPath("$[0].totalTtc").value(2.20))
                .andExpect(jsonPath("$[0].notes[0].code").value("no-emission-factor"));
    }

    @Test
    void aFluidWithoutAMeterHasNoBillAndABadParameterIsNamed() throws Exception {
        mvc.perform(get("/api/me/bill").principal(alice()).param("fluid", "gas"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        String body = mvc.perform(get("/api/me/bill").principal(alice()).param("fluid", "steam"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("fluid: 'steam' is none of [electricity, gas, water, heat]");
        mvc.perform(get("/api/me/bill")
                        .principal(alice())
                        .param("fluid", "water")
                        .param("from", "1 Feb"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("from: '1 Feb'")));
    }

    private static MeterNodes nodes(IngestPipeline pipeline, ObservationMapper mapper, String meterId) {
        return pipeline.registry().all().stream()
                .filter(m -> m.meterId().equals(meterId))
                .map(mapper::nodes)
                .findFirst()
                .orElseThrow();
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    /** A day's water consumption as the ingest writes it. */
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
        for (Instant t : List.of(start, end)) {
            q.add(Quad.create(
                    g,
                    iri(BASE + "id/instant/" + t),
                    iri(Namespaces.TIME + "inXSDDateTimeStamp"),
                    NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp)));
        }
        return q;
    }
}
