package org.vivacite.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vivacite.portal.incidents.Incident;
import org.vivacite.portal.incidents.IncidentsProperties;
import org.vivacite.portal.incidents.Rules;
import org.vivacite.portal.personal.PersonalData.Point;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;

/**
 * The demo's leak is found by the incident rules on the data the demo gives its citizen: the demo
 * city as {@code serve --demo} makes it (seed 1, 2 000 households, a year of history), the water
 * meter of the dwelling {@link DemoFeed} enrols the citizen in (the first Kamstrup one the simulator
 * makes leak, which also reports its own leak alarm), read every half hour over the incidents' look-back before today, as {@code DemoFeed}
 * derives them; and the normal water meters of the same city are not taken for leaks.
 */
class DemoLeakTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final LocalDate START = TODAY.minusDays(365);
    private static final IncidentsProperties RULES = IncidentsProperties.defaults();
    private static final LocalDate FROM = TODAY.minusDays(RULES.lookBackDays());
    /** How many normal water meters are checked (the first ones of the fleet). */
    private static final int NORMAL = 300;

    private final DemoCity city = DemoCity.generate(1, DemoCity.DEFAULT_HOUSEHOLDS, START, START.plusDays(180));

    @Test
    void theDemoCitizensLeakingWaterMeterIsFoundByBothLeakRulesAndNormalMetersAreNot() {
        List<Meter> water = city.fleet().meters().stream()
                .filter(m -> m.device() == Device.WATER_METER && m.dwelling() != null)
                .toList();
        Meter leaking = city.fleet().meters().get(DemoFeed.demoCitizenMeter(city));
        assertThat(city.load().leakStart(leaking))
                .as("the demo citizen's water meter leaks")
                .isPresent();
        // a Kamstrup one, whose telegrams carry the meter's own leak alarm (Payloads)
        assertThat(leaking.manufacturer()).isEqualTo("KAM");
        List<Meter> normal = water.stream()
                .filter(m -> city.load().leakStart(m).isEmpty())
                .limit(NORMAL)
                .toList();
        Set<Integer> read = new java.util.HashSet<>();
        read.add(leaking.index());
        normal.forEach(m -> read.add(m.index()));

        Map<Integer, List<Point>> hours = hourly(read);

        List<Point> leak = hours.get(leaking.index());
        assertThat(leak).hasSizeGreaterThan(24 * (RULES.lookBackDays() - 1));
        List<Incident> night = nightFlow(leak);
        assertThat(night).singleElement().satisfies(i -> {
            assertThat(i.current()).isTrue();
            assertThat(i.from()).isEqualTo(FROM);
            assertThat(i.to()).isEqualTo(TODAY.minusDays(1));
            // the simulator's leak is 10-40 litres an hour, on top of the household's night use
            assertThat(i.measured()).isGreaterThanOrEqualTo(BigDecimal.TEN);
        });
        assertThat(Rules.neverZero("leaking", leak, DemoCity.ZONE, RULES.noFlowLitresPerHour()))
                .singleElement()
                .satisfies(i -> assertThat(i.current()).isTrue());

        Map<Integer, List<Incident>> falseNight = new LinkedHashMap<>();
        Map<Integer, List<Incident>> falseDay = new LinkedHashMap<>();
        for (Meter m : normal) {
            List<Point> h = hours.getOrDefault(m.index(), List.of());
            List<Incident> n = nightFlow(h);
            if (!n.isEmpty()) {
                falseNight.put(m.index(), n);
            }
            List<Incident> d = Rules.neverZero("normal", h, DemoCity.ZONE, RULES.noFlowLitresPerHour());
            if (!d.isEmpty()) {
                falseDay.put(m.index(), d);
            }
        }
        assertThat(falseNight)
                .as("normal meters taken for leaks by the night-flow rule")
                .isEmpty();
        assertThat(falseDay)
                .as("normal meters taken for leaks by the 24-hour rule: %s", summary(falseDay))
                .isEmpty();
    }

    private static List<Incident> nightFlow(List<Point> hours) {
        return Rules.nightFlow(
                "leaking",
                hours,
                DemoCity.ZONE,
                RULES.nightFrom(),
                RULES.nightTo(),
                RULES.nightFlowLitresPerHour(),
                RULES.nights());
    }

    /** The hourly volumes, litres, of those meters over the look-back: differences of their registers on the hours. */
    private Map<Integer, List<Point>> hourly(Set<Integer> meters) {
        Map<Integer, Instant> lastTime = new HashMap<>();
        Map<Integer, Long> lastRaw = new HashMap<>();
        Map<Integer, List<Point>> out = new HashMap<>();
        city.simulation()
                .run(
                        FROM,
                        TODAY,
                        Duration.ofDays(1),
                        r -> {
                            int i = r.meter().index();
                            if (!meters.contains(i) || r.time().getEpochSecond() % 3600 != 0) {
                                return;
                            }
                            Instant t = lastTime.put(i, r.time());
                            Long raw = lastRaw.put(i, r.raw());
                            if (t != null
                                    && Duration.between(t, r.time()).equals(Duration.ofHours(1))
                                    && r.raw() >= raw) {
                                out.computeIfAbsent(i, k -> new ArrayList<>())
                                        .add(new Point(t, r.time(), BigDecimal.valueOf(r.raw() - raw)));
                            }
                        },
                        (m, day) -> meters.contains(m.index()));
        return out;
    }

    private static String summary(Map<Integer, List<Incident>> found) {
        return found.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().size() + " runs, lowest "
                        + e.getValue().stream()
                                .map(Incident::measured)
                                .min(BigDecimal::compareTo)
                                .orElseThrow())
                .collect(Collectors.joining("; "));
    }
}
