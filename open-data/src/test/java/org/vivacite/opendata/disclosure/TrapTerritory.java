package org.vivacite.opendata.disclosure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Sector;

/**
 * A synthetic territory full of traps, with every contributor's true daily electricity consumption
 * (Wh, day-to-day variation ±20 %), a small aggregator that computes the candidate and support
 * cells of a release from it, and the truth that says whether an attacker's finding is a breach.
 *
 * <p>Metropolis → communes A, B, C and D → districts → streets → buildings. The finest residential level
 * the datasets publish is the district, so the traps sit where they can be published:
 *
 * <ul>
 *   <li>A1, one street, one building of 11 households (and 3 offices), beside A2, one building of 9
 *       households on the next street: commune A − A1 − A3 − A4 = A2;
 *   <li>A3, 110 households (daily cells publishable), 2 shops (a tertiary cell of 2 contributors),
 *       the town hall and the school (public buildings flagged for individual publication) beside a
 *       gym and a library (not flagged);
 *   <li>A4, one street where an electric-heated house consumes 100 kWh a day beside 10 flats of
 *       0.8 kWh: it is 93 % of the district;
 *   <li>B1, 110 households, 4 offices, 1 factory, a pool, a depot and a nursery (public, not flagged);
 *   <li>B2, 9 households and a mover who heats with electricity (60 kWh a day) and leaves on
 *       2025-03-11: in release 1's rolling year (from 2025-03-01), not in release 2's (from 2025-04-01);
 *   <li>C1, a district of 10 households where an electric-heated one (100 kWh a day beside 9 of
 *       0.8 kWh, 93 % of the district) has its meter replaced on {@link #METER_REPLACED}: counted
 *       per meter, the district has 11 contributors and none above 51 % of the year or of September
 *       (its days, one meter each, still show the household whole);
 *   <li>C2, 9 dwellings with water meters (about 0.1 m³ a day), one of them with two (kitchen and
 *       bathroom): counted per meter, 10 contributors, enough to publish;
 *   <li>C3, 100 households (10 kWh a day), so that commune C is publishable;
 *   <li>commune D: D1, 9 households, beside D2, 10 holiday flats of 0.3 kWh a day, and D3, 200
 *       households: hiding D2 (the smallest) with D1 stops exact recovery, but bounds D1 within 4 %;
 *   <li>commune E: E1, 100 households and one heated with electricity (60 kWh a day) whose TIC index
 *       froze on {@link #CORRECTED_DAY}: the day derived from it is 0 until the DSO's file, known from
 *       {@link #CORRECTION_KNOWN} (between the two releases), gives the day's true value. A release
 *       made before then sees the derived 0; the published day keeps it, while the next rolling year
 *       counts the DSO's value: the year minus its days, or minus the first year and the days gained
 *       and lost, is that household's day.
 * </ul>
 *
 * <p>A contributor is one delivery point: {@link #meters(Contributor)} says which meters report
 * its consumption in a store (one, named after it, unless it has several).
 */
final class TrapTerritory {

    static final LocalDate DAY0 = LocalDate.of(2025, 3, 1);
    static final LocalDate END = LocalDate.of(2026, 5, 1);
    static final LocalDate MOVER_LEAVES = LocalDate.of(2025, 3, 11);
    static final LocalDate METER_REPLACED = LocalDate.of(2025, 9, 15);
    /** The day whose derived value (0, a frozen index) a DSO value replaces. */
    static final LocalDate CORRECTED_DAY = LocalDate.of(2025, 11, 20);
    /** From this day on the DSO's value of {@link #CORRECTED_DAY} is in the private store. */
    static final LocalDate CORRECTION_KNOWN = LocalDate.of(2026, 3, 15);
    /** The contributor whose day the DSO corrects. */
    static final String CORRECTED = "corrected";

    /** One delivery point: a household, business or public building. */
    record Contributor(String id, Area building, Sector sector, boolean flagged, long[] prefix) {
        /** What it truly consumed over {@code [from, to)}: what the store holds once every correction is in. */
        long between(LocalDate from, LocalDate to) {
            int a = (int) Math.max(0, ChronoUnit.DAYS.between(DAY0, from));
            int b = (int) Math.min(prefix.length - 1, ChronoUnit.DAYS.between(DAY0, to));
            return b <= a ? 0 : prefix[b] - prefix[a];
        }

