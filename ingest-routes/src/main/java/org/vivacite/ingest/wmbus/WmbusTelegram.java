package org.vivacite.ingest.wmbus;

import java.util.Arrays;
import org.vivacite.ingest.DecodeException;

/**
 * The headers of a wireless M-Bus telegram (EN 13757-4 link layer without CRCs, any extended
 * link layer, the transport layer's CI), as the decoder and its drivers see them.
 *
 * @param manufacturer FLAG code of the meter: the transport layer's in a long header, else the
 *     link layer's
 * @param meterId identification number of the meter (8 characters, from the BCD A-field)
 * @param version the meter's version byte
 * @param deviceType the meter's device type (EN 13757-3)
 * @param ci the transport layer's CI, after any extended link layer (CI 8C–8F)
 * @param ciOffset where that CI is in {@link #bytes()}
 */
public record WmbusTelegram(
        String manufacturer, String meterId, int version, int deviceType, int ci, int ciOffset, byte[] bytes) {

    private static final int LINK_HEADER = 10;

    public WmbusTelegram {
        bytes = bytes.clone();
    }

    /** A copy of the telegram's bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** "ELS 12345678": how messages name the meter. */
    public String meter() {
        return manufacturer + " " + meterId;
    }

    /**
     * The meter a telegram names in its link layer (FLAG code and identification number), which is
     * never encrypted: what a dead letter's telegram is attributed to, whatever its key. Empty for a
     * telegram too short to have one.
     */
    public static java.util.Optional<WmbusTelegram> address(byte[] telegram) {
        return telegram.length > LINK_HEADER ? java.util.Optional.of(parseLink(telegram)) : java.util.Optional.empty();
    }

    /** Reads the link layer only. */
    static WmbusTelegram parseLink(byte[] t) {
        return new WmbusTelegram(
                manufacturer(t, 2), identification(t, 4), t[8] & 0xFF, t[9] & 0xFF, t[10] & 0xFF, 10, t);
    }

    /** Reads the link layer and skips any extended link layer. */
    static WmbusTelegram parse(byte[] t) {
        if (t.length < LINK_HEADER + 1) {
            throw new DecodeException("telegram of " + t.length + " bytes: shorter than a link layer header and CI");
        }
        String manufacturer = manufacturer(t, 2);
        String id = identification(t, 4);
        int version = t[8] & 0xFF;
        int deviceType = t[9] & 0xFF;
        String meter = manufacturer + " " + id;
        if ((t[0] & 0xFF) > t.length - 1) {
            throw new DecodeException("meter " + meter + ": telegram truncated (L-field " + (t[0] & 0xFF) + ", "
                    + (t.length - 1) + " bytes follow)");
        }
        int pos = LINK_HEADER;
        int ci = t[pos] & 0xFF;
        int ell = ExtendedLinkLayer.length(ci);
        if (ell > 0) {
            if (ci == 0x8D || ci == 0x8F) {
                int snTop = t[pos + (ci == 0x8D ? 6 : 14)] & 0xFF;
                if ((snTop >> 5) != 0) {
                    throw new UnsupportedTelegramException("meter " + meter
                            + ": extended link layer encryption (AES-CTR, CI " + hex(ci) + ") is not supported");
                }
            }
            pos += ell;
            if (pos >= t.length) {
                throw new DecodeException("meter " + meter + ": nothing follows the extended link layer");
            }
            ci = t[pos] & 0xFF;
        }
        if (ci == 0x90 && pos + 1 < t.length) {
            // authentication and fragmentation layer (EN 13757-7): skipped, its MAC is not checked
            pos += 2 + (t[pos + 1] & 0xFF);
            if (pos >= t.length) {
                throw new DecodeException(
                        "meter " + meter + ": nothing follows the authentication and fragmentation layer");
            }
            ci = t[pos] & 0xFF;
        }
        if (ci == 0x72 && t.length >= pos + 13) {
            // a long transport header names the meter itself (the link layer may be a radio module)
            manufacturer = manufacturer(t, pos + 5);
            id = identification(t, pos + 1);
            version = t[pos + 7] & 0xFF;
            deviceType = t[pos + 8] & 0xFF;
        }
        return new WmbusTelegram(manufacturer, id, version, deviceType, ci, pos, t);
    }

    static String hex(int b) {
        return String.format("%02X", b);
    }

    private static String manufacturer(byte[] t, int at) {
        int code = (t[at] & 0xFF) | (t[at + 1] & 0xFF) << 8;
        return new String(new char[] {
            (char) (((code >> 10) & 0x1F) + 64), (char) (((code >> 5) & 0x1F) + 64), (char) ((code & 0x1F) + 64)
        });
    }

    private static String identification(byte[] t, int at) {
        StringBuilder s = new StringBuilder(8);
        for (int i = 3; i >= 0; i--) {
            s.append(String.format("%02x", t[at + i] & 0xFF));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WmbusTelegram w && Arrays.equals(bytes, w.bytes) && ciOffset == w.ciOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WmbusTelegram[" + meter() + ", device type " + hex(deviceType) + ", CI " + hex(ci) + "]";
    }
}
