package org.vivacite.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.disclosure.DisclosureControl;
import org.vivacite.opendata.disclosure.PublishedHistory;

class InformationLossTest {

    static final Area METRO = new Area("urn:m", TerritorialLevel.METROPOLIS, "M", "Métropole", null);
    static final Area COMMUNE = new Area("urn:c", TerritorialLevel.COMMUNE, "C", "Commune", METRO.iri());
    static final Period YEAR = new Period(LocalDate.of(2025, 3, 1), Step.YEAR);

    static Area district(String code) {
        return new Area("urn:d" + code, TerritorialLevel.DISTRICT, code, "District " + code, COMMUNE.iri());
    }

    static Cell annual(Area a, Fluid fluid, long total, int count) {
        return new Cell(
                Dataset.ANNUAL_BY_DISTRICT,
                a,
                YEAR,
                null,
                fluid,
                Sector.RESIDENTIAL,
                BigDecimal.valueOf(total),
                count,
                BigDecimal.valueOf(total / count),
                null,
                null,
                null);
    }

    @Test
    void aCommuneWhoseDistrictOfNineHidesItsNeighbourLosesTwoThirdsOfItsDistrictCells() {
        // districts of 9, 11 and 50 households: the 9 breaks the minimum, the 11 is hidden with it so
        // that the commune's total cannot be differenced; water has 50 households everywhere
        List<Cell> candidates = List.of(
                annual(COMMUNE, Fluid.ELECTRICITY, 70_000, 70),
                annual(district("9"), Fluid.ELECTRICITY, 9_000, 9),
                annual(district("11"), Fluid.ELECTRICITY, 11_000, 11),
                annual(district("50"), Fluid.ELECTRICITY, 50_000, 50),
                annual(district("9"), Fluid.WATER, 400, 50),
                annual(district("11"), Fluid.WATER, 600, 50));
        List<Cell> cells =
                new DisclosureControl(DisclosureRules.DEFAULTS).protect(candidates, List.of(), PublishedHistory.none());

        List<InformationLoss> loss = InformationLoss.of(candidates, cells);

        assertThat(loss)
                .extracting(InformationLoss::level)
                .containsExactly(TerritorialLevel.DISTRICT, TerritorialLevel.COMMUNE);
        InformationLoss districts = loss.get(0);
        assertThat(districts.cells()).isEqualTo(5);
        assertThat(districts.suppressed()).isEqualTo(2);
        assertThat(districts.cellShare()).isEqualByComparingTo("0.4");
        assertThat(districts.consumption().get(Fluid.ELECTRICITY).total()).isEqualByComparingTo("70000");
        assertThat(districts.consumption().get(Fluid.ELECTRICITY).suppressed()).isEqualByComparingTo("20000");
        assertThat(districts.consumption().get(Fluid.ELECTRICITY).share())
                .isEqualByComparingTo(new BigDecimal(2).divide(new BigDecimal(7), MathContext.DECIMAL64));
        assertThat(districts.consumption().get(Fluid.WATER).share()).isEqualByComparingTo("0");
        InformationLoss commune = loss.get(1);
        assertThat(commune.cells()).isEqualTo(1);
        assertThat(commune.suppressed()).isZero();
        assertThat(commune.cellShare()).isEqualByComparingTo("0");
        assertThat(commune.consumption().get(Fluid.ELECTRICITY).share()).isEqualByComparingTo("0");
    }

    @Test
    void theLoadProfileCountsCellsButNoConsumption() {
        Area commune = new Area("urn:c", TerritorialLevel.COMMUNE, "C", "Commune", null);
        List<Cell> candidates = new ArrayList<>();
        for (int slot = 0; slot < 2; slot++) {
            candidates.add(new Cell(
                    Dataset.LOAD_PROFILE_BY_COMMUNE,
                    commune,
                    new Period(LocalDate.of(2025, 3, 1), Step.MONTH),
                    LocalTime.of(slot, 0),
                    Fluid.ELECTRICITY,
                    Sector.RESIDENTIAL,
                    new BigDecimal("0.2"),
                    20,
                    new BigDecimal("0.05"),
                    null,
                    null,
                    null));
        }
        List<Cell> cells = List.of(
                candidates.get(0).with(Protection.PUBLISHED),
                candidates.get(1).with(new Protection(Protection.Status.PRIMARY, Protection.Rule.MIN_SERIES_POINTS)));
        InformationLoss profile = InformationLoss.of(candidates, cells).get(0);
        assertThat(profile.cellShare()).isEqualByComparingTo("0.5");
        assertThat(profile.consumption()).isEmpty();
    }

    @Test
    void cellsThatAreNotTheSameInBothListsAreAnError() {
        Cell a = annual(district("9"), Fluid.ELECTRICITY, 9_000, 9);
        Cell b = annual(district("11"), Fluid.ELECTRICITY, 11_000, 11);
        assertThatThrownBy(() -> InformationLoss.of(List.of(a, b), List.of(b.with(Protection.PUBLISHED))))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("2 cells computed but 1 protected");
        assertThatThrownBy(() -> InformationLoss.of(List.of(a), List.of(b.with(Protection.PUBLISHED))))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("urn:d11");
    }
}
