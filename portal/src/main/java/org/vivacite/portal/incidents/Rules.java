package org.vivacite.portal.incidents;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vivacite.portal.incidents.Incident.Rule;
import org.vivacite.portal.personal.PersonalData.Point;

/**
 * The incident rules, on a dwelling's water in litres (hourly or daily points as {@link
 * org.vivacite.portal.personal.PersonalData} gives them: a step without data is missing). A day or
 * night is judged only when all its hours have data; a day without data breaks a run of days, so
 * an incident is never made of days nobody saw.
 */
public final class Rules {

    private static final BigDecimal HOUR_SECONDS = BigDecimal.valueOf(3600);

    private Rules() {}

    /**
     * Water leak, 24-hour rule: the days on which every hour's volume is above {@code noFlow} (the
     * meter never read "no flow" that day), in runs of consecutive days.
     *
     * @param hours hourly volumes, litres
     * @param noFlow the volume of an hour that still counts as no flow, litres
     */
    public static List<Incident> neverZero(String dwelling, List<Point> hours, ZoneId zone, BigDecimal noFlow) {
        Map<LocalDate, List<Point>> byDay = byDay(hours, zone);
        TreeMap<LocalDate, BigDecimal> judged = new TreeMap<>(); // day -> its lowest hour, null when it had no flow
        for (var e : byDay.entrySet()) {
            LocalDate d = e.getKey();
            ZonedDateTime start = d.atStartOfDay(zone);
            List<Point> in = within(e.getValue(), start, d.plusDays(1).atStartOfDay(zone));
            if (in == null) {
                continue;
            }
            BigDecimal lowest =
                    in.stream().map(Point::value).min(BigDecimal::compareTo).orElseThrow();
            judged.put(d, lowest.compareTo(noFlow) > 0 ? lowest : null);
        }
        return runs(Rule.NEVER_ZERO, dwelling, judged, 1, noFlow);
    }

    /**
     * Water leak, night-flow rule: the nights ({@code [from, to)} local time, every day) whose mean
     * flow is above {@code threshold} litres an hour, in runs of at least {@code nights}
     * consecutive nights.
     *
     * @param hours hourly volumes, litres
     */
    public static List<Incident> nightFlow(
            String dwelling,
            List<Point> hours,
            ZoneId zone,
            LocalTime from,
            LocalTime to,
            BigDecimal threshold,
            int nights) {
        TreeMap<LocalDate, BigDecimal> judged = new TreeMap<>(); // night -> its mean flow when above, else null
        for (var e : byDay(hours, zone).entrySet()) {
            ZonedDateTime start = ZonedDateTime.of(e.getKey(), from, zone);
            ZonedDateTime end = ZonedDateTime.of(e.getKey(), to, zone);
            List<Point> in = within(e.getValue(), start, end);
            if (in == null) {
                continue;
            }
            BigDecimal seconds = BigDecimal.valueOf(Duration.between(start, end).toSeconds());
            BigDecimal flow = in.stream()
                    .map(Point::value)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .multiply(HOUR_SECONDS)
                    .divide(seconds, 3, RoundingMode.HALF_EVEN);
            judged.put(e.getKey(), flow.compareTo(threshold) > 0 ? flow : null);
        }
        return runs(Rule.NIGHT_FLOW, dwelling, judged, nights, threshold);
    }

