package org.vivacite.ingest.wmbus;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vivacite.ingest.DecodeException;

/**
 * Compact frames (CI 79, EN 13757-3 / OMS Vol. 2): a meter sends its data records without their
 * DIF/VIF headers, naming instead the format signature (the CRC of those headers) of a full frame
 * it sent before, and the CRC of the full frame it stands for. The decoder remembers the record
 * layout of the last full frames of each meter, rebuilds the full records from it and checks both
 * CRCs; a compact frame whose layout it has not seen is refused with that reason.
 */
final class CompactFrames {

    /** How many (meter, signature) layouts are remembered; the least recently used go first. */
    static final int CAPACITY = 10_000;

    private final Map<String, byte[]> layouts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Remembers the layout (the DIF/VIF headers in order) of a full frame's records. */
    void remember(String meter, List<ApplicationLayer.RawRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        byte[] layout = layout(records);
        int signature = Crc16.of(layout, 0, layout.length);
        synchronized (layouts) {
            layouts.put(meter + "/" + signature, layout);
        }
    }

    /**
     * The full data records a compact frame stands for.
     *
     * @param frame the bytes after CI 79: format signature, full-frame CRC (both least significant
     *     byte first), then the records' data
     */
    byte[] expand(String meter, byte[] frame) {
        if (frame.length < 4) {
            throw new DecodeException("meter " + meter + ": compact frame (CI 79) shorter than its two CRCs");
        }
        int signature = (frame[0] & 0xFF) | (frame[1] & 0xFF) << 8;
        int fullCrc = (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8;
        byte[] layout;
        synchronized (layouts) {
            layout = layouts.get(meter + "/" + signature);
        }
        if (layout == null) {
            throw new UnsupportedTelegramException("meter " + meter + ": compact frame (CI 79) of format signature "
                    + String.format("%04X", signature) + ", and no full frame of that layout seen from this meter");
        }
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        int data = 4;
        int h = 0;
        while (h < layout.length) {
            int start = h;
            h = ApplicationLayer.headerEnd(layout, h);
            int length = ApplicationLayer.dataLength(layout[start] & 0x0F, frame, data);
            if (length < 0 || data + length > frame.length) {
                throw new DecodeException("meter " + meter + ": compact frame (CI 79) shorter than the layout of"
                        + " its format signature");
            }
            full.write(layout, start, h - start);
            full.write(frame, data, length);
            data += length;
        }
        full.write(frame, data, frame.length - data); // any filler or manufacturer data
        byte[] records = full.toByteArray();
        if (Crc16.of(records, 0, records.length) != fullCrc
                && Crc16.of(records, 0, records.length - (frame.length - data)) != fullCrc) {
            throw new DecodeException("meter " + meter + ": compact frame (CI 79) does not match its full-frame CRC"
                    + " once rebuilt with the layout of its format signature");
        }
        return records;
    }

    private static byte[] layout(List<ApplicationLayer.RawRecord> records) {
        ByteArrayOutputStream layout = new ByteArrayOutputStream();
        for (ApplicationLayer.RawRecord r : records) {
            layout.write(r.bytes(), 0, r.dataStart());
        }
        return layout.toByteArray();
    }
}
