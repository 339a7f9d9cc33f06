package org.vivacite.opendata.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Sector;
import org.vivacite.triplestore.QuadStores;

/**
 * Every cell the views compute, checked against the same cells computed here straight from the
 * readings written: a year of seeded random daily consumption (zeros among it: inactive days) of
 * three residential buildings, an office, a public building published individually and one that
 * is not, in two communes; a replaced meter, a dwelling with two electricity meters, gas and water
 * meters beside the dwellings' electricity, some days arriving in two readings (rollups of two
 * parts); and a month of half-hourly load curves. Each cell's sum, count of active delivery points,
 * largest delivery point and floor area must be the ones computed here, and no cell may be missing
 * or extra. The water meters also report a leak alarm every day ({@code vc:waterMeterLeakAlarm},
 * a meter's own status, which is no consumption): no cell may count it.
 */
class CellsFromReadingsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 10);
    static final LocalDate FIRST = AS_OF.minusYears(1).minusDays(3);
    static final LocalDate FEBRUARY = LocalDate.of(2026, 2, 1);
    static final BigDecimal GAS_KWH = new BigDecimal("11.2");

    @TempDir
    static Path dir;

    static TestCity city;

    /** A meter as the test knows it: its building, its delivery point, its fluid. */
    record Meter(Node node, Node building, String point, Fluid fluid, BigDecimal floorArea) {}

    record Reading(Meter meter, LocalDate day, BigDecimal value) {}

    record HalfHour(Meter meter, Instant start, BigDecimal value) {}

    static final List<Reading> readings = new ArrayList<>();
    static final List<HalfHour> halfHours = new ArrayList<>();
    static final Map<Node, List<Node>> up = new HashMap<>();
    static final Map<Node, Sector> sectors = new HashMap<>();
    static final List<Meter> meters = new ArrayList<>();
    static AggregationViews.Aggregates computed;

    @BeforeAll
    static void city() {
        city = new TestCity(QuadStores.open("lmdb", "private", dir.resolve("store")), dir.resolve("journal"));
        Node metropolis = city.area("id/metropolis/200040715", "Metropolis", "200040715", "SirenCode", null);
        Node north = city.area("id/commune/38185", "Commune", "38185", "InseeCommuneCode", metropolis);
        Node south = city.area("id/commune/38421", "Commune", "38421", "InseeCommuneCode", metropolis);
        Node[] districts = {
            city.area("id/district/381850101", "District", "381850101", "IrisCode", north),
            city.area("id/district/381850102", "District", "381850102", "IrisCode", north),
            city.area("id/district/384210101", "District", "384210101", "IrisCode", south)
        };
        Node[] streets = new Node[3];
        for (int i = 0; i < 3; i++) {
            streets[i] = city.area("id/street/S" + i, "Street", "3818" + i + "_0001", "BanStreetCode", districts[i]);
            up.put(streets[i], List.of(streets[i], districts[i], i < 2 ? north : south, metropolis));
        }
        Node[] homes = new Node[3];
        for (int i = 0; i < 3; i++) {
            homes[i] = building("HOMES" + i + "XXXXXX", streets[i], Sector.RESIDENTIAL, false, "900");
        }
        Node office = building("OFFICEXXXXXX", streets[0], Sector.TERTIARY, false, "800");
        Node hall = building("HALLXXXXXXXX", streets[1], Sector.PUBLIC, true, "1000");
        Node school = building("SCHOOLXXXXXX", streets[2], Sector.PUBLIC, false, "1500");
        city.writeTerritory();

        Random random = new Random(20261207);
        List<Meter> replaced = new ArrayList<>();
        for (int b = 0; b < homes.length; b++) {
            for (int f = 0; f < 4; f++) {
                String id = "h" + b + "f" + f;
                String area = Integer.toString(40 + 10 * f);
                Meter electricity = meter(id, homes[b], area, Fluid.ELECTRICITY);
                if (f == 0) { // replaced on a day of the year, the new meter in the same dwelling
                    replaced.add(electricity);
                    replaced.add(beside(id + "-new", electricity, Fluid.ELECTRICITY));
                }
                if (f == 1) {
                    beside(id + "-second", electricity, Fluid.ELECTRICITY);
                }
                if (f == 2) {
                    beside(id + "-gas", electricity, Fluid.GAS);
                }
                if (f == 3) {
                    beside(id + "-kitchen", electricity, Fluid.WATER);
                    beside(id + "-bathroom", electricity, Fluid.WATER);
                }
            }
        }
        meter("office", office, null, Fluid.ELECTRICITY);
        meter("hall", hall, null, Fluid.ELECTRICITY);
        meter("school", school, null, Fluid.ELECTRICITY);

        LocalDate replacement = LocalDate.of(2025, 9, 15);
        List<Reading> later = new ArrayList<>();
        for (LocalDate day = FIRST; day.isBefore(AS_OF); day = day.plusDays(1)) {
            for (Meter m : meters) {
                int r = replaced.indexOf(m);
                if (r >= 0 && (r % 2 == 0) != day.isBefore(replacement)) {
                    continue;
                }
                BigDecimal value = random.nextInt(10) == 0
                        ? BigDecimal.ZERO
                        : BigDecimal.valueOf(random.nextInt(50_000), 1 + random.nextInt(3));
                readings.add(new Reading(m, day, value));
                if (random.nextInt(40) == 0) { // the rest of the day arrives later: a second part
                    BigDecimal rest = BigDecimal.valueOf(random.nextInt(900), 2);
                    readings.add(new Reading(m, day, rest));
                    later.add(new Reading(m, day, rest));
                }
                city.daily(m.node(), quantity(m.fluid()), day, value.toPlainString());
                if (m.fluid() == Fluid.WATER) {
                    city.sample(
                            m.node(),
                            "waterMeterLeakAlarm",
                            day.atStartOfDay(TestCity.ZONE).toInstant(),
                            "528");
                }
            }
        }
        for (LocalDate day = FEBRUARY; day.isBefore(FEBRUARY.plusMonths(1)); day = day.plusDays(1)) {
            Instant end = day.plusDays(1).atStartOfDay(TestCity.ZONE).toInstant();
            for (Instant start = day.atStartOfDay(TestCity.ZONE).toInstant();
                    start.isBefore(end);
                    start = start.plusSeconds(1800)) {
                for (Meter m : meters) {
                    // every electricity meter but the second building's and those replaced in September
                    if (m.fluid() == Fluid.ELECTRICITY
                            && !m.node().getURI().contains("h1")
                            && replaced.indexOf(m) % 2 != 0) {
                        BigDecimal value = BigDecimal.valueOf(random.nextInt(3000), 3);
                        halfHours.add(new HalfHour(m, start, value));
                        city.consumption(
                                m.node(), quantity(m.fluid()), start, Duration.ofMinutes(30), value.toPlainString());
                    }
                }
            }
        }
        city.flush();
        for (Reading r : later) {
            city.daily(
                    r.meter().node(),
                    quantity(r.meter().fluid()),
                    r.day(),
                    r.value().toPlainString(),
                    "/rest");
        }
        city.flush();
        computed = new AggregationViews(
                        city.store,
                        new AggregationViews.Settings(
                                TestCity.BASE, TestCity.ZONE, GAS_KWH, day -> Optional.of(BigDecimal.ONE)))
                .compute(AS_OF);
    }

    @AfterAll
    static void close() {
        city.close();
        city.store.close();
    }

    private static Node building(String rnb, Node street, Sector sector, boolean individual, String floorArea) {
        Node b = city.building(rnb, street, sector.name().toLowerCase(java.util.Locale.ROOT), individual, floorArea);
        List<Node> chain = new ArrayList<>(List.of(b));
        chain.addAll(up.get(street));
        up.put(b, chain);
        sectors.put(b, sector);
        return b;
    }

    private static Meter meter(String id, Node building, String dwellingArea, Fluid fluid) {
        Node node = city.meter(id, building, dwellingArea);
        String space = TestCity.BASE + (dwellingArea == null ? "space/" : "dwelling/") + id;
        BigDecimal floor = dwellingArea == null
                ? new BigDecimal(Map.of("office", "800", "hall", "1000", "school", "1500")
                        .get(id))
                : new BigDecimal(dwellingArea);
        Meter m = new Meter(node, building, space, fluid, floor);
        meters.add(m);
        return m;
    }

    private static Meter beside(String id, Meter sameSpaceAs, Fluid fluid) {
        Meter m = new Meter(
                city.meterBeside(id, sameSpaceAs.node()),
                sameSpaceAs.building(),
                sameSpaceAs.point(),
                fluid,
                sameSpaceAs.floorArea());
        meters.add(m);
        return m;
    }

    private static String quantity(Fluid fluid) {
        return fluid.quantityIri().substring(fluid.quantityIri().lastIndexOf('#') + 1);
    }

    /** What a cell must hold. */
    record Expected(BigDecimal total, int points, BigDecimal largest, BigDecimal floorArea) {}

    /** Delivery points' sums over a period, per point (point, building, fluid). */
    private static Map<List<Object>, BigDecimal> pointSums(LocalDate from, LocalDate to) {
        Map<List<Object>, BigDecimal> sums = new HashMap<>();
        for (Reading r : readings) {
            if (!r.day().isBefore(from) && r.day().isBefore(to)) {
                sums.merge(
                        List.of(
                                r.meter().point(),
                                r.meter().building(),
                                r.meter().fluid()),
                        r.value(),
                        BigDecimal::add);
            }
        }
        return sums;
    }

    /** The cells of a dataset over a period, from the points' sums, at the dataset's levels. */
    private static void cells(
            Map<Cell.Key, Expected> out, Dataset dataset, Period period, Set<TerritorialLevel> levels) {
        Map<Node, BigDecimal> floors = new HashMap<>();
        meters.forEach(m -> floors.put(TestCity.iri(m.point()), m.floorArea()));
        Map<Cell.Key, List<BigDecimal[]>> points = new HashMap<>();
        pointSums(period.start(), period.end()).forEach((k, sum) -> {
            Node building = (Node) k.get(1);
            Fluid fluid = (Fluid) k.get(2);
            Sector sector = sectors.get(building);
            if (sum.signum() <= 0 || !dataset.sectors.contains(sector)) {
                return;
            }
            BigDecimal value = fluid == Fluid.GAS ? sum.multiply(GAS_KWH) : sum;
            for (int level = 0; level < up.get(building).size(); level++) {
                if (levels.contains(LEVELS.get(level))) {
                    Cell.Key key =
                            new Cell.Key(dataset, up.get(building).get(level).getURI(), period, null, fluid, sector);
                    points.computeIfAbsent(key, x -> new ArrayList<>()).add(new BigDecimal[] {
                        value, floors.get(TestCity.iri((String) k.get(0)))
                    });
                }
            }
        });
        points.forEach((key, values) -> out.put(
                key,
                new Expected(
                        values.stream().map(v -> v[0]).reduce(BigDecimal.ZERO, BigDecimal::add),
                        values.size(),
                        values.stream()
                                .map(v -> v[0])
                                .max(BigDecimal::compareTo)
                                .orElseThrow(),
                        values.stream().map(v -> v[1]).reduce(BigDecimal.ZERO, BigDecimal::add))));
    }

    static final List<TerritorialLevel> LEVELS = List.of(
            TerritorialLevel.BUILDING,
            TerritorialLevel.STREET,
            TerritorialLevel.DISTRICT,
            TerritorialLevel.COMMUNE,
            TerritorialLevel.METROPOLIS);

    @Test
    void everyCellHoldsTheSumsComputedFromTheReadings() {
        Map<Cell.Key, Expected> expected = new HashMap<>();
        LocalDate first = null, end = null;
        for (LocalDate day = FIRST; day.isBefore(AS_OF); day = day.plusDays(1)) {
            Map<Cell.Key, Expected> daily = new HashMap<>();
            cells(
                    daily,
                    Dataset.DAILY_BY_DISTRICT,
                    new Period(day, Period.Step.DAY),
                    Set.of(TerritorialLevel.DISTRICT, TerritorialLevel.COMMUNE, TerritorialLevel.METROPOLIS));
            daily.replaceAll((k, e) -> new Expected(e.total(), e.points(), e.largest(), null));
            if (!daily.isEmpty()) {
                first = first == null ? day : first;
                end = day.plusDays(1);
            }
            expected.putAll(daily);
        }
        assertThat(first).isEqualTo(FIRST);
        assertThat(end).isEqualTo(AS_OF);
        // complete months from the first day, the latest year of complete days
        for (LocalDate m = FIRST.withDayOfMonth(1).plusMonths(1);
                m.isBefore(AS_OF.withDayOfMonth(1));
                m = m.plusMonths(1)) {
            Period month = new Period(m, Period.Step.MONTH);
            cells(expected, Dataset.MONTHLY_BY_COMMUNE, month, Dataset.MONTHLY_BY_COMMUNE.levels);
            cells(expected, Dataset.PUBLIC_BUILDINGS_MONTHLY, month, Dataset.PUBLIC_BUILDINGS_MONTHLY.levels);
        }
        cells(
                expected,
                Dataset.ANNUAL_BY_DISTRICT,
                new Period(AS_OF.minusYears(1), Period.Step.YEAR),
                Dataset.ANNUAL_BY_DISTRICT.levels);
        profile(expected);

        Map<Cell.Key, Cell> cells = new HashMap<>();
        for (Cell c : computed.candidates()) {
            assertThat(cells.put(c.key(), c))
                    .as("a candidate listed twice: %s", c.key())
                    .isNull();
        }
        for (Cell c : computed.support()) {
            Cell candidate = cells.putIfAbsent(c.key(), c);
            assertThat(candidate == null || candidate.equals(c))
                    .as("support differs from its candidate: %s", c)
                    .isTrue();
        }
        assertThat(cells.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(expected).hasSizeGreaterThan(4000);
        cells.forEach((key, c) -> {
            Expected e = expected.get(key);
            assertThat(c.total()).as("total of %s", key).isEqualByComparingTo(e.total());
            assertThat(c.deliveryPoints()).as("points of %s", key).isEqualTo(e.points());
            assertThat(c.largest()).as("largest of %s", key).isEqualByComparingTo(e.largest());
            if (e.floorArea() == null) {
                assertThat(c.floorArea()).as("floor area of %s", key).isNull();
            } else {
                assertThat(c.floorArea()).as("floor area of %s", key).isEqualByComparingTo(e.floorArea());
            }
        });
    }

    /**
     * February's average day per commune and local half hour: each half hour's points summed
     * over the days, divided by the days; its count the most points of any day at that half hour,
     * its largest the days' largest points summed, divided by the days.
     */
    private static void profile(Map<Cell.Key, Expected> out) {
        Period february = new Period(FEBRUARY, Period.Step.MONTH);
        Map<List<Object>, BigDecimal> points = new HashMap<>(); // commune, start, point
        for (HalfHour h : halfHours) {
            if (sectors.get(h.meter().building()) == Sector.RESIDENTIAL) {
                Node commune = up.get(h.meter().building()).get(3);
                points.merge(List.of(commune.getURI(), h.start(), h.meter().point()), h.value(), BigDecimal::add);
            }
        }
        Map<List<Object>, List<BigDecimal>> byHalfHour = new HashMap<>(); // commune, start
        points.forEach((k, v) -> byHalfHour
                .computeIfAbsent(List.of(k.get(0), k.get(1)), x -> new ArrayList<>())
                .add(v));
        Map<Cell.Key, BigDecimal[]> slots = new TreeMap<>(java.util.Comparator.comparing(Cell.Key::toString));
        byHalfHour.forEach((k, values) -> {
            LocalTime slot = ((Instant) k.get(1)).atZone(TestCity.ZONE).toLocalTime();
            BigDecimal[] acc = slots.computeIfAbsent(
                    new Cell.Key(
                            Dataset.LOAD_PROFILE_BY_COMMUNE,
                            (String) k.get(0),
                            february,
                            slot,
                            Fluid.ELECTRICITY,
                            Sector.RESIDENTIAL),
                    x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            acc[0] = acc[0].add(values.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            acc[1] = acc[1].max(BigDecimal.valueOf(values.size()));
            acc[2] = acc[2].add(values.stream().max(BigDecimal::compareTo).orElseThrow());
        });
        BigDecimal days = BigDecimal.valueOf(FEBRUARY.lengthOfMonth());
        slots.forEach((key, acc) -> out.put(
                key,
                new Expected(
                        acc[0].divide(days, MathContext.DECIMAL64),
                        acc[1].intValue(),
                        acc[2].divide(days, MathContext.DECIMAL64),
                        null)));
    }
}
