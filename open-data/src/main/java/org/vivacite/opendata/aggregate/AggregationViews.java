package org.vivacite.opendata.aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
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
 * <p>Three queries, each one pass over the rollups or the half-hourly consumption, all aggregated
 * inside the store: daily sums per district, commune and metropolis (the daily dataset, and the
 * daily cells the release-difference check needs); sums per delivery point and calendar month, the
 * month where the latest year starts split at that day (which gives the monthly and the yearly
 * sums, and the load curves' meters); half-hourly sums per commune over the latest complete
 * month. Delivery-point sums stay inside this class: they become cells (area × sector × fluid ×
 * period) before they leave it.
 *
 * <p>A cell's contributors are delivery points, not meters ({@link #DELIVERY_POINT}): a point's
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

        List<Cell> daily = daily(territory, asOf);
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
        List<MonthPart> parts =
                monthParts(year && yearStart.isBefore(firstMonth) ? yearStart : firstMonth, end, yearStart);
        if (months) {
            Map<Period, List<PointSum>> byMonth = new TreeMap<>();
            for (PointSum s : monthly(parts, firstMonth, endMonth)) {
                byMonth.computeIfAbsent(s.period(), k -> new ArrayList<>()).add(s);
            }
            byMonth.forEach((period, inMonth) -> {
                candidates.addAll(cells(Dataset.MONTHLY_BY_COMMUNE, period, inMonth, territory, floorAreas));
                for (Cell c : cells(Dataset.PUBLIC_BUILDINGS_MONTHLY, period, inMonth, territory, floorAreas)) {
                    support.add(c);
                    if (territory.building(c.area().iri()).publishIndividually()) {
                        candidates.add(c);
                    }
                }
            });
        }
        if (year) {
            Period whole = new Period(yearStart, Step.YEAR);
            candidates.addAll(cells(Dataset.ANNUAL_BY_DISTRICT, whole, yearly(parts, whole), territory, floorAreas));
        }
        // The latest complete month of half-hourly load curves.
        if (profileMonth != null) {
            candidates.addAll(profile(territory, profileMonth, parts));
        }
        return new Aggregates(first, end, candidates, support, territory);
    }

    /**
     * The rollups of the published quantities, building by building: the buildings first (a
     * few hundred) and then each one's rollups, which the LMDB store's optimiser keeps in that
     * order; starting from the quantities instead joins every rollup with each of its areas
     * (measured 40 % slower).
     */
    private static final String BY_BUILDING = "  ?b vc:use ?use .\n  ?r vc:inArea ?b ; vc:rollupQuantity ?q .\n"
            + "  FILTER(?q IN ("
            + java.util.Arrays.stream(Fluid.values())
                    .map(f -> "<" + f.quantityIri() + ">")
                    .collect(Collectors.joining(", "))
            + "))\n";

    /**
     * A rollup's delivery point, {@code ?point}: the space its meter is in ({@code
     * s4bldg:isContainedIn}, as registration describes it in the graph that holds the meter's
     * rollups), its dwelling for a household, its building's plant room for a building-level meter.
     * Every meter of a point counts for the point: the old and the new one when a meter was
     * replaced, both water meters of a dwelling that has two. A meter described nowhere is a point
     * of its own.
     */
    private static final String DELIVERY_POINT =
            "  GRAPH ?g { ?r vc:rollupOf ?meter . OPTIONAL { ?meter s4bldg:isContainedIn ?space } }\n"
                    + "  BIND(COALESCE(?space, ?meter) AS ?point)\n";

    private static String date(LocalDate d) {
        return "\"" + d + "\"^^xsd:date";
    }

    /** Daily sums per district, commune and metropolis, sector and fluid, straight from the store. */
    private List<Cell> daily(Territory territory, LocalDate asOf) {
        // Grouped by building in the store, in one pass: first each delivery point's day (every
        // part of every rollup of every meter of the point), then the building's sum, count of
        // active points and largest point; buildings are summed up the hierarchy here.
        String query = PREFIXES
                + "SELECT ?b ?q ?day (SUM(?v) AS ?total) (COUNT(?point) AS ?points) (MAX(?v) AS ?largest) WHERE {\n"
                + "  { SELECT ?b ?q ?day ?point (SUM(?s) AS ?v) WHERE {\n"
                + BY_BUILDING
                + "  ?r vc:day ?day ; vc:rollupPart ?p . ?p vc:valueSum ?s .\n"
                + DELIVERY_POINT
                + "  FILTER(?day < " + date(asOf) + ")\n"
                + "  } GROUP BY ?b ?q ?day ?point HAVING (SUM(?s) > 0) }\n"
                + "} GROUP BY ?b ?q ?day";
        record Key(Area area, Sector sector, Fluid fluid, LocalDate day) {}
        Map<Key, BigDecimal[]> sums = new HashMap<>();
        for (Map<String, Node> row : select("daily", query)) {
            Territory.Building building = territory.building(row.get("b").getURI());
            if (building == null) {
                continue;
            }
            Fluid fluid = Fluid.ofQuantity(row.get("q").getURI());
            LocalDate day = LocalDate.parse(row.get("day").getLiteralLexicalForm());
            for (Area area : territory.upFrom(building.area().iri())) {
                if (DAILY_LEVELS.contains(area.level())) {
                    BigDecimal[] acc = sums.computeIfAbsent(new Key(area, building.sector(), fluid, day), k ->
                            new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                    acc[0] = acc[0].add(decimal(row.get("total")));
                    acc[1] = acc[1].add(decimal(row.get("points")));
                    acc[2] = acc[2].max(decimal(row.get("largest")));
                }
            }
        }
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

    /** One delivery point's consumption of a fluid in a period, in the fluid's published unit. */
    private record PointSum(String point, String building, Fluid fluid, Period period, BigDecimal value) {}

    /**
     * What the store sums per meter of a delivery point: its consumption (in the rollups' unit) in
     * a calendar month, or in the part of it before or from the start of the latest year ({@code
     * inYear}). The parts of a point are summed before they make a contributor.
     */
    private record MonthPart(
            String meter, String point, String building, Fluid fluid, Period month, boolean inYear, BigDecimal value) {}

    /**
     * Per delivery point and meter, its sums over {@code [from, to)} by calendar month, the month
     * that holds {@code yearStart} split in two at that day: one pass over the rollups gives both
     * the monthly and the yearly sums.
     */
    private List<MonthPart> monthParts(LocalDate from, LocalDate to, LocalDate yearStart) {
        String query = PREFIXES
                + "SELECT ?point ?meter ?b ?q ?month ?inYear (SUM(?s) AS ?v) WHERE {\n"
                + BY_BUILDING
                + "  ?r vc:day ?day ; vc:rollupPart ?p . ?p vc:valueSum ?s .\n"
                + DELIVERY_POINT
                + "  FILTER(?day >= " + date(from) + " && ?day < " + date(to) + ")\n"
                + "} GROUP BY ?point ?meter ?b ?q (SUBSTR(STR(?day), 1, 7) AS ?month) (?day >= " + date(yearStart)
                + " AS ?inYear)";
        List<MonthPart> parts = new ArrayList<>();
        for (Map<String, Node> row : select("per delivery point and month", query)) {
            parts.add(new MonthPart(
                    row.get("meter").getURI(),
                    row.get("point").getURI(),
                    row.get("b").getURI(),
                    Fluid.ofQuantity(row.get("q").getURI()),
                    new Period(
                            YearMonth.parse(row.get("month").getLiteralLexicalForm())
                                    .atDay(1),
                            Step.MONTH),
                    Boolean.parseBoolean(row.get("inYear").getLiteralLexicalForm()),
                    decimal(row.get("v"))));
        }
        return parts;
    }

    /** Delivery points' sums over each whole month of {@code [from, to)}, in the fluid's unit. */
    private List<PointSum> monthly(List<MonthPart> parts, LocalDate from, LocalDate to) {
        return merged(
                parts.stream()
                        .filter(p -> !p.month().start().isBefore(from)
                                && p.month().start().isBefore(to)),
                MonthPart::month);
    }

    /** Delivery points' sums over the latest year, in the fluid's unit. */
    private List<PointSum> yearly(List<MonthPart> parts, Period year) {
        return merged(parts.stream().filter(MonthPart::inYear), p -> year);
    }

    /** The parts (every meter of a point) summed per delivery point over the period each one falls in. */
    private List<PointSum> merged(
            java.util.stream.Stream<MonthPart> parts, java.util.function.Function<MonthPart, Period> period) {
        record Key(String point, String building, Fluid fluid, Period period) {}
        Map<Key, BigDecimal> merged = new java.util.LinkedHashMap<>();
        parts.forEach(p ->
                merged.merge(new Key(p.point(), p.building(), p.fluid(), period.apply(p)), p.value(), BigDecimal::add));
        List<PointSum> out = new ArrayList<>(merged.size());
        merged.forEach(
                (k, v) -> out.add(new PointSum(k.point(), k.building(), k.fluid(), k.period(), inUnit(k.fluid(), v))));
        return out;
    }

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
            for (Area area : territory.upFrom(s.building())) {
                if (dataset.levels.contains(area.level())) {
                    cells.computeIfAbsent(new Key(area, building.sector(), s.fluid()), k -> new Accumulator())
                            .add(s.value(), floorAreas.get(s.point()));
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
    private List<Cell> profile(Territory territory, Period month, List<MonthPart> parts) {
        // Residential electricity meters with rollups in the month, their delivery points and communes.
        StringBuilder values = new StringBuilder();
        Set<String> meters = new java.util.HashSet<>();
        for (MonthPart s : parts) {
            Territory.Building building = territory.building(s.building());
            if (s.fluid() == Fluid.ELECTRICITY
                    && s.month().equals(month)
                    && building != null
                    && building.sector() == Sector.RESIDENTIAL
                    && meters.add(s.meter())) {
                territory.upFrom(s.building()).stream()
                        .filter(a -> a.level() == TerritorialLevel.COMMUNE)
                        .findFirst()
                        .ifPresent(c -> values.append("(<")
                                .append(s.meter())
                                .append("> <")
                                .append(s.point())
                                .append("> <")
                                .append(c.iri())
                                .append(">) "));
            }
        }
        if (values.isEmpty()) {
            return List.of();
        }
        ZoneId zone = settings.zone();
        String intervals = settings.base() + "id/interval/";
        String query = PREFIXES
                + "SELECT ?area ?i (SUM(?v) AS ?total) (COUNT(?point) AS ?points) (MAX(?v) AS ?largest) WHERE {\n"
                + "  { SELECT ?area ?i ?point (SUM(?x) AS ?v) WHERE {\n"
                + "  VALUES (?meter ?point ?area) { " + values + "}\n"
                + "  ?o sosa:madeBySensor ?meter ; sosa:phenomenonTime ?i ;\n"
                + "     sosa:observedProperty <" + Fluid.ELECTRICITY.quantityIri() + "> ; sosa:hasSimpleResult ?x .\n"
                + "  FILTER(STRENDS(STR(?i), \"/PT30M\") && STR(?i) >= \"" + intervals + month.startInstant(zone)
                + "\" && STR(?i) < \"" + intervals
                + month.end().atStartOfDay(zone).toInstant() + "\")\n"
                + "  } GROUP BY ?area ?i ?point }\n"
                + "} GROUP BY ?area ?i";
        record Key(String commune, LocalTime slot) {}
        Map<Key, BigDecimal[]> slots =
                new TreeMap<>(java.util.Comparator.comparing(Key::commune).thenComparing(Key::slot));
        java.util.Set<LocalDate> daysWithCurves = new java.util.HashSet<>();
        for (Map<String, Node> row : select("half hours", query)) {
            String interval = row.get("i").getURI().substring(intervals.length());
            Instant start = Instant.parse(interval.substring(0, interval.indexOf('/')));
            ZonedDateTime local = start.atZone(zone);
            if (local.getMinute() % 30 != 0) {
                continue; // not on a half hour: no slot of the day
            }
            daysWithCurves.add(local.toLocalDate());
            BigDecimal[] acc = slots.computeIfAbsent(new Key(row.get("area").getURI(), local.toLocalTime()), k ->
                    new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            acc[0] = acc[0].add(decimal(row.get("total")));
            acc[1] = acc[1].max(decimal(row.get("points")));
            acc[2] = acc[2].add(decimal(row.get("largest")));
        }
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
