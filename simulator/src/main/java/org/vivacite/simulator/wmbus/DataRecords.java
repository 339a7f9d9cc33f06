package org.vivacite.simulator.wmbus;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;

/**
 * The application layer of an M-Bus telegram (EN 13757-3): data records, each a DIF, a VIF and
 * the data. Only the codings the simulated meters use are here; add what a new meter needs.
 */
public final class DataRecords {

    /** VIF: volume in litres (10⁻³ m³). */
    public static final int VOLUME_LITRES = 0x13;
    /** VIF: volume in 10⁻² m³. */
    public static final int VOLUME_10_LITRES = 0x14;
    /** VIF: energy in kWh. */
    public static final int ENERGY_KWH = 0x06;
    /** VIF: heat cost allocator units (dimensionless). */
    public static final int HCA_UNITS = 0x6E;
    /** Kamstrup's info-codes bit of a leak ({@link #infoCodes}). */
    public static final int KAMSTRUP_LEAK = 0x04;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A current value as an 8-digit BCD number (DIF 0x0C). */
    public DataRecords bcd8(int vif, long value) {
        if (value < 0 || value > 99_999_999L) {
            throw new IllegalArgumentException("an 8-digit BCD value is 0 to 99 999 999, not " + value);
        }
        bytes.write(0x0C);
        bytes.write(vif);
        long rest = value;
        for (int i = 0; i < 4; i++) {
            int two = (int) (rest % 100);
            rest /= 100;
            bytes.write(((two / 10) << 4) | (two % 10));
        }
        return this;
    }

    /** A current value as a 32-bit signed integer (DIF 0x04). */
    public DataRecords int32(int vif, int value) {
        bytes.write(0x04);
        bytes.write(vif);
        writeLittleEndian(value, 4);
        return this;
    }

    /**
     * The meter's date and time, type F (DIF 0x04, VIF 0x6D): minute; hour with the hundred-year
     * bits (0 for the 1900s, 1 for the 2000s…); day and month with the year within its century.
     */
    public DataRecords dateTime(LocalDateTime t) {
        int sinceNineteenHundred = t.getYear() - 1900;
        if (sinceNineteenHundred < 0 || sinceNineteenHundred >= 400) {
            throw new IllegalArgumentException("type F dates cover 1900 to 2299, not " + t);
        }
        int year = sinceNineteenHundred % 100;
        bytes.write(0x04);
        bytes.write(0x6D);
        bytes.write(t.getMinute());
        bytes.write(t.getHour() | ((sinceNineteenHundred / 100) << 5));
        bytes.write(t.getDayOfMonth() | ((year & 0x07) << 5));
        bytes.write(t.getMonthValue() | ((year >> 3) << 4));
        return this;
    }

    /** The error flags of the meter, 16 bits (DIF 0x02, VIF 0xFD, VIFE 0x17). */
    public DataRecords errorFlags(int flags) {
        bytes.write(0x02);
        bytes.write(0xFD);
        bytes.write(0x17);
        writeLittleEndian(flags, 2);
        return this;
    }

    /**
     * A Kamstrup water meter's info codes (DIF 0x02, VIF 0xFF, VIFE 0x20), 16 bits: the alarms set
     * now in bits 0–3 (dry, reverse, leak, burst), then for each, three bits from bit 4 on, the
     * class of how long it has lasted (1: 1–8 hours … 7: 22–31 days).
     */
    public DataRecords infoCodes(int codes) {
        bytes.write(0x02);
        bytes.write(0xFF);
        bytes.write(0x20);
        writeLittleEndian(codes, 2);
        return this;
    }

    /**
     * The info codes of a leak that has lasted that long: its bit and its duration class (bits
     * 10–12): 1–8 hours, 9–24 hours, 2–3 days, 4–7 days, 8–14 days, 15–21 days, 22 days and more.
     */
    public static int kamstrupLeak(java.time.Duration leaking) {
        long hours = leaking.toHours();
        long days = (leaking.toMinutes() + 24 * 60 - 1) / (24 * 60);
        int durationClass =
                hours < 9 ? 1 : hours < 25 ? 2 : days <= 3 ? 3 : days <= 7 ? 4 : days <= 14 ? 5 : days <= 21 ? 6 : 7;
        return KAMSTRUP_LEAK | durationClass << 10;
    }

    /** The lower bound of each Kamstrup duration class, hours (class 0: not said). */
    private static final int[] KAMSTRUP_CLASS_HOURS = {0, 1, 9, 48, 96, 192, 360, 528};

    /**
     * What the platform stores of a Kamstrup leak of that length ({@code vc:waterMeterLeakAlarm}):
     * the lower bound of its duration class, hours.
     */
    public static int kamstrupLeakHours(java.time.Duration leaking) {
        return KAMSTRUP_CLASS_HOURS[kamstrupLeak(leaking) >> 10 & 0x07];
    }

    private void writeLittleEndian(long value, int length) {
        for (int i = 0; i < length; i++) {
            bytes.write((int) (value >> (8 * i)) & 0xFF);
        }
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
