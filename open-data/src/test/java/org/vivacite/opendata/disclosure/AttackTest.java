package org.vivacite.opendata.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Protection.Status;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.disclosure.TrapTerritory.Breach;

/**
 * Two releases of the trap territory, a month apart, attacked by someone who sees only their rows:
 * protected, he learns nothing; unprotected, or with primary suppression only, he does.
 */
class AttackTest {

    static final LocalDate RELEASE_1 = LocalDate.of(2026, 3, 1);
    static final LocalDate RELEASE_2 = LocalDate.of(2026, 4, 1);
    static final DisclosureRules RULES = DisclosureRules.DEFAULTS;

    final TrapTerritory trap = new TrapTerritory();
    final DisclosureControl control = new DisclosureControl(RULES, trap.territory());

    /** Both releases' rows, and the protected cell each shows (the truth the test judges with). */
    record Published(List<PublishedRow> rows, Map<PublishedRow, Cell> cells) {}

    /** Publishes both releases with {@code protect(candidates, support, history)}. */
    private Published publish(Protector protect) {
        List<Cell> first = protect.apply(
                trap.candidates(RELEASE_1), trap.support(RELEASE_1, RELEASE_1.minusYears(1)), PublishedHistory.none());
        List<Cell> second = protect.apply(
                trap.candidates(RELEASE_2),
                trap.support(RELEASE_2, RELEASE_1.minusYears(1)),
                PublishedHistory.of(first));
        List<PublishedRow> rows = new ArrayList<>();
        Map<PublishedRow, Cell> cells = new HashMap<>();
        first.forEach(c -> rows.add(PublishedRow.of("r1", c)));
        second.forEach(c -> rows.add(PublishedRow.of("r2", c)));
        for (int i = 0; i < rows.size(); i++) {
            cells.put(rows.get(i), i < first.size() ? first.get(i) : second.get(i - first.size()));
        }
        return new Published(rows, cells);
    }

    private static Published protectedOnce;

    /**
     * Both releases as disclosure control protects them, computed once for the tests that attack
     * them (the trap territory is the same in every test instance).
     */
    private Published protectedReleases() {
        if (protectedOnce == null) {
            protectedOnce = publish(control::protect);
        }
        return protectedOnce;
    }

    /** Publishes both releases with {@code protect(candidates, support, history)} and attacks them. */
    private List<Breach> attack(Protector protect) {
        return breaches(publish(protect).rows());
    }

    private List<Breach> breaches(List<PublishedRow> rows) {
        List<Attacker.Finding> findings = new Attacker(rows, trap.territory(), RULES).attack();
        assertThat(findings).as("the attacker obtains values").isNotEmpty();
        List<Breach> breaches = new ArrayList<>();
        for (Attacker.Finding f : findings) {
            breaches.addAll(trap.judge(rows, f, RULES));
        }
        return breaches;
    }

    interface Protector {
        List<Cell> apply(List<Cell> candidates, List<Cell> support, PublishedHistory history);
    }

    private static String describe(List<Breach> breaches) {
        return breaches.stream().limit(40).map(Breach::toString).collect(Collectors.joining("\n"));
    }

    private static List<String> who(List<Breach> breaches, String kind) {
        return breaches.stream()
                .filter(b -> b.kind().equals(kind))
                .map(Breach::who)
                .distinct()
                .toList();
    }

    @Test
    void protectedReleasesLetTheAttackerRecoverNoHouseholdNorSmallAggregate() {
        List<Breach> breaches = breaches(protectedReleases().rows());
        assertThat(breaches).as(() -> describe(breaches)).isEmpty();
    }

    @Test
    void unprotectedReleasesLetTheAttackerFindTheSmallDistrictTheDominantHouseAndTheMover() {
        BiFunction<List<Cell>, Protection, List<Cell>> all =
                (cells, p) -> cells.stream().map(c -> c.with(p)).toList();
        List<Breach> breaches = attack((candidates, support, history) -> all.apply(candidates, Protection.PUBLISHED));
        assertThat(who(breaches, "small cell")).as(() -> describe(breaches)).contains("urn:trap:A2");
        assertThat(who(breaches, "individual"))
                .as(() -> describe(breaches))
                .contains("house", "mover", TrapTerritory.CORRECTED);
        assertThat(breaches)
                .anyMatch(b -> b.kind().equals("small aggregate") && b.who().contains("A3-shop"));
    }

    @Test
    void primarySuppressionAloneLetsTheAttackerDifferenceTheSuppressedCellsOut() {
        List<Breach> breaches = attack((candidates, support, history) -> control.protectPrimaryOnly(candidates));
        assertThat(who(breaches, "small cell"))
                .as("primary suppression hides every small cell")
                .isEmpty();
        // release 2: B2 (9 households once the mover left) is the only suppressed district of
        // commune B, so commune − B1 gives it, and its difference with release 1 gives the mover
        assertThat(who(breaches, "individual")).as(() -> describe(breaches)).contains("mover");
        assertThat(breaches)
                .as(() -> describe(breaches))
                .anyMatch(b -> b.kind().equals("small aggregate") && b.who().contains("B2-h0"))
                .anyMatch(b -> b.kind().equals("small aggregate") && b.who().equals("[gym, library]"))
                .anyMatch(b -> b.kind().equals("small aggregate") && b.who().contains("A3-shop0"));
    }

