package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.ReadingKind;
import org.vivacite.ontology.shacl.ShapeValidator;

/** The fast check the pipeline runs instead of SHACL agrees with SHACL on what both judge. */
class ReadingCheckTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final QuantityRegistry QUANTITIES = QuantityRegistry.standard();
    private final ReadingCheck check =
            new ReadingCheck(QUANTITIES, IngestPipeline.Options.defaults().futureMargin());
    private final ObservationMapper mapper = new ObservationMapper(
            "http://localhost:8080/", new Pseudonyms(new byte[16]), QUANTITIES, PipelineFixture.ZONE);
    private final ShapeValidator shapes = new ShapeValidator();

    @Test
    void acceptsExactlyTheReadingsWhoseObservationsConformToTheShapes() {
        RegisteredMeter meter = new RegisteredMeter(
                "12345678",
                "ZRI",
                "water",
                "DW-1",
                "water-meter",
                "waterVolume",
                "wmbus",
                "BLDG00000001",
                null,
                Duration.ofMinutes(30),
                LocalDate.of(2020, 1, 1),
                null,
                List.of("gw-1"),
                null,
                null);
        MeterNodes nodes = mapper.nodes(meter);
        Instant t = Instant.parse("2026-02-10T23:00:00Z");
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (Quantity q : QUANTITIES.all()) {
            boolean interval = q.kind() == ReadingKind.INTERVAL_AMOUNT || q.kind() == ReadingKind.INTERVAL_AVERAGE;
            for (String value : List.of("-12.5", "-0.001", "0", "0.001", "42", "123456.789")) {
                DecodedReading r = new DecodedReading(
                        "12345678",
                        "ZRI",
                        q.notation(),
                        new BigDecimal(value),
                        t,
                        interval ? Duration.ofMinutes(30) : null,
                        null);
                boolean fast = check.check(r, NOW).isEmpty();
                Graph g = GraphFactory.createDefaultGraph();
                mapper.observation(nodes, r, null, quad -> g.add(quad.asTriple()));
                boolean shacl = shapes.validate(g).violations().isEmpty();
                if (fast != shacl) {
                    disagreements.add(q.notation() + " = " + value + ": check " + fast + ", SHACL " + shacl);
                }
                if (fast) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(disagreements).isEmpty();
        // both outcomes occur, so the agreement is not vacuous
        assertThat(accepted).isGreaterThan(50);
        assertThat(refused).isGreaterThan(5);
    }

    @Test
    void refusesWhatTheShapesCannotSee() {
        DecodedReading future =
                DecodedReading.at("1", "ZRI", "waterVolume", BigDecimal.ONE, NOW.plus(Duration.ofDays(2)));
        DecodedReading huge = DecodedReading.at("1", "ZRI", "waterVolume", new BigDecimal("1e20"), NOW);
        DecodedReading unknown = DecodedReading.at("1", "ZRI", "beerVolume", BigDecimal.ONE, NOW);
        DecodedReading anHourAhead =
                DecodedReading.at("1", "ZRI", "waterVolume", BigDecimal.ONE, NOW.plus(Duration.ofHours(1)));
        DecodedReading aDayOfAmountsEndingAnHourAhead = new DecodedReading(
                "1",
                "ZRI",
                "electricityEnergyConsumed",
                BigDecimal.ONE,
                NOW.minus(Duration.ofHours(23)),
                Duration.ofDays(1),
                null);
        DecodedReading aClockMinutesAhead =
                DecodedReading.at("1", "ZRI", "waterVolume", BigDecimal.ONE, NOW.plus(Duration.ofMinutes(4)));
        DecodedReading ancient = new DecodedReading(
                "1", "ZRI", "electricityAveragePower", BigDecimal.ONE, Instant.MIN, Duration.ofMinutes(30), null);
        DecodedReading lastDayOf1969 = new DecodedReading(
                "1",
                "ZRI",
                "electricityEnergyConsumed",
                BigDecimal.ONE,
                Instant.parse("1969-12-31T00:00:00Z"),
                Duration.ofDays(1),
                null);
        DecodedReading firstDayOf1970 = DecodedReading.at("1", "ZRI", "waterVolume", BigDecimal.ONE, Instant.EPOCH);

        assertThat(check.check(future, NOW))
                .get()
                .extracting(Decoders.Problem::reason)
                .isEqualTo(Reason.FUTURE_TIME);
        assertThat(check.check(huge, NOW))
                .get()
                .extracting(Decoders.Problem::reason)
                .isEqualTo(Reason.INVALID_VALUE);
        assertThat(check.check(unknown, NOW))
                .get()
                .extracting(Decoders.Problem::detail)
                .asString()
                .contains("beerVolume");
        assertThat(check.check(anHourAhead, NOW))
                .get()
                .extracting(Decoders.Problem::reason)
                .isEqualTo(Reason.FUTURE_TIME);
        assertThat(check.check(aDayOfAmountsEndingAnHourAhead, NOW))
                .get()
                .extracting(Decoders.Problem::reason)
                .isEqualTo(Reason.FUTURE_TIME);
        assertThat(check.check(aClockMinutesAhead, NOW)).isEmpty();
        assertThat(check.check(ancient, NOW))
                .get()
                .extracting(Decoders.Problem::reason)
                .isEqualTo(Reason.INVALID_VALUE);
        assertThat(check.check(lastDayOf1969, NOW))
                .get()
                .extracting(Decoders.Problem::detail)
                .asString()
                .contains("before 1970");
        assertThat(check.check(firstDayOf1970, NOW)).isEmpty();
    }
}
