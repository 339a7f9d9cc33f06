package org.vivacite.ingest.wmbus;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;

/**
 * Reads wireless M-Bus telegrams as gateways deliver them (EN 13757-4 link layer without CRCs)
 * into readings of the registry's quantities.
 *
 * <ul>
 *   <li>Extended link layer (CI 8C–8F, unencrypted) in front of the transport layer; short (CI
 *       7A), long (CI 72) or no (CI 78) transport header; EN 13757-3 data records read by jMBus.
 *   <li>Security mode 5 (AES-128-CBC) with the meter's key from {@link MeterKeys}, decrypted here:
 *       jMBus takes any ciphertext beginning {@code 2F 02} for plain data.
 *   <li>A payload that a gateway already decrypted while the header still announces encryption
 *       (mode 5, or another mode such as 7) is recognised by its leading check bytes {@code 2F 2F}.
 *   <li>Security mode 7 (EN 13757-7, OMS profile B): session keys derived by KDF-A from the
 *       meter's key and the message counter of the authentication layer (CI 90), whose MAC is
 *       checked before the data is decrypted. Without mode 7 the authentication layer is skipped.
 *   <li>Compact frames (CI 79) are rebuilt with the record layout of an earlier full frame of the
 *       same meter that has their format signature (both CRCs checked), so a decoder remembers
 *       the layouts of the meters it reads.
 *   <li>Manufacturer-specific telegrams (CI A0–B7) go to a {@link WMBusDriver} plug-in that
 *       accepts them, or are refused with {@link UnsupportedTelegramException}.
 * </ul>
 *
 * <p>Readings: the current value of volume ({@code waterVolume}, {@code gasVolume} or {@code
 * heatVolume} by device type, m³), energy ({@code heatEnergy}, kWh), heat cost allocation, flow
 * and return temperatures, volume flow, heat power, room temperature and humidity; their time is
 * the telegram's type F date and time (the meter's local time in the decoder's zone), or null.
 *
 * <p>Errors are {@link DecodeException}s whose message names the meter and the rule broken; neither
 * the payload nor a key is ever logged or put in a message. Thread-safe once built.
 */
public final class WmbusDecoder {

    /** The zone of meters' clocks unless told otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private final MeterKeys keys;
    private final ZoneId zone;
    private final List<WMBusDriver> drivers;
    private final CompactFrames compactFrames = new CompactFrames();

    /** A decoder with the drivers registered through {@link ServiceLoader}, meters on Paris time. */
    public WmbusDecoder(MeterKeys keys) {
        this(keys, DEFAULT_ZONE);
    }

    /** A decoder with the drivers registered through {@link ServiceLoader}. */
    public WmbusDecoder(MeterKeys keys, ZoneId zone) {
        this(keys, zone, loadDrivers());
    }