    @Test
    void secondReleaseRepublishesTheFirstReleasesCellsOfTheSamePeriodUnchanged() {
        List<Cell> first = control.protect(
                trap.candidates(RELEASE_1), trap.support(RELEASE_1, RELEASE_1.minusYears(1)), PublishedHistory.none());
        List<Cell> second = control.protect(
                trap.candidates(RELEASE_2),
                trap.support(RELEASE_2, RELEASE_1.minusYears(1)),
                PublishedHistory.of(first));
        var before = first.stream().collect(Collectors.toMap(Cell::key, c -> c));
        List<Cell> again =
                second.stream().filter(c -> before.containsKey(c.key())).toList();
        assertThat(again).isNotEmpty().allMatch(c -> c.equals(before.get(c.key())));
        assertThat(second)
                .filteredOn(c -> c.area().iri().equals("urn:trap:B2")
                        && c.period().step() == org.vivacite.opendata.Period.Step.YEAR
                        && c.sector().households())
                .extracting(c -> c.protection().status())
                .containsExactly(Status.PRIMARY);
    }

    // ------------------------------------------------------------ the LP attacker

    /** How far a row's bounds reach below and above its true value, as shares of it. */
    record Reach(PublishedRow row, double below, double above) {
        double narrowest() {
            return Math.min(below, above);
        }

        @Override
        public String toString() {
            return row.release() + " " + row.dataset().id + " " + row.area() + " "
                    + row.period().label() + " " + row.sector().code
                    + String.format(java.util.Locale.ROOT, ": −%.2f %% / +%.2f %%", 100 * below, 100 * above);
        }
    }

    /** The LP attacker's bounds on every primary-suppressed row, against its true value. */
    static List<Reach> primaryReaches(
            List<PublishedRow> rows, Map<PublishedRow, Cell> truth, Collection<Area> territory) {
        Attacker exact = new Attacker(rows, territory, RULES);
        exact.attack();
        List<Reach> out = new ArrayList<>();
        for (LpAttacker.Interval i : new LpAttacker(exact, rows).attack()) {
            Cell c = truth.get(i.row());
            if (c != null
                    && c.protection().status() == Status.PRIMARY
                    && c.total().signum() > 0) {
                double v = c.total().doubleValue();
                out.add(new Reach(i.row(), (v - i.low()) / v, (i.high() - v) / v));
            }
        }
        out.sort(java.util.Comparator.comparingDouble(Reach::narrowest));
        return out;
    }

    @Test
    void theLpAttackerBoundsNoPrimaryCellWithinTheProtectionLevel() {
        Published p = protectedReleases();
        List<Reach> reaches = primaryReaches(p.rows(), p.cells(), trap.territory());
        double level = RULES.protectionLevel().doubleValue();
        System.out.println("LP attacker on the trap territory: " + reaches.size()
                + " primary-suppressed rows bounded, the narrowest " + reaches.get(0));
        assertThat(reaches)
                .as("the D1 district's year is among them")
                .anyMatch(r ->
                        r.row().area().equals("urn:trap:D1") && r.row().period().step() == Step.YEAR);
        assertThat(reaches)
                .as(() -> "rows bounded within ±" + level + ":\n"
                        + reaches.stream().limit(20).map(Reach::toString).collect(Collectors.joining("\n")))
                .allMatch(r -> r.narrowest() >= level * (1 - 1e-6));
    }

    @Test
    void withExactRecoveryOnlyTheLpAttackerBoundsTheDistrictBesideTheHolidayFlatsWithin5Percent() {
        // protection level 0: secondary suppression stops exact recovery only (what main did)
        DisclosureRules exactOnly = new DisclosureRules(
                RULES.minHouseholds(),
                RULES.minContributors(),
                RULES.dominanceShare(),
                RULES.dominanceForHouseholds(),
                RULES.seriesPointsDaily(),
                RULES.seriesPointsSubDaily(),
                RULES.seriesPointsLong(),
                java.math.BigDecimal.ZERO);
        Published p = publish(new DisclosureControl(exactOnly, trap.territory())::protect);
        List<Breach> breaches = breaches(p.rows());
        assertThat(breaches)
                .as("the exact-recovery attacker finds nothing: " + describe(breaches))
                .isEmpty();
        List<Reach> c1 = primaryReaches(p.rows(), p.cells(), trap.territory()).stream()
                .filter(r -> r.row().area().equals("urn:trap:D1")
                        && r.row().period().step() == Step.YEAR
                        && r.row().sector() == Sector.RESIDENTIAL)
                .toList();
        assertThat(c1).hasSize(2).allSatisfy(r -> assertThat(r.above()).isLessThan(0.05));
    }

