package org.vivacite.simulator.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmuc.jmbus.DataRecord;
import org.openmuc.jmbus.DecodingException;
import org.openmuc.jmbus.SecondaryAddress;
import org.openmuc.jmbus.wireless.Jmbus;
import org.openmuc.jmbus.wireless.WMBusMessage;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.territory.TerritoryFiles;

class SimulationFolderTest {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 10);
    private static final LocalDate TO = LocalDate.of(2026, 1, 18);
    private static final String GATEWAY = "gw-1";

    @TempDir
    static Path temp;

    private static Path out;
    private static DemoCity city;

    @BeforeAll
    static void simulate() throws IOException {
        city = DemoCity.generate(42, 1_000, FROM, LocalDate.of(2026, 1, 14));
        out = temp.resolve("a");
        SimulationFolder.write(city, out, TO, Duration.ofDays(1), EnumSet.allOf(WireFormat.class), GATEWAY);
    }

    /** A city of 1 000 households from this seed, its period written into the folder. */
    private static Path write(long seed, Path folder) throws IOException {
        DemoCity other = DemoCity.generate(seed, 1_000, FROM, LocalDate.of(2026, 1, 14));
        SimulationFolder.write(other, folder, TO, Duration.ofDays(1), EnumSet.allOf(WireFormat.class), GATEWAY);
        return folder;
    }

    @Test
    void writesTheLayoutTheCommandPromises() throws IOException {
        for (String file :
                List.of("territory/" + TerritoryFiles.RNB, "meters.csv", "keys.csv", "territory/dwellings.csv")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        List<String> meters = Files.readAllLines(out.resolve("meters.csv"));
        List<String> header = List.of(meters.get(0).split(","));
        assertThat(header).contains("meter_id", "manufacturer", "fluid", "dwelling_or_building");
        assertThat(meters).hasSize(city.fleet().meters().size() + 1);
        int id = header.indexOf("meter_id");
        int wire = header.indexOf("wire_format");
        int gateways = header.indexOf("gateways");
        for (String line : meters.subList(1, meters.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(header.size());
            assertThat(f[gateways]).isEqualTo(GATEWAY); // only the gateway that reports them may
            if (f[wire].equals("wmbus")) {
                assertThat(f[id]).matches("[0-9]{8}");
            }
        }
        assertThat(Files.readString(out.resolve("meters.csv")))
                .doesNotContain(key(city.fleet().of(Device.WATER_METER).get(0)));
        List<String> keys = Files.readAllLines(out.resolve("keys.csv"));
        assertThat(keys.get(0)).isEqualTo("meter_id,key_hex");
        assertThat(keys.subList(1, keys.size())).allMatch(k -> k.matches("[0-9]{8},[0-9a-f]{32}"));

        assertThat(list("wmbus")).allMatch(p -> p.getFileName().toString().matches("2026-01-[0-9]{2}\\.hex"));
        assertThat(list("tic"))
                .isNotEmpty()
                .allMatch(p -> p.getFileName().toString().matches("[0-9]{12}\\.tic"));
        assertThat(list("senml")).hasSize(8).allMatch(p -> p.toString().endsWith(".json"));
        assertThat(list("csv")).hasSize(8).allMatch(p -> p.toString().endsWith(".csv"));
        assertThat(list("dataconnect")).hasSize(city.fleet().of(Device.LINKY).size());

        for (String name : TerritoryFiles.NAMES) {
            assertThat(Files.readString(out.resolve("territory").resolve(name)))
                    .as(name)
                    .isEqualTo(TerritoryFiles.content(city.territory(), name));
        }
    }

    @Test
    void twoRunsWithTheSameSeedAreByteIdenticalAndAnotherSeedDiffers() throws IOException {
        Map<String, byte[]> first = files(out);
        Map<String, byte[]> second = files(write(42, temp.resolve("b")));
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));

        Map<String, byte[]> third = files(write(43, temp.resolve("c")));
        for (String name : List.of(
                "territory/" + TerritoryFiles.RNB,
                "territory/dwellings.csv",
                "meters.csv",
                "keys.csv",
                "wmbus/2026-01-12.hex",
                "csv/2026-01-12.csv")) {
            assertThat(third.get(name)).as(name).isNotEqualTo(first.get(name));
        }
    }

    @Test
    void refusesAFolderThatIsNotEmpty() {
        assertThatThrownBy(() -> SimulationFolder.write(
                        city, out, TO, Duration.ofDays(1), EnumSet.allOf(WireFormat.class), GATEWAY))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(out.toString())
                .hasMessageContaining("not empty");
    }

    @Test
    void jmbusDecodesTenThousandSimulatedTelegramsToTheValuesMeantAndRefusesThemWithAWrongKey() throws Exception {
        Map<String, byte[]> keys = keys();
        Map<String, Long> meant = new HashMap<>();
        Map<String, Meter> meters = new HashMap<>();
        city.simulation().run(FROM, TO, Duration.ofDays(1), (Reading r) -> {
            if (r.meter().device().wire == WireFormat.WMBUS) {
                meant.put(r.meter().id() + "@" + LocalDateTime.ofInstant(r.time(), DemoCity.ZONE), r.raw());
                meters.put(r.meter().id(), r.meter());
            }
        });
        List<String> lines = new ArrayList<>();
        for (Path file : list("wmbus")) {
            lines.addAll(Files.readAllLines(file));
        }
        assertThat(lines.size()).isGreaterThanOrEqualTo(10_000);
        int decoded = 0;
        int refused = 0;
        for (String hex : lines.subList(0, 10_000)) {
            byte[] telegram = HexFormat.of().parseHex(hex);
            SecondaryAddress address = SecondaryAddress.newFromWMBusHeader(telegram, 2);
            String id = address.getDeviceId().toString();
            byte[] key = keys.get(id);
            WMBusMessage message = Jmbus.decode(telegram, Map.of(address, key));
            Meter meter = meters.get(id);
            assertThat(address.getManufacturerId()).isEqualTo(meter.manufacturer());
            assertThat(address.getDeviceType().getId()).isEqualTo(meter.device().deviceType);
            List<DataRecord> records = message.getVariableDataResponse().getDataRecords();
            Date date = (Date) records.get(1).getDataValue();
            LocalDateTime at = date.toInstant()
                    .atZone(ZoneId.systemDefault())
                    .toLocalDateTime()
                    .truncatedTo(ChronoUnit.MINUTES);
            Long raw = meant.get(id + "@" + at);
            assertThat(raw).as("a reading of %s at %s was simulated", id, at).isNotNull();
            double scale = meter.device().vif == 0x06 ? 1e3 : meter.device().registerUnit; // jMBus gives energy in Wh
            assertThat(records.get(0).getScaledDataValue())
                    .isCloseTo(raw * scale, org.assertj.core.data.Offset.offset(1e-6));
            decoded++;
            byte[] wrong = key.clone();
            wrong[decoded % 16] ^= 0x5A;
            assertThatThrownBy(() -> Jmbus.decode(telegram, Map.of(address, wrong)))
                    .isInstanceOf(DecodingException.class);
            refused++;
        }
        assertThat(decoded).isEqualTo(10_000);
        assertThat(refused).isEqualTo(10_000);
    }

    @Test
    void gatewaysDeliverSomeTelegramsLateAndSomeTwice() throws Exception {
        Map<String, byte[]> keys = keys();
        int duplicates = 0;
        int late = 0;
        for (Path file : list("wmbus")) {
            List<String> lines = Files.readAllLines(file);
            duplicates += lines.size() - new HashSet<>(lines).size();
            LocalDate delivered = LocalDate.parse(file.getFileName().toString().replace(".hex", ""));
            for (String hex : lines) {
                byte[] telegram = HexFormat.of().parseHex(hex);
                SecondaryAddress address = SecondaryAddress.newFromWMBusHeader(telegram, 2);
                WMBusMessage message = Jmbus.decode(
                        telegram, Map.of(address, keys.get(address.getDeviceId().toString())));
                Date sent = (Date) message.getVariableDataResponse()
                        .getDataRecords()
                        .get(1)
                        .getDataValue();
                LocalDate day = sent.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
                assertThat(day).isBeforeOrEqualTo(delivered);
                if (day.isBefore(delivered)) {
                    late++;
                }
            }
        }
        assertThat(duplicates).as("telegrams delivered twice").isPositive();
        assertThat(late).as("telegrams delivered on a later day").isPositive();
    }

    @Test
    void ticFramesCarryValidChecksumsInBothModes() throws IOException {
        Set<String> modes = new HashSet<>();
        for (Path file : list("tic")) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes[0]).isEqualTo((byte) 0x02);
            assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 0x03);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            for (String dataset : text.split("\n")) {
                int cr = dataset.indexOf('\r');
                if (cr < 0) {
                    continue;
                }
                String group = dataset.substring(0, cr);
                boolean standard = group.contains("\t");
                modes.add(standard ? "standard" : "historic");
                // Enedis-NOI-CPT_54E: historic sums label SP value; standard sums everything up to
                // the last tab, that tab included.
                String covered = group.substring(0, group.length() - (standard ? 1 : 2));
                int sum = 0;
                for (char c : covered.toCharArray()) {
                    sum += c;
                }
                assertThat(group.charAt(group.length() - 1)).as(group).isEqualTo((char) ((sum & 0x3F) + 0x20));
            }
        }
        assertThat(modes).containsExactlyInAnyOrder("standard", "historic");
    }

    @Test
    void senmlAndDataConnectFilesAreWhatTheirStandardsSay() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode pack = json.readTree(out.resolve("senml/2026-01-12.json").toFile());
        assertThat(pack.isArray()).isTrue();
        assertThat(pack.get(0).get("bt").asLong())
                .isEqualTo(LocalDate.of(2026, 1, 12).atStartOfDay(DemoCity.ZONE).toEpochSecond());
        assertThat(pack.get(0).get("bu").asText()).isEqualTo("Cel");
        for (JsonNode record : pack) {
            assertThat(record.get("n").asText()).matches("urn:dev:mac:[0-9a-f]{16}:temperature");
            assertThat(record.get("v").asDouble()).isBetween(5.0, 70.0);
        }
        Meter linky = city.fleet().of(Device.LINKY).get(0);
        JsonNode reading = json.readTree(out.resolve("dataconnect/" + linky.usagePointId() + "-2026-01.json")
                        .toFile())
                .get("meter_reading");
        assertThat(reading.get("usage_point_id").asText()).isEqualTo(linky.usagePointId());
        assertThat(reading.get("start").asText()).isEqualTo("2026-01-10");
        assertThat(reading.get("end").asText()).isEqualTo("2026-01-18");
        assertThat(reading.get("reading_type").get("unit").asText()).isEqualTo("Wh");
        assertThat(reading.get("interval_reading")).hasSize(8);
        long dataConnectTotal = 0;
        for (JsonNode i : reading.get("interval_reading")) {
            dataConnectTotal += Long.parseLong(i.get("value").asText());
        }
        long csvTotal = 0;
        for (Path file : list("csv")) {
            List<String> rows = Files.readAllLines(file);
            assertThat(rows.get(0)).isEqualTo("usage_point_id,start,end,value,unit");
            for (String row : rows) {
                if (row.startsWith(linky.usagePointId() + ",")) {
                    String[] f = row.split(",");
                    assertThat(f[4]).isEqualTo("Wh");
                    csvTotal += Long.parseLong(f[3]);
                }
            }
        }
        assertThat(csvTotal).isEqualTo(dataConnectTotal).isPositive();
    }

    private static Map<String, byte[]> keys() throws IOException {
        Map<String, byte[]> keys = new HashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("keys.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            keys.put(f[0], HexFormat.of().parseHex(f[1]));
        }
        return keys;
    }

    private static String key(Meter m) {
        return HexFormat.of().formatHex(m.key());
    }

    private static List<Path> list(String folder) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve(folder))) {
            return files.sorted().toList();
        }
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return all;
    }
}
