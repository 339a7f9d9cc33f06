package org.vivacite.ingest.wmbus;

import java.util.List;

/**
 * The manufacturer-specific parts of a standard telegram's plain application data, which jMBus
 * cannot read: the data records whose VIF is manufacturer-specific (7F or FF), and the data after a
 * DIF 0F or 1F that runs to the end of the telegram.
 *
 * @param records each such record whole (DIF, DIFEs, VIF, VIFEs, data), in telegram order
 * @param tail the bytes after a DIF 0F or 1F, empty when there is none
 */
public record ManufacturerData(List<byte[]> records, byte[] tail) {

    public ManufacturerData {
        records = records.stream().map(byte[]::clone).toList();
        tail = tail.clone();
    }

    /** Copies of the records. */
    @Override
    public List<byte[]> records() {
        return records.stream().map(byte[]::clone).toList();
    }

    /** A copy of the tail. */
    @Override
    public byte[] tail() {
        return tail.clone();
    }

    /** The parts of the data that jMBus leaves unread. */
    static ManufacturerData of(List<ApplicationLayer.RawRecord> records, byte[] data) {
        List<byte[]> manufacturers = records.stream()
                .filter(r -> (r.vif() & 0x7F) == 0x7F)
                .map(ApplicationLayer.RawRecord::bytes)
                .toList();
        return new ManufacturerData(manufacturers, ApplicationLayer.manufacturerTail(data));
    }
}
