package org.vivacite.opendata.aggregate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.jena.graph.Node;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Sector;
import org.vivacite.triplestore.SparqlQueries;

/**
 * The anonymising views' first half: SPARQL queries the private store runs over the rollups of
 * derived daily consumption ({@code vc:MeterDayRollup}, docs/triplestore.md), which give the
 * unprotected cells of every dataset. Nothing here is published: disclosure control decides what
 * of it may be.
 *
 * <p>Two passes, both read in chunks and summed here rather than grouped inside the store: one
 * over the rollups, a few buildings a query, gives each delivery point's sum per day, from which
 * come the daily sums per district, commune and metropolis (the daily dataset, and the daily cells
 * the release-difference check needs), the monthly and the yearly sums, and the load curves'
 * meters; one over the half-hourly consumption of the latest complete month, a day's intervals a
 * query (their IRIs built as ingestion mints them), gives the half-hourly sums per commune.
 * Delivery-point sums stay inside this class: they become cells (area × sector × fluid × period)
 * before they leave it.
 *
 * <p>A cell's contributors are delivery points, not meters ({@link #deliveryPoints()}): a point's
 * consumption over the cell's period sums every meter of the point and every part of their
 * rollups, before points are counted and the largest is taken, so the counts and the largest
 * contributor are the same whether the rollups were consolidated or not.
 */
public final class AggregationViews {

    /**
     * @param base the public base IRI, which private and territory graphs are named after
     * @param zone the city's zone: its days and months are local
     * @param gasCalorificValue kWh (PCS) per m³ of gas, to publish gas in kWh
     */
    public record Settings(String base, ZoneId zone, BigDecimal gasCalorificValue, DegreeDays degreeDays) {
        public Settings {
            if (!base.endsWith("/")) {
                base = base + "/";
            }
            if (gasCalorificValue.signum() <= 0) {
                throw new OpenDataException("the gas calorific value must be positive, not " + gasCalorificValue);
            }
        }
    }

    /**
     * What the views computed.
     *
     * @param coverageStart the first day with consumption, or null when there is none
     * @param coverageEnd the day after the last one with consumption
     * @param candidates the cells the datasets would publish
     * @param support cells never published, which disclosure control checks against
     * @param territory the territory they were computed over
     */
    public record Aggregates(
            LocalDate coverageStart,
            LocalDate coverageEnd,
            List<Cell> candidates,
            List<Cell> support,
            Territory territory) {}

    private static final String PREFIXES = "PREFIX vc: <" + Namespaces.VC + ">\nPREFIX sosa: <" + Namespaces.SOSA
            + ">\nPREFIX s4bldg: <" + Namespaces.S4BLDG + ">\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";
    private static final Set<TerritorialLevel> DAILY_LEVELS =
            EnumSet.of(TerritorialLevel.DISTRICT, TerritorialLevel.COMMUNE, TerritorialLevel.METROPOLIS);

