package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vivacite.ingest.pipeline.PipelineFixture.dec;
import static org.vivacite.ingest.pipeline.PipelineFixture.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.simulator.senml.SenmlPack;

/**
 * A household's consent is a granularity: the private store keeps its data at the step it
 * consented to ({@code P1D}, {@code PT1H}, {@code PT30M}) and nothing finer, whatever the format:
 * registers on step boundaries, amounts over whole steps (finer ones summed into their step when
 * the payload has it whole, else withheld), no sample of a supply; and what is not kept is counted
 * by reason. Real pipeline, real LMDB store and rollups; TIC frames are the reference frame of
 * {@code shared/reference/02_linky_tic} (linkytic), given other times and values.
 */
class ConsentTest {

    /** The meter of the reference frame (ADSC). */
    private static final String LINKY = "012345678910";

    private static final String PRM = "12345678901234";
    private static final String SENSOR = "0024befffe804ff1";
    private static final String WATER = "12345678";
    private static final String[] SUPPLY_SAMPLES = {
        "electricityApparentPower", "electricityCurrent", "electricityVoltage"
    };

    /** 2026-02-10 00:00 in Paris (UTC+1), the day the tests run over. */
    private static final LocalDateTime MIDNIGHT = LocalDateTime.of(2026, 2, 10, 0, 0);

    @TempDir
    Path dir;

    PipelineFixture f;
    final Map<String, Integer> withheld = new TreeMap<>();

