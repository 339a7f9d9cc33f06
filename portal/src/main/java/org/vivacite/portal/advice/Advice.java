package org.vivacite.portal.advice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalData.Point;

/**
 * Tips from the person's own data, each with the numbers that triggered it and what following it
 * would save in the fluid's unit, euros and kg CO2e (the last two when prices are configured), all
 * read through {@link PersonalData}:
 *
 * <ul>
 *   <li><b>heating</b> (electricity, gas, district heat): the last 30 days above the dwelling's
 *       summer level (its lowest 30 days of the last year, when it has a year of days) are mostly
 *       heating; a degree less indoors saves {@code heating-saving-per-degree} of it (ADEME: 7 %);
 *   <li><b>hot water</b> (gas, district heat): the summer level, all year long, is mostly hot water
 *       (and cooking); an efficient shower head saves {@code hot-water-saving} of it;
 *   <li><b>base load</b> (electricity, with a consent to fine data): the least hourly power drawn
 *       each night (00:00–06:00) of the latest seven nights read in the last 30 days, their median,
 *       is what stays on; above {@code
 *       base-load-reference} watts, what is above it is saved all year round.
 * </ul>
 */
@Service
public class Advice {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HOURS_A_YEAR = BigDecimal.valueOf(8760);

    private final PersonalData data;
    private final ObjectProvider<Prices> prices;
    private final AdviceProperties properties;

    public Advice(PersonalData data, ObjectProvider<Prices> prices, AdviceProperties properties) {
        this.data = data;
        this.prices = prices;
        this.properties = properties;
    }

    /**
     * A tip.
     *
     * @param kind {@code heating}, {@code hot-water} or {@code base-load}
     * @param numbers the person's numbers that triggered it, in the order of the tip's text
     * @param saving a year's saving in the fluid's unit (heating: the next 30 days')
     * @param euros the saving's euros, null without prices
     * @param kgCo2e the saving's kg CO2e, null without prices
     */
    public record Tip(
            String dwelling,
            String fluid,
            String unit,
            String kind,
            List<BigDecimal> numbers,
            BigDecimal saving,
            BigDecimal euros,
            BigDecimal kgCo2e) {}

    /** The tips for the dwellings the person is enrolled in now. */
    public List<Tip> of(String subject) {
        Map<String, Set<String>> fluidsOf = new TreeMap<>();
        for (PersonalData.Meter m : data.meters(subject)) {
            fluidsOf.computeIfAbsent(m.dwelling(), k -> new LinkedHashSet<>()).add(m.fluid());
        }
        ZoneId zone = data.zone();
        LocalDate today = data.now().atZone(zone).toLocalDate();
        Instant yearAgo = today.minusDays(365).atStartOfDay(zone).toInstant();
        Instant midnight = today.atStartOfDay(zone).toInstant();
        List<Tip> tips = new ArrayList<>();
        for (var d : fluidsOf.entrySet()) {
            for (String fluid : List.of("electricity", "gas", "heat")) {
                if (!d.getValue().contains(fluid)) {
                    continue;
                }
                PersonalData.Consumption days = data.consumption(subject, d.getKey(), fluid, "P1D", yearAgo, midnight);
                List<Point> points = days.dwellings().isEmpty()
                        ? List.of()
                        : days.dwellings().get(0).points();
                Optional<BigDecimal> summer = summerLevel(points);
                if (summer.isPresent()) {
                    heating(d.getKey(), fluid, days.unit(), points, summer.get(), midnight)
                            .ifPresent(tips::add);
                    if (!fluid.equals("electricity")) {
                        hotWater(d.getKey(), fluid, days.unit(), points, summer.get(), midnight)
                                .ifPresent(tips::add);
                    }
                }
                if (fluid.equals("electricity") && !data.finestStep(d.getKey()).equals("P1D")) {
                    baseLoad(subject, d.getKey(), days.unit(), midnight).ifPresent(tips::add);
                }
            }
        }
        return tips;
    }

    /**
     * The lowest mean day of any 30 days in a row, when the days read span a year (less would not
     * hold a summer), else empty.
     */
    static Optional<BigDecimal> summerLevel(List<Point> days) {
        if (days.size() < 330) {
            return Optional.empty();
        }
        BigDecimal best = null;
        BigDecimal window = BigDecimal.ZERO;
        for (int i = 0; i < days.size(); i++) {
            window = window.add(days.get(i).value());
            if (i >= 30) {
                window = window.subtract(days.get(i - 30).value());
            }
            if (i >= 29 && (best == null || window.compareTo(best) < 0)) {
                best = window;
            }
        }
        return Optional.of(best.divide(BigDecimal.valueOf(30), MC));
    }