    /** The load curves' step, as the intervals' IRIs spell it ({@code PT30M}). */
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AggregationViews.class);

    private final SparqlQueries store;
    private final Settings settings;

    /** Runs a view, logging how long it took. */
    private List<Map<String, Node>> select(String view, String query) {
        long started = System.nanoTime();
        List<Map<String, Node>> rows = store.select(query).rows();
        log.info(
                "Aggregation view '{}': {} rows in {} ms",
                view,
                rows.size(),
                (System.nanoTime() - started) / 1_000_000);
        return rows;
    }

    public AggregationViews(SparqlQueries privateStore, Settings settings) {
        this.store = privateStore;
        this.settings = settings;
    }

    /** The cells of every dataset for the complete days before {@code asOf}. */
    public Aggregates compute(LocalDate asOf) {
        Territory territory = Territory.read(store, settings.base() + "graph/territory");
        List<Cell> candidates = new ArrayList<>();
        List<Cell> support = new ArrayList<>();

        Rollups rollups = rollups(territory, asOf);
        List<Cell> daily = daily(territory, rollups);
        if (daily.isEmpty()) {
            return new Aggregates(null, null, List.of(), List.of(), territory);
        }
        LocalDate first = daily.stream()
                .map(c -> c.period().start())
                .min(LocalDate::compareTo)
                .orElseThrow();
        LocalDate end = daily.stream()
                .map(c -> c.period().end())
                .max(LocalDate::compareTo)
                .orElseThrow();
        for (Cell c : daily) {
            (Dataset.DAILY_BY_DISTRICT.levels.contains(c.area().level()) ? candidates : support).add(c);
        }

        Map<String, BigDecimal> floorAreas = floorAreas(territory);
        // Complete months only: a month's cell sums every day of it.
        LocalDate firstMonth =
                first.getDayOfMonth() == 1 ? first : first.withDayOfMonth(1).plusMonths(1);
        LocalDate endMonth = end.withDayOfMonth(1);
        // The latest year of complete days, when the data cover all of it.
        LocalDate yearStart = end.minusYears(1);
        boolean months = firstMonth.isBefore(endMonth);
        boolean year = !first.isAfter(yearStart);
        Period profileMonth =
                endMonth.minusMonths(1).isBefore(first) ? null : new Period(endMonth.minusMonths(1), Step.MONTH);
        if (!months && !year) {
            return new Aggregates(first, end, candidates, support, territory);
        }
        for (LocalDate m = firstMonth; months && m.isBefore(endMonth); m = m.plusMonths(1)) {
            Period period = new Period(m, Step.MONTH);
            List<PointSum> inMonth = rollups.sums(period.start(), period.end(), period);
            candidates.addAll(cells(Dataset.MONTHLY_BY_COMMUNE, period, inMonth, territory, floorAreas));
            for (Cell c : cells(Dataset.PUBLIC_BUILDINGS_MONTHLY, period, inMonth, territory, floorAreas)) {
                support.add(c);
                if (territory.building(c.area().iri()).publishIndividually()) {
                    candidates.add(c);
                }
            }
        }
        if (year) {
            Period whole = new Period(yearStart, Step.YEAR);
            candidates.addAll(cells(
                    Dataset.ANNUAL_BY_DISTRICT, whole, rollups.sums(yearStart, end, whole), territory, floorAreas));
        }
        // The latest complete month of half-hourly load curves.
        if (profileMonth != null) {
            candidates.addAll(profile(territory, profileMonth, rollups));
        }
        return new Aggregates(first, end, candidates, support, territory);
    }

    /** Buildings a rollup query reads at once: a few thousand rollups each, in a {@code VALUES} block. */
    private static final int BUILDINGS_PER_QUERY = 32;

    /**
     * The parts of the rollups of the published quantities, for a few buildings: each rollup
     * found from its building (the rollups of a building, then each one's quantity, day and
     * parts, which the LMDB store's optimiser keeps in that order), with the graph that holds it,
     * where its meter's space is described. Their days are compared in Java: a date comparison
     * in the store parses every rollup's day.
     */
    private static String rollupParts(List<String> buildings) {
        return PREFIXES + "SELECT ?b ?q ?day ?g ?meter ?s WHERE {\n"
                + "  VALUES ?b { " + buildings.stream().map(b -> "<" + b + ">").collect(Collectors.joining(" "))
                + " }\n"
                + "  ?r vc:inArea ?b ; vc:rollupQuantity ?q .\n"
                + "  FILTER(?q IN ("
                + java.util.Arrays.stream(Fluid.values())
                        .map(f -> "<" + f.quantityIri() + ">")
                        .collect(Collectors.joining(", "))
                + "))\n"
                + "  ?r vc:day ?day ; vc:rollupPart ?p . ?p vc:valueSum ?s .\n"
                + "  GRAPH ?g { ?r vc:rollupOf ?meter }\n"
                + "}";
    }

    /** One delivery point's daily sums of a fluid, counted for one building. */
    private record PointKey(String point, String building, Fluid fluid) {}

    /** One meter as it counts for a delivery point of a building. */
    private record MeterKey(String meter, String point, String building, Fluid fluid) {}

    /**
     * The rollups of the days before {@code asOf}, summed per delivery point and day: every part
     * of every rollup of every meter of the point, in the rollups' unit; day {@code i} of a point's
     * array is {@code i + 1} days before {@code asOf}, null when none of its meters has a rollup
     * that day. {@code months} keeps, per meter, the months in which it has rollups.
     */
    private record Rollups(LocalDate asOf, Map<PointKey, BigDecimal[]> days, Map<MeterKey, Set<YearMonth>> months) {

        /** Each delivery point's sum over {@code [from, to)}, as its sum over {@code period}. */
        List<PointSum> sums(LocalDate from, LocalDate to, Period period) {
            int newest = (int) (asOf.toEpochDay() - to.toEpochDay());
            int oldest = (int) (asOf.toEpochDay() - from.toEpochDay());
            List<PointSum> out = new ArrayList<>();
            days.forEach((k, v) -> {
                BigDecimal sum = null;
                for (int i = Math.max(newest, 0); i < Math.min(oldest, v.length); i++) {
                    if (v[i] != null) {
                        sum = sum == null ? v[i] : sum.add(v[i]);
                    }
                }
                if (sum != null) {
                    out.add(new PointSum(k.point(), k.building(), k.fluid(), period, sum));
                }
            });
            return out;
        }
    }

    /**
     * One pass over the rollups, a few buildings a query: their parts are summed here per delivery
     * point and day ({@link #deliveryPoints()}), which gives the daily, monthly and yearly cells.
     */
    private Rollups rollups(Territory territory, LocalDate asOf) {
        Map<List<String>, List<String>> points = deliveryPoints();
        long started = System.nanoTime();
        Map<PointKey, BigDecimal[]> days = new HashMap<>();
        Map<MeterKey, Set<YearMonth>> months = new LinkedHashMap<>();
        Map<String, LocalDate> dates = new HashMap<>();
        List<String> buildings =
                territory.buildings().stream().map(b -> b.area().iri()).sorted().toList();
        long rows = 0;
        for (int from = 0; from < buildings.size(); from += BUILDINGS_PER_QUERY) {
            List<String> chunk = buildings.subList(from, Math.min(from + BUILDINGS_PER_QUERY, buildings.size()));
            for (Map<String, Node> row : store.select(rollupParts(chunk)).rows()) {
                rows++;
                LocalDate day = dates.computeIfAbsent(row.get("day").getLiteralLexicalForm(), LocalDate::parse);
                int back = (int) (asOf.toEpochDay() - day.toEpochDay() - 1);
                if (back < 0) {
                    continue; // not a complete day yet
                }
                String building = row.get("b").getURI();
                Fluid fluid = Fluid.ofQuantity(row.get("q").getURI());
                BigDecimal value = decimal(row.get("s"));
                String meter = row.get("meter").getURI();
                for (String point : points.getOrDefault(List.of(row.get("g").getURI(), meter), List.of(meter))) {
                    days.compute(new PointKey(point, building, fluid), (k, v) -> add(v, back, value));
                    months.computeIfAbsent(new MeterKey(meter, point, building, fluid), k -> new HashSet<>())
                            .add(YearMonth.from(day));
                }
            }
        }
        log.info("Aggregation view 'rollups': {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
        return new Rollups(asOf, days, months);
    }

    /** {@code sums} with {@code value} added to day {@code i}, grown as needed. */
    private static BigDecimal[] add(BigDecimal[] sums, int i, BigDecimal value) {
        if (sums == null || sums.length <= i) {
            int length = sums == null ? 0 : sums.length;
            sums = java.util.Arrays.copyOf(sums == null ? new BigDecimal[0] : sums, Math.max(i + 1, 2 * length));
        }
        sums[i] = sums[i] == null ? value : sums[i].add(value);
        return sums;
    }

    /**
     * The delivery points of meters, by graph and meter: the space a meter is in ({@code
     * s4bldg:isContainedIn}, as registration describes it in the graph that holds the meter's
     * rollups), its dwelling for a household, its building's plant room for a building-level meter.
     * Every meter of a point counts for the point: the old and the new one when a meter was
     * replaced, both water meters of a dwelling that has two. A meter described nowhere is a point
     * of its own.
     */
    private Map<List<String>, List<String>> deliveryPoints() {
        String query = PREFIXES + "SELECT ?g ?meter ?space WHERE { GRAPH ?g { ?meter s4bldg:isContainedIn ?space } }";
        Map<List<String>, List<String>> points = new HashMap<>();
        for (Map<String, Node> row : select("delivery points", query)) {
            points.computeIfAbsent(
                            List.of(row.get("g").getURI(), row.get("meter").getURI()), k -> new ArrayList<>())
                    .add(row.get("space").getURI());
        }
        return points;
    }

    /** Daily sums per district, commune and metropolis, sector and fluid, of the active delivery points. */
    private List<Cell> daily(Territory territory, Rollups rollups) {
        record Key(Area area, Sector sector, Fluid fluid, LocalDate day) {}
        Map<Key, BigDecimal[]> sums = new HashMap<>();
        rollups.days().forEach((point, days) -> {
            Sector sector = territory.building(point.building()).sector();
            List<Area> areas = territory.upFrom(point.building()).stream()
                    .filter(a -> DAILY_LEVELS.contains(a.level()))
                    .toList();
            for (int i = 0; i < days.length; i++) {
                if (days[i] == null || days[i].signum() <= 0) {
                    continue; // not active that day
                }
                LocalDate day = rollups.asOf().minusDays(i + 1L);
                for (Area area : areas) {
                    BigDecimal[] acc = sums.computeIfAbsent(new Key(area, sector, point.fluid(), day), k ->
                            new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                    acc[0] = acc[0].add(days[i]);
                    acc[1] = acc[1].add(BigDecimal.ONE);
                    acc[2] = acc[2].max(days[i]);
                }
            }
        });
        List<Cell> cells = new ArrayList<>();
        sums.forEach((k, acc) -> {
            Period period = new Period(k.day(), Step.DAY);
            cells.add(new Cell(
                    Dataset.DAILY_BY_DISTRICT,
                    k.area(),
                    period,
                    null,
                    k.fluid(),
                    k.sector(),
                    inUnit(k.fluid(), acc[0]),
                    acc[1].intValueExact(),
                    inUnit(k.fluid(), acc[2]),
                    null,
                    degreeDays(k.fluid(), period),
                    null));
        });
        cells.sort(java.util.Comparator.comparing((Cell c) -> c.area().iri())
                .thenComparing(Cell::period)
                .thenComparing(Cell::fluid)
                .thenComparing(Cell::sector));
        return cells;
    }

    /** One delivery point's consumption of a fluid in a period, in the rollups' unit. */
    private record PointSum(String point, String building, Fluid fluid, Period period, BigDecimal value) {}

    /** Floor area per delivery point: its dwelling's, or its building's for a building-level meter. */
    private Map<String, BigDecimal> floorAreas(Territory territory) {
        String query = PREFIXES + "SELECT DISTINCT ?space ?area ?building WHERE {\n"
                + "  ?meter s4bldg:isContainedIn ?space .\n"
                + "  OPTIONAL { ?space vc:floorArea ?area }\n"
                + "  OPTIONAL { ?space s4bldg:isSpaceOf ?building }\n"
                + "}";
        Map<String, BigDecimal> areas = new HashMap<>();
        for (Map<String, Node> row : select("floor areas", query)) {
            BigDecimal area = row.get("area") != null ? decimal(row.get("area")) : null;
            if (area == null && row.get("building") != null) {
                Territory.Building b = territory.building(row.get("building").getURI());
                area = b == null ? null : b.floorArea();
            }
            if (area != null) {
                areas.put(row.get("space").getURI(), area);
            }
        }
        return areas;
    }

    /** The cells of a dataset for one period, from delivery points' sums over that period. */
    private List<Cell> cells(
            Dataset dataset,
            Period period,
            List<PointSum> sums,
            Territory territory,
            Map<String, BigDecimal> floorAreas) {
        record Key(Area area, Sector sector, Fluid fluid) {}
        Map<Key, Accumulator> cells =
                new TreeMap<>(java.util.Comparator.comparing((Key k) -> k.area().iri())
                        .thenComparing(k -> k.sector())
                        .thenComparing(k -> k.fluid()));
        for (PointSum s : sums) {
            Territory.Building building = territory.building(s.building());
            if (building == null
                    || !dataset.sectors.contains(building.sector())
                    || s.value().signum() <= 0) {
                continue; // outside the dataset, or not active in the period (D.111-52)
            }
            BigDecimal value = inUnit(s.fluid(), s.value());
            for (Area area : territory.upFrom(s.building())) {
                if (dataset.levels.contains(area.level())) {
                    cells.computeIfAbsent(new Key(area, building.sector(), s.fluid()), k -> new Accumulator())
                            .add(value, floorAreas.get(s.point()));
                }
            }
        }
        List<Cell> out = new ArrayList<>();
        cells.forEach((k, a) -> out.add(new Cell(
                dataset,
                k.area(),
                period,
                null,
                k.fluid(),
                k.sector(),
                a.total,
                a.points,
                a.largest,
                a.floorKnown ? a.floorArea : null,
                degreeDays(k.fluid(), period),
                null)));
        return out;
    }

    private static final class Accumulator {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal largest = BigDecimal.ZERO;
        BigDecimal floorArea = BigDecimal.ZERO;
        boolean floorKnown = true;
        int points;

        void add(BigDecimal value, BigDecimal floor) {
            total = total.add(value);
            largest = largest.max(value);
            points++;
            if (floor == null) {
                floorKnown = false;
            } else {
                floorArea = floorArea.add(floor);
            }
        }
    }

    /**
     * The average day of a month in half hours, per commune: for each local half hour, the
     * residential delivery points' half-hourly consumption summed and divided by the month's days;
     * none unless the load curves cover every day of the month.
     * Its count of delivery points is the most that reported in any one half hour of the month (a
     * lower bound of those active in the month, so the minimum-count rule errs on the safe side),
     * its largest contributor the sum over days of each half hour's largest delivery point (every
     * meter of the point summed: an upper bound).
     */
    private List<Cell> profile(Territory territory, Period month, Rollups rollups) {
        // Residential electricity meters with rollups in the month: their delivery points and communes.
        YearMonth inMonth = YearMonth.from(month.start());
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> meters = new HashMap<>(); // meter → its point and commune
        rollups.months().forEach((m, months) -> {
            if (m.fluid() == Fluid.ELECTRICITY
                    && territory.building(m.building()).sector() == Sector.RESIDENTIAL
                    && months.contains(inMonth)
                    && seen.add(m.meter())) {
                territory.upFrom(m.building()).stream()
                        .filter(a -> a.level() == TerritorialLevel.COMMUNE)
                        .findFirst()
                        .ifPresent(c -> meters.put(m.meter(), List.of(m.point(), c.iri())));
            }
        });
        if (meters.isEmpty()) {
            return List.of();
        }
        ZoneId zone = settings.zone();
        record Key(String commune, LocalTime slot) {}
        Map<Key, BigDecimal[]> slots =
                new TreeMap<>(java.util.Comparator.comparing(Key::commune).thenComparing(Key::slot));
        Set<LocalDate> daysWithCurves = new HashSet<>();
        long started = System.nanoTime();
        long rows = 0;
        // A day of the month a query: its half-hourly intervals, as ingestion names them.
        for (LocalDate day = month.start(); day.isBefore(month.end()); day = day.plusDays(1)) {
            Map<String, Instant> intervals = new LinkedHashMap<>();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            for (Instant i = day.atStartOfDay(zone).toInstant(); i.isBefore(end); i = i.plus(HALF_HOUR)) {
                intervals.put(settings.base() + "id/interval/" + i + "/" + HALF_HOUR, i);
            }
            String query = PREFIXES + "SELECT ?i ?meter ?x WHERE {\n"
                    + "  VALUES ?i { "
                    + intervals.keySet().stream().map(i -> "<" + i + ">").collect(Collectors.joining(" "))
                    + " }\n"
                    + "  ?o sosa:phenomenonTime ?i ; sosa:madeBySensor ?meter ;\n"
                    + "     sosa:observedProperty <" + Fluid.ELECTRICITY.quantityIri()
                    + "> ; sosa:hasSimpleResult ?x .\n"
                    + "}";
            // per commune and half hour, each delivery point's sum (every meter of the point)
            record Point(String commune, Instant start, String point) {}
            Map<Point, BigDecimal> points = new HashMap<>();
            for (Map<String, Node> row : store.select(query).rows()) {
                rows++;
                List<String> meter = meters.get(row.get("meter").getURI());
                if (meter != null) {
                    points.merge(
                            new Point(meter.get(1), intervals.get(row.get("i").getURI()), meter.get(0)),
                            decimal(row.get("x")),
                            BigDecimal::add);
                }
            }
            // per commune and half hour: the sum, the points and the largest point
            Map<List<Object>, BigDecimal[]> halfHours = new HashMap<>();
            points.forEach((p, v) -> {
                BigDecimal[] acc = halfHours.computeIfAbsent(List.of(p.commune(), p.start()), k ->
                        new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, null});
                acc[0] = acc[0].add(v);
                acc[1] = acc[1].add(BigDecimal.ONE);
                acc[2] = acc[2] == null ? v : acc[2].max(v);
            });
            halfHours.forEach((k, acc) -> {
                ZonedDateTime local = ((Instant) k.get(1)).atZone(zone);
                daysWithCurves.add(local.toLocalDate());
                BigDecimal[] slot = slots.computeIfAbsent(new Key((String) k.get(0), local.toLocalTime()), s ->
                        new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                slot[0] = slot[0].add(acc[0]);
                slot[1] = slot[1].max(acc[1]);
                slot[2] = slot[2].add(acc[2]);
            });
        }
        log.info("Aggregation view 'half hours': {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
        if (daysWithCurves.size() < month.start().lengthOfMonth()) {
            // an average day of the month needs every day of it
            log.info(
                    "Load profile of {}: load curves on {} of its {} days only, no profile published",
                    month.label(),
                    daysWithCurves.size(),
                    month.start().lengthOfMonth());
            return List.of();
        }
        BigDecimal days = BigDecimal.valueOf(month.start().lengthOfMonth());
        List<Cell> cells = new ArrayList<>();
        slots.forEach((k, acc) -> cells.add(new Cell(
                Dataset.LOAD_PROFILE_BY_COMMUNE,
                territory.area(k.commune()),
                month,
                k.slot(),
                Fluid.ELECTRICITY,
                Sector.RESIDENTIAL,
                acc[0].divide(days, java.math.MathContext.DECIMAL64),
                acc[1].intValue(),
                acc[2].divide(days, java.math.MathContext.DECIMAL64),
                null,
                null,
                null)));
        return cells;
    }

    private BigDecimal degreeDays(Fluid fluid, Period period) {
        return fluid.heating
                ? settings.degreeDays().between(period.start(), period.end()).orElse(null)
                : null;
    }

    /** Gas rollups are volumes: published as energy (PCS). */
    private BigDecimal inUnit(Fluid fluid, BigDecimal value) {
        return fluid == Fluid.GAS ? value.multiply(settings.gasCalorificValue()) : value;
    }

    private static BigDecimal decimal(Node n) {
        return new BigDecimal(n.getLiteralLexicalForm());
    }
}