    @BeforeEach
    void open() {
        f = new PipelineFixture(dir, true);
        f.pipeline.listener(new IngestListener() {
            @Override
            public void withheld(String source, String reason, int readings) {
                withheld.merge(reason, readings, Integer::sum);
            }
        });
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** A household of dwelling DW-1: its Linky (TIC, and its delivery point in DSO exports), a room sensor, a water meter. */
    private void household(String consent) {
        f.waterMeter(WATER, "DW-1", consent);
        f.registry.register(MeterCsv.parse(
                PipelineFixture.HEADER + "\n"
                        + LINKY + ",Sagemcom,electricity,DW-1,linky,electricityEnergyWithdrawn,tic,BLDG00000001,"
                        + PRM + "," + consent + ",,,gw-1\n"
                        + SENSOR + ",ACME,none,DW-1,room-sensor,roomTemperature,senml,BLDG00000001,," + consent
                        + ",,,gw-1\n",
                "test"));
    }

    // ---------------------------------------------------------------------------------------- TIC

    /**
     * The reference standard-mode frame with another time and values: DATE, EAST and EASF01 (Wh),
     * SINSTS (VA), IRMS1 (A), URMS1 (V), each with its checksum made again.
     */
    static byte[] frame(LocalDateTime local, long wattHours, int voltAmperes) {
        String[] lines = new String(reference(), StandardCharsets.US_ASCII).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String label = line.split("\t", -1)[0];
            String changed = switch (label) {
                case "DATE" -> dataset("DATE", "H" + local.format(DateTimeFormatter.ofPattern("yyMMddHHmmss")), "");
                case "EAST", "EASF01" -> dataset(label, String.format("%09d", wattHours));
                case "SINSTS" -> dataset(label, String.format("%05d", voltAmperes));
                case "IRMS1" -> dataset(label, String.format("%03d", voltAmperes / 230));
                case "URMS1" -> dataset(label, "230");
                default -> null;
            };
            if (changed != null) {
                line = changed + line.substring(line.lastIndexOf('\r'));
            }
            out.append(line);
            if (i + 1 < lines.length) {
                out.append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A standard-mode dataset: its fields separated by HT, then HT and its checksum. */
    private static String dataset(String... fields) {
        String body = String.join("\t", fields) + "\t";
        int sum = 0;
        for (char c : body.toCharArray()) {
            sum += c;
        }
        return body + (char) ((sum & 0x3F) + 0x20);
    }

    private static byte[] reference() {
        try (InputStream in =
                ConsentTest.class.getResourceAsStream("/tic/frames/standard_linkytic_test_parser_BASE.bin")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Linky's frames of every second from {@code from} to {@code to} (inclusive): one Wh a second, 3 600 VA. */
    private static List<byte[]> everySecond(LocalDateTime from, LocalDateTime to) {
        List<byte[]> frames = new ArrayList<>();
        for (LocalDateTime t = from; !t.isAfter(to); t = t.plusSeconds(1)) {
            frames.add(frame(t, register(t), 3_600));
        }
        return frames;
    }

    /** The Linky's total register at a local time: 3 519 703 Wh at midnight, one Wh a second. */
    private static long register(LocalDateTime t) {
        return 3_519_703L + java.time.Duration.between(MIDNIGHT, t).toSeconds();
    }

    /** Sends frames as a TIC box posts them: a payload a minute (60 frames). */
    private void send(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i += 60) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            frames.subList(i, Math.min(frames.size(), i + 60)).forEach(payload::writeBytes);
            Outcome o =
                    f.pipeline.accept(http(Format.TIC, new String(payload.toByteArray(), StandardCharsets.ISO_8859_1)));
            assertThat(o.rejections()).as("payload %d", i / 60).isEmpty();
        }
    }

    private static String utc(LocalDateTime local) {
        return local.atZone(PipelineFixture.ZONE).toInstant().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "PT1H", "PT30M"})
    void aTicStreamKeepsItsRegistersAtTheConsentedStepsAndNoSampleOfTheSupply(String consent) {
        household(consent);
        List<byte[]> frames = new ArrayList<>();
        // every second around midnight, 00:17, 00:30 and 01:00, and the next midnight
        for (LocalDateTime at : List.of(
                MIDNIGHT,
                MIDNIGHT.plusMinutes(17),
                MIDNIGHT.plusMinutes(30),
                MIDNIGHT.plusHours(1),
                MIDNIGHT.plusDays(1))) {
            frames.addAll(everySecond(at.minusSeconds(2), at.plusSeconds(2)));
        }

        send(frames);

        List<LocalDateTime> boundaries = switch (consent) {
            case "P1D" -> List.of(MIDNIGHT, MIDNIGHT.plusDays(1));
            case "PT1H" -> List.of(MIDNIGHT, MIDNIGHT.plusHours(1), MIDNIGHT.plusDays(1));
            default -> List.of(MIDNIGHT, MIDNIGHT.plusMinutes(30), MIDNIGHT.plusHours(1), MIDNIGHT.plusDays(1));
        };
        Map<String, BigDecimal> registers = new TreeMap<>();
        boundaries.forEach(
                t -> registers.put(utc(t), BigDecimal.valueOf(register(t)).movePointLeft(3)));
        assertSameValues(f.values("electricityEnergyWithdrawn"), registers);
        // the per-period registers (EASF01…10) at the same instants only
        assertThat(perPeriodInstants()).containsExactlyElementsOf(new TreeSet<>(registers.keySet()));
        for (String sample : SUPPLY_SAMPLES) {
            assertThat(f.allValues(sample)).as(sample).isEmpty();
        }
        // consumption: the day, and the hour from midnight for an hourly (or finer) consent
        Map<String, BigDecimal> consumed = f.values("electricityEnergyConsumed");
        hasValue(consumed, utc(MIDNIGHT) + "/P1D", "86.4");
        if (consent.equals("P1D")) {
            assertThat(consumed).hasSize(1);
        } else {
            hasValue(consumed, utc(MIDNIGHT) + "/PT1H", "3.6");
            assertThat(consumed.keySet()).allMatch(k -> k.endsWith("/P1D") || k.contains("/PT"));
        }
        // what was not kept is counted: 11 registers of each frame off a boundary, 3 samples of every frame
        int off = frames.size() - boundaries.size();
        assertThat(withheld).containsEntry("between-steps", 11 * off).containsEntry("instantaneous", 3 * frames.size());
        // the rollups hold the day, as derived from the midnight registers
        assertThat(f.rollupSums().values()).containsExactly("86.4 x1");
    }

    private Set<String> perPeriodInstants() {
        Set<String> instants = new TreeSet<>();
        f.values("electricityEnergyWithdrawnPerPeriod")
                .keySet()
                .forEach(k -> instants.add(k.substring(k.indexOf('/') + 1)));
        return instants;
    }

    /** The trap: a household that consented to PT1H and whose TIC box sends every frame, every second. */
    @Test
    void aHouseholdOfHourlyConsentWhoseTicSendsEverySecondKeepsHourlyRegistersOnly() {
        household("PT1H");
        List<byte[]> frames = new ArrayList<>();
        frames.addAll(everySecond(MIDNIGHT.minusSeconds(30), MIDNIGHT.plusSeconds(30)));
        frames.addAll(everySecond(
                MIDNIGHT.plusHours(10).minusSeconds(30), MIDNIGHT.plusHours(11).plusSeconds(30)));
        frames.addAll(everySecond(
                MIDNIGHT.plusDays(1).minusSeconds(30), MIDNIGHT.plusDays(1).plusSeconds(30)));

        send(frames);

        List<LocalDateTime> hours =
                List.of(MIDNIGHT, MIDNIGHT.plusHours(10), MIDNIGHT.plusHours(11), MIDNIGHT.plusDays(1));
        Map<String, BigDecimal> registers = new TreeMap<>();
        hours.forEach(t -> registers.put(utc(t), BigDecimal.valueOf(register(t)).movePointLeft(3)));
        assertSameValues(f.values("electricityEnergyWithdrawn"), registers);
        assertThat(perPeriodInstants()).containsExactlyElementsOf(new TreeSet<>(registers.keySet()));
        for (String sample : SUPPLY_SAMPLES) {
            assertThat(f.allValues(sample)).as(sample).isEmpty();
        }
        // nothing finer than an hour was derived, and the rollups hold only the day
        Map<String, BigDecimal> consumed = f.values("electricityEnergyConsumed");
        hasValue(consumed, utc(MIDNIGHT.plusHours(10)) + "/PT1H", "3.6");
        hasValue(consumed, utc(MIDNIGHT) + "/P1D", "86.4");
        assertThat(consumed.keySet()).noneMatch(k -> k.matches(".*/PT\\d+M.*|.*/PT\\d+S"));
        assertThat(f.rollupSums().values()).containsExactly("86.4 x1");
        assertThat(withheld)
                .containsEntry("between-steps", 11 * (frames.size() - hours.size()))
                .containsEntry("instantaneous", 3 * frames.size());
    }

    /** A value at that instant (or interval), whatever its scale. */
    private static void hasValue(Map<String, BigDecimal> values, String key, String expected) {
        assertThat(values).containsKey(key);
        assertThat(values.get(key)).as(key).isEqualByComparingTo(expected);
    }

    /** The same instants (or intervals) with equal values, whatever their scale. */
    private static void assertSameValues(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualByComparingTo(v));
    }

    // -------------------------------------------------------------------------------------- wM-Bus

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "PT1H", "PT30M"})
    void wmbusTelegramsKeepTheirRegisterAtTheConsentedStepsAndNoFlow(String consent) {
        household(consent);
        StringBuilder lines = new StringBuilder();
        for (int m = 0; m <= 60; m += 15) {
            lines.append(f.telegram(WATER, 1_000 + m, MIDNIGHT.plusMinutes(m), 120))
                    .append('\n');
        }
        lines.append(f.telegram(WATER, 2_000, MIDNIGHT.plusDays(1), 120)).append('\n');

        Outcome o = f.pipeline.accept(http(Format.WMBUS, lines.toString()));

        assertThat(o.rejections()).isEmpty();
        Map<String, BigDecimal> expected = new TreeMap<>();
        expected.put(utc(MIDNIGHT), dec("1.000"));
        expected.put(utc(MIDNIGHT.plusDays(1)), dec("2.000"));
        if (!consent.equals("P1D")) {
            expected.put(utc(MIDNIGHT.plusHours(1)), dec("1.060"));
        }
        if (consent.equals("PT30M")) {
            expected.put(utc(MIDNIGHT.plusMinutes(30)), dec("1.030"));
        }
        assertSameValues(f.values("waterVolume"), expected);
        assertThat(f.allValues("waterFlow")).isEmpty();
        Map<String, BigDecimal> consumed = f.values("waterVolumeConsumed");
        hasValue(consumed, utc(MIDNIGHT) + "/P1D", "1.000");
        if (consent.equals("P1D")) {
            assertThat(consumed).hasSize(1);
        } else {
            hasValue(consumed, utc(MIDNIGHT) + "/PT1H", "0.060");
        }
        int kept = expected.size();
        assertThat(withheld).containsEntry("between-steps", 6 - kept).containsEntry("instantaneous", 6);
        assertThat(f.rollupSums().values()).containsExactly("1 x1");
    }

    // --------------------------------------------------------------------------------------- SenML

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "PT1H", "PT30M"})
    void senmlRoomTemperaturesKeepOneSampleAStep(String consent) {
        household(consent);
        long midnight = MIDNIGHT.atZone(PipelineFixture.ZONE).toEpochSecond();
        SenmlPack pack = new SenmlPack().baseName("urn:dev:mac:" + SENSOR + ":").baseTime(midnight);
        for (int m = 0; m <= 60; m += 10) {
            pack.add("temperature", "Cel", 20 + m / 10, m * 60);
        }

        Outcome o = f.pipeline.accept(http(Format.SENML, new String(pack.json(), StandardCharsets.UTF_8)));

        assertThat(o.rejections()).isEmpty();
        Map<String, BigDecimal> expected = new TreeMap<>();
        expected.put(utc(MIDNIGHT), dec("20"));
        if (!consent.equals("P1D")) {
            expected.put(utc(MIDNIGHT.plusHours(1)), dec("26"));
        }
        if (consent.equals("PT30M")) {
            expected.put(utc(MIDNIGHT.plusMinutes(30)), dec("23"));
        }
        assertSameValues(f.values("roomTemperature"), expected);
        assertThat(withheld).containsEntry("between-steps", 7 - expected.size());
    }

    // ---------------------------------------------------------------------------- DSO load curves

    /** A DSO CSV file of the day: the load curve (W) every half hour, and its energy (Wh) every half hour. */
    private static String dsoDay(int halfHours) {
        return dsoDay(MIDNIGHT.toLocalDate(), halfHours);
    }

    /** A DSO CSV file of a day from its local midnight: half hours of the time line, 46 to 50 in a day. */
    private static String dsoDay(java.time.LocalDate day, int halfHours) {
        StringBuilder csv = new StringBuilder("usage_point_id,start,end,value,unit\n");
        for (int i = 0; i < halfHours; i++) {
            ZonedDateTime start = day.atStartOfDay(PipelineFixture.ZONE).plusMinutes(30L * i);
            ZonedDateTime end = start.plusMinutes(30);
            csv.append(PRM + "," + start.toOffsetDateTime() + "," + end.toOffsetDateTime() + "," + (500 + 10 * i)
                    + ",W\n");
            csv.append(PRM + "," + start.toOffsetDateTime() + "," + end.toOffsetDateTime() + "," + (250 + 5 * i)
                    + ",Wh\n");
        }
        return csv.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "PT1H", "PT30M"})
    void aDsoLoadCurveIsKeptAtTheConsentedStepHalfHoursAveragedAndSummedIntoIt(String consent) {
        household(consent);

        Outcome o = f.pipeline.accept(http(Format.CSV, dsoDay(48)));

        assertThat(o.rejections()).isEmpty();
        Map<String, BigDecimal> power = f.values("electricityAveragePower");
        Map<String, BigDecimal> energy = f.values("electricityEnergyConsumed");
        switch (consent) {
            case "PT30M" -> {
                assertThat(power).hasSize(48);
                hasValue(power, utc(MIDNIGHT.plusMinutes(30)) + "/PT30M", "510");
                assertThat(energy).hasSize(48);
                hasValue(energy, utc(MIDNIGHT.plusMinutes(30)) + "/PT30M", "0.255");
            }
            case "PT1H" -> {
                // each hour: the mean of its two half hours' powers, the sum of their energies
                assertThat(power).hasSize(24);
                hasValue(power, utc(MIDNIGHT.plusHours(1)) + "/PT1H", "525");
                assertThat(energy).hasSize(24);
                hasValue(energy, utc(MIDNIGHT.plusHours(1)) + "/PT1H", "0.525");
            }
            default -> {
                // the day: mean power 500 + 10 × 23.5, energy 48 × 250 + 5 × 1 128 Wh
                assertSameValues(power, Map.of(utc(MIDNIGHT) + "/P1D", dec("735")));
                assertSameValues(energy, Map.of(utc(MIDNIGHT) + "/P1D", dec("17.64")));
            }
        }
        assertThat(withheld).isEmpty();
        // the rollups take whole days only: the day made of the half hours for a daily consent, nothing finer
        if (consent.equals("P1D")) {
            assertThat(f.rollupSums().values()).containsExactly("17.64 x1");
        } else {
            assertThat(f.rollupSums()).isEmpty();
        }
    }

    @Test
    void finerAmountsOfAStepThePayloadDoesNotCoverWholeAreWithheldAndCounted() {
        household("PT1H");

        // 00:00 to 01:30: the hour from 01:00 has only its first half
        f.pipeline.accept(http(Format.CSV, dsoDay(3)));

        assertSameValues(f.values("electricityAveragePower"), Map.of(utc(MIDNIGHT) + "/PT1H", dec("505")));
        assertSameValues(f.values("electricityEnergyConsumed"), Map.of(utc(MIDNIGHT) + "/PT1H", dec("0.505")));
        assertThat(withheld).containsOnly(Map.entry("partial-step", 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "PT1H"})
    void onTheDayTheClocksGoBackItsFiftyHalfHoursMakeTheDayOrItsTwentyFiveHours(String consent) {
        household(consent);
        java.time.LocalDate day = java.time.LocalDate.of(2025, 10, 26);

        f.pipeline.accept(http(Format.CSV, dsoDay(day, 50)));

        String midnight = day.atStartOfDay(PipelineFixture.ZONE).toInstant().toString();
        Map<String, BigDecimal> power = f.values("electricityAveragePower");
        Map<String, BigDecimal> energy = f.values("electricityEnergyConsumed");
        if (consent.equals("P1D")) {
            // 25 hours: mean power 500 + 10 × 24.5, energy 50 × 250 + 5 × 1 225 Wh
            assertSameValues(power, Map.of(midnight + "/P1D", dec("745")));
            assertSameValues(energy, Map.of(midnight + "/P1D", dec("18.625")));
        } else {
            assertThat(power).hasSize(25);
            assertThat(energy).hasSize(25);
            // 02:00 CET, the second 02:00 of the night: half hours 6 and 7
            hasValue(power, "2025-10-26T01:00:00Z/PT1H", "565");
            hasValue(energy, "2025-10-26T01:00:00Z/PT1H", "0.565");
        }
        assertThat(withheld).isEmpty();
    }
}
