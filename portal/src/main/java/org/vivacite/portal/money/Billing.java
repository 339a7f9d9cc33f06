package org.vivacite.portal.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vivacite.portal.personal.PersonalData;

/**
 * Prices consumption points with the configured timelines ({@link Tariffs}) and makes the {@link
 * Bill}. Each point is priced at the rates of its local day; a point longer than its day (a month's
 * or a year's amount) is first cut at midnights, each day taking its share by duration. Under the peak/off-peak and Tempo
 * options, a point of an hour or less is split by the share of its interval in the off-peak hours
 * (the delivery point's configured windows; Tempo's 22:00-06:00) and a Tempo point takes the colour
 * of its Tempo day (6:00 to 6:00); a longer point (a day) is split by the configured off-peak share,
 * with the colour of the Tempo day that begins that date, and the bill says it is an estimate. The
 * subscription is the yearly fixed part pro rata of the days of the period (a part day by its
 * share), over the days of the year it falls in. Gas volumes become kWh PCS with the calorific value
 * of their day; a gas factor given per kWh PCI applies to kWh PCS divided by {@code pcs-per-pci}.
 * Days the timelines do not cover are left out of the amounts, and the bill notes them.
 */
public final class Billing implements Prices {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private final Tariffs tariffs;
    private final ZoneId zone;
    private final Contracts contracts;

    /** Every household at the configured contract. */
    public Billing(Tariffs tariffs, ZoneId zone) {
        this(tariffs, zone, (subject, dwelling) -> Optional.empty());
    }

    /** @param contracts the contracts households gave; the others have the configured one */
    public Billing(Tariffs tariffs, ZoneId zone, Contracts contracts) {
        this.tariffs = tariffs;
        this.zone = zone;
        this.contracts = contracts;
    }

    /** The electricity contract of a person's dwelling: the one they gave, else the configured one. */
    public Tariffs.Contract contract(String subject, String dwelling) {
        return contracts.of(subject, dwelling).orElseGet(tariffs::contract);
    }

    public Tariffs tariffs() {
        return tariffs;
    }

    /** The unit {@link PersonalData#consumption} gives a fluid's amounts in. */
    static String unitOf(String fluid) {
        return switch (fluid) {
            case "gas", "water" -> "m3";
            case "electricity", "heat" -> "kWh";
            default -> throw new MoneyException("fluid: '" + fluid + "' is none of [electricity, gas, water, heat]");
        };
    }

    /**
     * {@inheritDoc} Days without a tariff in the configuration count for nothing (the {@link Bill}
     * of the same points notes them).
     *
     * @throws MoneyException for a fluid that has no tariff (heat cost allocation units) or a gas day
     *     without a calorific value
     */
    @Override
    public BigDecimal euros(String fluid, List<PersonalData.Point> points, Instant from, Instant to) {
        return bill(null, fluid, unitOf(fluid), points, from, to).totalTtc();
    }

    /** {@inheritDoc} Electricity at the dwelling's contract ({@link #contract}). */
    @Override
    public BigDecimal euros(
            String subject, String dwelling, String fluid, List<PersonalData.Point> points, Instant from, Instant to) {
        return bill(dwelling, fluid, unitOf(fluid), points, from, to, contract(subject, dwelling))
                .totalTtc();
    }

    /**
     * {@inheritDoc} Zero for a fluid without an emission factor in the configuration (water by
     * default); days without a factor count for nothing.
     */
    @Override
    public BigDecimal kgCo2e(String fluid, List<PersonalData.Point> points) {
        return co2(fluid, unitOf(fluid), perDay(points), new LinkedHashSet<>(), new ArrayList<>())
                .kg();
    }

    private record Co2(BigDecimal kg, boolean complete) {}

    /** A line being summed: the key is its tariff period, item and price period. */
    private static final class Sum {
        final String item;
        final String period;
        final LocalDate from;
        final LocalDate to;
        final String unit;
        final Tariffs.Price price;
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal ttc = BigDecimal.ZERO;
        BigDecimal ht = BigDecimal.ZERO;

        Sum(String item, String period, LocalDate from, LocalDate to, String unit, Tariffs.Price price) {
            this.item = item;
            this.period = period;
            this.from = from;
            this.to = to;
            this.unit = unit;
            this.price = price;
        }

        Bill.Line line() {
            return new Bill.Line(
                    item,
                    period,
                    from,
                    to,
                    quantity.setScale(Math.max(0, Math.min(3, quantity.scale())), RoundingMode.HALF_UP),
                    unit,
                    price.ttc(),
                    price.ht() == null ? null : ht.setScale(2, RoundingMode.HALF_UP),
                    ttc.setScale(2, RoundingMode.HALF_UP));
        }
    }

