package org.vivacite.simulator.wmbus;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes wireless M-Bus telegrams as OMS meters send them (EN 13757-4 link layer, EN 13757-7
 * short transport header, security mode 5: AES-128-CBC with a per-meter key), in the form
 * gateways deliver them: the link layer without its CRCs.
 *
 * <p>Mode 5: the application data start with the check bytes 0x2F 0x2F, are padded with 0x2F to
 * whole 16-byte blocks and encrypted with an IV of the M- and A-fields followed by eight copies of
 * the access number. The configuration word says mode 5, the number of encrypted blocks, and
 * whether the meter sends synchronously.
 */
public final class WmbusTelegrams {

    /**
     * Whether jMBus 3.3.0 would take this mode 5 telegram for an unencrypted one: it reads any
     * payload that begins 0x2F 0x02 as plain data (its {@code msgIsNotEnc} heuristic), and one
     * ciphertext in 65 536 begins so. A meter's next telegram (next access number) does not.
     */
    public static boolean readAsPlainByJmbus(byte[] telegram) {
        return telegram.length > 16 && telegram[15] == 0x2F && telegram[16] == 0x02;
    }

    private static final int SND_NR = 0x44;
    private static final int SHORT_HEADER = 0x7A;

    private WmbusTelegrams() {}

    /**
     * @param accessNumber the telegram's sequence byte (0–255), different for each telegram
     * @param status the status byte (0: no error)
     * @param synchronous whether the meter sends at fixed intervals (OMS "S" bit)
     * @param key the meter's 16-byte AES key
     */
    public static byte[] encode(
            WmbusAddress meter, int accessNumber, int status, boolean synchronous, DataRecords records, byte[] key) {
        if (key == null || key.length != 16) {
            throw new IllegalArgumentException("a mode 5 key has 16 bytes");
        }
        byte[] m = meter.manufacturerBytes();
        byte[] a = meter.addressBytes();

        byte[] data = records.toByteArray();
        int blocks = (data.length + 2 + 15) / 16;
        if (blocks > 15) {
            throw new IllegalArgumentException("mode 5 encrypts at most 15 blocks, these records need " + blocks);
        }
        byte[] plain = new byte[blocks * 16];
        Arrays.fill(plain, (byte) 0x2F);
        System.arraycopy(data, 0, plain, 2, data.length);

        byte[] iv = new byte[16];
        System.arraycopy(m, 0, iv, 0, 2);
        System.arraycopy(a, 0, iv, 2, 6);
        Arrays.fill(iv, 8, 16, (byte) accessNumber);
        byte[] encrypted;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            encrypted = aes.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is part of every Java runtime", e);
        }

        int config = 0x0500 | (blocks << 4) | (synchronous ? 0x2000 : 0);
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(0); // L-field, set below
        t.write(SND_NR);
        t.writeBytes(m);
        t.writeBytes(a);
        t.write(SHORT_HEADER);
        t.write(accessNumber & 0xFF);
        t.write(status & 0xFF);
        t.write(config & 0xFF);
        t.write(config >> 8);
        t.writeBytes(encrypted);
        byte[] telegram = t.toByteArray();
        telegram[0] = (byte) (telegram.length - 1);
        return telegram;
    }
}
