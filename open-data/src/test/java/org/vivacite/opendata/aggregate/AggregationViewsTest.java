package org.vivacite.opendata.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vivacite.opendata.aggregate.TestCity.d;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
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

class AggregationViewsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 10);
    static final LocalDate FIRST = AS_OF.minusYears(1).minusDays(3);

    @TempDir
    static Path dir;

    static TestCity city;
    static Node metropolis, commune, district1, district2, street1, street2, homes, office, townHall, library;
    static Node[] flats = new Node[3];
    static Node idle, officeMeter, townHallMeter, libraryMeter, gasMeter;
    static AggregationViews.Aggregates computed;

    /** One city for every test: they only read it. */
    @BeforeAll
    static void city() {
        city = new TestCity(QuadStores.open("lmdb", "private", dir.resolve("store")), dir.resolve("journal"));
        metropolis = city.area("id/metropolis/200040715", "Metropolis", "200040715", "SirenCode", null);
        commune = city.area("id/commune/38185", "Commune", "38185", "InseeCommuneCode", metropolis);
        district1 = city.area("id/district/381850101", "District", "381850101", "IrisCode", commune);
        district2 = city.area("id/district/381850102", "District", "381850102", "IrisCode", commune);
        street1 = city.area("id/street/38185_0001", "Street", "38185_0001", "BanStreetCode", district1);
        street2 = city.area("id/street/38185_0002", "Street", "38185_0002", "BanStreetCode", district2);
        homes = city.building("AAAABBBBCCCC", street1, "residential", false, "300");
        office = city.building("DDDDEEEEFFFF", street1, "tertiary", false, "800");
        townHall = city.building("GGGGHHHHJJJJ", street2, "public", true, "1000");
        library = city.building("KKKKMMMMNNNN", street2, "public", false, "500");
        city.writeTerritory();
        for (int i = 0; i < flats.length; i++) {
            flats[i] = city.meter("flat" + i, homes, "50");
        }
        idle = city.meter("idle", homes, "40");
        gasMeter = city.meter("gas", homes, null);
        officeMeter = city.meter("office", office, null);
        townHallMeter = city.meter("townhall", townHall, null);
        libraryMeter = city.meter("library", library, null);
        for (LocalDate day = FIRST; day.isBefore(AS_OF); day = day.plusDays(1)) {
            for (int i = 0; i < flats.length; i++) {
                city.daily(flats[i], "electricityEnergyConsumed", day, Integer.toString(i + 1));
            }
            city.daily(idle, "electricityEnergyConsumed", day, "0");
            city.daily(gasMeter, "gasVolumeConsumed", day, "2");
            city.daily(officeMeter, "electricityEnergyConsumed", day, "10");
            city.daily(townHallMeter, "electricityEnergyConsumed", day, "20");
            city.daily(libraryMeter, "electricityEnergyConsumed", day, "5");
        }
        // half-hourly consumption of February 2026, the latest complete month: 1.5 kWh from 19:00
        LocalDate february = LocalDate.of(2026, 2, 1);
        for (LocalDate day = february; day.isBefore(february.plusMonths(1)); day = day.plusDays(1)) {
            for (int slot = 0; slot < 48; slot++) {
                var start =
                        day.atStartOfDay(TestCity.ZONE).plusMinutes(30L * slot).toInstant();
                for (Node flat : flats) {
                    city.consumption(
                            flat,
                            "electricityEnergyConsumed",
                            start,
                            Duration.ofMinutes(30),
                            slot == 38 ? "1.5" : "0.1");
                }
            }
        }
        city.flush();
        computed = compute();
    }

    @AfterAll
    static void close() {
        city.close();
        city.store.close();
    }

    private static AggregationViews.Aggregates compute() {
        return new AggregationViews(
                        city.store,
                        new AggregationViews.Settings(
                                TestCity.BASE,
                                TestCity.ZONE,
                                new BigDecimal("11.2"),
                                day -> Optional.of(BigDecimal.ONE)))
                .compute(AS_OF);
    }

    private static Cell only(List<Cell> cells, Dataset dataset, Node area, Period period, Fluid fluid, Sector sector) {
        List<Cell> found = cells.stream()
                .filter(c -> c.dataset() == dataset
                        && c.area().iri().equals(area.getURI())
                        && c.period().equals(period)
                        && c.fluid() == fluid
                        && c.sector() == sector)
                .toList();
        assertThat(found)
                .as("%s %s %s %s %s", dataset, area, period, fluid, sector)
                .hasSize(1);
        return found.get(0);
    }

    @Test
    void dailyDistrictCellsSumTheActiveDeliveryPointsOfTheDay() {
        AggregationViews.Aggregates a = computed;
        Period day = new Period(AS_OF.minusDays(5), Period.Step.DAY);
        Cell c = only(a.candidates(), Dataset.DAILY_BY_DISTRICT, district1, day, Fluid.ELECTRICITY, Sector.RESIDENTIAL);
        assertThat(c.total()).isEqualByComparingTo("6"); // 1 + 2 + 3, the idle meter adds nothing
        assertThat(c.deliveryPoints()).isEqualTo(3); // the idle meter is not active
        assertThat(c.largest()).isEqualByComparingTo("3");
        assertThat(c.area().level()).isEqualTo(TerritorialLevel.DISTRICT);
        assertThat(c.degreeDays()).isNull(); // electricity is not a heating fluid
        assertThat(a.coverageStart()).isEqualTo(FIRST);
        assertThat(a.coverageEnd()).isEqualTo(AS_OF);
        // the commune's daily cells are support for the checks, not published
        Cell communeDay = only(a.support(), Dataset.DAILY_BY_DISTRICT, commune, day, Fluid.ELECTRICITY, Sector.PUBLIC);
        assertThat(communeDay.total()).isEqualByComparingTo("25");
        assertThat(communeDay.deliveryPoints()).isEqualTo(2);
        assertThat(a.candidates()).noneMatch(x -> x.period().start().isAfter(AS_OF.minusDays(1)));
    }

    @Test
    void gasIsPublishedInKilowattHoursWithItsDegreeDays() {
        AggregationViews.Aggregates a = computed;
        Period day = new Period(AS_OF.minusDays(5), Period.Step.DAY);
        Cell c = only(a.candidates(), Dataset.DAILY_BY_DISTRICT, district1, day, Fluid.GAS, Sector.RESIDENTIAL);
        assertThat(c.total()).isEqualByComparingTo("22.4"); // 2 m³ × 11.2 kWh/m³
        assertThat(c.degreeDays()).isEqualByComparingTo("1");
        assertThat(c.perDegreeDay()).isEqualByComparingTo("22.4");
    }

    @Test
    void monthlyCommuneCellsCoverCompleteMonthsOnly() {
        AggregationViews.Aggregates a = computed;
        Period february = new Period(LocalDate.of(2026, 2, 1), Period.Step.MONTH);
        Cell c = only(
                a.candidates(), Dataset.MONTHLY_BY_COMMUNE, commune, february, Fluid.ELECTRICITY, Sector.RESIDENTIAL);
        assertThat(c.total()).isEqualByComparingTo(Integer.toString(6 * 28));
        assertThat(c.deliveryPoints()).isEqualTo(3);
        assertThat(c.largest()).isEqualByComparingTo(Integer.toString(3 * 28));
        assertThat(c.floorArea()).isEqualByComparingTo("150"); // three flats of 50 m², the idle one not active
        Cell metro = only(
                a.candidates(), Dataset.MONTHLY_BY_COMMUNE, metropolis, february, Fluid.ELECTRICITY, Sector.TERTIARY);
        assertThat(metro.total()).isEqualByComparingTo(Integer.toString(10 * 28));
        assertThat(metro.floorArea()).isEqualByComparingTo("800"); // a plant-room meter counts its building
        // March 2026 is not over on the 10th; March 2025 began before the data
        assertThat(a.candidates())
                .filteredOn(x -> x.dataset() == Dataset.MONTHLY_BY_COMMUNE)
                .extracting(x -> x.period().start())
                .doesNotContain(LocalDate.of(2026, 3, 1), LocalDate.of(2025, 3, 1))
                .contains(LocalDate.of(2025, 4, 1));
    }

    @Test
    void theAnnualDatasetIsTheLatestYearOfCompleteDays() {
        AggregationViews.Aggregates a = computed;
        Period year = new Period(AS_OF.minusYears(1), Period.Step.YEAR);
        long days = AS_OF.toEpochDay() - AS_OF.minusYears(1).toEpochDay();
        Cell c = only(
                a.candidates(), Dataset.ANNUAL_BY_DISTRICT, district1, year, Fluid.ELECTRICITY, Sector.RESIDENTIAL);
        assertThat(c.total()).isEqualByComparingTo(Long.toString(6 * days));
        assertThat(c.deliveryPoints()).isEqualTo(3);
        assertThat(c.meanPerDeliveryPoint()).isEqualByComparingTo(Long.toString(2 * days));
        assertThat(c.perFloorArea())
                .isEqualByComparingTo(BigDecimal.valueOf(6 * days).divide(d("150"), java.math.MathContext.DECIMAL64));
        only(a.candidates(), Dataset.ANNUAL_BY_DISTRICT, commune, year, Fluid.ELECTRICITY, Sector.PUBLIC);
        only(a.candidates(), Dataset.ANNUAL_BY_DISTRICT, metropolis, year, Fluid.ELECTRICITY, Sector.PUBLIC);
        assertThat(a.candidates())
                .filteredOn(x -> x.dataset() == Dataset.ANNUAL_BY_DISTRICT)
                .allMatch(x ->
                        x.area().level() != TerritorialLevel.STREET && x.area().level() != TerritorialLevel.BUILDING);
    }

    @Test
    void onlyPublicBuildingsFlaggedIndividuallyAreCandidatesTheOthersAreSupport() {
        AggregationViews.Aggregates a = computed;
        Period february = new Period(LocalDate.of(2026, 2, 1), Period.Step.MONTH);
        Cell hall = only(
                a.candidates(), Dataset.PUBLIC_BUILDINGS_MONTHLY, townHall, february, Fluid.ELECTRICITY, Sector.PUBLIC);
        assertThat(hall.total()).isEqualByComparingTo(Integer.toString(20 * 28));
        assertThat(hall.perFloorArea())
                .isEqualByComparingTo(BigDecimal.valueOf(20 * 28).divide(d("1000")));
        assertThat(a.candidates()).noneMatch(x -> x.area().iri().equals(library.getURI()));
        only(a.support(), Dataset.PUBLIC_BUILDINGS_MONTHLY, library, february, Fluid.ELECTRICITY, Sector.PUBLIC);
    }

    @Test
    void theLoadProfileAveragesEachLocalHalfHourOverTheLatestCompleteMonth() {
        LocalDate february = LocalDate.of(2026, 2, 1);
        for (LocalDate day = february; day.isBefore(february.plusMonths(1)); day = day.plusDays(1)) {
            for (int slot = 0; slot < 48; slot++) {
                var start =
                        day.atStartOfDay(TestCity.ZONE).plusMinutes(30L * slot).toInstant();
                for (int i = 0; i < flats.length; i++) {
                    city.consumption(
                            flats[i],
                            "electricityEnergyConsumed",
                            start,
                            Duration.ofMinutes(30),
                            slot == 38 ? "1.5" : "0.1");
                }
            }
        }
        city.flush();
        AggregationViews.Aggregates a = computed;
        List<Cell> profile = a.candidates().stream()
                .filter(c -> c.dataset() == Dataset.LOAD_PROFILE_BY_COMMUNE)
                .toList();
        assertThat(profile).hasSize(48).allMatch(c -> c.area().iri().equals(commune.getURI()));
        Cell evening = profile.stream()
                .filter(c -> c.slot().equals(LocalTime.of(19, 0)))
                .findFirst()
                .orElseThrow();
        assertThat(evening.total()).isEqualByComparingTo("4.5"); // three points, 1.5 kWh each on an average day
        assertThat(evening.deliveryPoints()).isEqualTo(3);
        assertThat(evening.meanPerDeliveryPoint()).isEqualByComparingTo("1.5");
        // the half-hourly data are not rolled up: the daily cells still hold the daily values only
        Cell day = only(
                a.candidates(),
                Dataset.DAILY_BY_DISTRICT,
                district1,
                new Period(february.plusDays(3), Period.Step.DAY),
                Fluid.ELECTRICITY,
                Sector.RESIDENTIAL);
        assertThat(day.total()).isEqualByComparingTo("6");
    }
}
