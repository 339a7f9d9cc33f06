package org.vivacite.ingest.wmbus;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The extended link layer with a session number (CI 8D, EN 13757-4): when the session number
 * announces encryption, the payload CRC and what follows are encrypted with AES-128-CTR (IV: M-
 * and A-fields, CC with the hop bit cleared, SN, frame number 0, block counter). A payload whose
 * CRC already checks, or that begins with a transport CI when no key is known, was decrypted by
 * the gateway and is read as it is.
 */
final class ExtendedLinkLayer {

    private static final int CI = 10;

    private ExtendedLinkLayer() {}

    /** The length of an extended link layer that begins with this CI, 0 when the CI is not one. */
    static int length(int ci) {
        return switch (ci) {
            case 0x8C -> 3; // CI, CC, ACC
            case 0x8D -> 9; // CI, CC, ACC, SN (4), payload CRC (2)
            case 0x8E -> 11; // CI, CC, ACC, receiver M (2), A (6)
            case 0x8F -> 17; // the same and SN, payload CRC
            default -> 0;
        };
    }

    /** The telegram with its CI 8D payload decrypted and its SN's encryption bits cleared; others unchanged. */
    static byte[] plain(byte[] t, MeterKeys keys) {
        if (t.length < CI + 10 || (t[CI] & 0xFF) != 0x8D || ((t[CI + 6] & 0xFF) >> 5) == 0) {
            return t;
        }
        String meter = meter(t);
        byte[] cleared = t.clone();
        cleared[CI + 6] &= 0x1F;
        int crcAt = CI + 7;
        if (crcMatches(t, crcAt)) {
            return cleared; // already decrypted
        }
        Optional<byte[]> key = keys.key(manufacturer(t), identification(t));
        int next = t[crcAt + 2] & 0xFF;
        if (key.isEmpty() && (next == 0x78 || next == 0x79 || next == 0x7A || next == 0x72)) {
            return cleared; // a gateway decrypted it without recomputing the CRC
        }
        if (key.isEmpty()) {
            throw new MissingKeyException("meter " + meter + ": encrypted extended link layer and no key for it");
        }
        byte[] iv = new byte[16];
        System.arraycopy(t, 2, iv, 0, 8);
        iv[8] = (byte) (t[CI + 1] & ~0x10);
        System.arraycopy(t, CI + 3, iv, 9, 4);
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.get(), "AES"), new IvParameterSpec(iv));
            plain = aes.doFinal(t, crcAt, t.length - crcAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CTR is part of every Java runtime", e);
        }
        System.arraycopy(plain, 0, cleared, crcAt, plain.length);
        if (!crcMatches(cleared, crcAt)) {
            throw new WrongKeyException("meter " + meter + ": cannot decrypt: wrong key?");
        }
        return cleared;
    }

    /** The payload CRC (EN 13757-4 polynomial 0x3D65, complemented, most significant byte first) at {@code at}. */
    private static boolean crcMatches(byte[] t, int at) {
        int crc = Crc16.of(t, at + 2, t.length);
        return (t[at] & 0xFF) == crc >> 8 && (t[at + 1] & 0xFF) == (crc & 0xFF);
    }

    private static String meter(byte[] t) {
        return manufacturer(t) + " " + identification(t);
    }

    private static String manufacturer(byte[] t) {
        return WmbusTelegram.parseLink(Arrays.copyOf(t, CI + 1)).manufacturer();
    }

    private static String identification(byte[] t) {
        return WmbusTelegram.parseLink(Arrays.copyOf(t, CI + 1)).meterId();
    }
}
