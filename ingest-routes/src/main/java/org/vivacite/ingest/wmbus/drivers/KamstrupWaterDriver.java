package org.vivacite.ingest.wmbus.drivers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.wmbus.ManufacturerData;
import org.vivacite.ingest.wmbus.WMBusDriver;
import org.vivacite.ingest.wmbus.WmbusTelegram;

/**
 * The alarms of Kamstrup water meters (KAM and KAW: Multical 21, flowIQ), from the "info codes"
 * record of their standard telegrams: DIF 02, VIF FF, VIFE 20, two bytes least significant first.
 *
 * <ul>
 *   <li>Bits 0 to 3 are the alarms set now: dry (the pipe is empty, 0x01), reverse (water flows
 *       back, 0x02), leak (0x04), burst (0x08).
 *   <li>Then, three bits each, in the same order from bit 4, how long each has lasted, as a class:
 *       1: 1–8 hours, 2: 9–24 hours, 3: 2–3 days, 4: 4–7 days, 5: 8–14 days, 6: 15–21 days, 7:
 *       22–31 days (0: not said).
 * </ul>
 *
 * Each alarm set now is one reading: {@code waterMeterDryAlarm}, {@code waterMeterBackflowAlarm},
 * {@code waterMeterLeakAlarm} or {@code waterMeterBurstAlarm}, whose value is the lower bound of
 * its duration class in hours (0 when the meter does not say): so a reading says both that the
 * meter reports the alarm and, in the meter's own terms, since when at least. An alarm not set is
 * no reading: the meter's register readings, which every telegram carries, say the meter was heard
 * without it. A telegram without the record (the flowIQ 2200's 4-byte record {@code 04 FF 23},
 * whose bits no public document describes, is not it) gives no alarm reading.
 *
 * <p>Format read from the meters' data sheets and checked against the reference telegrams of
 * wmbusmeters' {@code kamwater} tests (KamstrupWaterDriverTest); no code of theirs is used.
 */
public final class KamstrupWaterDriver implements WMBusDriver {

    /** EN 13757-3 device types of water meters: warm (06), water (07), hot (15), cold (16). */
    private static final Set<Integer> WATER = Set.of(0x06, 0x07, 0x15, 0x16);

    /** The alarms in bit order, by the quantity each reading is of. */
    public static final List<String> ALARMS =
            List.of("waterMeterDryAlarm", "waterMeterBackflowAlarm", "waterMeterLeakAlarm", "waterMeterBurstAlarm");

    /** The lower bound of each duration class, hours (class 0: not said). */
    private static final int[] CLASS_HOURS = {0, 1, 9, 48, 96, 192, 360, 528};

    @Override
    public boolean readsManufacturerData(String manufacturer, int deviceType, int version) {
        return (manufacturer.equals("KAM") || manufacturer.equals("KAW")) && WATER.contains(deviceType);
    }

    @Override
    public List<DecodedReading> decodeManufacturerData(WmbusTelegram t, ManufacturerData data, Instant time) {
        for (byte[] r : data.records()) {
            if (r.length == 5 && r[0] == 0x02 && (r[1] & 0xFF) == 0xFF && r[2] == 0x20) {
                return alarms(t, (r[3] & 0xFF) | (r[4] & 0xFF) << 8, time);
            }
        }
        return List.of();
    }

    /** The readings of the alarms set in an info-codes word. */
    static List<DecodedReading> alarms(WmbusTelegram t, int infoCodes, Instant time) {
        List<DecodedReading> out = new ArrayList<>();
        for (int bit = 0; bit < ALARMS.size(); bit++) {
            if ((infoCodes & (1 << bit)) != 0) {
                int durationClass = (infoCodes >> (4 + 3 * bit)) & 0x07;
                out.add(DecodedReading.at(
                        t.meterId(),
                        t.manufacturer(),
                        ALARMS.get(bit),
                        BigDecimal.valueOf(CLASS_HOURS[durationClass]),
                        time));
            }
        }
        return out;
    }
}
