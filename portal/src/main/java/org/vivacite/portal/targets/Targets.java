package org.vivacite.portal.targets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vivacite.opendata.Fluid;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.alerts.Alert;
import org.vivacite.portal.alerts.AlertSource;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.personal.PersonalData;

/**
 * A person's targets and how they stand: what the dwelling used of the fluid since the period
 * began ({@link PersonalData#consumption} by day, so through the person's {@code PersonalView}),
 * and the forecast at the current pace, a linear extrapolation: the amount so far times the
 * period's number of days over the number of days the data cover (from the period's first day to
 * the latest day with an amount, days without one counting as nothing used). Euros and kilograms of CO2e come from {@link Prices}; without
 * one, only ceilings in the fluid's unit can be set. An {@link AlertSource}: a ceiling crossed,
 * or forecast to be crossed, is an alert.
 */
public final class Targets implements AlertSource {

    /** The fluids a target can be set on. */
    public static final List<String> FLUIDS =
            Arrays.stream(Fluid.values()).map(f -> f.code).toList();

    /** The largest ceiling taken (a typo's guard: a dwelling's year of any fluid stays far below). */
    static final BigDecimal MAX_CEILING = new BigDecimal("10000000");

    private final TargetStore store;
    private final PersonalData data;
    private final Enrolments enrolments;
    private final Prices prices;

    /** @param prices the tariffs and emission factors; null when the application has none */
    public Targets(TargetStore store, PersonalData data, Enrolments enrolments, Prices prices) {
        this.store = store;
        this.data = data;
        this.enrolments = enrolments;
        this.prices = prices;
    }

    /** Whether ceilings in euros and CO2 can be set (there are prices). */
    public boolean priced() {
        return prices != null;
    }

    /**
     * How a target stands in its current period.
     *
     * @param start the period's first day
     * @param end the day after its last
     * @param used what was used so far, in {@link #unit}
     * @param forecast what the period will use at the current pace; null before the first day with data
     * @param unit the unit's symbol ({@code kWh}, {@code m³}, {@code €}, {@code kg CO2e})
     * @param through the end of the latest day with data; null when there is none yet
     */
    public record Progress(
            Target target,
            LocalDate start,
            LocalDate end,
            BigDecimal used,
            BigDecimal forecast,
            String unit,
            Instant through) {

        /** The ceiling is crossed. */
        public boolean crossed() {
            return used.compareTo(target.ceiling()) > 0;
        }

        /** The ceiling is not crossed yet, but will be at the current pace. */
        public boolean forecastCrossed() {
            return !crossed() && forecast != null && forecast.compareTo(target.ceiling()) > 0;
        }

        /** The share of the ceiling used, in percent (over 100 once crossed). */
        public int share() {
            return used.multiply(BigDecimal.valueOf(100))
                    .divide(target.ceiling(), 0, RoundingMode.DOWN)
                    .intValue();
        }

        /** The same, at most 100 (for a progress bar). */
        public int percent() {
            return Math.min(100, share());
        }

        /** The decimals to show of an amount: as many as it has, up to 2 (50 kWh, 12,5 €, 3,14 kg). */
        public int decimals(BigDecimal v) {
            return Math.min(2, Math.max(0, v.stripTrailingZeros().scale()));
        }

        /** The period as shown: {@code 2026-03} for a month, {@code 2026} for a year. */
        public String period() {
            return target.span() == Target.Span.YEAR
                    ? Integer.toString(start.getYear())
                    : start.toString().substring(0, 7);
        }
    }

    /** The person's targets of the dwellings they are enrolled in now, with how each stands. */
    public List<Progress> progress(String subject) {
        return progress(subject, data.now());
    }

    private List<Progress> progress(String subject, Instant now) {
        List<String> mine = enrolments.of(subject, now).stream()
                .map(Enrolments.Enrolment::dwelling)
                .toList();
        return store.of(subject).stream()
                .filter(t -> mine.contains(t.dwelling()))
                .map(t -> progress(subject, t, now))
                .toList();
    }

