package org.vivacite.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeterCsvTest {

    /** The columns simulate writes, those of a registry from before ban_id and dwelling_key. */
    private static final String HEADER = String.join(",", MeterCsv.COLUMNS.subList(0, 13));

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void readsTheRowsTheSimulatorWritesAndWritesThemBackTheSame() {
        String csv = HEADER + "\n"
                + "186208011317,Sagemcom,electricity,T7E1291DFJCB-001,linky,electricityEnergyWithdrawn,tic,T7E1291DFJCB,82897730102646,PT30M,,,gw-1;group:dso\n"
                + "88457602,ZRI,water,T7E1291DFJCB,water-meter,waterVolume,wmbus,T7E1291DFJCB,,P1D,2026-01-01,2026-02-01,*\n";

        List<RegisteredMeter> meters = MeterCsv.parse(csv, "meters.csv");

        assertThat(meters).hasSize(2);
        assertThat(meters.get(0).consent()).isEqualTo(Duration.ofMinutes(30));
        assertThat(meters.get(0).buildingLevel()).isFalse();
        assertThat(meters.get(0).usagePointId()).isEqualTo("82897730102646");
        assertThat(meters.get(1).buildingLevel()).isTrue();
        assertThat(meters.get(1).consent()).isEqualTo(Duration.ofDays(1));
        assertThat(meters.get(1).activeUntil()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(meters.get(0).gateways()).containsExactly("gw-1", "group:dso");
        assertThat(meters.get(1).gateways()).containsExactly("*");
        assertThat(MeterCsv.write(meters))
                .as("written with the two newer columns, empty")
                .isEqualTo(String.join(",", MeterCsv.COLUMNS) + "\n"
                        + csv.substring(csv.indexOf('\n') + 1).replace("\n", ",,\n"));
    }

    @Test
    void aUtilityExportNamesTheDwellingByItsBanAddressAndTheDeliveryPointByItsUsagePointId() {
        String csv = "meter_id,manufacturer,fluid,usage_point_id,ban_id\n"
                + "GI123456,GRDF,gas,GI123456,38185_4580_00012_BIS\n";

        RegisteredMeter m = MeterCsv.parse(csv, "grdf.csv").get(0);

        assertThat(m.dwellingOrBuilding()).isNull();
        assertThat(m.banId()).isEqualTo("38185_4580_00012_bis");
        assertThat(m.usagePointId()).isEqualTo("GI123456");
        assertThat(m.buildingLevel()).isFalse();
        RegisteredMeter found = m.withDwellingKey("3f9a1c0e5b7d2a64");
        assertThat(MeterCsv.parse(MeterCsv.write(List.of(found)), "again")).containsExactly(found);
        assertThatThrownBy(() -> MeterCsv.parse("meter_id,manufacturer,fluid,ban_id\nGI1,GRDF,gas,\n", "grdf.csv"))
                .hasMessage("grdf.csv line 2: neither dwelling_or_building nor ban_id (the dwelling's BAN address)");
        assertThatThrownBy(
                        () -> MeterCsv.parse("meter_id,manufacturer,fluid,ban_id\nGI1,GRDF,gas,12 rue X\n", "grdf.csv"))
                .hasMessageStartingWith("grdf.csv line 2: ban_id '12 rue X' is not a BAN address key");
        assertThatThrownBy(() -> MeterCsv.parse("meter_id,manufacturer,fluid\nGI1,GRDF,gas\n", "grdf.csv"))
                .hasMessage("grdf.csv line 1: missing column 'dwelling_or_building' (or 'ban_id')");
    }

    @Test
    void namesTheLineAndColumnOfWhatIsWrong() {
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,wine,DW,,,,,,,,,\n", "x.csv"))
                .hasMessageContaining("x.csv line 2")
                .hasMessageContaining("fluid 'wine'");
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water,DW,,,,,,hourly,,,\n", "x.csv"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("consent 'hourly'");
        // a step the data cannot be kept at: coarser than a day, or not dividing one
        for (String step : new String[] {"P7D", "PT7M", "PT0.5S"}) {
            assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water,DW,,,,,," + step + ",,,\n", "x.csv"))
                    .as(step)
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("consent '" + step + "'")
                    .hasMessageContaining("divide a day");
        }
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water,DW,,,,,,P1D,2026-13-01,,\n", "x.csv"))
                .hasMessageContaining("active_from '2026-13-01'");
        assertThatThrownBy(() -> MeterCsv.parse("meter_id,colour\n", "x.csv"))
                .hasMessageContaining("unknown column 'colour'");
        assertThatThrownBy(() -> MeterCsv.parse("meter_id,manufacturer,fluid\n", "x.csv"))
                .hasMessageContaining("missing column 'dwelling_or_building'");
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water\n", "x.csv"))
                .hasMessageContaining("3 fields");
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n,ZRI,water,DW,,,,,,,,,\n", "x.csv"))
                .hasMessageContaining("'meter_id' is empty");
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water,DW,,,,,,,,,gw-1;;gw-2\n", "x.csv"))
                .hasMessageContaining("x.csv line 2")
                .hasMessageContaining("gateways 'gw-1;;gw-2'")
                .hasMessageContaining("entry ''");
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water,DW,,,,,,,,,gw 1\n", "x.csv"))
                .hasMessageContaining("entry 'gw 1'");
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water,DW,,,,,,,,,group:\n", "x.csv"))
                .hasMessageContaining("entry 'group:'");
        assertThatThrownBy(() -> MeterCsv.parse(HEADER + "\n1,ZRI,water,DW,,,,,,,,,*;gw-1\n", "x.csv"))
                .hasMessageContaining("* (any gateway) with others");
    }

    @Test
    void theRegistryFindsTheMeterInServiceAtTheReadingsTimeAndKeepsItsFileOwnerOnly(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("meters.csv");
        MeterRegistry registry = new MeterRegistry(file, PARIS);
        List<List<RegisteredMeter>> told = new ArrayList<>();
        registry.onRegistration(told::add);
        registry.register(MeterCsv.parse(
                HEADER + "\n"
                        + "11111111,ZRI,water,DW-1,,,,B,,P1D,,2026-02-03,gw-1\n"
                        + "E516DAFFFE000018,generic,none,DW-1,room-sensor,roomTemperature,senml,B,,P1D,,,gw-1\n"
                        + "186208011317,Sagemcom,electricity,DW-1,linky,,tic,B,82897730102646,P1D,,,gw-1\n",
                "test"));

        assertThat(registry.find("11111111", "ZRI", Instant.parse("2026-02-02T22:59:59Z")))
                .isPresent();
        assertThat(registry.find("11111111", "ZRI", Instant.parse("2026-02-02T23:00:00Z")))
                .isEmpty();
        assertThat(registry.find("11111111", "KAM", Instant.parse("2026-02-01T00:00:00Z")))
                .isEmpty();
        assertThat(registry.find("urn:dev:mac:e516dafffe000018", null, Instant.now()))
                .isPresent();
        assertThat(registry.find("82897730102646", null, Instant.now()))
                .get()
                .extracting(RegisteredMeter::meterId)
                .isEqualTo("186208011317");
        assertThat(told).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        // registering a row again replaces it; a new start keeps both
        registry.register(MeterCsv.parse(HEADER + "\n11111111,ZRI,water,DW-2,,,,B,,P1D,,2026-02-03,gw-1\n", "test"));
        assertThat(new MeterRegistry(file, PARIS).all())
                .hasSize(3)
                .filteredOn(m -> m.meterId().equals("11111111"))
                .singleElement()
                .extracting(RegisteredMeter::dwellingOrBuilding)
                .isEqualTo("DW-2");
    }

    @Test
    void readsARegistryWrittenBeforeTheGatewaysColumnAsListingNoneWhichLetsAnyGatewayReport() {
        List<RegisteredMeter> meters = MeterCsv.parse(
                "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,wire_format,building,"
                        + "usage_point_id,consent,active_from,active_until\n"
                        + "88457602,ZRI,water,DW-1,water-meter,waterVolume,wmbus,B,,P1D,,\n",
                "old.csv");

        assertThat(meters).singleElement().satisfies(m -> {
            assertThat(m.listsNoGateway()).isTrue();
            assertThat(m.reportedBy("any-gateway", GatewayGroups.NONE)).isTrue();
        });
        assertThat(MeterCsv.write(meters))
                .startsWith(String.join(",", MeterCsv.COLUMNS) + "\n")
                .contains(",P1D,,,,,\n");
    }

    @Test
    void aGatewayMayReportOnlyTheMetersWhoseRowListsItOrAGroupItIsIn() {
        MeterRegistry registry =
                new MeterRegistry(null, PARIS, GatewayGroups.of(Map.of("dso", List.of("enedis-connector", " sge-2 "))));
        registry.register(MeterCsv.parse(
                HEADER + "\n"
                        + "11111111,ZRI,water,DW-1,,,,B,,P1D,,,gw-1\n"
                        + "186208011317,Sagemcom,electricity,DW-1,linky,,tic,B,82897730102646,P1D,,,gw-2;group:dso\n"
                        + "22222222,ZRI,water,DW-2,,,,B,,P1D,,,*\n",
                "test"));
        RegisteredMeter water = registry.find("11111111", "ZRI", Instant.now()).orElseThrow();
        RegisteredMeter linky =
                registry.find("82897730102646", null, Instant.now()).orElseThrow();
        RegisteredMeter walkBy = registry.find("22222222", "ZRI", Instant.now()).orElseThrow();

        assertThat(registry.allows(water, "gw-1")).isTrue();
        assertThat(registry.allows(water, "gw-2")).isFalse();
        assertThat(registry.allows(water, "GW-1")).isFalse(); // ids are compared exactly, as topics and tokens are
        assertThat(registry.allows(water, null)).isFalse();
        assertThat(registry.allows(linky, "gw-2")).isTrue();
        assertThat(registry.allows(linky, "enedis-connector")).isTrue();
        assertThat(registry.allows(linky, "sge-2")).isTrue();
        assertThat(registry.allows(linky, "gw-1")).isFalse();
        assertThat(registry.allows(linky, "dso")).isFalse();
        assertThat(registry.allows(walkBy, "anyone")).isTrue();
    }

    @Test
    void refusesToRegisterARowNamingAGatewayGroupThatIsNotConfigured(@TempDir Path dir) {
        Path file = dir.resolve("meters.csv");
        MeterRegistry registry = new MeterRegistry(file, PARIS, GatewayGroups.of(Map.of("dso", List.of("enedis"))));

        assertThatThrownBy(() -> registry.register(MeterCsv.parse(
                        HEADER + "\n"
                                + "11111111,ZRI,water,DW-1,,,,B,,P1D,,,gw-1\n"
                                + "22222222,ZRI,water,DW-2,,,,B,,P1D,,,group:district-9\n",
                        "test")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("meter 22222222")
                .hasMessageContaining("group 'district-9'")
                .hasMessageContaining("vivacite.ingest.gateway-groups")
                .hasMessageContaining("[dso]");
        assertThat(registry.size()).isZero();
        assertThat(file).doesNotExist();
    }
}
