package org.vivacite.portal.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalData.Point;

/**
 * What the citizen's dashboard shows, per dwelling and fluid: today, this month and this year in
 * the fluid's unit, in euros and in kg CO2e, and the latest step read; all through {@link
 * PersonalData} (the person's {@code PersonalView}). Today is the sum of today's steps at the finest
 * step the household consents to; without a consent to fine data, today's amount is known only once
 * the day's reading comes (the next day), and the month and year are those of the days read.
 */
@Service
public class Dashboard {

    /** The fluids a dashboard shows, in this order (heat cost allocation units are the manager's). */
    static final List<String> FLUIDS = List.of("electricity", "gas", "water", "heat");

    private final PersonalData data;
    private final ObjectProvider<Prices> prices;

    public Dashboard(PersonalData data, ObjectProvider<Prices> prices) {
        this.data = data;
        this.prices = prices;
    }

    /** An amount in the fluid's unit, with its cost and emissions when prices are configured (else null). */
    public record Amount(BigDecimal quantity, BigDecimal euros, BigDecimal kgCo2e) {}

    /**
     * One fluid of one dwelling.
     *
     * @param unit the QUDT unit of the quantities
     * @param step the finest step the household consents to (what "today" and "latest" are made of)
     * @param today null when nothing of today is read yet
     * @param latest the last step with an amount over the last month, null when none
     */
    public record Fluid(
            String fluid, String unit, String step, Amount today, Amount month, Amount year, Point latest) {}

    /** A dwelling the person is enrolled in, with the fluids it has meters of. */
    public record Dwelling(String iri, List<Fluid> fluids) {}

    /** The zone of the days, months and times shown. */
    public ZoneId zone() {
        return data.zone();
    }

    /** The person's dashboard now. */
    public List<Dwelling> of(String subject) {
        Map<String, List<String>> fluidsOf = new LinkedHashMap<>();
        for (PersonalData.Meter m : data.meters(subject)) {
            List<String> fluids = fluidsOf.computeIfAbsent(m.dwelling(), k -> new ArrayList<>());
            if (FLUIDS.contains(m.fluid()) && !fluids.contains(m.fluid())) {
                fluids.add(m.fluid());
            }
        }
        ZoneId zone = data.zone();
        Instant now = data.now();
        LocalDate day = now.atZone(zone).toLocalDate();
        Instant midnight = day.atStartOfDay(zone).toInstant();
        Instant month = day.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        Instant year = day.withDayOfYear(1).atStartOfDay(zone).toInstant();
        List<Dwelling> out = new ArrayList<>();
        for (var d : fluidsOf.entrySet()) {
            String step = data.finestStep(d.getKey());
            List<Fluid> fluids = new ArrayList<>();
            for (String fluid : FLUIDS.stream().filter(d.getValue()::contains).toList()) {
                PersonalData.Consumption days = data.consumption(subject, d.getKey(), fluid, "P1D", year, now);
                List<Point> fine = step.equals("P1D")
                        ? List.of()
                        : points(data.consumption(
                                subject, d.getKey(), fluid, step, midnight.minus(Duration.ofDays(1)), now));
                List<Point> todays =
                        fine.stream().filter(p -> !p.from().isBefore(midnight)).toList();
                List<Point> ofDays = points(days);
                List<Point> monthDays =
                        ofDays.stream().filter(p -> !p.from().isBefore(month)).toList();
                Point latest = !fine.isEmpty() ? fine.get(fine.size() - 1) : last(ofDays);
                fluids.add(new Fluid(
                        fluid,
                        days.unit(),
                        step,
                        todays.isEmpty() ? null : amount(subject, d.getKey(), fluid, todays, midnight, now),
                        amount(subject, d.getKey(), fluid, plusToday(monthDays, todays), month, now),
                        amount(subject, d.getKey(), fluid, plusToday(ofDays, todays), year, now),
                        latest));
            }
            out.add(new Dwelling(d.getKey(), fluids));
        }
        return out;
    }

    private static List<Point> points(PersonalData.Consumption c) {
        return c.dwellings().isEmpty() ? List.of() : c.dwellings().get(0).points();
    }

    private static Point last(List<Point> points) {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The days read, and today's steps when today's day is not among them yet. */
    private static List<Point> plusToday(List<Point> days, List<Point> today) {
        if (today.isEmpty()
                || days.stream().anyMatch(p -> !p.to().isBefore(today.get(0).to()))) {
            return days;
        }
        List<Point> out = new ArrayList<>(days);
        out.addAll(today);
        return out;
    }

    /**
     * The points' sum, cost and emissions; the cost's subscription counts from the first point read
     * (a household that moved in during the period pays none before); electricity at the dwelling's
     * contract.
     */
    private Amount amount(String subject, String dwelling, String fluid, List<Point> points, Instant from, Instant to) {
        BigDecimal sum = points.stream().map(Point::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        Optional<Prices> p = Optional.ofNullable(prices.getIfAvailable());
        Instant start = points.isEmpty() || points.get(0).from().isBefore(from)
                ? from
                : points.get(0).from();
        return new Amount(
                sum,
                p.map(x -> x.euros(subject, dwelling, fluid, points, start, to)).orElse(null),
                p.map(x -> x.kgCo2e(fluid, points)).orElse(null));
    }
}
