package org.vivacite.simulator.city;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vivacite.simulator.dso.DsoInterval;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.senml.SenmlPack;
import org.vivacite.simulator.tic.TicFrames;
import org.vivacite.simulator.tic.TicGroup;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.simulator.wmbus.WmbusTelegrams;

/**
 * Turns readings into what the devices send: a wireless M-Bus telegram (mode 5, the meter's key,
 * a new access number each time), a Linky TIC frame (historic or standard mode, depending on the
 * meter's energy box; option BASE), a SenML pack, a DSO interval. Keeps the per-device state
 * these need (access numbers), so one instance serves one run.
 */
public final class Payloads {

    private static final DateTimeFormatter HORODATE = DateTimeFormatter.ofPattern("yyMMddHHmmss", Locale.ROOT);

    private final ZoneId zone;
    private final Map<Integer, Integer> accessNumbers = new HashMap<>();

    public Payloads(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The telegram of a wireless M-Bus device's reading: its main register (8 BCD digits), the
     * local date and time, the error flags (none), and for a Kamstrup water meter its info codes
     * (the leak alarm while its pipe leaks, with how long), encrypted with the meter's key. Access numbers
     * follow on from one telegram to the next; one that jMBus would misread as unencrypted is
     * skipped (see WmbusTelegrams.readAsPlainByJmbus).
     */
    public byte[] telegram(Reading r) {
        Meter m = r.meter();
        if (m.device().wire != org.vivacite.simulator.WireFormat.WMBUS) {
            throw new IllegalArgumentException(m.device() + " does not speak wireless M-Bus");
        }
        DataRecords records = new DataRecords()
                .bcd8(m.device().vif, r.raw())
                .dateTime(LocalDateTime.ofInstant(r.time(), zone))
                .errorFlags(0);
        if (m.device() == Device.WATER_METER && m.manufacturer().equals("KAM")) {
            records.infoCodes(r.leaking() == null ? 0 : DataRecords.kamstrupLeak(r.leaking()));
        }
        int access = accessNumbers.getOrDefault(m.index(), (int) (Simulation.mix(m.index(), 77) & 0xFF));
        while (true) {
            byte[] telegram = WmbusTelegrams.encode(m.address(), access, 0, true, records, m.key());
            access = (access + 1) & 0xFF;
            if (!WmbusTelegrams.readAsPlainByJmbus(telegram)) {
                accessNumbers.put(m.index(), access);
                return telegram;
            }
        }
    }

    /** A telegram as gateways deliver it: upper-case hex. */
    public static String hex(byte[] telegram) {
        return HexFormat.of().withUpperCase().formatHex(telegram);
    }

    /** Whether this Linky meter's household has an energy box reading its TIC (one in seven). */
    public static boolean hasTicBox(Meter m) {
        return m.device() == Device.LINKY
                && m.dwelling() != null
                && Math.floorMod(Simulation.mix(m.index(), 5), 7) == 0;
    }

    /** The TIC mode of the meter's box: standard for about half of them, historic for the others. */
    public static TicFrames.Mode ticMode(Meter m) {
        return (Simulation.mix(m.index(), 6) & 1) == 0 ? TicFrames.Mode.STANDARD : TicFrames.Mode.HISTORIC;
    }

    /** The TIC frame a Linky meter sends at the reading's instant, option BASE (one tariff period). */
    public byte[] ticFrame(Reading r) {
        Meter m = r.meter();
        String index = String.format(Locale.ROOT, "%09d", r.raw());
        long va = Math.round(r.instant() / 0.95);
        long amps = Math.max(0, Math.round(va / 230.0));
        List<TicGroup> groups;
        if (ticMode(m) == TicFrames.Mode.HISTORIC) {
            groups = List.of(
                    new TicGroup("ADCO", m.id()),
                    new TicGroup("OPTARIF", "BASE"),
                    new TicGroup("ISOUSC", "45"),
                    new TicGroup("BASE", index),
                    new TicGroup("PTEC", "TH.."),
                    new TicGroup("IINST", String.format(Locale.ROOT, "%03d", amps)),
                    new TicGroup("IMAX", "090"),
                    new TicGroup("PAPP", String.format(Locale.ROOT, "%05d", va)),
                    new TicGroup("MOTDETAT", "000000"));
        } else {
            ZonedDateTime local = r.time().atZone(zone);
            boolean summer = zone.getRules().isDaylightSavings(r.time());
            String horodate = (summer ? "E" : "H") + HORODATE.format(local);
            groups = List.of(
                    new TicGroup("ADSC", m.id()),
                    new TicGroup("VTIC", "02"),
                    new TicGroup("DATE", horodate, ""),
                    new TicGroup("NGTF", "      BASE      "),
                    new TicGroup("LTARF", "       BASE     "),
                    new TicGroup("EAST", index),
                    new TicGroup("EASF01", index),
                    new TicGroup("IRMS1", String.format(Locale.ROOT, "%03d", amps)),
                    new TicGroup("URMS1", "231"),
                    new TicGroup("PREF", "09"),
                    new TicGroup("PCOUP", "09"),
                    new TicGroup("SINSTS", String.format(Locale.ROOT, "%05d", va)),
                    new TicGroup("STGE", "003A0001"),
                    new TicGroup("PRM", m.usagePointId()),
                    new TicGroup("NTARF", "01"));
        }
        return TicFrames.frame(ticMode(m), groups);
    }

    /** The SenML name of a sensor: its EUI-64 in an RFC 9039 device URN, as the base name. */
    public static String senmlBaseName(Meter m) {
        return "urn:dev:mac:" + m.id().toLowerCase(java.util.Locale.ROOT) + ":";
    }

    /** One sensor reading as the sensor sends it: base name, base time, one temperature in °C. */
    public SenmlPack senml(Reading r) {
        return new SenmlPack()
                .baseName(senmlBaseName(r.meter()))
                .baseTime(r.time().getEpochSecond())
                .add("temperature", "Cel", r.instant(), null);
    }

    /** A DSO interval of a Linky meter's delivery point. */
    public DsoInterval dso(Meter m, Instant start, Duration length, double wattHours) {
        return new DsoInterval(m.usagePointId(), start.atZone(zone), length, wattHours);
    }
}
