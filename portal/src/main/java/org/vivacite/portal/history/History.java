package org.vivacite.portal.history;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalException;

/**
 * A person's consumption over a day, a week, a month or a year, against the same period a year
 * earlier, through {@link PersonalData} (their {@code PersonalView}): a year in months, a month or a
 * week in days, a day in the finest step the household consents to (half hours or hours; without a
 * consent to fine data, a day is refused, naming the consent to give). Steps of a day or more carry
 * (but water's) their heating degree-days (the platform's {@link DegreeDays}: the configured file, or the demo
 * city's weather), so that heating compares across years per degree-day.
 */
@Service
public class History {

    /** The views a history offers, from the longest. */
    public static final List<String> VIEWS = List.of("year", "month", "week", "day");

    private final PersonalData data;
    private final DegreeDays degreeDays;

    public History(PersonalData data, ObjectProvider<DegreeDays> degreeDays) {
        this.data = data;
        this.degreeDays = degreeDays.getIfAvailable(() -> DegreeDays.NONE);
    }

    /**
     * One step: its start and end, the amount (null: not read) and the amount a year earlier, with
     * the heating degree-days of each (null: not known, or a step shorter than a day).
     */
    public record Row(
            Instant from,
            Instant to,
            BigDecimal value,
            BigDecimal lastYear,
            BigDecimal degreeDays,
            BigDecimal lastYearDegreeDays) {

        /** The amount per degree-day, null without both or with no degree-day (summer). */
        public BigDecimal perDegreeDay() {
            return per(value, degreeDays);
        }

        public BigDecimal lastYearPerDegreeDay() {
            return per(lastYear, lastYearDegreeDays);
        }

        private static BigDecimal per(BigDecimal v, BigDecimal dd) {
            return v == null || dd == null || dd.signum() <= 0 ? null : v.divide(dd, MathContext.DECIMAL64);
        }
    }

    /**
     * A period's steps.
     *
     * @param start the first day of the period (local)
     * @param end the day after the period (local)
     * @param unit the QUDT unit of the amounts
     */
    public record Chart(
            String dwelling,
            String fluid,
            String view,
            String step,
            LocalDate start,
            LocalDate end,
            String unit,
            List<Row> rows) {

        /** The period's total of the steps read. */
        public BigDecimal total() {
            return rows.stream().map(Row::value).filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Whether any step has its degree-days. */
        public boolean degreeDaysKnown() {
            return rows.stream().anyMatch(r -> r.degreeDays() != null);
        }

        /** Null when nothing of a year earlier was read. */
        public BigDecimal lastYearTotal() {
            return rows.stream()
                    .map(Row::lastYear)
                    .filter(v -> v != null)
                    .reduce(BigDecimal::add)
                    .orElse(null);
        }
    }

    /**
     * The dwelling's (or, when null, the first dwelling's) consumption of a fluid over the view's
     * period that holds {@code day}.
     *
     * @throws PersonalException naming the parameter: an unknown view, fluid or a day without consent
     */
    public Chart of(String subject, String dwelling, String fluid, String view, LocalDate day) {
        String v = view == null ? "month" : view.strip().toLowerCase(Locale.ROOT);
        if (!VIEWS.contains(v)) {
            throw new PersonalException("view: '" + view + "' is none of " + VIEWS);
        }
        ZoneId zone = data.zone();
        LocalDate start = switch (v) {
            case "year" -> day.withDayOfYear(1);
            case "month" -> day.withDayOfMonth(1);
            case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default -> day;
        };
        LocalDate end = switch (v) {
            case "year" -> start.plusYears(1);
            case "month" -> start.plusMonths(1);
            case "week" -> start.plusWeeks(1);
            default -> start.plusDays(1);
        };
        String d = dwelling;
        if (d == null) {
            d = data.meters(subject).stream()
                    .map(PersonalData.Meter::dwelling)
                    .findFirst()
                    .orElse(null);
            if (d == null) {
                return new Chart(null, fluid, v, "P1D", start, end, null, List.of());
            }
        }
        String step = switch (v) {
            case "year" -> "P1M";
            case "day" -> data.finestStep(d).equals("P1D") ? "PT30M" : data.finestStep(d);
            default -> "P1D";
        };
        PersonalData.Consumption now =
                data.consumption(subject, d, fluid, step, instant(start, zone), instant(end, zone));
        PersonalData.Consumption before = data.consumption(
                subject, d, fluid, step, instant(start.minusYears(1), zone), instant(end.minusYears(1), zone));
        Map<Instant, BigDecimal> earlier = new HashMap<>();
        for (PersonalData.Point p : points(before)) {
            earlier.put(p.from().atZone(zone).plusYears(1).toInstant(), p.value());
        }
        Map<Instant, BigDecimal> values = new HashMap<>();
        for (PersonalData.Point p : points(now)) {
            values.put(p.from(), p.value());
        }
        boolean heating = !now.fluid().equals("water"); // what may heat: electricity, gas, district heat
        List<Row> rows = new ArrayList<>();
        List<Instant> bounds = bounds(step, start, end, zone);
        for (int i = 0; i + 1 < bounds.size(); i++) {
            Instant k = bounds.get(i);
            Instant e = bounds.get(i + 1);
            rows.add(
                    new Row(k, e, values.get(k), earlier.get(k), degreeDays(step, k, e, 0), degreeDays(step, k, e, 1)));
        }
        return new Chart(d, now.fluid(), v, step, start, end, now.unit(), rows);
    }

    /** The degree-days of a step of a day or more, {@code yearsEarlier} years earlier; null if not known. */
    private BigDecimal degreeDays(String step, Instant from, Instant to, int yearsEarlier) {
        if (!step.startsWith("P1")) {
            return null;
        }
        ZoneId zone = data.zone();
        return degreeDays
                .between(
                        from.atZone(zone).toLocalDate().minusYears(yearsEarlier),
                        to.atZone(zone).toLocalDate().minusYears(yearsEarlier))
                .orElse(null);
    }

    private static List<PersonalData.Point> points(PersonalData.Consumption c) {
        return c.dwellings().isEmpty() ? List.of() : c.dwellings().get(0).points();
    }

    private static Instant instant(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The steps' starts and the period's end, local time (a day of 23 or 25 hours keeps its steps). */
    private static List<Instant> bounds(String step, LocalDate start, LocalDate end, ZoneId zone) {
        List<Instant> out = new ArrayList<>();
        switch (step) {
            case "P1M" -> {
                for (LocalDate m = start; !m.isAfter(end); m = m.plusMonths(1)) {
                    out.add(instant(m, zone));
                }
            }
            case "P1D" -> {
                for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                    out.add(instant(d, zone));
                }
            }
            default -> {
                Duration s = Duration.parse(step);
                Instant last = instant(end, zone);
                for (Instant t = instant(start, zone); !t.isAfter(last); t = t.plus(s)) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