        /**
         * What the private store holds for {@code [from, to)} as of {@code asOf}: before {@link
         * #CORRECTION_KNOWN}, the corrected household's {@link #CORRECTED_DAY} is its derived 0.
         */
        long between(LocalDate from, LocalDate to, LocalDate asOf) {
            long v = between(from, to);
            if (id.equals(CORRECTED)
                    && asOf.isBefore(CORRECTION_KNOWN)
                    && !CORRECTED_DAY.isBefore(from)
                    && CORRECTED_DAY.isBefore(to)) {
                v -= between(CORRECTED_DAY, CORRECTED_DAY.plusDays(1));
            }
            return v;
        }
    }

    /**
     * A meter of a contributor: it reports over {@code [from, until)}, {@code percent} of the
     * contributor's consumption (the last meter of a day gets the rest).
     */
    record Meter(String id, LocalDate from, LocalDate until, int percent) {}

    final Map<String, Area> areas = new LinkedHashMap<>();
    final List<Contributor> contributors = new ArrayList<>();
    /** The meters of contributors that have several, by contributor id. */
    private final Map<String, List<Meter>> meters = new HashMap<>();
    /** The fluid of contributors that do not consume electricity, by contributor id. */
    private final Map<String, Fluid> fluids = new HashMap<>();

    private final Map<String, List<Contributor>> under = new HashMap<>();
    private final String iriPrefix;
    private long seed = 42;

    TrapTerritory() {
        this("urn:trap:");
    }

