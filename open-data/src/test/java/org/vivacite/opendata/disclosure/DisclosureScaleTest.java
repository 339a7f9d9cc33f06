package org.vivacite.opendata.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Sector;

/** A city-sized release: 60 districts × 4 sectors × 365 days and their years, about 100 000 cells. */
class DisclosureScaleTest {

    @Test
    void hundredThousandCandidatesAreProtectedAndEverySmallDayIsHidden() {
        Area metro = new Area("urn:m", TerritorialLevel.METROPOLIS, "M", "M", null);
        List<Cell> cells = new ArrayList<>();
        Period year = new Period(LocalDate.of(2025, 3, 1), Step.YEAR);
        long seed = 7;
        for (int c = 0; c < 6; c++) {
            Area commune = new Area("urn:c" + c, TerritorialLevel.COMMUNE, "C" + c, "C" + c, metro.iri());
            for (int d = 0; d < 10; d++) {
                Area district = new Area("urn:c" + c + "d" + d, TerritorialLevel.DISTRICT, "D", "D", commune.iri());
                for (Sector s : Sector.values()) {
                    long yearTotal = 0;
                    int yearCount = 0;
                    for (LocalDate day = year.start(); day.isBefore(year.end()); day = day.plusDays(1)) {
                        seed = seed * 6364136223846793005L + 1442695040888963407L;
                        int n = (int) (90 + ((seed >>> 33) % 40)); // 90..129: many small days
                        long total = n * 10_000L;
                        yearTotal += total;
                        yearCount = Math.max(yearCount, n);
                        cells.add(cell(Dataset.DAILY_BY_DISTRICT, district, new Period(day, Step.DAY), s, total, n));
                    }
                    cells.add(cell(Dataset.ANNUAL_BY_DISTRICT, district, year, s, yearTotal, yearCount));
                }
            }
        }
        long start = System.nanoTime();
        List<Cell> out =
                new DisclosureControl(DisclosureRules.DEFAULTS).protect(cells, List.of(), PublishedHistory.none());
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("protected " + out.size() + " cells in " + ms + " ms, "
                + out.stream().filter(c -> !c.protection().published()).count() + " hidden");
        assertThat(out).hasSize(cells.size());
        assertThat(out)
                .filteredOn(c -> c.sector().households() && c.period().step() == Step.DAY && c.deliveryPoints() < 100)
                .allMatch(c -> !c.protection().published());
    }

    private static Cell cell(Dataset ds, Area a, Period p, Sector s, long total, int n) {
        return new Cell(
                ds,
                a,
                p,
                null,
                Fluid.ELECTRICITY,
                s,
                BigDecimal.valueOf(total),
                n,
                BigDecimal.valueOf(12_000),
                null,
                null,
                null);
    }
}
