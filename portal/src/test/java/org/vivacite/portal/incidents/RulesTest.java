package org.vivacite.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vivacite.portal.incidents.Incident.Rule;
import org.vivacite.portal.personal.PersonalData.Point;

class RulesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String DWELLING = "http://localhost:8080/dwelling/abc";
    private static final LocalDate START = LocalDate.of(2026, 3, 20); // a week with the spring DST change
    private static final BigDecimal NO_FLOW = BigDecimal.valueOf(2);
    private static final BigDecimal NIGHT = BigDecimal.valueOf(5);

    /** A household: nothing between 00:00 and 06:00, 20 litres an hour in the day. */
    private static double normal(LocalDate day, int hour) {
        return hour < 6 ? 0 : 20;
    }

    /** Hourly points, local hours, of {@code days} days from {@code from}: litres by day and local hour. */
    private static List<Point> hours(LocalDate from, int days, BiFunction<LocalDate, Integer, Double> litres) {
        List<Point> out = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(from.plusDays(days)); d = d.plusDays(1)) {
            Instant t = d.atStartOfDay(PARIS).toInstant();
            Instant end = d.plusDays(1).atStartOfDay(PARIS).toInstant();
            while (t.isBefore(end)) {
                int hour = t.atZone(PARIS).getHour();
                out.add(new Point(t, t.plus(Duration.ofHours(1)), BigDecimal.valueOf(litres.apply(d, hour))));
                t = t.plus(Duration.ofHours(1));
            }
        }
        return out;
    }

    private static List<Point> days(LocalDate from, LocalDate to, Function<LocalDate, Double> litres) {
        List<Point> out = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            out.add(new Point(
                    d.atStartOfDay(PARIS).toInstant(),
                    d.plusDays(1).atStartOfDay(PARIS).toInstant(),
                    BigDecimal.valueOf(litres.apply(d))));
        }
        return out;
    }

    @Test
    void aMeterThatNeverStopsIsALeakEveryDayEvenTheShortDayOfTheClockChange() {
        // 12 litres an hour leak on top of the household, from the 3rd day (the 22nd); the 29th has 23 hours
        List<Point> hours = hours(START, 12, (d, h) -> normal(d, h) + (d.isBefore(START.plusDays(2)) ? 0 : 12));
        List<Incident> found = Rules.neverZero(DWELLING, hours, PARIS, NO_FLOW);
        assertThat(found).singleElement().satisfies(i -> {
            assertThat(i.rule()).isEqualTo(Rule.NEVER_ZERO);
            assertThat(i.from()).isEqualTo(START.plusDays(2));
            assertThat(i.to()).isEqualTo(START.plusDays(11));
            assertThat(i.count()).isEqualTo(10);
            assertThat(i.current()).isTrue();
            assertThat(i.measured()).isEqualByComparingTo("12");
            assertThat(i.limit()).isEqualByComparingTo("2");
        });
    }

    @Test
    void aNormalMeterThatStopsAtNightHasNoLeak() {
        assertThat(Rules.neverZero(DWELLING, hours(START, 12, RulesTest::normal), PARIS, NO_FLOW))
                .isEmpty();
        assertThat(Rules.nightFlow(
                        DWELLING,
                        hours(START, 12, RulesTest::normal),
                        PARIS,
                        LocalTime.of(1, 0),
                        LocalTime.of(5, 0),
                        NIGHT,
                        3))
                .isEmpty();
    }

    @Test
    void anHourAtTheNoFlowLimitCountsAsNoFlowAndOneJustAboveDoesNot() {
        List<Point> atLimit = hours(START, 3, (d, h) -> h == 3 ? 2.0 : 20.0);
        assertThat(Rules.neverZero(DWELLING, atLimit, PARIS, NO_FLOW)).isEmpty();
        List<Point> above = hours(START, 3, (d, h) -> h == 3 ? 2.001 : 20.0);
        assertThat(Rules.neverZero(DWELLING, above, PARIS, NO_FLOW))
                .singleElement()
                .satisfies(i -> assertThat(i.measured()).isEqualByComparingTo("2.001"));
    }

    @Test
    void aDayWithAMissingHourIsNotJudgedAndBreaksTheRun() {
        LocalDate gap = START.plusDays(4);
        List<Point> hours = new ArrayList<>(hours(START, 8, (d, h) -> 15.0));
        hours.removeIf(p -> p.from()
                .equals(ZonedDateTime.of(gap, LocalTime.of(13, 0), PARIS).toInstant()));
        List<Incident> found = Rules.neverZero(DWELLING, hours, PARIS, NO_FLOW);
        assertThat(found)
                .extracting(Incident::from, Incident::to, Incident::current)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(START, gap.minusDays(1), false),
                        org.assertj.core.groups.Tuple.tuple(gap.plusDays(1), START.plusDays(7), true));
    }

    @Test
    void nightFlowAboveTheThresholdForEnoughNightsIsALeakAndAtTheThresholdIsNot() {
        LocalTime from = LocalTime.of(1, 0);
        LocalTime to = LocalTime.of(5, 0);
        // nights of 01:00-05:00 at a mean of exactly 5 L/h (4 and 6 alternating): not above
        List<Point> atThreshold = hours(START, 6, (d, h) -> h < 6 ? (h % 2 == 0 ? 4.0 : 6.0) : 20.0);
        assertThat(Rules.nightFlow(DWELLING, atThreshold, PARIS, from, to, NIGHT, 3))
                .isEmpty();
        // 5.25 L/h on nights 2-4 (three nights), then back to nothing
        List<Point> leak = hours(START, 8, (d, h) -> {
            boolean leaking = !d.isBefore(START.plusDays(1)) && d.isBefore(START.plusDays(4));
            return h >= 1 && h < 5 ? (leaking ? 5.25 : 0.5) : 20.0;
        });
        assertThat(Rules.nightFlow(DWELLING, leak, PARIS, from, to, NIGHT, 3))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.rule()).isEqualTo(Rule.NIGHT_FLOW);
                    assertThat(i.from()).isEqualTo(START.plusDays(1));
                    assertThat(i.to()).isEqualTo(START.plusDays(3));
                    assertThat(i.count()).isEqualTo(3);
                    assertThat(i.current()).isFalse(); // the nights after it were quiet
                    assertThat(i.measured()).isEqualByComparingTo("5.25");
                });
        // the same leak over two nights only: not enough
        assertThat(Rules.nightFlow(DWELLING, leak, PARIS, from, to, NIGHT, 4)).isEmpty();
    }

    @Test
    void consumptionAboveTwiceThePreviousYearsAverageIsAbnormalAndTwiceExactlyIsNot() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        // previous years: 300 L/day two years ago, 200 L/day last year: average 250 L/day, 7 500 L over 30 days
        Function<LocalDate, Double> history = d -> d.getYear() < 2025 ? 300.0 : d.getYear() < 2026 ? 200.0 : 0.0;
        List<Point> twice =
                days(today.minusYears(3).minusDays(30), today, d -> d.getYear() == 2026 ? 500.0 : history.apply(d));
        // three years ago is not covered (the household moved in later): two years averaged
        List<Point> moved = twice.stream()
                .filter(p -> !p.from()
                        .isBefore(today.minusYears(2)
                                .minusDays(30)
                                .atStartOfDay(PARIS)
                                .toInstant()))
                .toList();
        assertThat(Rules.abnormal(DWELLING, moved, PARIS, today, 30, 3, BigDecimal.valueOf(2)))
                .isEmpty();
        List<Point> more =
                days(today.minusYears(2).minusDays(30), today, d -> d.getYear() == 2026 ? 500.1 : history.apply(d));
        assertThat(Rules.abnormal(DWELLING, more, PARIS, today, 30, 3, BigDecimal.valueOf(2)))
                .hasValueSatisfying(i -> {
                    assertThat(i.rule()).isEqualTo(Rule.ABNORMAL);
                    assertThat(i.from()).isEqualTo(today.minusDays(30));
                    assertThat(i.to()).isEqualTo(today.minusDays(1));
                    assertThat(i.measured()).isEqualByComparingTo("15003");
                    assertThat(i.limit()).isEqualByComparingTo("15000");
                    assertThat(i.count()).isEqualTo(2);
                });
    }

    @Test
    void withoutAPreviousYearTheAbnormalRuleHasNothingToCompareWith() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        List<Point> oneYear = days(today.minusDays(300), today, d -> 900.0);
        assertThat(Rules.hasPreviousYear(oneYear, PARIS, today, 30, 3)).isFalse();
        assertThat(Rules.abnormal(DWELLING, oneYear, PARIS, today, 30, 3, BigDecimal.valueOf(2)))
                .isEmpty();
        List<Point> withAHole = new ArrayList<>(days(today.minusYears(1).minusDays(30), today, d -> 100.0));
        withAHole.remove(3); // a day of last year's period has no data: that year does not count
        assertThat(Rules.hasPreviousYear(withAHole, PARIS, today, 30, 3)).isFalse();
    }
}