    /**
     * @param iriPrefix what every area's IRI starts with, followed by its code ({@code urn:trap:A1}
     *     in memory; an {@code http} IRI when the territory is written into a store)
     */
    TrapTerritory(String iriPrefix) {
        this.iriPrefix = iriPrefix;
        Area m = area("metropolis", TerritorialLevel.METROPOLIS, null);
        Area a = area("A", TerritorialLevel.COMMUNE, m);
        Area b = area("B", TerritorialLevel.COMMUNE, m);

        Area a1 = area("A1", TerritorialLevel.DISTRICT, a);
        Area voisins = area("A1-rue-des-voisins", TerritorialLevel.STREET, a1);
        households(area("A1-b11", TerritorialLevel.BUILDING, voisins), "A1-h", 11, 10_000);
        business(
                area("A1-offices", TerritorialLevel.BUILDING, voisins), "A1-office", Sector.TERTIARY, 3, 40_000, false);

        Area a2 = area("A2", TerritorialLevel.DISTRICT, a);
        Area prolongee = area("A2-rue-des-voisins-prolongee", TerritorialLevel.STREET, a2);
        households(area("A2-b9", TerritorialLevel.BUILDING, prolongee), "A2-h", 9, 10_000);

        Area a3 = area("A3", TerritorialLevel.DISTRICT, a);
        Area grande = area("A3-grande-rue", TerritorialLevel.STREET, a3);
        Area place = area("A3-place", TerritorialLevel.STREET, a3);
        for (int i = 0; i < 10; i++) {
            households(
                    area("A3-b" + i, TerritorialLevel.BUILDING, i < 5 ? grande : place), "A3-h" + i + "-", 11, 10_000);
        }
        business(area("A3-shops", TerritorialLevel.BUILDING, grande), "A3-shop", Sector.TERTIARY, 2, 50_000, false);
        contributor("town-hall", area("A3-town-hall", TerritorialLevel.BUILDING, place), Sector.PUBLIC, true, 80_000);
        contributor("school", area("A3-school", TerritorialLevel.BUILDING, place), Sector.PUBLIC, true, 50_000);
        contributor("gym", area("A3-gym", TerritorialLevel.BUILDING, grande), Sector.PUBLIC, false, 30_000);
        contributor("library", area("A3-library", TerritorialLevel.BUILDING, grande), Sector.PUBLIC, false, 20_000);

        Area a4 = area("A4", TerritorialLevel.DISTRICT, a);
        Area impasse = area("A4-impasse", TerritorialLevel.STREET, a4);
        contributor("house", area("A4-house", TerritorialLevel.BUILDING, impasse), Sector.RESIDENTIAL, false, 100_000);
        households(area("A4-flats", TerritorialLevel.BUILDING, impasse), "A4-flat", 10, 800);

        Area b1 = area("B1", TerritorialLevel.DISTRICT, b);
        Area gare = area("B1-avenue-de-la-gare", TerritorialLevel.STREET, b1);
        for (int i = 0; i < 10; i++) {
            households(area("B1-b" + i, TerritorialLevel.BUILDING, gare), "B1-h" + i + "-", 11, 10_000);
        }
        business(area("B1-offices", TerritorialLevel.BUILDING, gare), "B1-office", Sector.TERTIARY, 4, 40_000, false);
        business(area("B1-factory", TerritorialLevel.BUILDING, gare), "B1-factory", Sector.INDUSTRY, 1, 500_000, false);
        contributor("pool", area("B1-pool", TerritorialLevel.BUILDING, gare), Sector.PUBLIC, false, 60_000);
        contributor("depot", area("B1-depot", TerritorialLevel.BUILDING, gare), Sector.PUBLIC, false, 40_000);
        contributor("nursery", area("B1-nursery", TerritorialLevel.BUILDING, gare), Sector.PUBLIC, false, 30_000);

        Area b2 = area("B2", TerritorialLevel.DISTRICT, b);
        Area chemin = area("B2-chemin", TerritorialLevel.STREET, b2);
        Area b2b = area("B2-b", TerritorialLevel.BUILDING, chemin);
        households(b2b, "B2-h", 9, 10_000);
        long[] mover = series(60_000);
        for (int d = (int) ChronoUnit.DAYS.between(DAY0, MOVER_LEAVES); d < mover.length; d++) {
            mover[d] = 0;
        }
        add(new Contributor("mover", b2b, Sector.RESIDENTIAL, false, prefix(mover)));

        // Commune D: D1, 9 households, beside D2, 10 holiday flats of 0.3 kWh a day (published:
        // 10 households), and D3, 200 households (the largest commune, so that hiding a commune beside
        // a small one hides another). Commune D − D3 = D1 + D2: exact recovery needs D2
        // hidden too, the smallest cell to hide; but then D1 ≤ D1 + D2, within 4 % of its value, to
        // anyone who knows that no consumption is negative (the LP attacker).
        Area d = area("D", TerritorialLevel.COMMUNE, m);
        Area d1 = area("D1", TerritorialLevel.DISTRICT, d);
        households(
                area("D1-b9", TerritorialLevel.BUILDING, area("D1-rue", TerritorialLevel.STREET, d1)),
                "D1-h",
                9,
                10_000);
        Area d2 = area("D2", TerritorialLevel.DISTRICT, d);
        households(
                area("D2-holiday-flats", TerritorialLevel.BUILDING, area("D2-rue", TerritorialLevel.STREET, d2)),
                "D2-flat",
                10,
                300);
        Area d3 = area("D3", TerritorialLevel.DISTRICT, d);
        Area d3rue = area("D3-rue", TerritorialLevel.STREET, d3);
        for (int i = 0; i < 20; i++) {
            households(area("D3-b" + i, TerritorialLevel.BUILDING, d3rue), "D3-h" + i + "-", 10, 10_000);
        }

        communeOfSeveralMeters(m);

        // Commune E: E1, 100 households and the one whose day the DSO corrects between the releases,
        // beside E2, 200 households (the largest commune, so that nothing hides E for another)
        Area e = area("E", TerritorialLevel.COMMUNE, m);
        Area e1rue = area("E1-rue-du-poste-source", TerritorialLevel.STREET, area("E1", TerritorialLevel.DISTRICT, e));
        for (int i = 0; i < 10; i++) {
            households(area("E1-b" + i, TerritorialLevel.BUILDING, e1rue), "E1-h" + i + "-", 10, 10_000);
        }
        contributor(CORRECTED, area("E1-house", TerritorialLevel.BUILDING, e1rue), Sector.RESIDENTIAL, false, 60_000);
        Area e2rue = area("E2-rue", TerritorialLevel.STREET, area("E2", TerritorialLevel.DISTRICT, e));
        for (int i = 0; i < 20; i++) {
            households(area("E2-b" + i, TerritorialLevel.BUILDING, e2rue), "E2-h" + i + "-", 10, 10_000);
        }
    }

