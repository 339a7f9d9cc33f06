package org.vivacite.app.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.consumption.ConsumptionDeriver;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.ReadingKind;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.meters.Meter;

/**
 * The consumption derived from the demo city's register readings, as the ingest pipeline derives
 * it ({@link ConsumptionDeriver}) and with the same IRIs ({@link ObservationMapper#consumption}):
 * per local day, the difference of a register's readings at the two midnights, {@code
 * prov:wasDerivedFrom} both; over the whole interval between the readings there are, marked {@code
 * vc:coversGap}, when a device was silent; nothing across a meter replacement (each meter is its own
 * series); a register that wrapped counts up to its power of ten and on; any other decrease derives
 * nothing. For the meters the simulation reads every half hour ({@code halfHourly}) the same per
 * half hour, {@code PT30M}, from the first midnight of their half-hourly readings.
 *
 * <p>Only intervals that end after {@code after} are written: a later start goes on where an
 * earlier one stopped, the simulation replaying what came before.
 */
final class DemoConsumption implements Simulation.Listener {

    private record Point(Instant time, BigDecimal value, Node observation) {}

    private final ObservationMapper mapper;
    private final Map<Integer, MeterNodes> nodes;
    private final Simulation.HalfHourly halfHourly;
    private final Instant after;
    private final ZoneId zone;
    private final Consumer<Quad> out;
    private final Point[] lastDay;
    private final Point[] lastHalfHour;
    private long derived;

    /**
     * @param nodes the registered meter of each device of the fleet, by its index
     * @param devices how many devices the fleet has
     */
    DemoConsumption(
            ObservationMapper mapper,
            Map<Integer, MeterNodes> nodes,
            int devices,
            Simulation.HalfHourly halfHourly,
            Instant after,
            Consumer<Quad> out) {
        this.mapper = mapper;
        this.nodes = nodes;
        this.halfHourly = halfHourly;
        this.after = after;
        this.zone = mapper.zone();
        this.out = out;
        this.lastDay = new Point[devices];
        this.lastHalfHour = new Point[devices];
    }

    /** How many consumption observations were written. */
    long derived() {
        return derived;
    }

    @Override
    public void reading(Reading r) {
        Meter m = r.meter();
        if (!m.device().register()) {
            return;
        }
        Quantity register = mapper.quantities().get(m.device().quantity);
        if (register.kind() != ReadingKind.CUMULATIVE_REGISTER
                || register.consumption().isEmpty()) {
            return;
        }
        MeterNodes n = nodes.get(m.index());
        Quantity consumption = mapper.quantities().get(register.consumptionIri());
        BigDecimal value = r.value();
        Point p = new Point(
                r.time(),
                value,
                mapper.observationIri(
                        n, DecodedReading.at(m.id(), m.manufacturer(), m.device().quantity, value, r.time())));
        var local = r.time().atZone(zone);
        if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            Point before = lastDay[m.index()];
            if (before != null) {
                boolean gap = !before.time()
                        .atZone(zone)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant()
                        .equals(p.time());
                interval(n, consumption, before, p, gap);
            }
            lastDay[m.index()] = p;
        }
        LocalDate day = local.toLocalDate();
        if (halfHourly.test(m, day)) {
            Point before = lastHalfHour[m.index()];
            if (before != null) {
                interval(
                        n,
                        consumption,
                        before,
                        p,
                        !before.time().plus(Duration.ofMinutes(30)).equals(p.time()));
            } else if (!local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return; // half-hourly series start at a midnight
            }
            lastHalfHour[m.index()] = p;
        }
    }

    private void interval(MeterNodes n, Quantity consumption, Point from, Point to, boolean gap) {
        if (!to.time().isAfter(after)) {
            return;
        }
        BigDecimal amount = ConsumptionDeriver.difference(from.value(), to.value());
        if (amount == null) {
            return; // the register went down: no consumption, as the pipeline
        }
        mapper.consumption(
                n,
                consumption,
                from.time(),
                to.time(),
                amount,
                gap,
                List.of(from.observation(), to.observation()),
                out);
        derived++;
    }
}
