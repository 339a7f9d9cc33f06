package org.vivacite.ingest.wmbus;

import java.util.Arrays;

/**
 * The authentication and fragmentation layer (CI 90, EN 13757-7 §6): the message counter from
 * which security mode 7 derives its session keys, and the MAC that authenticates the transport
 * layer and what follows.
 *
 * @param start where its CI 90 is in the telegram
 * @param end where the transport layer after it begins
 * @param mcl message control, or -1 when absent
 * @param keyInfo key information (2 bytes), or null
 * @param counter message counter (4 bytes as sent), or null
 * @param mac the MAC as sent, or null
 * @param messageLength message length (2 bytes), or null
 */
record AuthenticationLayer(
        int start, int end, int mcl, byte[] keyInfo, byte[] counter, byte[] mac, byte[] messageLength) {

    private static final int MCL_PRESENT = 0x2000;
    private static final int ML_PRESENT = 0x1000;
    private static final int MCR_PRESENT = 0x0800;
    private static final int MAC_PRESENT = 0x0400;
    private static final int KI_PRESENT = 0x0200;

    /** The layer right after the link layer and any extended link layer, or null when there is none. */
    static AuthenticationLayer find(byte[] t) {
        int at = 10 + ExtendedLinkLayer.length(t.length > 10 ? t[10] & 0xFF : 0);
        if (at + 4 > t.length || (t[at] & 0xFF) != 0x90) {
            return null;
        }
        int end = at + 2 + (t[at + 1] & 0xFF);
        if (end > t.length) {
            return null;
        }
        int fcl = (t[at + 2] & 0xFF) | (t[at + 3] & 0xFF) << 8;
        int i = at + 4;
        int mcl = -1;
        if ((fcl & MCL_PRESENT) != 0 && i < end) {
            mcl = t[i++] & 0xFF;
        }
        byte[] keyInfo = null;
        if ((fcl & KI_PRESENT) != 0 && i + 2 <= end) {
            keyInfo = Arrays.copyOfRange(t, i, i += 2);
        }
        byte[] counter = null;
        if ((fcl & MCR_PRESENT) != 0 && i + 4 <= end) {
            counter = Arrays.copyOfRange(t, i, i += 4);
        }
        int macEnd = (fcl & ML_PRESENT) != 0 ? end - 2 : end;
        byte[] mac = null;
        if ((fcl & MAC_PRESENT) != 0 && i < macEnd) {
            mac = Arrays.copyOfRange(t, i, macEnd);
        }
        byte[] messageLength = (fcl & ML_PRESENT) != 0 ? Arrays.copyOfRange(t, end - 2, end) : null;
        return new AuthenticationLayer(at, end, mcl, keyInfo, counter, mac, messageLength);
    }

    /** What the MAC covers: MCL, KI, MCR and ML as sent, then the telegram from the transport layer's CI on. */
    byte[] macInput(byte[] t) {
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        if (mcl >= 0) {
            in.write(mcl);
        }
        for (byte[] field : new byte[][] {keyInfo, counter, messageLength}) {
            if (field != null) {
                in.writeBytes(field);
            }
        }
        in.write(t, end, t.length - end);
        return in.toByteArray();
    }
}
