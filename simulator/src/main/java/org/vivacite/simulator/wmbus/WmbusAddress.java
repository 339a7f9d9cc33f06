package org.vivacite.simulator.wmbus;

/**
 * Who sends a wireless M-Bus telegram (EN 13757-4 link layer): the manufacturer's three-letter
 * FLAG code, the 8-digit identification number, a version and a device type (EN 13757-3 table:
 * 0x03 gas, 0x04 heat, 0x07 water, 0x08 heat cost allocator…).
 */
public record WmbusAddress(String manufacturer, int id, int version, int deviceType) {

    public static final int GAS = 0x03;
    public static final int HEAT = 0x04;
    public static final int WATER = 0x07;
    public static final int HEAT_COST_ALLOCATOR = 0x08;

    public WmbusAddress {
        if (manufacturer == null || !manufacturer.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("a manufacturer is three capital letters, not " + manufacturer);
        }
        if (id < 0 || id > 99_999_999) {
            throw new IllegalArgumentException("an identification number has 8 decimal digits, not " + id);
        }
        if (version < 0 || version > 0xFF || deviceType < 0 || deviceType > 0xFF) {
            throw new IllegalArgumentException("version and device type are one byte each");
        }
    }

    /** The two bytes of the M-field, least significant first. */
    byte[] manufacturerBytes() {
        int code = ((manufacturer.charAt(0) - 64) << 10)
                | ((manufacturer.charAt(1) - 64) << 5)
                | (manufacturer.charAt(2) - 64);
        return new byte[] {(byte) code, (byte) (code >> 8)};
    }

    /** The six bytes of the A-field: the identification number in BCD, least significant first, version, device type. */
    byte[] addressBytes() {
        byte[] a = new byte[6];
        int rest = id;
        for (int i = 0; i < 4; i++) {
            int two = rest % 100;
            rest /= 100;
            a[i] = (byte) (((two / 10) << 4) | (two % 10));
        }
        a[4] = (byte) version;
        a[5] = (byte) deviceType;
        return a;
    }
}