    /**
     * The bill of a dwelling's consumption points over {@code [from, to)}.
     *
     * @param unit the points' unit: {@code kWh} or {@code m3} (gas volumes are converted)
     * @throws MoneyException naming what the configuration lacks to price a point (a gas day without
     *     a calorific value) or a unit that is not the fluid's; days without a tariff or, under Tempo,
     *     without a colour in the calendar are noted in the bill and not counted
     */
    public Bill bill(
            String dwelling, String fluid, String unit, List<PersonalData.Point> points, Instant from, Instant to) {
        return bill(dwelling, fluid, unit, points, from, to, tariffs.contract());
    }

    /**
     * The same, electricity at a contract's option and off-peak hours.
     *
     * @throws MoneyException as {@link #bill(String, String, String, List, Instant, Instant)}
     */
    public Bill bill(
            String dwelling,
            String fluid,
            String unit,
            List<PersonalData.Point> points,
            Instant from,
            Instant to,
            Tariffs.Contract contract) {
        Timeline<Tariffs.Rates> rates = tariffs.rates(fluid, contract);
        boolean electricity = fluid.equals("electricity");
        List<Bill.Note> notes = new ArrayList<>();
        points = perDay(points);
        List<PersonalData.Point> priced = kwh(fluid, unit, points, notes);
        String billUnit = fluid.equals("water") ? "m3" : "kWh";
        Map<String, Sum> sums = new LinkedHashMap<>();
        LocalDate first = day(from);
        LocalDate end =
                to.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().equals(to) ? day(to) : day(to).plusDays(1);
        Set<LocalDate> uncovered = new TreeSet<>();
        Set<LocalDate> noFixed = new TreeSet<>();
        // the subscription, day by day
        for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            Instant b = d.atStartOfDay(zone).toInstant();
            Instant e = d.plusDays(1).atStartOfDay(zone).toInstant();
            BigDecimal share = overlap(b, e, from, to);
            Optional<Timeline.Entry<Tariffs.Rates>> entry = rates.at(d);
            if (entry.isEmpty()) {
                uncovered.add(d);
                continue;
            }
            Tariffs.Price fixed = entry.get().value().fixed();
            if (fixed == null) {
                noFixed.add(d);
                continue;
            }
            if (fixed.ttc().signum() == 0) {
                continue;
            }
            Sum s = sum(sums, "subscription", null, entry.get(), first, end, "day", fixed);
            BigDecimal perDay = BigDecimal.ONE.divide(BigDecimal.valueOf(d.lengthOfYear()), MathContext.DECIMAL64);
            s.quantity = s.quantity.add(share);
            s.ttc = s.ttc.add(fixed.ttc().multiply(perDay).multiply(share));
            if (fixed.ht() != null) {
                s.ht = s.ht.add(fixed.ht().multiply(perDay).multiply(share));
            }
        }
        // the consumption, point by point
        boolean estimated = false;
        BigDecimal quantity = BigDecimal.ZERO;
        for (PersonalData.Point p : priced) {
            LocalDate d = day(p.from());
            Optional<Timeline.Entry<Tariffs.Rates>> entry = rates.at(d);
            boolean fine = Duration.between(p.from(), p.to()).compareTo(Duration.ofHours(1)) <= 0;
            boolean tempo = electricity && contract.option() == Tariffs.Option.TEMPO;
            Optional<Tariffs.Colour> colour = tempo ? tariffs.colour(fine ? tempoDay(p.from()) : d) : Optional.empty();
            if (entry.isEmpty() || tempo && colour.isEmpty()) {
                uncovered.add(d); // no price known: a day outside the tariffs or a Tempo day of no colour
                continue;
            }
            quantity = quantity.add(p.value());
            Map<String, BigDecimal> split = new LinkedHashMap<>();
            if (!electricity || contract.option() == Tariffs.Option.BASE) {
                entry.get().value().variable().keySet().forEach(k -> split.put(k, p.value()));
            } else {
                estimated |= !fine;
                BigDecimal off = fine
                        ? offPeakShare(p.from(), p.to(), contract.offPeak())
                        : tariffs.properties.dailyOffPeakShare();
                String suffix =
                        colour.map(c -> "-" + c.name().toLowerCase(Locale.ROOT)).orElse("");
                split.put("hc" + suffix, p.value().multiply(off));
                split.put("hp" + suffix, p.value().subtract(p.value().multiply(off)));
            }
            for (var part : split.entrySet()) {
                if (split.size() > 1 && part.getValue().signum() == 0) {
                    continue; // no line of nothing at a price the point did not fall in
                }
                String period = part.getKey();
                Tariffs.Price price = entry.get().value().variable().get(period);
                String item = fluid.equals("water") ? period : "energy";
                Sum s = sum(sums, item, item.equals(period) ? null : period, entry.get(), first, end, billUnit, price);
                s.quantity = s.quantity.add(part.getValue());
                s.ttc = s.ttc.add(part.getValue().multiply(price.ttc()));
                if (price.ht() != null) {
                    s.ht = s.ht.add(part.getValue().multiply(price.ht()));
                }
            }
        }
        if (estimated) {
            notes.add(new Bill.Note(
                    "off-peak-estimated",
                    List.of(tariffs.properties
                            .dailyOffPeakShare()
                            .movePointRight(2)
                            .stripTrailingZeros()
                            .toPlainString())));
        }
        ranges(uncovered).forEach(r -> notes.add(new Bill.Note("no-tariff", r)));
        ranges(noFixed).forEach(r -> notes.add(new Bill.Note("no-subscription", r)));
        List<Bill.Line> lines = new ArrayList<>();
        sums.values().stream()
                .filter(s -> s.item.equals("subscription"))
                .map(Sum::line)
                .forEach(lines::add);
        sums.values().stream()
                .filter(s -> !s.item.equals("subscription"))
                .map(Sum::line)
                .forEach(lines::add);
        BigDecimal ttc = lines.stream().map(Bill.Line::amountTtc).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean allHt = !lines.isEmpty() && lines.stream().allMatch(l -> l.amountHt() != null);
        BigDecimal ht = allHt ? lines.stream().map(Bill.Line::amountHt).reduce(BigDecimal.ZERO, BigDecimal::add) : null;
        Set<String> sources = new LinkedHashSet<>();
        Co2 co2 = co2(fluid, unit, points, sources, notes);
        return new Bill(
                dwelling,
                fluid,
                first,
                end,
                electricity ? contract.option().code() : null,
                billUnit,
                quantity.setScale(Math.max(0, Math.min(3, quantity.scale())), RoundingMode.HALF_UP),
                List.copyOf(lines),
                ttc.setScale(2, RoundingMode.HALF_UP),
                ht,
                ht == null ? null : ttc.subtract(ht),
                co2.complete() ? co2.kg().setScale(2, RoundingMode.HALF_UP) : null,
                List.copyOf(sources),
                List.copyOf(notes));
    }

    private Sum sum(
            Map<String, Sum> sums,
            String item,
            String period,
            Timeline.Entry<Tariffs.Rates> entry,
            LocalDate first,
            LocalDate end,
            String unit,
            Tariffs.Price price) {
        LocalDate from = entry.from().isAfter(first) ? entry.from() : first;
        LocalDate to = entry.to() == null || !entry.to().plusDays(1).isBefore(end)
                ? end
                : entry.to().plusDays(1);
        return sums.computeIfAbsent(
                entry.from() + "|" + item + "|" + period, k -> new Sum(item, period, from, to, unit, price));
    }

    /**
     * The points, each one that runs past the end of its local day cut at midnights into its days'
     * shares of it, by duration (so a year's amount is priced at each day's rates).
     */
    private List<PersonalData.Point> perDay(List<PersonalData.Point> points) {
        List<PersonalData.Point> out = new ArrayList<>();
        for (PersonalData.Point p : points) {
            Instant midnight = day(p.from()).plusDays(1).atStartOfDay(zone).toInstant();
            if (!p.to().isAfter(midnight)) {
                out.add(p);
                continue;
            }
            BigDecimal total =
                    BigDecimal.valueOf(Duration.between(p.from(), p.to()).toSeconds());
            Instant b = p.from();
            while (b.isBefore(p.to())) {
                Instant e = midnight.isBefore(p.to()) ? midnight : p.to();
                BigDecimal share =
                        BigDecimal.valueOf(Duration.between(b, e).toSeconds()).divide(total, MathContext.DECIMAL64);
                out.add(new PersonalData.Point(b, e, p.value().multiply(share)));
                b = e;
                midnight = day(e).plusDays(1).atStartOfDay(zone).toInstant();
            }
        }
        return out;
    }

    /** Gas volumes as kWh PCS at their day's calorific value; the others as they are. */
    private List<PersonalData.Point> kwh(
            String fluid, String unit, List<PersonalData.Point> points, List<Bill.Note> notes) {
        String expected = unitOf(fluid);
        if (fluid.equals("gas") && unit.equals("kWh")) {
            return points;
        }
        if (!unit.equals(expected)) {
            throw new MoneyException("unit: '" + unit + "' is not the unit of " + fluid + " (" + expected + ")");
        }
        if (!fluid.equals("gas")) {
            return points;
        }
        List<PersonalData.Point> out = new ArrayList<>();
        BigDecimal m3 = BigDecimal.ZERO;
        Set<String> values = new LinkedHashSet<>();
        for (PersonalData.Point p : points) {
            LocalDate d = day(p.from());
            BigDecimal pcs = tariffs.gasCalorificValue(d)
                    .orElseThrow(() -> new MoneyException("no calorific value of gas on " + d + " in "
                            + tariffs.properties.gasCalorificValue() + " (vivacite.money.gas-calorific-value)"));
            values.add(pcs.toPlainString());
            m3 = m3.add(p.value());
            out.add(new PersonalData.Point(p.from(), p.to(), p.value().multiply(pcs)));
        }
        if (!points.isEmpty()) {
            notes.add(new Bill.Note("gas-converted", List.of(m3.toPlainString(), String.join(", ", values))));
        }
        return out;
    }

    /** The kilograms of CO2e of the points, and whether every day had a factor. */
    private Co2 co2(
            String fluid, String unit, List<PersonalData.Point> points, Set<String> sources, List<Bill.Note> notes) {
        List<PersonalData.Point> kwh = kwh(fluid, unit, points, new ArrayList<>());
        BigDecimal kg = BigDecimal.ZERO;
        boolean complete = true;
        for (PersonalData.Point p : kwh) {
            Optional<Timeline.Entry<Tariffs.Factor>> f = tariffs.factor(fluid, day(p.from()));
            if (f.isEmpty()) {
                complete = false;
                continue;
            }
            Tariffs.Factor factor = f.get().value();
            BigDecimal energy = factor.perPci()
                    ? p.value().divide(tariffs.properties.pcsPerPci(), MathContext.DECIMAL64)
                    : p.value();
            kg = kg.add(energy.multiply(factor.kgPerKwh()));
            sources.add(factor.source());
        }
        if (!complete) {
            notes.add(new Bill.Note("no-emission-factor", List.of(fluid, tariffs.properties.emissionUse())));
        }
        return new Co2(kg, complete);
    }

    /** The share of {@code [from, to)} that falls in the windows, local time. */
    public BigDecimal offPeakShare(Instant from, Instant to, List<Tariffs.Window> windows) {
        long total = Duration.between(from, to).toSeconds();
        long in = 0;
        for (LocalDate d = day(from).minusDays(1); !d.isAfter(day(to)); d = d.plusDays(1)) {
            for (Tariffs.Window w : windows) {
                ZonedDateTime b = d.atTime(w.from()).atZone(zone);
                ZonedDateTime e = (w.to().isAfter(w.from()) ? d : d.plusDays(1))
                        .atTime(w.to())
                        .atZone(zone);
                Instant s = b.toInstant().isAfter(from) ? b.toInstant() : from;
                Instant t = e.toInstant().isBefore(to) ? e.toInstant() : to;
                if (t.isAfter(s)) {
                    in += Duration.between(s, t).toSeconds();
                }
            }
        }
        return BigDecimal.valueOf(in).divide(BigDecimal.valueOf(total), MathContext.DECIMAL64);
    }

    /** The Tempo day an instant falls in: the one that began at 6:00 local time on that date. */
    public LocalDate tempoDay(Instant t) {
        return t.atZone(zone).minusHours(6).toLocalDate();
    }

    private LocalDate day(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** The share of a day's interval within the period. */
    private static BigDecimal overlap(Instant b, Instant e, Instant from, Instant to) {
        Instant s = b.isAfter(from) ? b : from;
        Instant t = e.isBefore(to) ? e : to;
        if (!t.isAfter(s)) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(Duration.between(s, t).toSeconds())
                .divide(BigDecimal.valueOf(Duration.between(b, e).toSeconds()), MathContext.DECIMAL64);
    }

    /** Runs of consecutive days as {@code [first, day after last]}. */
    private static List<List<String>> ranges(Set<LocalDate> days) {
        List<List<String>> out = new ArrayList<>();
        LocalDate start = null;
        LocalDate previous = null;
        for (LocalDate d : days) {
            if (start == null) {
                start = d;
            } else if (!d.equals(previous.plusDays(1))) {
                out.add(List.of(start.toString(), previous.plusDays(1).toString()));
                start = d;
            }
            previous = d;
        }
        if (start != null) {
            out.add(List.of(
                    start.toString(),
                    Objects.requireNonNull(previous).plusDays(1).toString()));
        }
        return out;
    }
}