    /**
     * Abnormal consumption, the rule of French law for water bills (CGCT art. L2224-12-4 III bis,
     * from loi n° 2011-525 du 17 mai 2011, "loi Warsmann"): the volume of the {@code length} days
     * before {@code today} exceeds {@code factor} times the average volume of the same days in each
     * of the {@code years} previous years that has data for all of them. Empty when there is no
     * such previous year (or the period itself lacks a day), or the period is not abnormal.
     *
     * @param days daily volumes, litres
     */
    public static Optional<Incident> abnormal(
            String dwelling, List<Point> days, ZoneId zone, LocalDate today, int length, int years, BigDecimal factor) {
        Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
        days.forEach(p -> byDay.put(p.from().atZone(zone).toLocalDate(), p.value()));
        LocalDate from = today.minusDays(length);
        BigDecimal now = sum(byDay, from, today);
        if (now == null) {
            return Optional.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        int counted = 0;
        for (int y = 1; y <= years; y++) {
            BigDecimal then = sum(byDay, from.minusYears(y), today.minusYears(y));
            if (then != null) {
                total = total.add(then);
                counted++;
            }
        }
        if (counted == 0) {
            return Optional.empty();
        }
        BigDecimal limit = total.multiply(factor).divide(BigDecimal.valueOf(counted), 3, RoundingMode.HALF_EVEN);
        if (now.compareTo(limit) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Incident(Rule.ABNORMAL, dwelling, from, today.minusDays(1), true, now, limit, counted));
    }

    /** Whether {@link #abnormal} has a previous year to compare with. */
    public static boolean hasPreviousYear(List<Point> days, ZoneId zone, LocalDate today, int length, int years) {
        Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
        days.forEach(p -> byDay.put(p.from().atZone(zone).toLocalDate(), p.value()));
        for (int y = 1; y <= years; y++) {
            if (sum(byDay, today.minusDays(length).minusYears(y), today.minusYears(y)) != null) {
                return true;
            }
        }
        return false;
    }

    /** The sum over {@code [from, to)}, null when a day has no data. */
    private static BigDecimal sum(Map<LocalDate, BigDecimal> byDay, LocalDate from, LocalDate to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            BigDecimal v = byDay.get(d);
            if (v == null) {
                return null;
            }
            sum = sum.add(v);
        }
        return sum;
    }

    private static Map<LocalDate, List<Point>> byDay(List<Point> points, ZoneId zone) {
        Map<LocalDate, List<Point>> out = new TreeMap<>();
        for (Point p : points) {
            out.computeIfAbsent(p.from().atZone(zone).toLocalDate(), k -> new ArrayList<>())
                    .add(p);
        }
        return out;
    }

    /** The points that tile {@code [start, end)} exactly, in order; null when they leave a hole. */
    private static List<Point> within(List<Point> points, ZonedDateTime start, ZonedDateTime end) {
        List<Point> in = points.stream()
                .filter(p -> !p.from().isBefore(start.toInstant()) && !p.to().isAfter(end.toInstant()))
                .sorted((a, b) -> a.from().compareTo(b.from()))
                .toList();
        var at = start.toInstant();
        for (Point p : in) {
            if (!p.from().equals(at)) {
                return null;
            }
            at = p.to();
        }
        return in.isEmpty() || !at.equals(end.toInstant()) ? null : in;
    }

    /**
     * The runs of consecutive judged days whose value is not null, of at least {@code min} days; a
     * day not judged breaks a run. A run is current when it reaches the last judged day.
     */
    private static List<Incident> runs(
            Rule rule, String dwelling, TreeMap<LocalDate, BigDecimal> judged, int min, BigDecimal limit) {
        List<Incident> out = new ArrayList<>();
        LocalDate last = judged.isEmpty() ? null : judged.lastKey();
        LocalDate start = null;
        LocalDate previous = null;
        BigDecimal lowest = null;
        for (var e : judged.entrySet()) {
            boolean follows = previous != null && e.getKey().equals(previous.plusDays(1));
            if (start != null && (e.getValue() == null || !follows)) {
                add(out, rule, dwelling, start, previous, false, lowest, limit, min);
                start = null;
            }
            if (e.getValue() != null) {
                if (start == null) {
                    start = e.getKey();
                    lowest = e.getValue();
                } else {
                    lowest = lowest.min(e.getValue());
                }
            }
            previous = e.getKey();
        }
        if (start != null) {
            add(out, rule, dwelling, start, previous, previous.equals(last), lowest, limit, min);
        }
        return out;
    }

    private static void add(
            List<Incident> out,
            Rule rule,
            String dwelling,
            LocalDate from,
            LocalDate to,
            boolean current,
            BigDecimal lowest,
            BigDecimal limit,
            int min) {
        int count = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        if (count >= min) {
            out.add(new Incident(rule, dwelling, from, to, current, lowest, limit, count));
        }
    }
}