    /** Commune C: the replaced meter (C1), the dwelling with two water meters (C2), and 100 households (C3). */
    private void communeOfSeveralMeters(Area metropolis) {
        Area c = area("C", TerritorialLevel.COMMUNE, metropolis);
        Area c1 = area("C1", TerritorialLevel.DISTRICT, c);
        Area rue = area("C1-rue-du-compteur", TerritorialLevel.STREET, c1);
        Area flats = area("C1-b", TerritorialLevel.BUILDING, rue);
        households(flats, "C1-h", 9, 800);
        contributor("replaced", flats, Sector.RESIDENTIAL, false, 100_000);
        meters.put(
                "replaced",
                List.of(
                        new Meter("replaced-old", DAY0, METER_REPLACED, 100),
                        new Meter("replaced-new", METER_REPLACED, END, 100)));

        Area c2 = area("C2", TerritorialLevel.DISTRICT, c);
        Area allee = area("C2-allee-des-sources", TerritorialLevel.STREET, c2);
        Area block = area("C2-b", TerritorialLevel.BUILDING, allee);
        for (int i = 0; i < 8; i++) {
            contributor("C2-w" + i, block, Sector.RESIDENTIAL, false, 100); // litres a day
            fluids.put("C2-w" + i, Fluid.WATER);
        }
        contributor("twin", block, Sector.RESIDENTIAL, false, 150);
        fluids.put("twin", Fluid.WATER);
        meters.put(
                "twin", List.of(new Meter("twin-kitchen", DAY0, END, 40), new Meter("twin-bathroom", DAY0, END, 60)));

        // C3, 100 households: commune C's electricity is a commune like the others (publishable), so
        // that only its district C1 is small and dominated
        Area c3rue = area("C3-rue", TerritorialLevel.STREET, area("C3", TerritorialLevel.DISTRICT, c));
        for (int i = 0; i < 10; i++) {
            households(area("C3-b" + i, TerritorialLevel.BUILDING, c3rue), "C3-h" + i + "-", 10, 10_000);
        }
    }

    /** What a contributor consumes: electricity (Wh), unless said otherwise (water in litres). */
    Fluid fluid(Contributor c) {
        return fluids.getOrDefault(c.id(), Fluid.ELECTRICITY);
    }

    /** The meters that report a contributor's consumption: one, named after it, unless it has several. */
    List<Meter> meters(Contributor c) {
        return meters.getOrDefault(c.id(), List.of(new Meter(c.id(), DAY0, END, 100)));
    }

    /** What each of a contributor's meters reports for a day (none when it consumed nothing). */
    Map<Meter, Long> readings(Contributor c, LocalDate day) {
        long total = c.between(day, day.plusDays(1));
        List<Meter> on = meters(c).stream()
                .filter(m -> !day.isBefore(m.from()) && day.isBefore(m.until()))
                .toList();
        Map<Meter, Long> out = new LinkedHashMap<>();
        long left = total;
        for (int i = 0; i < on.size() && total != 0; i++) {
            long v = i == on.size() - 1 ? left : total * on.get(i).percent() / 100;
            out.put(on.get(i), v);
            left -= v;
        }
        return out;
    }

    private Area area(String code, TerritorialLevel level, Area parent) {
        Area a = new Area(iriPrefix + code, level, code, code, parent == null ? null : parent.iri());
        areas.put(a.iri(), a);
        return a;
    }

    private void households(Area building, String prefix, int n, long base) {
        for (int i = 0; i < n; i++) {
            contributor(prefix + i, building, Sector.RESIDENTIAL, false, base);
        }
    }

    private void business(Area building, String prefix, Sector sector, int n, long base, boolean flagged) {
        for (int i = 0; i < n; i++) {
            contributor(prefix + i, building, sector, flagged, base);
        }
    }

    private void contributor(String id, Area building, Sector sector, boolean flagged, long base) {
        add(new Contributor(id, building, sector, flagged, prefix(series(base))));
    }

    private void add(Contributor c) {
        contributors.add(c);
        for (Area a = c.building(); a != null; a = a.parent() == null ? null : areas.get(a.parent())) {
            under.computeIfAbsent(a.iri(), k -> new ArrayList<>()).add(c);
        }
    }

    /** Daily Wh: base ± 20 %, a fixed pseudo-random sequence. */
    private long[] series(long base) {
        long[] s = new long[(int) ChronoUnit.DAYS.between(DAY0, END)];
        for (int d = 0; d < s.length; d++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double u = ((seed >>> 11) % 1_000_000) / 1_000_000.0; // [0, 1)
            s[d] = Math.max(1, Math.round(base * (0.8 + 0.4 * u)));
        }
        return s;
    }

    private static long[] prefix(long[] s) {
        long[] p = new long[s.length + 1];
        for (int i = 0; i < s.length; i++) {
            p[i + 1] = p[i] + s[i];
        }
        return p;
    }

