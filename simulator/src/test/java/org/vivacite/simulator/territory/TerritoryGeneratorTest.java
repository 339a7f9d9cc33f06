package org.vivacite.simulator.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Dwelling;

class TerritoryGeneratorTest {

    private static final Territory CITY = Territory.generate(7, 2_000);

    @Test
    void theSameSeedGivesTheSameTerritoryAndAnotherSeedAnotherOne() {
        assertThat(Territory.generate(7, 2_000)).isEqualTo(CITY);
        assertThat(Territory.generate(8, 2_000)).isNotEqualTo(CITY);
    }

    @Test
    void theDefaultSizeIsAboutTwoHundredBuildingsAndTwoThousandDwellings() {
        assertThat(CITY.dwellings()).hasSize(2_000);
        assertThat(CITY.buildings().size()).isBetween(150, 250);
    }

    @Test
    void scalesToOneHundredThousandHouseholds() {
        Territory big = Territory.generate(7, 100_000);
        assertThat(big.dwellings()).hasSize(100_000);
        assertThat(big.buildings().stream().map(Building::rnb).distinct().count())
                .isEqualTo(big.buildings().size());
        assertThat(big.streets().stream().map(Territory.Street::code).distinct().count())
                .isEqualTo(big.streets().size());
        assertThat(big.districts().stream()
                        .map(Territory.District::iris)
                        .distinct()
                        .count())
                .isEqualTo(big.districts().size());
    }

    @Test
    void refusesATerritoryTooSmallToHaveItsBuildingMix() {
        assertThatThrownBy(() -> Territory.generate(1, 10)).hasMessageContaining("at least 30 households, not 10");
    }

    @Test
    void theMetropolisAndCommunesCarryTheirRealCodes() {
        assertThat(CITY.metropolis().siren()).isEqualTo("200040715");
        assertThat(CITY.communes())
                .extracting(Territory.Commune::insee, Territory.Commune::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("38185", "Grenoble"),
                        org.assertj.core.groups.Tuple.tuple("38421", "Saint-Martin-d'Hères"),
                        org.assertj.core.groups.Tuple.tuple("38151", "Échirolles"));
    }

    @Test
    void districtsNestInTheirCommuneAndBuildingsSitInsideTheirDistrict() {
        assertThat(CITY.communes()).allMatch(c -> CITY.metropolis().box().contains(c.box()));
        assertThat(CITY.districts()).allSatisfy(d -> {
            assertThat(d.commune().box().contains(d.box())).as(d.iris()).isTrue();
            assertThat(d.iris()).startsWith(d.commune().insee()).hasSize(9);
        });
        assertThat(CITY.streets()).allSatisfy(s -> {
            assertThat(s.code())
                    .startsWith(s.district().commune().insee() + "_")
                    .matches("[0-9a-z]{5}_[0-9a-z]{4}");
            assertThat(s.latitude())
                    .isBetween(s.district().box().south(), s.district().box().north());
        });
        assertThat(CITY.buildings()).allSatisfy(b -> {
            assertThat(b.street().district().box().contains(b.footprint()))
                    .as(b.rnb())
                    .isTrue();
            assertThat(b.rnb()).matches("[1-9A-HJKMNP-TV-Z]{12}");
            assertThat(b.addressKey()).startsWith(b.street().code() + "_").matches(".*_[0-9]{5}");
        });
        // Footprints on one street do not overlap.
        Map<Territory.Street, List<Building>> byStreet =
                CITY.buildings().stream().collect(Collectors.groupingBy(Building::street));
        byStreet.values().forEach(list -> {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Box a = list.get(i).footprint();
                    Box b = list.get(j).footprint();
                    assertThat(a.east() <= b.west() || b.east() <= a.west()).isTrue();
                }
            }
        });
    }

    @Test
    void theMixHasCollectiveHousingHousesTertiaryAndPublicBuildingsWithTheirSchedulesOwners() {
        Set<BuildingKind> kinds = CITY.buildings().stream().map(Building::kind).collect(Collectors.toSet());
        assertThat(kinds).containsAll(EnumSet.allOf(BuildingKind.class));
        Map<Building, Long> dwellingsPerBuilding =
                CITY.dwellings().stream().collect(Collectors.groupingBy(Dwelling::building, Collectors.counting()));
        for (Building b : CITY.buildings()) {
            long n = dwellingsPerBuilding.getOrDefault(b, 0L);
            switch (b.kind()) {
                case SOCIAL_HOUSING, CO_OWNERSHIP -> assertThat(n).as(b.rnb()).isBetween(10L, 80L);
                case HOUSE -> assertThat(n).isEqualTo(1);
                default -> assertThat(n).isZero();
            }
            if (b.kind() == BuildingKind.SOCIAL_HOUSING) {
                assertThat(b.heating()).isIn(Heating.DISTRICT_HEATING, Heating.COLLECTIVE_GAS_BOILER);
            }
            assertThat(b.publishIndividually()).isEqualTo(b.kind().sector == BuildingKind.Sector.PUBLIC);
        }
        assertThat(CITY.buildings().stream()
                        .filter(b -> b.kind().collectiveHousing())
                        .map(Building::heating))
                .contains(Heating.DISTRICT_HEATING, Heating.COLLECTIVE_GAS_BOILER);
    }

    @Test
    void householdsDifferInFloorAreaOccupantsAndHeating() {
        Set<Double> areas = new HashSet<>();
        Set<Integer> occupants = new HashSet<>();
        Set<Heating> heating = EnumSet.noneOf(Heating.class);
        for (Dwelling d : CITY.dwellings()) {
            areas.add(d.floorArea());
            occupants.add(d.occupants());
            heating.add(d.heating());
            assertThat(d.floorArea()).isBetween(20.0, 200.0);
            assertThat(d.id()).startsWith(d.building().rnb() + "-");
        }
        assertThat(areas.size()).isGreaterThan(500);
        assertThat(occupants).contains(0, 1, 2, 3, 4);
        assertThat(heating).hasSizeGreaterThanOrEqualTo(4);
    }
}
