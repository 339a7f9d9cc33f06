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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.portal.money.Billing;
import org.vivacite.portal.money.MoneyException;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.money.Tariffs;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalData.Point;
import org.vivacite.portal.rights.DwellingFacts;

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
 *       is what stays on (in an electrically heated home, only nights of days without heating
 *       degree-days count: its heating runs at night); above {@code
 *       base-load-reference} watts, what is above it is saved all year round;
 *   <li><b>peak hours</b> (electricity under the peak/off-peak or Tempo option, with a consent to
 *       fine data): the share of the last 30 days' hours in peak hours; moving the {@code
 *       shiftable-share} of it (an assumption of the configuration) to off-peak hours saves the
 *       price difference of its day, and no kWh nor CO2 (the same energy, used later);
 *   <li><b>Tempo red days</b> (electricity under Tempo): what the red days of the last year cost
 *       against the same kWh at blue-day prices (daily amounts, split by {@code
 *       daily-off-peak-share} as the bill does); moving the shiftable share of their peak hours to
 *       their off-peak hours saves the difference of the red day's prices, and no kWh nor CO2;
 *   <li><b>degree-days</b> (the dwelling's heating fluid: its heating system's, gas and heat when
 *       not known): the last 365 days per heating degree-day against the mean home of the district
 *       per degree-day, as the newest annual open-data release publishes it; above it by more than
 *       {@code district-margin}, the saving is reaching the district's level over those degree-days.
 * </ul>
 *
 * <p>Electricity is priced at the dwelling's contract: the one the person gave on the bill page,
 * else the configured one ({@link Billing#contract}).
 */
@Service
public class Advice {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HOURS_A_YEAR = BigDecimal.valueOf(8760);

    private final PersonalData data;
    private final ObjectProvider<Prices> prices;
    private final ObjectProvider<Billing> billing;
    private final ObjectProvider<DegreeDays> degreeDays;
    private final ObjectProvider<DwellingFacts> facts;
    private final ObjectProvider<ReleaseFolders> releases;
    private final String territoryGraph;
    private final AdviceProperties properties;

    /** Advice from the person's data alone, without degree-days, published cells nor tariff details. */
    public Advice(PersonalData data, ObjectProvider<Prices> prices, AdviceProperties properties) {
        this(data, prices, null, null, null, null, "", properties);
    }

    /**
     * @param billing the tariffs' details, for the peak-hour and Tempo tips (none without it)
     * @param degreeDays and the next three: for the degree-day tip (none without them)
     * @param base the platform's base IRI, whose {@code graph/territory} places the dwellings
     */
    @Autowired
    public Advice(
            PersonalData data,
            ObjectProvider<Prices> prices,
            ObjectProvider<Billing> billing,
            ObjectProvider<DegreeDays> degreeDays,
            ObjectProvider<DwellingFacts> facts,
            ObjectProvider<ReleaseFolders> releases,
            @Value("${vivacite.base-iri:}") String base,
            AdviceProperties properties) {
        this.data = data;
        this.prices = prices;
        this.billing = billing;
        this.degreeDays = degreeDays;
        this.facts = facts;
        this.releases = releases;
        this.territoryGraph = base + "graph/territory";
        this.properties = properties;
    }

    /**
     * A tip.
     *
     * @param kind {@code heating}, {@code hot-water}, {@code base-load}, {@code peak-hours}, {@code
     *     tempo-red} or {@code degree-days}
     * @param numbers the person's numbers that triggered it, in the order of the tip's text
     * @param saving a year's saving in the fluid's unit (heating: the next 30 days'; peak hours: 30
     *     days like the last; moving use in time saves none)
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
        Billing b = billing == null ? null : billing.getIfAvailable();
        Map<String, DwellingFacts.Place> places = places(subject);
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
                    heating(subject, d.getKey(), fluid, days.unit(), points, summer.get(), midnight)
                            .ifPresent(tips::add);
                    if (!fluid.equals("electricity")) {
                        hotWater(subject, d.getKey(), fluid, days.unit(), points, summer.get(), midnight)
                                .ifPresent(tips::add);
                    }
                }
                if (fluid.equals("electricity") && !data.finestStep(d.getKey()).equals("P1D")) {
                    List<Point> hours = hours(subject, d.getKey(), midnight);
                    DwellingFacts.Place home = places.get(d.getKey());
                    baseLoad(subject, d.getKey(), days.unit(), hours, midnight, standbyNights(home))
                            .ifPresent(tips::add);
                    if (b != null) {
                        peakHours(d.getKey(), days.unit(), hours, b, b.contract(subject, d.getKey()))
                                .ifPresent(tips::add);
                    }
                }
                if (fluid.equals("electricity") && b != null) {
                    tempoRedDays(d.getKey(), days.unit(), points, b, b.contract(subject, d.getKey()))
                            .ifPresent(tips::add);
                }
                DwellingFacts.Place place = places.get(d.getKey());
                if (place != null && heats(place.heatingSystem(), fluid)) {
                    degreeDays(subject, place, fluid, days.unit(), points, today.minusDays(365), today)
                            .ifPresent(tips::add);
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
            String subject,
            String dwelling,
            String fluid,
            String unit,
            List<Point> days,
            BigDecimal summer,
            Instant midnight) {
        Instant monthAgo = midnight.minus(Duration.ofDays(30));
        List<Point> last =
                days.stream().filter(p -> !p.from().isBefore(monthAgo)).toList();
        BigDecimal total = sum(last);
        BigDecimal heating = total.subtract(summer.multiply(BigDecimal.valueOf(last.size())));
        if (last.size() < 20 || heating.compareTo(properties.heatingMinimum()) < 0) {
            return Optional.empty();
        }
        BigDecimal saving = heating.multiply(properties.heatingSavingPerDegree(), MC);
        return Optional.of(tip(
                subject,
                dwelling,
                fluid,
                unit,
                "heating",
                List.of(total, summer, heating),
                saving,
                monthAgo,
                midnight));
    }

    private Optional<Tip> hotWater(
            String subject,
            String dwelling,
            String fluid,
            String unit,
            List<Point> days,
            BigDecimal summer,
            Instant midnight) {
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
                subject,
                dwelling,
                fluid,
                unit,
                "hot-water",
                List.of(summer, hotWater, share.movePointRight(2)),
                saving,
                midnight.minus(Duration.ofDays(365)),
                midnight));
    }

    /** The last 30 days' electricity of a dwelling, hour by hour. */
    private List<Point> hours(String subject, String dwelling, Instant midnight) {
        return data
                .consumption(subject, dwelling, "electricity", "PT1H", midnight.minus(Duration.ofDays(30)), midnight)
                .dwellings()
                .stream()
                .flatMap(s -> s.points().stream())
                .toList();
    }

    /**
     * The nights whose least power tells what stays on: every night, but in an electrically heated
     * home (heat pump, electric heating) only the nights of days without heating degree-days, as its
     * heating runs at night too; none when the degree-days are not known.
     */
    private java.util.function.Predicate<LocalDate> standbyNights(DwellingFacts.Place home) {
        if (home == null || !heats(home.heatingSystem(), "electricity")) {
            return day -> true;
        }
        DegreeDays dd = degreeDays == null ? null : degreeDays.getIfAvailable();
        if (dd == null) {
            return day -> false;
        }
        return day -> dd.of(day).map(v -> v.signum() == 0).orElse(false);
    }

    private Optional<Tip> baseLoad(
            String subject,
            String dwelling,
            String unit,
            List<Point> steps,
            Instant midnight,
            java.util.function.Predicate<LocalDate> counted) {
        ZoneId zone = data.zone();
        Map<LocalDate, BigDecimal> leastPerNight = new TreeMap<>();
        for (Point p : steps) {
            LocalTime t = p.from().atZone(zone).toLocalTime();
            if (t.isBefore(LocalTime.of(6, 0))
                    && counted.test(p.from().atZone(zone).toLocalDate())) {
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
                subject,
                dwelling,
                "electricity",
                unit,
                "base-load",
                List.of(median.setScale(0, RoundingMode.HALF_UP), properties.baseLoadReference()),
                saving,
                midnight.minus(Duration.ofDays(365)),
                midnight));
    }

    /**
     * The peak-hour tip from hours (or finer steps) under the peak/off-peak or Tempo option: numbers
     * are the kWh of the steps, those in peak hours, their share in percent and the kWh the
     * shiftable share of them makes; its euros the price difference, peak against off-peak, of each
     * step's day (Tempo: of its Tempo day's colour). Steps of a day without rates (or a Tempo day
     * without a colour) are left out.
     */
    Optional<Tip> peakHours(
            String dwelling, String unit, List<Point> steps, Billing billing, Tariffs.Contract contract) {
        Tariffs tariffs = billing.tariffs();
        if (contract.option() == Tariffs.Option.BASE || steps.isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = data.zone();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal peak = BigDecimal.ZERO;
        BigDecimal euros = BigDecimal.ZERO;
        for (Point p : steps) {
            LocalDate day = p.from().atZone(zone).toLocalDate();
            Optional<Tariffs.Rates> rates = tariffs.electricityRates(contract, day);
            String suffix = "";
            if (contract.option() == Tariffs.Option.TEMPO) {
                Optional<Tariffs.Colour> c = tariffs.colour(billing.tempoDay(p.from()));
                if (c.isEmpty()) {
                    continue;
                }
                suffix = "-" + c.get().name().toLowerCase(java.util.Locale.ROOT);
            }
            if (rates.isEmpty()) {
                continue;
            }
            BigDecimal inPeak = p.value()
                    .multiply(BigDecimal.ONE.subtract(billing.offPeakShare(p.from(), p.to(), contract.offPeak())));
            total = total.add(p.value());
            peak = peak.add(inPeak);
            BigDecimal difference = rates.get()
                    .variable()
                    .get("hp" + suffix)
                    .ttc()
                    .subtract(rates.get().variable().get("hc" + suffix).ttc());
            euros = euros.add(inPeak.multiply(properties.shiftableShare()).multiply(difference));
        }
        if (total.signum() <= 0 || euros.compareTo(properties.peakMinimumEuros()) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Tip(
                dwelling,
                "electricity",
                unit,
                "peak-hours",
                List.of(
                        total,
                        peak,
                        peak.divide(total, MC).movePointRight(2),
                        peak.multiply(properties.shiftableShare())),
                BigDecimal.ZERO,
                euros,
                BigDecimal.ZERO));
    }

    /**
     * The Tempo red-day tip from daily amounts: numbers are the red days read, their kWh, what
     * they cost and what the same kWh cost at blue-day prices (each split peak/off-peak by the
     * configured daily off-peak share, as the bill does); its euros what moving the shiftable share
     * of their peak hours to their off-peak hours saves. A day takes the colour of the Tempo day that
     * begins on it; days without a colour or rates are left out.
     */
    Optional<Tip> tempoRedDays(
            String dwelling, String unit, List<Point> days, Billing billing, Tariffs.Contract contract) {
        Tariffs tariffs = billing.tariffs();
        if (contract.option() != Tariffs.Option.TEMPO) {
            return Optional.empty();
        }
        ZoneId zone = data.zone();
        BigDecimal off = tariffs.dailyOffPeakShare();
        int red = 0;
        BigDecimal kwh = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal blue = BigDecimal.ZERO;
        BigDecimal euros = BigDecimal.ZERO;
        for (Point p : days) {
            LocalDate day = p.from().atZone(zone).toLocalDate();
            Optional<Tariffs.Rates> rates = tariffs.electricityRates(contract, day);
            if (rates.isEmpty() || tariffs.colour(day).orElse(null) != Tariffs.Colour.RED) {
                continue;
            }
            Map<String, Tariffs.Price> v = rates.get().variable();
            BigDecimal hc = p.value().multiply(off);
            BigDecimal hp = p.value().subtract(hc);
            red++;
            kwh = kwh.add(p.value());
            cost = cost.add(hp.multiply(v.get("hp-red").ttc()))
                    .add(hc.multiply(v.get("hc-red").ttc()));
            blue = blue.add(hp.multiply(v.get("hp-blue").ttc()))
                    .add(hc.multiply(v.get("hc-blue").ttc()));
            euros = euros.add(hp.multiply(properties.shiftableShare())
                    .multiply(v.get("hp-red").ttc().subtract(v.get("hc-red").ttc())));
        }
        if (red == 0 || euros.compareTo(properties.peakMinimumEuros()) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Tip(
                dwelling,
                "electricity",
                unit,
                "tempo-red",
                List.of(BigDecimal.valueOf(red), kwh, cost, blue),
                BigDecimal.ZERO,
                euros,
                BigDecimal.ZERO));
    }

    /** The places of the person's dwellings, by dwelling; none without the facts or published releases. */
    private Map<String, DwellingFacts.Place> places(String subject) {
        DwellingFacts f = facts == null ? null : facts.getIfAvailable();
        if (f == null || releases == null || releases.getIfAvailable() == null) {
            return Map.of();
        }
        Map<String, DwellingFacts.Place> out = new TreeMap<>();
        f.places(subject, territoryGraph).forEach(p -> out.put(p.dwelling(), p));
        return out;
    }

    /**
     * Whether a fluid heats a dwelling: the fluid of its heating system (by notation), gas and
     * district heat when the system is not known.
     */
    static boolean heats(String heatingSystem, String fluid) {
        if (heatingSystem == null) {
            return fluid.equals("gas") || fluid.equals("heat");
        }
        return switch (heatingSystem) {
            case "district-heating" -> fluid.equals("heat");
            case "collective-gas-boiler", "individual-gas-boiler" -> fluid.equals("gas");
            case "electric", "heat-pump" -> fluid.equals("electricity");
            default -> false;
        };
    }

    /**
     * The degree-day tip: the last 365 days' consumption per degree-day against the district's
     * published mean home per degree-day, when every day of them is read and has its degree-days,
     * and the cell is published in the same unit.
     */
    private Optional<Tip> degreeDays(
            String subject,
            DwellingFacts.Place place,
            String fluid,
            String unit,
            List<Point> days,
            LocalDate from,
            LocalDate to) {
        String district = place.areas().get(TerritorialLevel.DISTRICT);
        DegreeDays dd = degreeDays == null ? null : degreeDays.getIfAvailable();
        ReleaseFolders folders = releases.getIfAvailable();
        if (district == null || dd == null || folders == null || days.size() < 365) {
            return Optional.empty();
        }
        Optional<BigDecimal> myDegreeDays = dd.between(from, to);
        Optional<DistrictLevel> level;
        try {
            level = DistrictLevel.of(folders, district, fluid);
        } catch (OpenDataException e) {
            return Optional.empty(); // a release whose file is not the one published is not compared with
        }
        if (myDegreeDays.isEmpty() || level.isEmpty() || !level.get().unit().equals(unit)) {
            return Optional.empty();
        }
        ZoneId zone = data.zone();
        return aboveDistrict(sum(days), myDegreeDays.get(), level.get().perDegreeDay(), properties.districtMargin())
                .map(n -> tip(
                        subject,
                        place.dwelling(),
                        fluid,
                        unit,
                        "degree-days",
                        n.subList(0, 4),
                        n.get(4),
                        from.atStartOfDay(zone).toInstant(),
                        to.atStartOfDay(zone).toInstant()));
    }

    /**
     * The degree-day rule: with {@code mine} consumed over {@code degreeDays}, and the district's
     * mean home at {@code district} per degree-day, the numbers mine per degree-day, the district's,
     * how far above it in percent, the degree-days, and last the saving of reaching the district's
     * level over those degree-days; empty when mine is not above the district's by more than {@code
     * margin} (a share), or there were no degree-days.
     */
    static Optional<List<BigDecimal>> aboveDistrict(
            BigDecimal mine, BigDecimal degreeDays, BigDecimal district, BigDecimal margin) {
        if (degreeDays.signum() <= 0 || district.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal perDegreeDay = mine.divide(degreeDays, MC);
        BigDecimal above = perDegreeDay.divide(district, MC).subtract(BigDecimal.ONE);
        if (above.compareTo(margin) <= 0) {
            return Optional.empty();
        }
        return Optional.of(List.of(
                perDegreeDay,
                district,
                above.movePointRight(2),
                degreeDays,
                perDegreeDay.subtract(district).multiply(degreeDays)));
    }

    /** A tip with its saving's euros and emissions, the saving spread evenly over {@code [from, to)}. */
    private Tip tip(
            String subject,
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
            try {
                // the energy part only: the same period without the saving costs the same subscription
                euros = p.euros(subject, dwelling, fluid, saved, from, to)
                        .subtract(p.euros(
                                subject, dwelling, fluid, List.of(new Point(from, to, BigDecimal.ZERO)), from, to));
            } catch (MoneyException e) {
                euros = null; // a day the configuration cannot price (a Tempo day without a colour): no euros
            }
        }
        return new Tip(dwelling, fluid, unit, kind, numbers, saving, euros, p == null ? null : p.kgCo2e(fluid, saved));
    }

    private static BigDecimal sum(List<Point> points) {
        return points.stream().map(Point::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