    List<Area> territory() {
        return List.copyOf(areas.values());
    }

    List<Contributor> under(String area, Sector sector) {
        return under(area, sector, Fluid.ELECTRICITY);
    }

    List<Contributor> under(String area, Sector sector, Fluid fluid) {
        return under.getOrDefault(area, List.of()).stream()
                .filter(c -> c.sector() == sector && fluid(c) == fluid)
                .toList();
    }

    // ------------------------------------------------------------ the aggregator

    /** The electricity cell of an area, period and sector, null when no contributor of the sector is there. */
    Cell cell(Dataset ds, Area area, Period p, Sector sector) {
        return cell(ds, area, p, sector, Fluid.ELECTRICITY);
    }

    /** The cell of an area, period, sector and fluid, once every correction is in; null when no contributor of them is there. */
    Cell cell(Dataset ds, Area area, Period p, Sector sector, Fluid fluid) {
        return cell(ds, area, p, sector, fluid, END);
    }

    /** The cell of an area, period, sector and fluid as a release made on {@code asOf} computes it. */
    Cell cell(Dataset ds, Area area, Period p, Sector sector, Fluid fluid, LocalDate asOf) {
        List<Contributor> cs = under(area.iri(), sector, fluid);
        if (ds == Dataset.PUBLIC_BUILDINGS_MONTHLY) {
            cs = cs.stream().filter(c -> c.building().equals(area)).toList();
        }
        if (cs.isEmpty()) {
            return null;
        }
        long total = 0;
        long largest = 0;
        int active = 0;
        for (Contributor c : cs) {
            long v = c.between(p.start(), p.end(), asOf);
            total += v;
            largest = Math.max(largest, v);
            active += v != 0 ? 1 : 0;
        }
        return new Cell(
                ds,
                area,
                p,
                null,
                fluid,
                sector,
                BigDecimal.valueOf(total, 3),
                active,
                BigDecimal.valueOf(largest, 3),
                null,
                null,
                null);
    }

    private List<Area> level(TerritorialLevel... levels) {
        Set<TerritorialLevel> ls = Set.of(levels);
        return areas.values().stream().filter(a -> ls.contains(a.level())).toList();
    }