    // ------------------------------------------------------------ the DSO correction

    /**
     * What the attacker makes of the DSO's correction of {@link TrapTerritory#CORRECTED}'s day, for
     * each area above the household: release 2's year minus the months (else days) of release 2 that
     * tile it, each as its row shows it. The first release published the day (derived 0) and its
     * month; the second republishes them unchanged but its year counts the DSO's value: were all
     * published, the expression would be that household's day. The LP attacker bounds it from every
     * relation and non-negativity; returns area → {least, greatest}.
     */
    private Map<String, double[]> correctionAsTheLpAttackerBoundsIt(List<PublishedRow> rows) {
        Attacker exact = new Attacker(rows, trap.territory(), RULES);
        exact.attack();
        LpAttacker lp = new LpAttacker(exact, rows);
        org.vivacite.opendata.Period year = new org.vivacite.opendata.Period(RELEASE_2.minusYears(1), Step.YEAR);
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String area : List.of("urn:trap:E1", "urn:trap:E", "urn:trap:metropolis")) {
            Map<Integer, Long> expression = new HashMap<>();
            expression.put(var(exact, area, year), 1L);
            LocalDate d = year.start();
            while (d.isBefore(year.end())) {
                Integer month = exact.varOf(new Attacker.Var(
                        area,
                        new org.vivacite.opendata.Period(d, Step.MONTH),
                        null,
                        org.vivacite.opendata.Fluid.ELECTRICITY,
                        Sector.RESIDENTIAL));
                if (month != null && !d.plusMonths(1).isAfter(year.end())) {
                    expression.merge(month, -1L, Long::sum);
                    d = d.plusMonths(1);
                } else {
                    expression.merge(var(exact, area, new org.vivacite.opendata.Period(d, Step.DAY)), -1L, Long::sum);
                    d = d.plusDays(1);
                }
            }
            out.put(area, lp.bound(expression));
        }
        return out;
    }

    private static int var(Attacker a, String area, org.vivacite.opendata.Period p) {
        Integer v =
                a.varOf(new Attacker.Var(area, p, null, org.vivacite.opendata.Fluid.ELECTRICITY, Sector.RESIDENTIAL));
        assertThat(v).as("the attacker has or forms " + area + " " + p.label()).isNotNull();
        return v;
    }

    @Test
    void aDsoCorrectionPublishedAfterTheFirstReleaseIsNotGivenAwayByTheSecond() {
        TrapTerritory.Contributor household = trap.contributors.stream()
                .filter(c -> c.id().equals(TrapTerritory.CORRECTED))
                .findFirst()
                .orElseThrow();
        LocalDate day = TrapTerritory.CORRECTED_DAY;
        double correction = household.between(day, day.plusDays(1)) / 1000.0; // kWh, from a derived 0
        assertThat(day).isBetween(RELEASE_2.minusYears(1), RELEASE_1.minusDays(1)); // both years have it
        assertThat(TrapTerritory.CORRECTION_KNOWN).isBetween(RELEASE_1, RELEASE_2);

        Published p = protectedReleases();
        List<Breach> breaches = breaches(p.rows());
        assertThat(breaches).as(() -> describe(breaches)).noneMatch(b -> b.who().contains(TrapTerritory.CORRECTED));
        correctionAsTheLpAttackerBoundsIt(p.rows())
                .forEach((area, range) -> assertThat(range[0] >= correction * 0.9 && range[1] <= correction * 1.1)
                        .as(area + ": the LP attacker confines the correction (" + correction + " kWh) to [" + range[0]
                                + ", " + range[1] + "]")
                        .isFalse());
    }

    @Test
    void withoutDisclosureControlTheSecondReleaseGivesTheCorrectedDayAway() {
        // the harness can fail: every cell published, the exact and the LP attacker both find it
        Published p = publish((candidates, support, history) -> candidates.stream()
                .map(c -> history.same(c.key()).orElse(c.with(Protection.PUBLISHED)))
                .toList());
        List<Breach> breaches = breaches(p.rows());
        assertThat(breaches)
                .as(() -> describe(breaches))
                .anyMatch(b -> b.kind().equals("individual") && b.who().equals(TrapTerritory.CORRECTED));
        TrapTerritory.Contributor household = trap.contributors.stream()
                .filter(c -> c.id().equals(TrapTerritory.CORRECTED))
                .findFirst()
                .orElseThrow();
        LocalDate day = TrapTerritory.CORRECTED_DAY;
        double correction = household.between(day, day.plusDays(1)) / 1000.0;
        correctionAsTheLpAttackerBoundsIt(p.rows())
                .forEach((area, range) -> assertThat(range)
                        .as(area)
                        .containsExactly(
                                new double[] {correction, correction}, org.assertj.core.data.Offset.offset(1e-6)));
    }
}
