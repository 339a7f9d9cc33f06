package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tertiary-sector decree (<i>décret tertiaire</i>, code de la construction et de l'habitation
 * L.174-1 and R.174-22 ff.): a building of at least the threshold's floor area (1 000 m²) used for
 * a tertiary or public activity must cut its final energy consumption by 40 % in 2030, 50 % in 2040
 * and 60 % in 2050 against a reference year not before 2010. Pure: it is given a building's facts,
 * its annual consumption per energy and the degree-days of each year, and computes the rest.
 *
 * <p><b>Climate adjustment</b>, after the arrêté "méthode" of 10 April 2020 (modified), which
 * corrects the heating part of a year's consumption by the ratio of degree-days: the consumption of
 * a heating energy ({@code heating} in {@link Annual}) of a year counts {@code kWh × DJU of the
 * reference year / DJU of the year}; the other energies are not adjusted. Where the arrêté's method
 * separates the heating share of each energy and uses a long-period standard climate, this applies
 * the ratio to the whole of the heating energies and takes the reference year's degree-days as the
 * standard: a simplification stated as such wherever it is shown.
 */
public final class TertiaryDecree {

    private static final MathContext MC = MathContext.DECIMAL64;

    private final TertiaryProperties properties;

    public TertiaryDecree(TertiaryProperties properties) {
        this.properties = properties;
    }

    public TertiaryProperties properties() {
        return properties;
    }

    /**
     * A building as the territory describes it.
     *
     * @param id its identifier (its RNB id: {@code id/building/{rnb_id}})
     * @param use its {@code vc:use} notation ({@code public}, {@code tertiary}, …), null if unknown
     * @param floorArea m², null if unknown
     */
    public record Building(String id, String name, String use, BigDecimal floorArea) {}

    /**
     * An energy's consumption in a year.
     *
     * @param kwh final energy, kWh
     * @param complete whether every day of the year has a value
     * @param heating whether the energy is mostly heating, so that its consumption is adjusted by degree-days
     */
    public record Annual(String energy, int year, BigDecimal kwh, boolean complete, boolean heating) {}

    /**
     * An energy's line of a year: measured and adjusted (null when the year's degree-days are unknown
     * for a heating energy).
     */
    public record Line(String energy, BigDecimal kwh, BigDecimal adjusted, boolean heating) {}