    private Optional<Tip> heating(
            String dwelling, String fluid, String unit, List<Point> days, BigDecimal summer, Instant midnight) {
        Instant monthAgo = midnight.minus(Duration.ofDays(30));
        List<Point> last =
                days.stream().filter(p -> !p.from().isBefore(monthAgo)).toList();
        BigDecimal total = sum(last);
        BigDecimal heating = total.subtract(summer.multiply(BigDecimal.valueOf(last.size())));
        if (last.size() < 20 || heating.compareTo(properties.heatingMinimum()) < 0) {
            return Optional.empty();
        }
        BigDecimal saving = heating.multiply(properties.heatingSavingPerDegree(), MC);
        return Optional.of(
                tip(dwelling, fluid, unit, "heating", List.of(total, summer, heating), saving, monthAgo, midnight));
    }

    private Optional<Tip> hotWater(
            String dwelling, String fluid, String unit, List<Point> days, BigDecimal summer, Instant midnight) {
        BigDecimal year = sum(days);
        if (year.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal hotWater = summer.multiply(BigDecimal.valueOf(days.size()));
        BigDecimal share = hotWater.divide(year, MC);
        if (share.compareTo(properties.hotWaterMinimumShare()) < 0) {
            return Optional.empty();
        }
        BigDecimal saving = hotWater.multiply(properties.hotWaterSaving(), MC);
        return Optional.of(tip(
                dwelling,
                fluid,
                unit,
                "hot-water",
                List.of(summer, hotWater, share.movePointRight(2)),
                saving,
                midnight.minus(Duration.ofDays(365)),
                midnight));
    }

    private Optional<Tip> baseLoad(String subject, String dwelling, String unit, Instant midnight) {
        ZoneId zone = data.zone();
        List<Point> steps = data
                .consumption(subject, dwelling, "electricity", "PT1H", midnight.minus(Duration.ofDays(30)), midnight)
                .dwellings()
                .stream()
                .flatMap(s -> s.points().stream())
                .toList();
        Map<LocalDate, BigDecimal> leastPerNight = new TreeMap<>();
        for (Point p : steps) {
            LocalTime t = p.from().atZone(zone).toLocalTime();
            if (t.isBefore(LocalTime.of(6, 0))) {
                BigDecimal hours = BigDecimal.valueOf(
                                Duration.between(p.from(), p.to()).toSeconds())
                        .divide(BigDecimal.valueOf(3600), MC);
                BigDecimal watts = p.value().divide(hours, MC).movePointRight(3);
                leastPerNight.merge(p.from().atZone(zone).toLocalDate(), watts, BigDecimal::min);
            }
        }
        if (leastPerNight.size() < 3) {
            return Optional.empty();
        }
        List<BigDecimal> nights = new ArrayList<>(leastPerNight.values());
        List<BigDecimal> sorted = nights.subList(Math.max(0, nights.size() - 7), nights.size()).stream()
                .sorted()
                .toList();
        BigDecimal median = sorted.get(sorted.size() / 2);
        BigDecimal above = median.subtract(properties.baseLoadReference());
        if (above.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal saving = above.multiply(HOURS_A_YEAR).movePointLeft(3); // kWh a year
        return Optional.of(tip(
                dwelling,
                "electricity",
                unit,
                "base-load",
                List.of(median.setScale(0, RoundingMode.HALF_UP), properties.baseLoadReference()),
                saving,
                midnight.minus(Duration.ofDays(365)),
                midnight));
    }

    /** A tip with its saving's euros and emissions, the saving spread evenly over {@code [from, to)}. */
    private Tip tip(
            String dwelling,
            String fluid,
            String unit,
            String kind,
            List<BigDecimal> numbers,
            BigDecimal saving,
            Instant from,
            Instant to) {
        Prices p = prices.getIfAvailable();
        List<Point> saved = List.of(new Point(from, to, saving));
        BigDecimal euros = null;
        if (p != null) {
            // the energy part only: the same period without the saving costs the same subscription
            euros = p.euros(fluid, saved, from, to)
                    .subtract(p.euros(fluid, List.of(new Point(from, to, BigDecimal.ZERO)), from, to));
        }
        return new Tip(dwelling, fluid, unit, kind, numbers, saving, euros, p == null ? null : p.kgCo2e(fluid, saved));
    }

    private static BigDecimal sum(List<Point> points) {
        return points.stream().map(Point::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
