package org.vivacite.portal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decree's rules on made-up buildings: who is subject, the reference year, the targets, the climate adjustment, the gap and pace. */
class TertiaryDecreeTest {

    private static final TertiaryDecree DECREE = new TertiaryDecree(TertiaryProperties.defaults(Map.of()));
    private static final TertiaryDecree.Building TOWN_HALL =
            new TertiaryDecree.Building("TOWNHALL0001", "Hôtel de ville", "public", new BigDecimal("2400"));

    private static TertiaryDecree.Annual elec(int year, long kwh, boolean complete) {
        return new TertiaryDecree.Annual("electricity", year, BigDecimal.valueOf(kwh), complete, false);
    }

    private static TertiaryDecree.Annual gas(int year, long kwh, boolean complete) {
        return new TertiaryDecree.Annual("gas", year, BigDecimal.valueOf(kwh), complete, true);
    }

    @Test
    void aBuildingUnderTheThresholdOrOfAnotherUseOrOfUnknownAreaIsNotSubject() {
        assertThat(DECREE.assess(
                                new TertiaryDecree.Building("SMALL", "École", "public", new BigDecimal("999.9")),
                                List.of(elec(2020, 1000, true)),
                                Map.of())
                        .reason())
                .isEqualTo("small");
        assertThat(DECREE.notSubjectBecause(
                        new TertiaryDecree.Building("FLATS", "Flats", "residential", new BigDecimal("5000"))))
                .isEqualTo("use");
        assertThat(DECREE.notSubjectBecause(new TertiaryDecree.Building("X", "X", "public", null)))
                .isEqualTo("area");
        TertiaryDecree.Assessment exactly = DECREE.assess(
                new TertiaryDecree.Building("EXACT", "Gymnase", "tertiary", new BigDecimal("1000")),
                List.of(),
                Map.of());
        assertThat(exactly.subject()).isTrue();
        assertThat(exactly.reason()).isNull();
    }

    @Test
    void theReferenceIsTheEarliestCompleteYearNotBefore2010AndTheTargetsCutIt() {
        TertiaryDecree.Assessment a = DECREE.assess(
                TOWN_HALL,
                List.of(
                        elec(2009, 999_999, true), // before the decree allows
                        elec(2019, 120_000, false), // incomplete
                        elec(2020, 100_000, true),
                        gas(2020, 50_000, true),
                        elec(2021, 90_000, true),
                        gas(2021, 40_000, true)),
                Map.of(2020, new BigDecimal("2000"), 2021, new BigDecimal("2500")));
        assertThat(a.referenceYear()).isEqualTo(2020);
        assertThat(a.referenceConfigured()).isFalse();
        assertThat(a.reference()).isEqualByComparingTo("150000");
        assertThat(a.targets())
                .extracting(TertiaryDecree.Target::year, t -> t.kwh().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2030, "90000"),
                        org.assertj.core.groups.Tuple.tuple(2040, "75000"),
                        org.assertj.core.groups.Tuple.tuple(2050, "60000"));
    }

    @Test
    void aHeatingEnergyIsAdjustedByTheRatioOfDegreeDaysAndElectricityIsNot() {
        TertiaryDecree.Assessment a = DECREE.assess(
                TOWN_HALL,
                List.of(
                        elec(2020, 100_000, true),
                        gas(2020, 50_000, true),
                        elec(2021, 90_000, true),
                        gas(2021, 40_000, true)),
                Map.of(2020, new BigDecimal("2000"), 2021, new BigDecimal("2500")));
        TertiaryDecree.Year y2021 = a.years().get(1);
        // a colder 2021: its 40 000 kWh of gas count 40 000 × 2000 / 2500 = 32 000 at 2020's climate
        assertThat(y2021.line("gas").adjusted()).isEqualByComparingTo("32000");
        assertThat(y2021.line("electricity").adjusted()).isEqualByComparingTo("90000");
        assertThat(y2021.kwh()).isEqualByComparingTo("130000");
        assertThat(y2021.adjusted()).isEqualByComparingTo("122000");
        // gap to 2030's 90 000 kWh from 2021: 32 000 kWh, in 9 years: 3 556 kWh a year
        assertThat(a.latest().year()).isEqualTo(2021);
        assertThat(a.gap2030()).isEqualByComparingTo("32000");
        assertThat(a.pace()).isEqualByComparingTo("3556");
    }

    @Test
    void aYearWithoutDegreeDaysHasNoAdjustedHeatingAndIsNotTheLatest() {
        TertiaryDecree.Assessment a = DECREE.assess(
                TOWN_HALL,
                List.of(gas(2020, 50_000, true), gas(2021, 40_000, true)),
                Map.of(2020, new BigDecimal("2000")));
        assertThat(a.years().get(1).adjusted()).isNull();
        assertThat(a.latest().year()).as("the reference year itself").isEqualTo(2020);
        assertThat(a.gap2030()).isEqualByComparingTo("20000"); // 50 000 − 30 000
    }

    @Test
    void aTargetAlreadyMetNeedsNoPace() {
        TertiaryDecree.Assessment a =
                DECREE.assess(TOWN_HALL, List.of(elec(2020, 100_000, true), elec(2021, 55_000, true)), Map.of());
        assertThat(a.gap2030()).isEqualByComparingTo("-5000");
        assertThat(a.pace()).isEqualByComparingTo("0");
    }

    @Test
    void aConfiguredReferenceYearWinsAndMustHaveData() {
        TertiaryDecree chosen = new TertiaryDecree(TertiaryProperties.defaults(Map.of("TOWNHALL0001", 2021)));
        TertiaryDecree.Assessment a =
                chosen.assess(TOWN_HALL, List.of(elec(2020, 100_000, true), elec(2021, 90_000, true)), Map.of());
        assertThat(a.referenceYear()).isEqualTo(2021);
        assertThat(a.referenceConfigured()).isTrue();
        assertThat(a.reference()).isEqualByComparingTo("90000");
        assertThatThrownBy(() -> chosen.assess(TOWN_HALL, List.of(elec(2020, 100_000, true)), Map.of()))
                .isInstanceOf(ManagerException.class)
                .hasMessageContaining("vivacite.tertiary.reference-years.TOWNHALL0001: 2021");
        assertThatThrownBy(() -> TertiaryProperties.defaults(Map.of("B", 2009)))
                .hasMessageContaining("vivacite.tertiary.reference-years.B: 2009 is before 2010");
    }

    @Test
    void noCompleteYearGivesNoReference() {
        TertiaryDecree.Assessment a = DECREE.assess(TOWN_HALL, List.of(elec(2025, 1000, false)), Map.of());
        assertThat(a.subject()).isTrue();
        assertThat(a.referenceYear()).isNull();
        assertThat(a.targets()).isEmpty();
    }
}
