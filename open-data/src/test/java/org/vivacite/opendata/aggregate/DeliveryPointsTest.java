package org.vivacite.opendata.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Sector;
import org.vivacite.triplestore.QuadStores;

/**
 * The views count delivery points, not meters: a dwelling whose meter was replaced during the
 * period, or that has two meters of the same fluid, is one contributor, and its consumption is
 * the sum of its meters'. The largest contributor is the largest delivery point's sum over the
 * period, whether the rollups hold their days in one part or in several.
 *
 * <p>One building: nine flats (1 kWh a day, and flat 0 has a water meter too, 0.1 m³); a heated
 * dwelling (30 kWh a day) whose meter is replaced on {@link #REPLACED}; a dwelling with two
 * electricity meters (2 kWh a day each, and half-hourly load curves in February 2026 like the
 * flats); a dwelling with two water meters (0.2 and 0.3 m³ a day). On {@link #SPLIT_DAY} the
 * heated dwelling's day arrives in three readings, written apart: its rollup has three parts.
 */
class DeliveryPointsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 10);
    static final LocalDate FIRST = AS_OF.minusYears(1).minusDays(3);
    static final LocalDate REPLACED = LocalDate.of(2025, 9, 15);
    static final LocalDate SPLIT_DAY = AS_OF.minusDays(5);
    static final LocalDate FEBRUARY = LocalDate.of(2026, 2, 1);
    static final String ELECTRICITY = "electricityEnergyConsumed";
    static final String WATER = "waterVolumeConsumed";

    @TempDir
    static Path dir;

    static TestCity city;
    static Node commune, district;
    static long splitDayParts;
    /** The cells computed while the split day's rollup had three parts, and once consolidated. */
    static AggregationViews.Aggregates split, consolidated;

    @BeforeAll
    static void city() {
        city = new TestCity(QuadStores.open("lmdb", "private", dir.resolve("store")), dir.resolve("journal"));
        Node metropolis = city.area("id/metropolis/200040715", "Metropolis", "200040715", "SirenCode", null);
        commune = city.area("id/commune/38185", "Commune", "38185", "InseeCommuneCode", metropolis);
        district = city.area("id/district/381850101", "District", "381850101", "IrisCode", commune);
        Node street = city.area("id/street/38185_0001", "Street", "38185_0001", "BanStreetCode", district);
        Node homes = city.building("AAAABBBBCCCC", street, "residential", false, "2000");
        city.writeTerritory();
        Node[] flats = new Node[9];
        for (int i = 0; i < flats.length; i++) {
            flats[i] = city.meter("flat" + i, homes, "50");
        }
        Node flatWater = city.meterBeside("flat0-water", flats[0]);
        Node heatedOld = city.meter("heated-old", homes, "100");
        Node heatedNew = city.meterBeside("heated-new", heatedOld);
        Node duoA = city.meter("duo-a", homes, "80");
        Node duoB = city.meterBeside("duo-b", duoA);
        Node kitchen = city.meter("twin-kitchen", homes, "70");
        Node bathroom = city.meterBeside("twin-bathroom", kitchen);
        for (LocalDate day = FIRST; day.isBefore(AS_OF); day = day.plusDays(1)) {
            for (Node flat : flats) {
                city.daily(flat, ELECTRICITY, day, "1");
            }
            city.daily(flatWater, WATER, day, "0.1");
            city.daily(
                    day.isBefore(REPLACED) ? heatedOld : heatedNew,
                    ELECTRICITY,
                    day,
                    day.equals(SPLIT_DAY) ? "10" : "30");
            city.daily(duoA, ELECTRICITY, day, "2");
            city.daily(duoB, ELECTRICITY, day, "2");
            city.daily(kitchen, WATER, day, "0.2");
            city.daily(bathroom, WATER, day, "0.3");
        }
        for (LocalDate day = FEBRUARY; day.isBefore(FEBRUARY.plusMonths(1)); day = day.plusDays(1)) {
            for (int slot = 0; slot < 48; slot++) {
                var start =
                        day.atStartOfDay(TestCity.ZONE).plusMinutes(30L * slot).toInstant();
                for (Node flat : flats) {
                    city.consumption(flat, ELECTRICITY, start, Duration.ofMinutes(30), "0.1");
                }
                city.consumption(duoA, ELECTRICITY, start, Duration.ofMinutes(30), "0.2");
                city.consumption(duoB, ELECTRICITY, start, Duration.ofMinutes(30), "0.2");
            }
        }
        city.flush();
        // the rest of the split day arrives after its rollup was written: two more parts
        city.daily(heatedNew, ELECTRICITY, SPLIT_DAY, "10", "/second");
        city.flush();
        city.daily(heatedNew, ELECTRICITY, SPLIT_DAY, "10", "/third");
        city.flush();
        splitDayParts = parts(heatedNew, SPLIT_DAY);
        split = compute();
        city.consolidate();
        consolidated = compute();
    }

    @AfterAll
    static void close() {
        city.close();
        city.store.close();
    }

    private static long parts(Node meter, LocalDate day) {
        String query = "PREFIX vc: <" + Namespaces.VC + ">\nSELECT (COUNT(?p) AS ?n) WHERE { ?r vc:rollupOf <"
                + meter.getURI() + "> ; vc:day \"" + day + "\"^^<http://www.w3.org/2001/XMLSchema#date> ;"
                + " vc:rollupPart ?p }";
        return Long.parseLong(city.store.select(query).rows().get(0).get("n").getLiteralLexicalForm());
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

    private static Cell only(Dataset dataset, Node area, Period period, Fluid fluid) {
        List<Cell> found = split.candidates().stream()
                .filter(c -> c.dataset() == dataset
                        && c.area().iri().equals(area.getURI())
                        && c.period().equals(period)
                        && c.slot() == null
                        && c.fluid() == fluid
                        && c.sector() == Sector.RESIDENTIAL)
                .toList();
        assertThat(found).as("%s %s %s %s", dataset, area, period, fluid).hasSize(1);
        return found.get(0);
    }

    @Test
    void aHouseholdWhoseMeterWasReplacedIsOneContributorWithBothMetersSum() {
        Period year = new Period(AS_OF.minusYears(1), Period.Step.YEAR);
        long days = year.end().toEpochDay() - year.start().toEpochDay();
        Cell annual = only(Dataset.ANNUAL_BY_DISTRICT, district, year, Fluid.ELECTRICITY);
        assertThat(annual.deliveryPoints()).isEqualTo(11); // 9 flats, the heated dwelling, the two-meter one
        assertThat(annual.largest()).isEqualByComparingTo(Long.toString(30 * days)); // old meter + new meter
        assertThat(annual.total()).isEqualByComparingTo(Long.toString(43 * days));
        assertThat(annual.floorArea()).isEqualByComparingTo("630"); // 9 × 50 + 100 + 80: each dwelling once
        // the month of the replacement: half of it on each meter
        Period september = new Period(REPLACED.withDayOfMonth(1), Period.Step.MONTH);
        Cell month = only(Dataset.MONTHLY_BY_COMMUNE, commune, september, Fluid.ELECTRICITY);
        assertThat(month.deliveryPoints()).isEqualTo(11);
        assertThat(month.largest()).isEqualByComparingTo(Integer.toString(30 * 30));
        assertThat(month.total()).isEqualByComparingTo(Integer.toString(43 * 30));
    }

    @Test
    void aDwellingWithTwoMetersOfAFluidCountsOnceWithTheirSum() {
        Cell day =
                only(Dataset.DAILY_BY_DISTRICT, district, new Period(AS_OF.minusDays(2), Period.Step.DAY), Fluid.WATER);
        assertThat(day.deliveryPoints()).isEqualTo(2); // flat 0 and the dwelling with two water meters
        assertThat(day.largest()).isEqualByComparingTo("0.5"); // 0.2 + 0.3
        assertThat(day.total()).isEqualByComparingTo("0.6");
        Period year = new Period(AS_OF.minusYears(1), Period.Step.YEAR);
        long days = year.end().toEpochDay() - year.start().toEpochDay();
        Cell annual = only(Dataset.ANNUAL_BY_DISTRICT, district, year, Fluid.WATER);
        assertThat(annual.deliveryPoints()).isEqualTo(2);
        assertThat(annual.largest()).isEqualByComparingTo(new BigDecimal("0.5").multiply(BigDecimal.valueOf(days)));
        assertThat(annual.floorArea()).isEqualByComparingTo("120"); // 50 + 70
        Cell electricity = only(
                Dataset.DAILY_BY_DISTRICT,
                district,
                new Period(AS_OF.minusDays(2), Period.Step.DAY),
                Fluid.ELECTRICITY);
        assertThat(electricity.deliveryPoints()).isEqualTo(11);
        assertThat(electricity.largest()).isEqualByComparingTo("30");
    }

    @Test
    void theLoadProfileCountsADwellingsTwoMetersAsOnePoint() {
        Period february = new Period(FEBRUARY, Period.Step.MONTH);
        Cell evening = split.candidates().stream()
                .filter(c -> c.dataset() == Dataset.LOAD_PROFILE_BY_COMMUNE
                        && c.period().equals(february)
                        && c.slot().equals(LocalTime.of(19, 0)))
                .findFirst()
                .orElseThrow();
        assertThat(evening.deliveryPoints()).isEqualTo(10); // 9 flats and the two-meter dwelling
        assertThat(evening.largest()).isEqualByComparingTo("0.4"); // 0.2 + 0.2, every day
        assertThat(evening.total()).isEqualByComparingTo("1.3");
    }

    @Test
    void rollupsInSeveralPartsGiveTheCellsTheirConsolidatedRollupsGive() {
        assertThat(splitDayParts).as("the split day's rollup has three parts").isEqualTo(3);
        Cell day = only(Dataset.DAILY_BY_DISTRICT, district, new Period(SPLIT_DAY, Period.Step.DAY), Fluid.ELECTRICITY);
        assertThat(day.largest()).isEqualByComparingTo("30"); // 10 + 10 + 10, not the largest part
        assertThat(day.deliveryPoints()).isEqualTo(11);
        assertThat(day.total()).isEqualByComparingTo("43");
        assertThat(split.candidates()).containsExactlyInAnyOrderElementsOf(consolidated.candidates());
        assertThat(split.support()).containsExactlyInAnyOrderElementsOf(consolidated.support());
    }
}
