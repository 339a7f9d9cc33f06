package org.vivacite.opendata.cube;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Protection.Rule;
import org.vivacite.opendata.Protection.Status;
import org.vivacite.opendata.Release;
import org.vivacite.opendata.Sector;

/** Small releases built by hand: a territory of a metropolis, two communes and three districts. */
final class TestReleases {

    static final String BASE = "http://localhost:8080/";

    static final Area METROPOLIS =
            new Area(BASE + "id/metropolis/200040715", TerritorialLevel.METROPOLIS, "200040715", "Métropole", null);
    static final Area GRENOBLE =
            new Area(BASE + "id/commune/38185", TerritorialLevel.COMMUNE, "38185", "Grenoble", METROPOLIS.iri());
    static final Area SMH = new Area(
            BASE + "id/commune/38421", TerritorialLevel.COMMUNE, "38421", "Saint-Martin-d'Hères", METROPOLIS.iri());
    static final Area D1 = new Area(
            BASE + "id/district/381850101", TerritorialLevel.DISTRICT, "381850101", "Centre, \"gare\"", GRENOBLE.iri());
    static final Area D2 = new Area(
            BASE + "id/district/381850102", TerritorialLevel.DISTRICT, "381850102", "Île Verte", GRENOBLE.iri());
    static final Area D3 =
            new Area(BASE + "id/district/384210000", TerritorialLevel.DISTRICT, "384210000", "SMH", SMH.iri());

    static final Protection PRIMARY = new Protection(Status.PRIMARY, Rule.MIN_HOUSEHOLDS);
    static final Protection SECONDARY = new Protection(Status.SECONDARY, Rule.COMPLEMENTARY);
    static final Protection DOMINANCE = new Protection(Status.PRIMARY, Rule.DOMINANCE);

    private TestReleases() {}

    /**
     * The annual dataset over six areas × two fluids × two sectors: published cells with and
     * without floor area, gas cells with degree-days, primary and secondary suppressions.
     */
    static Release annual() {
        Period year = new Period(LocalDate.of(2025, 1, 1), Period.Step.YEAR);
        List<Cell> cells = new ArrayList<>();
        int i = 0;
        for (Area a : List.of(METROPOLIS, GRENOBLE, SMH, D1, D2, D3)) {
            for (Fluid f : List.of(Fluid.ELECTRICITY, Fluid.GAS)) {
                for (Sector s : List.of(Sector.RESIDENTIAL, Sector.TERTIARY)) {
                    i++;
                    Protection p = a == D3 && s == Sector.RESIDENTIAL
                            ? PRIMARY
                            : a == D2 && s == Sector.RESIDENTIAL
                                    ? SECONDARY
                                    : a == D1 && s == Sector.TERTIARY && f == Fluid.GAS
                                            ? DOMINANCE
                                            : Protection.PUBLISHED;
                    BigDecimal total = new BigDecimal(1000 * i + "12.5");
                    cells.add(new Cell(
                            Dataset.ANNUAL_BY_DISTRICT,
                            a,
                            year,
                            null,
                            f,
                            s,
                            total,
                            10 + i,
                            total.divide(BigDecimal.TEN),
                            i % 3 == 0 ? null : new BigDecimal(200 * i),
                            f.heating ? new BigDecimal("2450.5") : null,
                            p));
                }
            }
        }
        return release(Dataset.ANNUAL_BY_DISTRICT, cells);
    }

    /** The load profile of two communes in one month, three half hours each, one suppressed. */
    static Release profile() {
        Period march = new Period(LocalDate.of(2026, 3, 1), Period.Step.MONTH);
        List<Cell> cells = new ArrayList<>();
        for (Area a : List.of(GRENOBLE, SMH)) {
            for (LocalTime slot : List.of(LocalTime.of(0, 0), LocalTime.of(0, 30), LocalTime.of(23, 30))) {
                Protection p = a == SMH && slot.getHour() == 23
                        ? new Protection(Status.PRIMARY, Rule.MIN_SERIES_POINTS)
                        : Protection.PUBLISHED;
                cells.add(new Cell(
                        Dataset.LOAD_PROFILE_BY_COMMUNE,
                        a,
                        march,
                        slot,
                        Fluid.ELECTRICITY,
                        Sector.RESIDENTIAL,
                        new BigDecimal("0.35").add(BigDecimal.valueOf(slot.getMinute(), 3)),
                        120,
                        new BigDecimal("0.01"),
                        null,
                        null,
                        p));
            }
        }
        return release(Dataset.LOAD_PROFILE_BY_COMMUNE, cells);
    }

    /** Every cell published with every value, ratios included. */
    static Release complete() {
        Period year = new Period(LocalDate.of(2025, 1, 1), Period.Step.YEAR);
        List<Cell> cells = new ArrayList<>();
        for (Area a : List.of(GRENOBLE, D1)) {
            for (Fluid f : List.of(Fluid.GAS, Fluid.HEAT)) {
                cells.add(new Cell(
                        Dataset.ANNUAL_BY_DISTRICT,
                        a,
                        year,
                        null,
                        f,
                        Sector.RESIDENTIAL,
                        new BigDecimal("5000"),
                        50,
                        new BigDecimal("300"),
                        new BigDecimal("4000"),
                        new BigDecimal("2400"),
                        Protection.PUBLISHED));
            }
        }
        return release(Dataset.ANNUAL_BY_DISTRICT, cells);
    }

    static Release release(Dataset d, List<Cell> cells) {
        return new Release(
                d,
                "2026-04-02T041200Z",
                Instant.parse("2026-04-02T04:12:00Z"),
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 4, 1),
                DisclosureRules.DEFAULTS,
                cells);
    }
}
