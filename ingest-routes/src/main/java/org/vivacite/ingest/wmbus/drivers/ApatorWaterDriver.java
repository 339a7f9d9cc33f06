package org.vivacite.ingest.wmbus.drivers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.wmbus.ManufacturerData;
import org.vivacite.ingest.wmbus.WMBusDriver;
import org.vivacite.ingest.wmbus.WmbusTelegram;

/**
 * Apator water meters (APA, device type 07, version 05) whose standard telegram carries all its
 * data after a DIF 0F: seven bytes of status, then fields each introduced by a tag byte, among
 * them the current volume (tag 10, litres, 4 bytes least significant first). The other fields are
 * skipped by their length, which the tag gives; an unknown tag before the volume stops the
 * reading with that reason.
 *
 * <p>Layout worked out from the bytes of telegrams against the volumes they stand for (no
 * manufacturer documentation is public); only the volume is read.
 */
public final class ApatorWaterDriver implements WMBusDriver {

    private static final int STATUS = 7;
    private static final int VOLUME = 0x10;

    @Override
    public boolean readsManufacturerData(String manufacturer, int deviceType, int version) {
        return manufacturer.equals("APA") && deviceType == 0x07 && version == 0x05;
    }

    @Override
    public List<DecodedReading> decodeManufacturerData(WmbusTelegram t, ManufacturerData data, Instant time) {
        byte[] b = data.tail();
        if (b.length == 0) {
            return List.of();
        }
        int i = STATUS;
        while (i < b.length) {
            int tag = b[i] & 0xFF;
            int length = fieldLength(tag);
            if (length < 0) {
                throw new DecodeException("meter " + t.meter() + ": Apator data field of unknown tag "
                        + String.format("%02X", tag) + " before the volume");
            }
            if (i + 1 + length > b.length) {
                break;
            }
            if (tag == VOLUME) {
                long litres = (b[i + 1] & 0xFFL)
                        | (b[i + 2] & 0xFFL) << 8
                        | (b[i + 3] & 0xFFL) << 16
                        | (b[i + 4] & 0xFFL) << 24;
                return List.of(DecodedReading.at(
                        t.meterId(), t.manufacturer(), "waterVolume", BigDecimal.valueOf(litres, 3), time));
            }
            i += 1 + length;
        }
        throw new DecodeException("meter " + t.meter() + ": Apator data without a volume field");
    }

    /** The length of a field's content by its tag, -1 when the tag is not known. */
    static int fieldLength(int tag) {
        if (tag >= 0x70 && tag <= 0x7F) {
            return 1 + 4 * ((tag & 0x0F) + 1); // a history: one byte, then 4-byte values
        }
        if (tag >= 0x80 && tag <= 0x8F) {
            return 10;
        }
        return switch (tag) {
            case 0x10, 0xA0, 0xF0 -> 4;
            case 0x40 -> 6;
            case 0x41 -> 7;
            case 0x43 -> 2;
            default -> -1;
        };
    }
}
