package org.vivacite.simulator.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Fleet;
import org.vivacite.simulator.meters.Meter;

class SimulationTest {

    private static final LocalDate FROM = LocalDate.of(2026, 2, 1);
    private static final LocalDate TO = LocalDate.of(2026, 3, 3);
    private static final LocalDate REPLACED = LocalDate.of(2026, 2, 15);
    private static DemoCity city;
    private static final Map<Integer, List<Reading>> byMeter = new HashMap<>();
    private static final List<Object[]> intervals = new ArrayList<>();

    @BeforeAll
    static void run() {
        city = DemoCity.generate(5, 600, FROM, REPLACED);
        city.simulation().run(FROM, TO, Duration.ofDays(1), new Simulation.Listener() {
            @Override
            public void reading(Reading r) {
                byMeter.computeIfAbsent(r.meter().index(), i -> new ArrayList<>())
                        .add(r);
            }

            @Override
            public void interval(Meter meter, Instant start, Duration length, double wattHours) {
                intervals.add(new Object[] {meter, start, length, wattHours});
            }
        });
    }

    @Test
    void dailyReadingsComeAtLocalMidnightAndRegistersOnlyGoUpSaveForTheirRollover() {
        int days = (int) (TO.toEpochDay() - FROM.toEpochDay());
        Meter any = city.fleet().of(Device.WATER_METER).get(0);
        List<Reading> readings = byMeter.get(any.index());
        assertThat(readings).hasSize(days + 1);
        assertThat(readings.get(0).time())
                .isEqualTo(FROM.atStartOfDay(DemoCity.ZONE).toInstant());
        assertThat(readings.get(days).time())
                .isEqualTo(TO.atStartOfDay(DemoCity.ZONE).toInstant());
        int wraps = 0;
        for (Map.Entry<Integer, List<Reading>> e : byMeter.entrySet()) {
            List<Reading> list = e.getValue();
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i).time()).isAfter(list.get(i - 1).time());
                if (list.get(i).meter().device().register()
                        && list.get(i).raw() < list.get(i - 1).raw()) {
                    wraps++;
                    assertThat(list.get(i - 1).raw())
                            .as("wraps only near the top")
                            .isGreaterThan(99_000_000L);
                }
            }
        }
        assertThat(wraps).isGreaterThanOrEqualTo(1);
        List<Reading> rollover = byMeter.get(city.fleet().rollover());
        assertThat(rollover.get(0).raw()).isEqualTo(Fleet.BCD8_LIMIT - 1_500);
        assertThat(rollover.get(rollover.size() - 1).raw()).isLessThan(50_000);
    }

    @Test
    void aLeakingWaterMetersReadingsSayHowLongItHasLeakedAndNoOtherDoes() {
        int leaking = 0;
        for (List<Reading> readings : byMeter.values()) {
            for (Reading r : readings) {
                var start = city.load().leakStart(r.meter());
                Instant leakFrom = start.map(d -> d.atStartOfDay(DemoCity.ZONE).toInstant())
                        .orElse(null);
                if (leakFrom != null && r.time().isAfter(leakFrom)) {
                    leaking++;
                    assertThat(r.leaking()).as("leaking since").isEqualTo(Duration.between(leakFrom, r.time()));
                } else {
                    assertThat(r.leaking()).as("no leak").isNull();
                }
            }
        }
        assertThat(leaking).as("readings of leaking meters").isPositive();
    }

    @Test
    void aReplacedMeterStopsAndItsSuccessorStartsNearZero() {
        Meter old = city.fleet().meters().get(city.fleet().replaced());
        Meter successor = city.fleet().meters().get(city.fleet().meters().size() - 1);
        assertThat(successor.dwelling()).isEqualTo(old.dwelling());
        assertThat(successor.id()).isNotEqualTo(old.id());
        Instant change = REPLACED.atStartOfDay(DemoCity.ZONE).toInstant();
        assertThat(byMeter.get(old.index())).allMatch(r -> r.time().isBefore(change));
        List<Reading> next = byMeter.get(successor.index());
        assertThat(next.get(0).time()).isEqualTo(change);
        assertThat(next.get(0).raw()).isLessThan(20);
        assertThat(byMeter.get(old.index()).get(0).raw())
                .isGreaterThan(next.get(0).raw());
    }

    @Test
    void aFewDevicesFallSilentForAFewDays() {
        int days = (int) (TO.toEpochDay() - FROM.toEpochDay());
        long gapped = city.fleet().meters().stream()
                .filter(m -> m.activeFrom() == null
                        && m.activeUntil() == null
                        && m.device().register())
                .filter(m -> byMeter.getOrDefault(m.index(), List.of()).size() < days + 1)
                .count();
        assertThat(gapped).isBetween(1L, 30L);
        for (Meter m : city.fleet().meters()) {
            if (m.activeFrom() == null && m.activeUntil() == null && m.device().register()) {
                int missing =
                        days + 1 - byMeter.getOrDefault(m.index(), List.of()).size();
                assertThat(missing).as("days a silent device misses").isIn(0, 2, 3, 4);
            }
        }
    }

    @Test
    void linkyMetersReportDailyEnergyToTheDso() {
        Meter linky = city.fleet().of(Device.LINKY).get(0);
        List<Object[]> mine = intervals.stream().filter(i -> i[0] == linky).toList();
        assertThat(mine).hasSize((int) (TO.toEpochDay() - FROM.toEpochDay()));
        List<Reading> readings = byMeter.get(linky.index());
        double dso = mine.stream().mapToDouble(i -> (double) i[3]).sum();
        double register =
                readings.get(readings.size() - 1).raw() - readings.get(0).raw();
        assertThat(Math.abs(dso - register))
                .as("DSO energy and the register agree")
                .isLessThan(2);
    }

    @Test
    void halfHourlyStepsGiveLoadCurvesToHouseholdsThatConsented() {
        List<Object[]> seen = new ArrayList<>();
        DemoCity small = DemoCity.generate(5, 60, FROM, null);
        small.simulation().run(FROM, FROM.plusDays(1), Duration.ofMinutes(30), new Simulation.Listener() {
            @Override
            public void reading(Reading r) {}

            @Override
            public void interval(Meter meter, Instant start, Duration length, double wattHours) {
                seen.add(new Object[] {meter, length});
            }
        });
        for (Object[] s : seen) {
            Meter m = (Meter) s[0];
            assertThat(s[1]).isEqualTo("PT30M".equals(m.consent()) ? Duration.ofMinutes(30) : Duration.ofDays(1));
        }
        assertThat(seen).anyMatch(s -> s[1].equals(Duration.ofDays(1)));
        assertThat(seen).anyMatch(s -> s[1].equals(Duration.ofMinutes(30)));
    }

    @Test
    void clockChangeDaysHaveFortySixAndFiftyHalfHoursAndTheirDsoDaysEndAtLocalMidnight() {
        DemoCity small = DemoCity.generate(5, 60, LocalDate.of(2026, 3, 28), null);
        Meter water = small.fleet().of(Device.WATER_METER).get(0);
        Map<LocalDate, Integer> perDay = new HashMap<>();
        List<org.vivacite.simulator.dso.DsoInterval> days = new ArrayList<>();
        org.vivacite.simulator.city.Payloads payloads = new org.vivacite.simulator.city.Payloads(DemoCity.ZONE);
        small.simulation()
                .run(
                        LocalDate.of(2026, 3, 28),
                        LocalDate.of(2026, 3, 31),
                        Duration.ofMinutes(30),
                        new Simulation.Listener() {
                            @Override
                            public void reading(Reading r) {
                                if (r.meter() == water) {
                                    perDay.merge(r.time().atZone(DemoCity.ZONE).toLocalDate(), 1, Integer::sum);
                                }
                            }

                            @Override
                            public void interval(Meter meter, Instant start, Duration length, double wattHours) {
                                if (!length.equals(Duration.ofMinutes(30))) {
                                    days.add(payloads.dso(meter, start, length, wattHours));
                                }
                            }
                        });
        assertThat(perDay.get(LocalDate.of(2026, 3, 28))).isEqualTo(48);
        assertThat(perDay.get(LocalDate.of(2026, 3, 29))).as("spring forward").isEqualTo(46);
        org.vivacite.simulator.dso.DsoInterval spring = days.stream()
                .filter(i -> i.start().toLocalDate().equals(LocalDate.of(2026, 3, 29)))
                .findFirst()
                .orElseThrow();
        assertThat(spring.loadCurve()).isFalse();
        assertThat(org.vivacite.simulator.dso.DsoCsv.row(spring))
                .contains(",2026-03-29T00:00:00+01:00,2026-03-30T00:00:00+02:00,")
                .endsWith(",Wh\n");

        List<Reading> autumn = new ArrayList<>();
        DemoCity.generate(5, 60, LocalDate.of(2026, 10, 25), null)
                .simulation()
                .run(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 26), Duration.ofMinutes(30), autumn::add);
        assertThat(autumn.stream()
                        .filter(r -> r.meter().index() == 0
                                && r.time()
                                        .isBefore(LocalDate.of(2026, 10, 26)
                                                .atStartOfDay(DemoCity.ZONE)
                                                .toInstant())))
                .as("fall back")
                .hasSize(50);
    }

    @Test
    void runsThatFollowOneAnotherReportEachReadingOnceAndCountStepsFromTheFirstDay() {
        DemoCity small = DemoCity.generate(5, 60, FROM, null);
        Simulation simulation = small.simulation();
        Map<String, Integer> seen = new HashMap<>();
        Simulation.Listener count = r -> seen.merge(r.meter().id() + "@" + r.time(), 1, Integer::sum);
        for (LocalDate d = FROM; d.isBefore(FROM.plusDays(6)); d = d.plusDays(1)) {
            simulation.run(d, d.plusDays(1), Duration.ofDays(2), count);
        }
        assertThat(seen.values()).allMatch(n -> n == 1);
        Meter linky = small.fleet().of(Device.LINKY).get(0);
        List<LocalDate> days = seen.keySet().stream()
                .filter(k -> k.startsWith(linky.id() + "@"))
                .map(k -> Instant.parse(k.substring(k.indexOf('@') + 1))
                        .atZone(DemoCity.ZONE)
                        .toLocalDate())
                .sorted()
                .toList();
        // Every other day from the first, and the end of each run.
        assertThat(days).contains(FROM, FROM.plusDays(2), FROM.plusDays(4)).doesNotHaveDuplicates();
    }

    @Test
    void refusesAStepThatIsNotAMultipleOfThirtyMinutes() {
        Simulation.Listener none = r -> {};
        assertThatThrownBy(() -> city.simulation().run(FROM, TO, Duration.ofMinutes(45), none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT45M must be a multiple of 30 minutes");
    }

    @Test
    void halfHourlyReadingsOfChosenMetersInADailyRunAreThoseOfAHalfHourlyRun() {
        Meter linky = city.fleet().of(Device.LINKY).get(0);
        LocalDate fine = FROM.plusDays(3);
        List<Reading> inDaily = new ArrayList<>();
        city.simulation()
                .run(
                        FROM,
                        FROM.plusDays(5),
                        Duration.ofDays(1),
                        r -> {
                            if (r.meter().equals(linky)) {
                                inDaily.add(r);
                            }
                        },
                        (m, day) -> m.equals(linky) && day.equals(fine));
        List<Reading> halfHourly = new ArrayList<>();
        city.simulation().run(FROM, FROM.plusDays(5), Duration.ofMinutes(30), r -> {
            if (r.meter().equals(linky)) {
                halfHourly.add(r);
            }
        });
        Instant from = fine.atStartOfDay(DemoCity.ZONE).toInstant();
        Instant to = fine.plusDays(1).atStartOfDay(DemoCity.ZONE).toInstant();
        List<Reading> expected = halfHourly.stream()
                .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to))
                .toList();
        assertThat(expected).hasSize(48);
        assertThat(inDaily.stream()
                        .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to))
                        .map(r -> r.time() + " " + r.raw())
                        .toList())
                .isEqualTo(expected.stream().map(r -> r.time() + " " + r.raw()).toList());
        assertThat(inDaily).hasSize(5 + 1 + 47); // a reading a day, the last midnight, and the fine day's other slots
    }
}
