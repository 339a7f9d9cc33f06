package org.vivacite.ingest.wmbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;

/**
 * Measures how many of the wmbusmeters driver tests our decoder reads to the main register
 * wmbusmeters expects. Not a unit test: the vectors are GPL-3.0 and stay in the shared reference
 * folder, outside this repository. Run from the repository root:
 *
 * <pre>
 * java -cp … org.vivacite.ingest.wmbus.WmbusmetersShare [path/to/wmbusmeters_driver_tests.tsv]
 * </pre>
 *
 * <p>The vectors are read in order by one decoder, as the telegrams of a gateway's stream, with the
 * drivers registered in {@code META-INF/services}; of a vector of several telegrams, the last one is
 * judged (as wmbusmeters does), the earlier ones only teach the decoder compact-frame layouts.
 *
 * <p>The main register of a vector is the first of {@link #MAIN_REGISTERS} in its expected JSON;
 * it matches when a reading of a quantity of the same kind (volume, energy, allocation units,
 * temperature) has the expected value after unit conversion.
 */
public final class WmbusmetersShare {

    private static final Set<String> VOLUMES = Set.of("waterVolume", "gasVolume", "heatVolume");
    private static final Set<String> ENERGIES = Set.of("heatEnergy", "electricityEnergyWithdrawn", "coldEnergy");
    private static final Set<String> ALLOCATIONS = Set.of("heatCostAllocation");
    private static final Set<String> TEMPERATURES =
            Set.of("roomTemperature", "heatFlowTemperature", "heatReturnTemperature", "outdoorTemperature");

    /** The JSON fields taken for a main register, in order of preference, with the kind of quantity. */
    static final Map<String, Set<String>> MAIN_REGISTERS = mainRegisters();

    private WmbusmetersShare() {}

    private static Map<String, Set<String>> mainRegisters() {
        Map<String, Set<String>> m = new java.util.LinkedHashMap<>();
        m.put("total_m3", VOLUMES);
        m.put("total_energy_consumption_kwh", ENERGIES);
        m.put("total_energy_kwh", ENERGIES);
        m.put("total_kwh", ENERGIES);
        m.put("total_volume_m3", VOLUMES);
        m.put("total_heating_kwh", ENERGIES);
        m.put("current_consumption_hca", ALLOCATIONS);
        m.put("current_hca", ALLOCATIONS);
        m.put("consumption_hca", ALLOCATIONS);
        m.put("current_temperature_c", TEMPERATURES);
        m.put("temperature_c", TEMPERATURES);
        return m;
    }

    public static void main(String[] args) throws IOException {
        Path tsv = Path.of(
                args.length > 0 ? args[0] : "../shared/reference/01_wmbus/wmbusmeters/wmbusmeters_driver_tests.tsv");
        List<String> lines = Files.readAllLines(tsv);
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, Integer> byDriverFailing = new TreeMap<>();
        boolean detail = args.length > 1 && args[1].equals("--detail");
        int rows = 0;
        // one decoder for the whole file, read in order as a gateway's stream: compact frames (CI
        // 79) can then use the layout of the full frame their meter sent before; keys by vector
        byte[][] rowKey = new byte[1][];
        MeterKeys keys = (manufacturer, meterId) -> Optional.ofNullable(rowKey[0]);
        WmbusDecoder decoder = new WmbusDecoder(keys, WmbusDecoder.DEFAULT_ZONE, drivers());
        int withRegister = 0;
        int matched = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            rows++;
            String[] f = line.split("\t", -1);
            String driver = f[0];
            String keyHex = f[4];
            JsonNode expected = json.readTree(unquote(f[6]));
            String register = null;
            for (String name : MAIN_REGISTERS.keySet()) {
                if (expected.has(name) && expected.get(name).isNumber()) {
                    register = name;
                    break;
                }
            }
            if (register == null) {
                failures.merge("no main register in the expected JSON", 1, Integer::sum);
                continue;
            }
            withRegister++;
            rowKey[0] = keyHex.matches("[0-9A-Fa-f]{32}") ? HexFormat.of().parseHex(keyHex) : null;
            String[] telegrams = f[5].replaceAll("[_|\\s]", "").split(",");
            for (int i = 0; i < telegrams.length - 1; i++) {
                try {
                    decoder.decode(telegrams[i]); // earlier telegrams of the row: only what the decoder learns
                } catch (DecodeException e) {
                    // the vector is judged on its last telegram
                }
            }
            String reason;
            try {
                List<DecodedReading> readings = decoder.decode(telegrams[telegrams.length - 1]);
                reason = compare(
                        readings,
                        MAIN_REGISTERS.get(register),
                        expected.get(register).decimalValue());
                if (reason != null && detail) {
                    System.out.printf(
                            "%s %s %s=%s: %s%n",
                            driver,
                            f[3],
                            register,
                            expected.get(register),
                            readings.stream()
                                    .map(r -> r.quantity() + "=" + r.value().toPlainString())
                                    .toList());
                }
            } catch (DecodeException e) {
                reason = e.getClass().getSimpleName() + ": "
                        + e.getMessage().replaceFirst("^meter [A-Z@\\[\\\\\\]^_`]{3} \\S+: ", "");
                if (detail) {
                    System.out.printf("%s %s %s: %s%n", driver, f[3], register, reason);
                }
            }
            if (reason == null) {
                matched++;
            } else {
                failures.merge(
                        reason.replaceAll("\\d+ bytes", "n bytes").replaceAll("L-field \\d+", "L-field n"),
                        1,
                        Integer::sum);
                byDriverFailing.merge(driver, 1, Integer::sum);
            }
        }
        System.out.printf("rows %d, with a main register %d, matched %d%n", rows, withRegister, matched);
        System.out.printf("share of vectors with a main register: %.1f %%%n", 100.0 * matched / withRegister);
        System.out.printf("share of all rows: %.1f %%%n", 100.0 * matched / rows);
        System.out.println("failure reasons:");
        failures.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("%5d  %s%n", e.getValue(), e.getKey()));
        if (args.length > 1 && args[1].equals("--drivers")) {
            System.out.println("failing drivers: " + byDriverFailing);
        }
    }

    private static List<WMBusDriver> drivers() {
        List<WMBusDriver> drivers = new java.util.ArrayList<>();
        for (WMBusDriver driver : java.util.ServiceLoader.load(WMBusDriver.class)) {
            driver.init(Map.of());
            drivers.add(driver);
        }
        return drivers;
    }

    private static String compare(List<DecodedReading> readings, Set<String> kind, BigDecimal expected) {
        boolean any = false;
        for (DecodedReading r : readings) {
            if (kind.contains(r.quantity())) {
                any = true;
                BigDecimal tolerance = expected.abs().max(BigDecimal.ONE).movePointLeft(6);
                if (r.value().subtract(expected).abs().compareTo(tolerance) <= 0) {
                    return null;
                }
            }
        }
        return any ? "value differs from the expected one" : "no reading of that kind of quantity";
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }
}
