package org.vivacite.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.consumption.ConsumptionDeriver;
import org.vivacite.ingest.consumption.RegisterPoint;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.ReadingKind;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.output.SimulationFolder;

/** The demo's derived consumption is exactly what the ingest pipeline's deriver makes of the same readings. */
class DemoConsumptionTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 5);
    private static final LocalDate REPLACED = START.plusDays(8);
    private static final LocalDate TO = START.plusDays(20);
    private static final LocalDate FINE_FROM = TO.minusDays(3);

    private final DemoCity city = DemoCity.generate(7, 400, START, REPLACED);
    private final ObservationMapper mapper = new ObservationMapper(
            "http://localhost:8080/", new Pseudonyms(new byte[16]), QuantityRegistry.standard(), DemoCity.ZONE);
    private final Map<Integer, MeterNodes> nodes = new HashMap<>();

    DemoConsumptionTest() {
        StringBuilder csv = new StringBuilder(SimulationFolder.REGISTRY_HEADER).append('\n');
        city.fleet()
                .meters()
                .forEach(m ->
                        csv.append(SimulationFolder.registryRow(m, "demo-city")).append('\n'));
        List<RegisteredMeter> registered = MeterCsv.parse(csv.toString(), "test");
        for (int i = 0; i < registered.size(); i++) {
            nodes.put(city.fleet().meters().get(i).index(), mapper.nodes(registered.get(i)));
        }
    }

    private static boolean fine(Meter m, LocalDate day) {
        return m.device() == Device.LINKY && "PT30M".equals(m.consent()) && !day.isBefore(FINE_FROM);
    }

    @Test
    void dailyConsumptionIsThePipelinesWithItsGapsRolloverAndReplacement() {
        Set<Quad> demo = new HashSet<>();
        DemoConsumption consumption = new DemoConsumption(
                mapper, nodes, city.fleet().meters().size(), (m, d) -> false, Instant.MIN, demo::add);
        // the pipeline's deriver, fed the same midnight readings one at a time, in order
        ConsumptionDeriver deriver = new ConsumptionDeriver(mapper, requests -> Map.of());
        Set<Quad> pipeline = new HashSet<>();
        Map<Integer, Integer> skipped = new LinkedHashMap<>();
        city.simulation().run(START, TO, Duration.ofDays(1), r -> {
            consumption.reading(r);
            Meter m = r.meter();
            Quantity q = mapper.quantities().get(m.device().quantity);
            if (!m.device().register()
                    || q.kind() != ReadingKind.CUMULATIVE_REGISTER
                    || q.consumption().isEmpty()) {
                return;
            }
            MeterNodes n = nodes.get(m.index());
            Node obs = mapper.observationIri(
                    n, DecodedReading.at(m.id(), m.manufacturer(), m.device().quantity, r.value(), r.time()));
            ConsumptionDeriver.Result d =
                    deriver.derive(n, q, List.of(new RegisterPoint(r.time(), r.value(), obs)), false);
            pipeline.addAll(d.add());
            assertThat(d.remove()).isEmpty();
            if (!d.skipped().isEmpty()) {
                skipped.merge(m.index(), d.skipped().size(), Integer::sum);
            }
        });
        assertThat(demo).isNotEmpty().isEqualTo(pipeline);

        Set<String> durations = new HashSet<>();
        demo.stream()
                .filter(t -> t.getPredicate().getURI().endsWith("hasXSDDuration"))
                .forEach(t -> durations.add(t.getObject().getLiteralLexicalForm()));
        assertThat(durations).contains("P1D").anyMatch(d -> !d.equals("P1D")); // a silent device's gap
        // the replaced meter's two series: no consumption across them
        Meter old = city.fleet().meters().get(city.fleet().replaced());
        Node oldMeter = nodes.get(old.index()).node();
        assertThat(demo.stream()
                        .filter(t -> t.getPredicate().getURI().endsWith("madeBySensor")
                                && t.getObject().equals(oldMeter)))
                .hasSizeLessThan((int) (REPLACED.toEpochDay() - START.toEpochDay()));
    }

    @Test
    void halfHourlyConsumptionOfConsentingLinkyMetersAddsUpToTheirDays() {
        List<Quad> quads = new ArrayList<>();
        DemoConsumption consumption = new DemoConsumption(
                mapper,
                nodes,
                city.fleet().meters().size(),
                DemoConsumptionTest::fine,
                TO.minusDays(5).atStartOfDay(DemoCity.ZONE).toInstant(),
                quads::add);
        city.simulation().run(START, TO, Duration.ofDays(1), consumption, DemoConsumptionTest::fine);

        Map<String, BigDecimal> values = new HashMap<>();
        quads.stream()
                .filter(q -> q.getPredicate().getURI().endsWith("hasSimpleResult"))
                .forEach(q -> values.put(
                        q.getSubject().getURI(), new BigDecimal(q.getObject().getLiteralLexicalForm())));
        Meter linky = city.fleet().meters().stream()
                .filter(m -> fine(m, FINE_FROM))
                .findFirst()
                .orElseThrow();
        String prefix =
                "http://localhost:8080/obs/" + nodes.get(linky.index()).pseudonym() + "/electricityEnergyConsumed/";
        Instant day = FINE_FROM.atStartOfDay(DemoCity.ZONE).toInstant();
        BigDecimal halfHours = values.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith("/PT30M"))
                .filter(e -> {
                    Instant t = Instant.parse(
                            e.getKey().substring(prefix.length(), e.getKey().lastIndexOf('/')));
                    return !t.isBefore(day) && t.isBefore(day.plus(Duration.ofDays(1)));
                })
                .map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(values.keySet().stream().filter(k -> k.startsWith(prefix) && k.endsWith("/PT30M")))
                .hasSize(3 * 48);
        assertThat(halfHours).isPositive().isEqualByComparingTo(values.get(prefix + day + "/P1D"));
        // nothing written that ends before 'after'; the days of meters without consent are daily only
        assertThat(values.keySet()).noneMatch(k -> k.contains("/" + START.plusDays(1)));
        assertThat(values.keySet().stream().filter(k -> k.endsWith("/PT30M")))
                .allMatch(k -> city.fleet().meters().stream()
                        .filter(m -> fine(m, FINE_FROM))
                        .anyMatch(m -> k.contains("/" + nodes.get(m.index()).pseudonym() + "/")));
    }

    /** A water meter read every half hour (the demo citizen's, for the leak rules) gets its half hours too. */
    @Test
    void aWaterMeterReadEveryHalfHourGetsItsHalfHoursOfWater() {
        Meter water = city.fleet().meters().stream()
                .filter(m -> m.device() == Device.WATER_METER && m.dwelling() != null)
                .findFirst()
                .orElseThrow();
        List<Quad> quads = new ArrayList<>();
        Simulation.HalfHourly halfHourly = (m, day) -> m.index() == water.index() && !day.isBefore(FINE_FROM);
        DemoConsumption consumption = new DemoConsumption(
                mapper,
                nodes,
                city.fleet().meters().size(),
                halfHourly,
                TO.minusDays(5).atStartOfDay(DemoCity.ZONE).toInstant(),
                quads::add);
        city.simulation().run(START, TO, Duration.ofDays(1), consumption, halfHourly::test);

        Map<String, BigDecimal> values = new HashMap<>();
        quads.stream()
                .filter(q -> q.getPredicate().getURI().endsWith("hasSimpleResult"))
                .forEach(q -> values.put(
                        q.getSubject().getURI(), new BigDecimal(q.getObject().getLiteralLexicalForm())));
        String prefix = "http://localhost:8080/obs/" + nodes.get(water.index()).pseudonym() + "/waterVolumeConsumed/";
        Instant day = FINE_FROM.atStartOfDay(DemoCity.ZONE).toInstant();
        assertThat(values.keySet().stream().filter(k -> k.startsWith(prefix) && k.endsWith("/PT30M")))
                .hasSize(3 * 48);
        BigDecimal halfHours = values.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith("/PT30M"))
                .filter(e -> {
                    Instant t = Instant.parse(
                            e.getKey().substring(prefix.length(), e.getKey().lastIndexOf('/')));
                    return !t.isBefore(day) && t.isBefore(day.plus(Duration.ofDays(1)));
                })
                .map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(halfHours).isEqualByComparingTo(values.get(prefix + day + "/P1D"));
    }
}
