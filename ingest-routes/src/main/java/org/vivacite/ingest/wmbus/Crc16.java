package org.vivacite.ingest.wmbus;

/** The CRC of EN 13757-4 (polynomial 0x3D65, initial value 0, complemented), used by several layers. */
final class Crc16 {

    private Crc16() {}

    /** The CRC of {@code data[from, to)}. */
    static int of(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x3D65 : crc << 1;
            }
        }
        return ~crc & 0xFFFF;
    }
}
