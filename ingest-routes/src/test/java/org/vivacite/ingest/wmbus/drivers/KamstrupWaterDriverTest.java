package org.vivacite.ingest.wmbus.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.wmbus.MeterKeys;
import org.vivacite.ingest.wmbus.WmbusDecoder;

/**
 * Kamstrup water meters' alarms: telegrams built here, then the reference telegrams of
 * wmbusmeters' {@code kamwater} tests (GPL-3.0 test data, read from the shared reference folder,
 * {@code vivacite.reference.dir}, never copied here) against the statuses wmbusmeters expects.
 */
class KamstrupWaterDriverTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final HexFormat HEX = HexFormat.of();
    /** KAM 12345678, version 1B, water (07), no transport header. */
    private static final String HEAD = "00442D2C785634121B07" + "78";

    private static final String VOLUME = "0413" + "39300100"; // 77.881 m³
    private static final String DATE = "046D" + "2D064C31"; // 2026-01-12 06:45

    private static byte[] telegram(String infoCodes) {
        byte[] t = HEX.parseHex(HEAD + "02FF20" + infoCodes + VOLUME + DATE);
        t[0] = (byte) (t.length - 1);
        return t;
    }

    private static WmbusDecoder decoder() {
        return new WmbusDecoder(MeterKeys.none(), PARIS, List.of(new KamstrupWaterDriver()));
    }

    private static Map<String, BigDecimal> values(List<DecodedReading> readings) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        readings.forEach(r -> out.put(r.quantity(), r.value()));
        return out;
    }

    @Test
    void readsALeakWithItsDurationClassBesideTheVolume() {
        // leak (bit 2) for 4–7 days: class 4 in bits 10–12
        List<DecodedReading> readings = decoder().decode(telegram("0410"));
        assertThat(readings)
                .contains(DecodedReading.at(
                        "12345678",
                        "KAM",
                        "waterMeterLeakAlarm",
                        BigDecimal.valueOf(96),
                        LocalDateTime.of(2026, 1, 12, 6, 45).atZone(PARIS).toInstant()));
        assertThat(values(readings))
                .containsOnlyKeys("waterVolume", "waterMeterLeakAlarm")
                .containsEntry("waterVolume", new BigDecimal("77.881"));
    }

    @Test
    void readsEveryAlarmSetWithTheLowerBoundOfItsClass() {
        // dry 1–8 h (class 1), reverse 9–24 h (2), leak 2–3 days (3), burst 22–31 days (7)
        int word = 0x0F | 1 << 4 | 2 << 7 | 3 << 10 | 7 << 13;
        String info = String.format("%02X%02X", word & 0xFF, word >> 8);
        assertThat(values(decoder().decode(telegram(info))))
                .containsEntry("waterMeterDryAlarm", BigDecimal.valueOf(1))
                .containsEntry("waterMeterBackflowAlarm", BigDecimal.valueOf(9))
                .containsEntry("waterMeterLeakAlarm", BigDecimal.valueOf(48))
                .containsEntry("waterMeterBurstAlarm", BigDecimal.valueOf(528));
    }

    @Test
    void anAlarmNotSetIsNoReadingEvenWithADurationLeftInItsBits() {
        // no alarm now, a leak duration class still in the bits
        assertThat(values(decoder().decode(telegram("0018")))).containsOnlyKeys("waterVolume");
        // a burst set without a duration class: 0 hours
        assertThat(values(decoder().decode(telegram("0800")))).containsEntry("waterMeterBurstAlarm", BigDecimal.ZERO);
    }

    @Test
    void leavesOtherMetersAndDevicesAlone() {
        byte[] heat = telegram("0400");
        heat[9] = 0x04; // a heat meter of the same make
        assertThat(values(decoder().decode(heat))).doesNotContainKey("waterMeterLeakAlarm");
        byte[] other = telegram("0400");
        other[2] = 0x01; // another manufacturer
        other[3] = 0x06;
        assertThat(values(decoder().decode(other))).doesNotContainKey("waterMeterLeakAlarm");
    }

    @Test
    void isRegisteredForTheServiceLoader() {
        assertThat(values(new WmbusDecoder(MeterKeys.none(), PARIS).decode(telegram("0400"))))
                .containsEntry("waterMeterLeakAlarm", BigDecimal.ZERO);
    }

    /** wmbusmeters' names of the statuses, in bit order, and of their durations. */
    private static final List<String> STATUS = List.of("DRY", "REVERSED", "LEAK", "BURST");

    private static final List<String> ALARMS = KamstrupWaterDriver.ALARMS;

    /**
     * The reference telegrams, read in order by one decoder as a gateway's stream (a compact frame
     * needs its meter's full frame first). Each one the decoder reads gives exactly the alarms
     * wmbusmeters' {@code current_status} names, each with the duration class of its {@code time_…}
     * field; the volume matches {@code total_m3}. The ones it cannot read, and why:
     *
     * <ul>
     *   <li>the flowIQ 2200 telegrams (KAW 52525252, 23813076) carry a 4-byte record {@code 04 FF
     *       23} instead of the info codes; wmbusmeters too gives no {@code current_status} for them:
     *       no alarm is read (their volume is);
     *   <li>two compact frames (CI 79) whose layout the decoder has not seen in a full frame of
     *       their meter, so it refuses them: KAW 54084283's (no full frame of it in the file), and
     *       KAW 23813076's second (its format signature is not that of the full frame before it).
     *       Neither is of the info-codes kind anyway: they are flowIQ 2200s.
     * </ul>
     */
    @Test
    void readsTheReferenceTelegramsAsWmbusmetersDoes() throws IOException {
        Path tsv = Path.of(System.getProperty("vivacite.reference.dir", "../../shared/reference"))
                .resolve("01_wmbus/wmbusmeters/wmbusmeters_driver_tests.tsv");
        assertThat(tsv)
                .as("the shared reference telegrams (vivacite.reference.dir)")
                .exists();
        ObjectMapper json = new ObjectMapper();
        WmbusDecoder decoder = new WmbusDecoder(MeterKeys.none(), PARIS);
        List<String> withAlarmsRead = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t", -1);
            if (!f[0].equals("kamwater")) {
                continue;
            }
            rows++;
            String id = f[3];
            JsonNode expected = json.readTree(unquote(f[6]));
            String hex = f[5].replaceAll("[_\\s]", "");
            List<DecodedReading> readings;
            try {
                readings = decoder.decode(hex);
            } catch (DecodeException e) {
                refused.add(id);
                assertThat(e.getMessage()).as(id).contains("compact frame");
                continue;
            }
            Map<String, BigDecimal> got = values(readings);
            assertThat(got.get("waterVolume"))
                    .as(id + " volume")
                    .isEqualByComparingTo(expected.get("total_m3").decimalValue());
            if (!expected.has("current_status")) {
                assertThat(got.keySet()).as(id).doesNotContainAnyElementsOf(ALARMS);
                continue;
            }
            List<String> names = expected.get("current_status").asText().isEmpty()
                    ? List.of()
                    : List.of(expected.get("current_status").asText().split(" "));
            Map<String, BigDecimal> alarms = new LinkedHashMap<>();
            got.forEach((q, v) -> {
                if (ALARMS.contains(q)) {
                    alarms.put(q, v);
                }
            });
            assertThat(alarms.keySet())
                    .as(id + " alarms")
                    .containsExactlyInAnyOrderElementsOf(names.stream()
                            .map(n -> ALARMS.get(STATUS.indexOf(n)))
                            .toList());
            for (String n : names) {
                String time = expected.get(List.of("time_dry", "time_reversed", "time_leaking", "time_bursting")
                                .get(STATUS.indexOf(n)))
                        .asText();
                assertThat(alarms.get(ALARMS.get(STATUS.indexOf(n))))
                        .as(id + " " + n + " " + time)
                        .isEqualByComparingTo(lowerBoundHours(time));
            }
            withAlarmsRead.add(id);
        }
        assertThat(rows).isEqualTo(8);
        assertThat(refused).containsExactly("23813076", "54084283");
        assertThat(withAlarmsRead).containsExactly("76348799", "76348799", "44556677", "44556677");
    }

    /** "22-31 days" → 528, "1-8 hours" → 1. */
    private static BigDecimal lowerBoundHours(String time) {
        String[] p = time.split("[- ]");
        int low = Integer.parseInt(p[0]);
        return BigDecimal.valueOf(p[2].startsWith("day") ? low * 24L : low);
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"")
                ? s.substring(1, s.length() - 1).replace("\"\"", "\"")
                : s;
    }

    @Test
    void aTruncatedInfoCodesRecordIsNoAlarm() {
        // a truncated info-codes record is no alarm: the record walk stops before it
        byte[] t = HEX.parseHex(HEAD + VOLUME + "02FF2004");
        t[0] = (byte) (t.length - 1);
        assertThat(values(decoder().decode(t))).containsOnlyKeys("waterVolume");
    }
}