    private void add(List<Cell> out, Dataset ds, List<Area> as, Period p, LocalDate asOf, Sector... sectors) {
        for (Area a : as) {
            for (Sector s : sectors) {
                for (Fluid f : List.of(Fluid.ELECTRICITY, Fluid.WATER)) {
                    Cell c = cell(ds, a, p, s, f, asOf);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
        }
    }

    /** The candidates of a release made on {@code asOf}: a rolling year ending the day before. */
    List<Cell> candidates(LocalDate asOf) {
        Period year = new Period(asOf.minusYears(1), Step.YEAR);
        Sector[] all = Sector.values();
        List<Cell> out = new ArrayList<>();
        add(
                out,
                Dataset.ANNUAL_BY_DISTRICT,
                level(TerritorialLevel.DISTRICT, TerritorialLevel.COMMUNE, TerritorialLevel.METROPOLIS),
                year,
                asOf,
                all);
        for (LocalDate m = year.start(); !m.plusMonths(1).isAfter(asOf); m = m.plusMonths(1)) {
            Period month = new Period(m, Step.MONTH);
            add(
                    out,
                    Dataset.MONTHLY_BY_COMMUNE,
                    level(TerritorialLevel.COMMUNE, TerritorialLevel.METROPOLIS),
                    month,
                    asOf,
                    all);
            for (Contributor c : contributors) {
                if (c.flagged()) {
                    out.add(cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, c.building(), month, Sector.PUBLIC));
                }
            }
        }
        for (LocalDate d = year.start(); d.isBefore(asOf); d = d.plusDays(1)) {
            add(out, Dataset.DAILY_BY_DISTRICT, level(TerritorialLevel.DISTRICT), new Period(d, Step.DAY), asOf, all);
        }
        return out;
    }

    /**
     * The support of a release made on {@code asOf}: daily cells of communes and the metropolis
     * over its year, daily cells of districts from {@code firstDay} (the earlier rolling years'
     * days), and every public building's months.
     */
    List<Cell> support(LocalDate asOf, LocalDate firstDay) {
        Period year = new Period(asOf.minusYears(1), Step.YEAR);
        Sector[] all = Sector.values();
        List<Cell> out = new ArrayList<>();
        for (LocalDate d = firstDay; d.isBefore(asOf); d = d.plusDays(1)) {
            Period day = new Period(d, Step.DAY);
            add(
                    out,
                    Dataset.DAILY_BY_DISTRICT,
                    level(TerritorialLevel.COMMUNE, TerritorialLevel.METROPOLIS),
                    day,
                    asOf,
                    all);
            if (d.isBefore(year.start())) {
                add(out, Dataset.DAILY_BY_DISTRICT, level(TerritorialLevel.DISTRICT), day, asOf, all);
            }
        }
        for (LocalDate m = year.start(); !m.plusMonths(1).isAfter(asOf); m = m.plusMonths(1)) {
            for (Contributor c : contributors) {
                if (c.sector() == Sector.PUBLIC) {
                    out.add(cell(
                            Dataset.PUBLIC_BUILDINGS_MONTHLY, c.building(), new Period(m, Step.MONTH), Sector.PUBLIC));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------ the truth

    /**
     * When the values a published row shows were computed: before {@link #CORRECTION_KNOWN} when
     * they are the derived ones (a release made then, or a later one that republished its cell
     * unchanged), else after.
     */
    private LocalDate asOf(PublishedRow r) {
        Area a = areas.get(r.area());
        if (r.value() == null || r.slot() != null || a == null) {
            return END;
        }
        Cell before = cell(r.dataset(), a, r.period(), r.sector(), r.fluid(), DAY0);
        return before != null && before.total().compareTo(r.value()) == 0 ? DAY0 : END;
    }

    /** A breach: what the attacker learnt, of whom. */
    record Breach(String kind, String who, String how, Attacker.Var target, BigDecimal value, String truth) {}

    /**
     * Whether a finding is a breach: it recovers a contributor's own value to within 10 % (and that
     * contributor makes at least half of what the finding sums, so that noise cancelling out by
     * chance is not a recovery), or it is the aggregate of fewer contributors than the rules allow
     * (at least one of them not a flagged public building, which are published by choice), or a
     * published small cell.
     */
    List<Breach> judge(List<PublishedRow> rows, Attacker.Finding f, DisclosureRules rules) {
        List<Breach> out = new ArrayList<>();
        if (f.how().equals("small cell")) {
            out.add(new Breach("small cell", f.target().area(), f.how(), f.target(), f.value(), "count " + f.count()));
            return out;
        }
        Map<Contributor, Long> x = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> e : f.expression().entrySet()) {
            PublishedRow r = rows.get(e.getKey());
            if (r.slot() != null) {
                continue;
            }
            List<Contributor> cs = under(r.area(), r.sector(), r.fluid());
            if (r.dataset() == Dataset.PUBLIC_BUILDINGS_MONTHLY) {
                cs = cs.stream()
                        .filter(c -> c.building().iri().equals(r.area()))
                        .toList();
            }
            LocalDate asOf = asOf(r);
            for (Contributor c : cs) {
                long v = c.between(r.period().start(), r.period().end(), asOf);
                if (v != 0) {
                    x.merge(c, e.getValue() * v, Long::sum);
                }
            }
        }
        x.values().removeIf(v -> v == 0);
        long gross = x.values().stream().mapToLong(Math::abs).sum();
        long value = f.value().movePointRight(3).longValueExact();
        int nonExempt = 0;
        boolean households = false;
        for (Map.Entry<Contributor, Long> e : x.entrySet()) {
            Contributor c = e.getKey();
            long xc = e.getValue();
            if (c.flagged()) {
                continue;
            }
            nonExempt++;
            households |= c.sector().households();
            if (Math.abs(value - xc) * 10 <= Math.abs(xc) && Math.abs(xc) * 2 >= gross) {
                out.add(new Breach("individual", c.id(), f.how(), f.target(), f.value(), "true " + xc / 1000.0));
            }
        }
        int min = households ? rules.minHouseholds() : rules.minContributors();
        boolean aggregate = x.values().stream().allMatch(v -> v > 0);
        if (aggregate && nonExempt > 0 && x.size() < min) {
            out.add(new Breach(
                    "small aggregate",
                    x.keySet().stream()
                            .filter(c -> !c.flagged())
                            .map(Contributor::id)
                            .toList()
                            .toString(),
                    f.how(),
                    f.target(),
                    f.value(),
                    nonExempt + " contributors"));
        }
        return out;
    }
}
