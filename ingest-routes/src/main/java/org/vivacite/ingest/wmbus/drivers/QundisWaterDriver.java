package org.vivacite.ingest.wmbus.drivers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.wmbus.ManufacturerData;
import org.vivacite.ingest.wmbus.WMBusDriver;
import org.vivacite.ingest.wmbus.WmbusTelegram;

/**
 * Qundis water meters (QDS, warm or cold water, or behind their radio converter) whose full
 * telegram puts the current volume inside one manufacturer-specific record (DIF 0D, VIF FF, VIFE
 * 5F, variable length): twelve bytes in, after the marker {@code C1 13 FF FF}, as 8 BCD digits of
 * litres. Telegrams without that record, or whose record does not carry the marker, are left to
 * the standard records.
 *
 * <p>Layout worked out from the bytes of telegrams against the volumes they stand for; only the
 * volume is read.
 */
public final class QundisWaterDriver implements WMBusDriver {

    private static final Set<Integer> WATER = Set.of(0x06, 0x07, 0x15, 0x16, 0x37);
    private static final int VOLUME_AT = 12;

    @Override
    public boolean readsManufacturerData(String manufacturer, int deviceType, int version) {
        return manufacturer.equals("QDS") && WATER.contains(deviceType);
    }

    @Override
    public List<DecodedReading> decodeManufacturerData(WmbusTelegram t, ManufacturerData data, Instant time) {
        for (byte[] r : data.records()) {
            if (r.length < 4 + VOLUME_AT + 4
                    || (r[0] & 0xFF) != 0x0D
                    || (r[1] & 0xFF) != 0xFF
                    || (r[2] & 0xFF) != 0x5F) {
                continue;
            }
            int d = 4; // after DIF, VIF, VIFE and the length byte
            if ((r[d + 8] & 0xFF) != 0xC1
                    || (r[d + 9] & 0xFF) != 0x13
                    || (r[d + 10] & 0xFF) != 0xFF
                    || (r[d + 11] & 0xFF) != 0xFF) {
                continue;
            }
            Long litres = bcd(r, d + VOLUME_AT, 4);
            if (litres != null) {
                return List.of(DecodedReading.at(
                        t.meterId(), t.manufacturer(), "waterVolume", BigDecimal.valueOf(litres, 3), time));
            }
        }
        return List.of();
    }

    /** BCD digits, least significant byte first; null when a nibble is not a digit. */
    private static Long bcd(byte[] b, int at, int length) {
        long value = 0;
        for (int i = at + length - 1; i >= at; i--) {
            int high = (b[i] >> 4) & 0x0F;
            int low = b[i] & 0x0F;
            if (high > 9 || low > 9) {
                return null;
            }
            value = value * 100 + high * 10 + low;
        }
        return value;
    }
}
