package org.vivacite.ingest.wmbus;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (RFC 4493, NIST SP 800-38B), which security mode 7 uses both to derive its session keys
 * and to authenticate telegrams. Written here on AES/ECB because the Java runtime has no CMAC and
 * the module takes no cryptography library for twenty lines.
 */
final class AesCmac {

    private static final int BLOCK = 16;

    private AesCmac() {}

    /** The 16-byte CMAC of {@code message} under the 16-byte {@code key}. */
    static byte[] mac(byte[] key, byte[] message) {
        Cipher aes = aes(key);
        byte[] k1 = subkey(encrypt(aes, new byte[BLOCK]));
        byte[] k2 = subkey(k1);
        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean complete = message.length > 0 && message.length % BLOCK == 0;
        byte[] last = new byte[BLOCK];
        int lastStart = (blocks - 1) * BLOCK;
        int lastLength = message.length - lastStart;
        System.arraycopy(message, lastStart, last, 0, lastLength);
        if (!complete) {
            last[lastLength] = (byte) 0x80;
        }
        xor(last, complete ? k1 : k2, 0);
        byte[] x = new byte[BLOCK];
        for (int i = 0; i < blocks - 1; i++) {
            xor(x, message, i * BLOCK);
            x = encrypt(aes, x);
        }
        xor(x, last, 0);
        return encrypt(aes, x);
    }

    /** The doubling in GF(2^128) that turns L into K1 and K1 into K2. */
    private static byte[] subkey(byte[] in) {
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            int next = i + 1 < BLOCK ? (in[i + 1] & 0xFF) >> 7 : 0;
            out[i] = (byte) ((in[i] << 1) | next);
        }
        if ((in[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) 0x87;
        }
        return out;
    }

    private static void xor(byte[] into, byte[] with, int from) {
        for (int i = 0; i < BLOCK; i++) {
            into[i] ^= with[from + i];
        }
    }

    private static Cipher aes(byte[] key) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return aes;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128 is part of every Java runtime", e);
        }
    }

    private static byte[] encrypt(Cipher aes, byte[] block) {
        try {
            return aes.doFinal(Arrays.copyOf(block, BLOCK));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128 is part of every Java runtime", e);
        }
    }
}