    /**
     * A year of the building.
     *
     * @param degreeDays the year's heating degree-days (base 18 °C), null if not every day is known
     * @param adjusted the sum of the adjusted lines, null if one of them is
     */
    public record Year(
            int year, boolean complete, BigDecimal degreeDays, List<Line> lines, BigDecimal kwh, BigDecimal adjusted) {

        /** The energy's line, null if the building used none of it that year. */
        public Line line(String energy) {
            return lines.stream()
                    .filter(l -> l.energy().equals(energy))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A target of the trajectory: the year, the cut, and the most the building may consume then (kWh). */
    public record Target(int year, BigDecimal cut, BigDecimal kwh) {}

    /**
     * What the decree asks of a building.
     *
     * @param subject whether it is subject to the decree; if not, {@code reason} says why ({@code
     *     small}, {@code use}, {@code area})
     * @param referenceYear null if no complete year since the earliest allowed one
     * @param reference the reference year's consumption, kWh (its own climate)
     * @param latest the latest complete year with an adjusted consumption, null if none
     * @param gap2030 the latest year's adjusted consumption less the 2030 target, kWh (negative: below it)
     * @param pace the yearly cut needed to reach the 2030 target from the latest year, kWh per year
     *     (zero when the target is met; null when the latest year is not before the target's)
     */
    public record Assessment(
            Building building,
            boolean subject,
            String reason,
            List<Year> years,
            Integer referenceYear,
            boolean referenceConfigured,
            BigDecimal reference,
            List<Target> targets,
            Year latest,
            BigDecimal gap2030,
            BigDecimal pace) {}

    /** Whether the building is subject: a tertiary or public use, and a known floor area at or above the threshold. */
    public String notSubjectBecause(Building b) {
        if (b.use() == null || !properties.uses().contains(b.use())) {
            return "use";
        }
        if (b.floorArea() == null) {
            return "area";
        }
        return b.floorArea().compareTo(properties.thresholdM2()) < 0 ? "small" : null;
    }

    /**
     * Assesses a building from its annual consumption per energy and the degree-days of each year.
     *
     * @param annual the energies' years (a year may miss an energy the building did not use)
     * @param degreeDays the heating degree-days of each year whose every day is known
     */
    public Assessment assess(Building b, List<Annual> annual, Map<Integer, BigDecimal> degreeDays) {
        String reason = notSubjectBecause(b);
        if (reason != null) {
            return new Assessment(b, false, reason, List.of(), null, false, null, List.of(), null, null, null);
        }
        SortedMap<Integer, List<Annual>> byYear = new TreeMap<>();
        for (Annual a : annual) {
            byYear.computeIfAbsent(a.year(), y -> new ArrayList<>()).add(a);
        }
        Integer configured = properties.referenceYears().get(b.id());
        Integer ref = configured;
        if (ref == null) {
            ref = byYear.entrySet().stream()
                    .filter(e -> e.getKey() >= properties.earliestReferenceYear())
                    .filter(e -> e.getValue().stream().allMatch(Annual::complete))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
        } else if (!byYear.containsKey(ref)) {
            throw new ManagerException("vivacite.tertiary.reference-years." + b.id() + ": " + ref
                    + " has no consumption of the building (years with some: " + byYear.keySet() + ")");
        }
        BigDecimal refDju = ref == null ? null : degreeDays.get(ref);
        List<Year> years = new ArrayList<>();
        for (var e : byYear.entrySet()) {
            int y = e.getKey();
            BigDecimal dju = degreeDays.get(y);
            List<Line> lines = new ArrayList<>();
            BigDecimal kwh = BigDecimal.ZERO;
            BigDecimal adjusted = BigDecimal.ZERO;
            for (Annual a : e.getValue()) {
                BigDecimal adj = adjust(a, y, ref, refDju, dju);
                lines.add(new Line(a.energy(), a.kwh(), adj, a.heating()));
                kwh = kwh.add(a.kwh());
                adjusted = adjusted == null || adj == null ? null : adjusted.add(adj);
            }
            boolean complete = e.getValue().stream().allMatch(Annual::complete);
            years.add(new Year(y, complete, dju, List.copyOf(lines), kwh, adjusted));
        }
        if (ref == null) {
            return new Assessment(b, true, null, years, null, false, null, List.of(), null, null, null);
        }
        int r = ref;
        BigDecimal reference = years.stream()
                .filter(y -> y.year() == r)
                .findFirst()
                .orElseThrow()
                .kwh();
        List<Target> targets = new ArrayList<>();
        properties
                .targets()
                .forEach((year, cut) -> targets.add(new Target(
                        year,
                        cut,
                        reference.multiply(BigDecimal.ONE.subtract(cut)).setScale(0, RoundingMode.HALF_UP))));
        Year latest = years.stream()
                .filter(y -> y.complete() && y.adjusted() != null && y.year() >= r)
                .reduce((a, c) -> c)
                .orElse(null);
        BigDecimal gap = null;
        BigDecimal pace = null;
        Target first = targets.isEmpty() ? null : targets.get(0);
        if (latest != null && first != null) {
            gap = latest.adjusted().subtract(first.kwh()).setScale(0, RoundingMode.HALF_UP);
            int left = first.year() - latest.year();
            if (gap.signum() <= 0) {
                pace = BigDecimal.ZERO;
            } else if (left > 0) {
                pace = gap.divide(BigDecimal.valueOf(left), 0, RoundingMode.HALF_UP);
            }
        }
        return new Assessment(b, true, null, years, r, configured != null, reference, targets, latest, gap, pace);
    }

    /**
     * A year's consumption of an energy at the reference year's climate: a heating energy's times
     * the reference year's degree-days over the year's; null when either is unknown (or the year's
     * is zero).
     */
    static BigDecimal adjust(Annual a, int year, Integer ref, BigDecimal refDju, BigDecimal dju) {
        if (!a.heating() || (ref != null && year == ref)) {
            return a.kwh();
        }
        if (refDju == null || dju == null || dju.signum() == 0) {
            return null;
        }
        return a.kwh().multiply(refDju).divide(dju, MC).setScale(0, RoundingMode.HALF_UP);
    }

    /** The energies a building's years name, in order. */
    public static List<String> energies(Assessment a) {
        Set<String> out = new TreeSet<>();
        a.years().forEach(y -> y.lines().forEach(l -> out.add(l.energy())));
        return List.copyOf(out);
    }
}
