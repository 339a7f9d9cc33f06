package org.vivacite.ingest.wmbus;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Security mode 7 (EN 13757-7 §9, OMS security profile B): the meter's key is not used directly;
 * per message, KDF-A derives an encryption key and a MAC key from it by AES-CMAC over a constant,
 * the message counter of the authentication layer (CI 90) and the meter's identification. The
 * data is AES-128-CBC with a zero IV; the MAC (AES-CMAC, truncated) covers the transport layer.
 */
final class Mode7 {

    /** KDF-A derivation constants for messages from the meter. */
    static final int ENCRYPTION = 0x00;

    static final int AUTHENTICATION = 0x01;

    private Mode7() {}

    /**
     * KDF-A: AES-CMAC under the meter's key of the constant, the message counter (4 bytes as sent),
     * the identification number (4 bytes as sent) and seven padding bytes 07.
     */
    static byte[] sessionKey(byte[] key, int constant, byte[] counter, byte[] identification) {
        byte[] input = new byte[16];
        input[0] = (byte) constant;
        System.arraycopy(counter, 0, input, 1, 4);
        System.arraycopy(identification, 0, input, 5, 4);
        Arrays.fill(input, 9, 16, (byte) 0x07);
        return AesCmac.mac(key, input);
    }

    /** Whether the authentication layer's MAC is the one the MAC key gives (compared in constant time). */
    static boolean macMatches(byte[] macKey, AuthenticationLayer afl, byte[] telegram) {
        byte[] full = AesCmac.mac(macKey, afl.macInput(telegram));
        byte[] mac = afl.mac();
        return mac.length <= full.length && MessageDigest.isEqual(Arrays.copyOf(full, mac.length), mac);
    }

    /** AES-128-CBC decryption with a zero IV of whole 16-byte blocks. */
    static byte[] decrypt(byte[] encryptionKey, byte[] encrypted) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new IvParameterSpec(new byte[16]));
            return aes.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is part of every Java runtime", e);
        }
    }
}
