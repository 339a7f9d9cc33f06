package org.vivacite.simulator.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.simulator.territory.Territory.Building;

class TerritoryFilesTest {

    private static final Territory CITY = Territory.generate(7, 600);

    @TempDir
    Path dir;

    private static List<String> rows(String name) {
        return TerritoryFiles.content(CITY, name).lines().toList();
    }

    @Test
    void theSameTerritoryGivesTheSameBytesAndAnotherSeedOtherBuildings() {
        for (String name : TerritoryFiles.NAMES) {
            assertThat(TerritoryFiles.content(Territory.generate(7, 600), name))
                    .as(name)
                    .isEqualTo(TerritoryFiles.content(CITY, name));
        }
        assertThat(TerritoryFiles.content(Territory.generate(8, 600), TerritoryFiles.RNB))
                .isNotEqualTo(TerritoryFiles.content(CITY, TerritoryFiles.RNB));
    }

    @Test
    void writesEveryFileTheDwellingsOwnerOnly() throws IOException {
        List<Path> files = TerritoryFiles.write(CITY, dir);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(TerritoryFiles.NAMES);
        for (Path f : files) {
            assertThat(Files.readString(f))
                    .isEqualTo(TerritoryFiles.content(CITY, f.getFileName().toString()));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(TerritoryFiles.DWELLINGS))))
                .isEqualTo("rw-------");
        // Written again over the old ones, as at every start of the demo.
        TerritoryFiles.write(CITY, dir);
        assertThat(Files.readString(dir.resolve(TerritoryFiles.IRIS)))
                .isEqualTo(TerritoryFiles.content(CITY, TerritoryFiles.IRIS));
    }

    @Test
    void areasCarryTheDemosRealCommuneCodesAndItsDistrictCodes() {
        assertThat(rows(TerritoryFiles.COMMUNES).get(0)).startsWith("TYPECOM,COM,");
        assertThat(rows(TerritoryFiles.COMMUNES).subList(1, 4))
                .extracting(r -> r.split(",")[1])
                .containsExactly("38151", "38185", "38421");
        assertThat(rows(TerritoryFiles.EPCI).subList(1, 4))
                .allMatch(r -> r.startsWith("38,200040715,Grenoble-Alpes Métropole,"));
        String iris = TerritoryFiles.content(CITY, TerritoryFiles.IRIS);
        assertThat(TerritoryFiles.IRIS).contains(TerritoryFiles.MILLESIME);
        for (Territory.District d : CITY.districts()) {
            assertThat(iris)
                    .contains("\"CODE_IRIS\": \"" + d.iris() + "\", \"INSEE_COM\": \""
                            + d.commune().insee());
        }
    }

    @Test
    void everyBuildingHasItsAddressAndItsUseOrPublicRowAndEveryDwellingItsBuilding() {
        Set<String> addresses = rows(TerritoryFiles.BAN).stream()
                .skip(1)
                .map(r -> r.split(";")[0])
                .collect(Collectors.toSet());
        Set<String> uses = rows(TerritoryFiles.BUILDING_USES).stream()
                .skip(1)
                .map(r -> r.split(",")[0])
                .collect(Collectors.toSet());
        Set<String> publics = rows(TerritoryFiles.PUBLIC_BUILDINGS).stream()
                .skip(1)
                .map(r -> r.split(",")[0])
                .collect(Collectors.toSet());
        List<String> rnb = rows(TerritoryFiles.RNB);
        assertThat(rnb).hasSize(CITY.buildings().size() + 1);
        for (Building b : CITY.buildings()) {
            assertThat(addresses).contains(b.addressKey());
            assertThat(b.publishIndividually() ? publics : uses).contains(b.rnb());
            assertThat(rnb)
                    .anyMatch(r -> r.startsWith(b.rnb() + ";\"SRID=4326;POINT (")
                            && r.contains("\"\"cle_interop_ban\"\": \"\"" + b.addressKey() + "\"\""));
        }
        assertThat(uses).hasSize(CITY.buildings().size() - publics.size());
        List<String> dwellings = rows(TerritoryFiles.DWELLINGS);
        assertThat(dwellings).hasSize(CITY.dwellings().size() + 1);
        Set<String> rnbIds = CITY.buildings().stream().map(Building::rnb).collect(Collectors.toSet());
        assertThat(dwellings.subList(1, dwellings.size()))
                .allMatch(r -> rnbIds.contains(r.split(",")[1]))
                .anyMatch(r -> Arrays.asList(r.split(",", -1)).contains("district-heating"));
    }
}