    private Progress progress(String subject, Target t, Instant now) {
        ZoneId zone = data.zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate start = t.span() == Target.Span.YEAR ? today.withDayOfYear(1) : today.withDayOfMonth(1);
        LocalDate end = t.span() == Target.Span.YEAR ? start.plusYears(1) : start.plusMonths(1);
        Instant from = start.atStartOfDay(zone).toInstant();
        Instant to = end.atStartOfDay(zone).toInstant();
        Instant upTo = today.plusDays(1).atStartOfDay(zone).toInstant();
        List<PersonalData.Point> points = data
                .consumption(subject, t.dwelling(), t.fluid(), "P1D", from, upTo.isBefore(to) ? upTo : to)
                .dwellings()
                .stream()
                .filter(s -> s.dwelling().equals(t.dwelling()))
                .flatMap(s -> s.points().stream())
                .filter(p -> !p.from().isBefore(from) && !p.to().isAfter(to))
                .toList();
        Instant through = points.stream()
                .map(PersonalData.Point::to)
                .max(Instant::compareTo)
                .orElse(null);
        BigDecimal used = switch (t.measure()) {
            case AMOUNT -> points.stream().map(PersonalData.Point::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            case EUROS ->
                through == null
                        ? BigDecimal.ZERO
                        : prices().euros(subject, t.dwelling(), t.fluid(), points, from, through);
            case CO2 -> prices().kgCo2e(t.fluid(), points);
        };
        BigDecimal forecast = null;
        if (through != null && through.isAfter(from)) {
            // in local days, so that a month with a change of time has 31 of them, not 30 days and 23 hours
            long days = ChronoUnit.DAYS.between(start, LocalDate.ofInstant(through, zone));
            forecast = used.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(start, end)))
                    .divide(BigDecimal.valueOf(Math.max(1, days)), 2, RoundingMode.HALF_UP);
        }
        return new Progress(t, start, end, used.setScale(2, RoundingMode.HALF_UP), forecast, unit(t), through);
    }

    private Prices prices() {
        if (prices == null) {
            throw new IllegalStateException("a target in euros or CO2 needs prices, and the application has none");
        }
        return prices;
    }

    /** The symbol of a target's unit. */
    public static String unit(Target t) {
        return switch (t.measure()) {
            case EUROS -> "€";
            case CO2 -> "kg CO2e";
            case AMOUNT -> fluid(t.fluid()).unit.equals("M3") ? "m³" : "kWh";
        };
    }

    private static Fluid fluid(String code) {
        return Arrays.stream(Fluid.values())
                .filter(f -> f.code.equals(code))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Sets a target, from a form's fields as typed.
     *
     * @param dwelling one of the person's dwellings (may be empty when they have only one)
     * @throws TargetsException naming the field: not one of theirs, an unknown fluid, span or
     *     measure, a ceiling that is not a positive number, euros or CO2 without prices
     */
    public Target add(String subject, String dwelling, String fluid, String span, String measure, String ceiling) {
        List<String> mine = enrolments.of(subject, data.now()).stream()
                .map(Enrolments.Enrolment::dwelling)
                .distinct()
                .toList();
        String d;
        if (dwelling == null || dwelling.isBlank()) {
            if (mine.size() != 1) {
                throw new TargetsException(
                        "dwelling", "you are enrolled in " + mine.size() + " dwellings; choose the target's one");
            }
            d = mine.get(0);
        } else if (mine.contains(dwelling.strip())) {
            d = dwelling.strip();
        } else {
            throw new TargetsException("dwelling", "you are not enrolled in " + dwelling);
        }
        String f = fluid == null ? "" : fluid.strip().toLowerCase(Locale.ROOT);
        if (!FLUIDS.contains(f)) {
            throw new TargetsException("fluid", "'" + fluid + "' is none of " + FLUIDS);
        }
        Target.Span s = choice(Target.Span.class, "span", span);
        Target.Measure m = choice(Target.Measure.class, "measure", measure);
        if (m != Target.Measure.AMOUNT && prices == null) {
            throw new TargetsException("measure", "euros and CO2 need the tariffs, which this platform has not");
        }
        BigDecimal c;
        try {
            c = new BigDecimal(ceiling == null ? "" : ceiling.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new TargetsException("ceiling", "'" + ceiling + "' is not a number");
        }
        if (c.signum() <= 0 || c.compareTo(MAX_CEILING) > 0) {
            throw new TargetsException("ceiling", c.toPlainString() + " is not above 0 and at most " + MAX_CEILING);
        }
        if (c.scale() > 3) {
            throw new TargetsException("ceiling", c.toPlainString() + " has more than 3 decimals");
        }
        return store.add(subject, d, f, s, m, c);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new TargetsException(
                field,
                "'" + value + "' is none of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .toList());
    }

    /** Removes one of the person's targets; false when they have none of that id. */
    public boolean remove(String subject, String id) {
        return store.remove(subject, id);
    }

    /**
     * An alert per target whose ceiling is crossed ({@code targets.alert.crossed.{fluid}}), or
     * forecast to be crossed ({@code targets.alert.forecast.{fluid}}), in the current period; its id
     * names the target, the period and which, so that each is sent once a period. Arguments: the
     * ceiling, the amount used, the forecast (with their unit), the period.
     */
    @Override
    public List<Alert> alerts(String subject, Instant now) {
        List<Alert> out = new ArrayList<>();
        for (Progress p : progress(subject, now)) {
            String which = p.crossed() ? "crossed" : p.forecastCrossed() ? "forecast" : null;
            if (which == null) {
                continue;
            }
            Target t = p.target();
            out.add(new Alert(
                    "target/" + t.id() + "/" + p.period() + "/" + which,
                    t.dwelling(),
                    "target",
                    p.through(),
                    "targets.alert." + which + "." + t.fluid(),
                    List.of(
                            amount(t.ceiling(), p.unit()),
                            amount(p.used(), p.unit()),
                            amount(p.forecast(), p.unit()),
                            p.period())));
        }
        return out;
    }

    private static String amount(BigDecimal v, String unit) {
        return v.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " " + unit;
    }
}