    /** A decoder with exactly these drivers, already initialised. */
    public WmbusDecoder(MeterKeys keys, ZoneId zone, List<WMBusDriver> drivers) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.drivers = List.copyOf(drivers);
    }

    private static List<WMBusDriver> loadDrivers() {
        List<WMBusDriver> loaded = new ArrayList<>();
        for (WMBusDriver driver : ServiceLoader.load(WMBusDriver.class)) {
            driver.init(java.util.Map.of());
            loaded.add(driver);
        }
        return loaded;
    }

    /** Reads a telegram given as a line of hexadecimal digits (spaces allowed). */
    public List<DecodedReading> decode(String hexLine) {
        String digits = hexLine == null ? "" : hexLine.replaceAll("\\s", "");
        if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.matches("[0-9A-Fa-f]+")) {
            throw new DecodeException("a telegram line must be an even number of hexadecimal digits");
        }
        return decode(HexFormat.of().parseHex(digits));
    }

    /** Reads a telegram: link layer without CRCs, from the L-field on. */
    public List<DecodedReading> decode(byte[] telegram) {
        if (telegram.length <= 10) {
            WmbusTelegram.parse(telegram); // throws: too short
        }
        telegram = ExtendedLinkLayer.plain(telegram, keys);
        WmbusTelegram t = WmbusTelegram.parse(telegram);
        for (WMBusDriver driver : drivers) {
            if (driver.accepts(t.manufacturer(), t.deviceType(), t.ci())) {
                return driver.decode(t, keys, zone);
            }
        }
        byte[] data = applicationData(t, telegram);
        if (t.ci() == 0x79) {
            data = compactFrames.expand(t.meter(), data);
        }
        List<ApplicationLayer.RawRecord> records = ApplicationLayer.split(data, 0);
        if (t.ci() != 0x79) {
            compactFrames.remember(t.meter(), records);
        }
        Instant time = ApplicationLayer.time(records, zone);
        List<DecodedReading> readings =
                ApplicationLayer.readings(records, t.deviceType(), t.meterId(), t.manufacturer(), time);
        for (WMBusDriver driver : drivers) {
            if (driver.readsManufacturerData(t.manufacturer(), t.deviceType(), t.version())) {
                readings = merge(readings, driver.decodeManufacturerData(t, ManufacturerData.of(records, data), time));
            }
        }
        return readings;
    }

    /** The standard readings with those of a driver in place of the ones of the same quantity. */
    private static List<DecodedReading> merge(List<DecodedReading> standard, List<DecodedReading> driver) {
        if (driver.isEmpty()) {
            return standard;
        }
        java.util.Map<String, DecodedReading> byQuantity = new java.util.LinkedHashMap<>();
        standard.forEach(r -> byQuantity.put(r.quantity(), r));
        driver.forEach(r -> byQuantity.put(r.quantity(), r));
        return new ArrayList<>(byQuantity.values());
    }

    /** The plain data records after the transport header, decrypted if need be. */
    private byte[] applicationData(WmbusTelegram t, byte[] telegram) {
        int ci = t.ci();
        int at = t.ciOffset();
        int end = Math.min(telegram.length, (telegram[0] & 0xFF) + 1);
        byte[] address;
        int header;
        switch (ci) {
            case 0x78:
            case 0x79:
                return Arrays.copyOfRange(telegram, at + 1, end);
            case 0x7A:
                header = 5;
                address = Arrays.copyOfRange(telegram, 2, 10);
                break;
            case 0x72:
                header = 13;
                address = longHeaderAddress(telegram, at);
                break;
            default:
                if (ci >= 0xA0 && ci <= 0xB7) {
                    throw new UnsupportedTelegramException(
                            "meter " + t.meter() + ": manufacturer-specific telegram (CI " + WmbusTelegram.hex(ci)
                                    + "): no standard decoder can read it and no driver accepts it");
                }
                throw new UnsupportedTelegramException(
                        "meter " + t.meter() + ": CI " + WmbusTelegram.hex(ci) + " is not supported");
        }
        int shortHeader = at + header - 4; // access number, status, configuration word
        int config =
                at + header <= end ? (telegram[shortHeader + 2] & 0xFF) | (telegram[shortHeader + 3] & 0xFF) << 8 : 0;
        int mode = (config >> 8) & 0x1F;
        if (mode == 7) {
            header++; // configuration field extension: KDF selection and key id
        }
        if (at + header > end) {
            throw new DecodeException("meter " + t.meter() + ": telegram ends inside its transport header");
        }
        int accessNumber = telegram[shortHeader] & 0xFF;
        byte[] payload = Arrays.copyOfRange(telegram, at + header, end);
        if (mode == 0) {
            return payload;
        }
        if (mode == 5) {
            return mode5(t, address, accessNumber, (config >> 4) & 0x0F, payload);
        }
        if (mode == 7) {
            return mode7(t, telegram, at, header, (config >> 4) & 0x0F, payload);
        }
        if (payload.length >= 2 && payload[0] == 0x2F && payload[1] == 0x2F) {
            return payload; // already decrypted by the gateway
        }
        throw new UnsupportedTelegramException(
                "meter " + t.meter() + ": security mode " + mode + " is not supported (only modes 5 and 7)");
    }

    /**
     * Security mode 7: session keys derived from the meter's key and the message counter of the
     * authentication layer; its MAC, when sent, is checked before decrypting.
     */
    private byte[] mode7(WmbusTelegram t, byte[] telegram, int at, int header, int blocks, byte[] payload) {
        boolean alreadyDecrypted = payload.length >= 2 && payload[0] == 0x2F && payload[1] == 0x2F;
        Optional<byte[]> key = keys.key(t.manufacturer(), t.meterId());
        if (key.isEmpty()) {
            if (alreadyDecrypted) {
                return payload;
            }
            throw new MissingKeyException("meter " + t.meter() + ": encrypted telegram (mode 7) and no key for it");
        }
        int kdf = (telegram[at + header - 1] >> 4) & 0x03;
        AuthenticationLayer afl = AuthenticationLayer.find(telegram);
        int length = blocks * 16;
        if (kdf != 1 || afl == null || afl.counter() == null || length == 0 || length > payload.length) {
            if (alreadyDecrypted) {
                return payload;
            }
            throw new DecodeException("meter " + t.meter() + ": mode 7 needs key derivation KDF-A, the message counter"
                    + " of an authentication layer (CI 90) and whole encrypted blocks in the telegram");
        }
        byte[] k = key.get();
        if (k.length != 16) {
            throw new DecodeException("meter " + t.meter() + ": its key does not have 16 bytes");
        }
        byte[] identification =
                t.ci() == 0x72 ? Arrays.copyOfRange(telegram, at + 1, at + 5) : Arrays.copyOfRange(telegram, 4, 8);
        if (afl.mac() != null
                && !Mode7.macMatches(
                        Mode7.sessionKey(k, Mode7.AUTHENTICATION, afl.counter(), identification), afl, telegram)) {
            if (alreadyDecrypted) {
                return payload; // decrypted by the gateway: the MAC was over the ciphertext
            }
            throw new WrongKeyException("meter " + t.meter()
                    + ": the authentication layer's MAC does not match: wrong key or altered telegram");
        }
        byte[] plain = Mode7.decrypt(
                Mode7.sessionKey(k, Mode7.ENCRYPTION, afl.counter(), identification), Arrays.copyOf(payload, length));
        if (plain[0] != 0x2F || plain[1] != 0x2F) {
            if (alreadyDecrypted) {
                return payload;
            }
            throw new WrongKeyException("meter " + t.meter() + ": cannot decrypt: wrong key?");
        }
        byte[] data = payload.clone();
        System.arraycopy(plain, 0, data, 0, length);
        return data;
    }

    private byte[] mode5(WmbusTelegram t, byte[] address, int accessNumber, int blocks, byte[] payload) {
        boolean alreadyDecrypted = payload.length >= 2 && payload[0] == 0x2F && payload[1] == 0x2F;
        int length = blocks * 16;
        Optional<byte[]> key = keys.key(t.manufacturer(), t.meterId());
        if (key.isPresent() && length > 0 && length <= payload.length) {
            byte[] k = key.get();
            if (k.length != 16) {
                throw new DecodeException("meter " + t.meter() + ": its key does not have 16 bytes");
            }
            byte[] plain = Mode5.decrypt(k, address, accessNumber, Arrays.copyOf(payload, length));
            if (plain[0] == 0x2F && plain[1] == 0x2F) {
                byte[] data = payload.clone();
                System.arraycopy(plain, 0, data, 0, length);
                return data;
            }
        }
        if (alreadyDecrypted) {
            return payload;
        }
        if (key.isEmpty()) {
            throw new MissingKeyException("meter " + t.meter() + ": encrypted telegram (mode 5) and no key for it");
        }
        if (length == 0 || length > payload.length) {
            throw new DecodeException("meter " + t.meter() + ": mode 5 announces " + blocks
                    + " encrypted blocks, the telegram carries " + payload.length + " bytes");
        }
        throw new WrongKeyException("meter " + t.meter() + ": cannot decrypt: wrong key?");
    }

    /** M-field then A-field (identification, version, device type) of a long transport header. */
    private static byte[] longHeaderAddress(byte[] telegram, int at) {
        byte[] a = new byte[8];
        System.arraycopy(telegram, at + 5, a, 0, 2);
        System.arraycopy(telegram, at + 1, a, 2, 4);
        System.arraycopy(telegram, at + 7, a, 6, 2);
        return a;
    }
}
