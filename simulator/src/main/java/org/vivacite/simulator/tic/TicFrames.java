package org.vivacite.simulator.tic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes Linky TIC frames as the meter's customer interface sends them (Enedis-NOI-CPT_54E): a
 * frame is STX, then each dataset between LF and CR, then ETX.
 *
 * <ul>
 *   <li>Historic mode (1 200 baud): {@code LABEL SP VALUE SP CHECKSUM}; the checksum covers the
 *       label, the separator and the value.
 *   <li>Standard mode (9 600 baud): {@code LABEL HT [HORODATE HT] VALUE HT CHECKSUM}; the checksum
 *       covers everything before it, the last separator included.
 * </ul>
 *
 * The checksum is the sum of those bytes, its low six bits, plus 0x20: always a printable character.
 */
public final class TicFrames {

    /** The two modes of the interface. */
    public enum Mode {
        HISTORIC,
        STANDARD
    }

    private static final int STX = 0x02;
    private static final int ETX = 0x03;
    private static final int LF = 0x0A;
    private static final int CR = 0x0D;

    private TicFrames() {}

    /** A whole frame, STX to ETX. */
    public static byte[] frame(Mode mode, List<TicGroup> groups) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(STX);
        for (TicGroup g : groups) {
            out.write(LF);
            out.writeBytes(dataset(mode, g).getBytes(StandardCharsets.ISO_8859_1));
            out.write(CR);
        }
        out.write(ETX);
        return out.toByteArray();
    }

    /** One dataset as it stands between LF and CR, checksum included. */
    public static String dataset(Mode mode, TicGroup g) {
        if (mode == Mode.HISTORIC) {
            if (g.horodate() != null) {
                throw new IllegalArgumentException("historic mode has no timestamps: " + g);
            }
            String covered = g.label() + " " + g.value();
            return covered + " " + checksum(covered);
        }
        String covered = g.label() + "\t" + (g.horodate() == null ? "" : g.horodate() + "\t") + g.value() + "\t";
        return covered + checksum(covered);
    }

    /** The checksum character of the bytes it covers. */
    public static char checksum(String covered) {
        int sum = 0;
        for (byte b : covered.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xFF;
        }
        return (char) ((sum & 0x3F) + 0x20);
    }
}
