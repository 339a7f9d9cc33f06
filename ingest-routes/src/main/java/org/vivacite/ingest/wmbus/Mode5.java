package org.vivacite.ingest.wmbus;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Security mode 5 (EN 13757-7, OMS security profile A): AES-128-CBC with the meter's key and an
 * IV of the meter's M-field (2 bytes), A-field (6 bytes) and eight copies of the access number.
 * Done here rather than by jMBus, which takes any payload that begins {@code 2F 02} for plain data.
 */
final class Mode5 {

    private Mode5() {}

    /**
     * @param address the meter's M- and A-fields in link layer order (8 bytes)
     * @param encrypted whole 16-byte blocks
     */
    static byte[] decrypt(byte[] key, byte[] address, int accessNumber, byte[] encrypted) {
        byte[] iv = new byte[16];
        System.arraycopy(address, 0, iv, 0, 8);
        Arrays.fill(iv, 8, 16, (byte) accessNumber);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is part of every Java runtime", e);
        }
    }
}
