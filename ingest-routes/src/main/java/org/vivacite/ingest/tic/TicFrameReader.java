package org.vivacite.ingest.tic;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream from a Linky's customer interface into frames (STX … ETX) and datasets
 * (LF … CR), and checks each dataset's checksum (Enedis-NOI-CPT_54E).
 *
 * <ul>
 *   <li>Bytes before the first STX (a stream joined mid-frame) and between ETX and STX are skipped.
 *   <li>EOT, or an STX before the ETX, interrupts the frame; so does the end of the stream. Such a
 *       frame is returned with its {@linkplain TicFrame#interruption() interruption} set.
 *   <li>Bytes outside LF … CR inside a frame are skipped (some captures frame as STX CR … LF ETX).
 *   <li>A dataset with a wrong checksum or shape is refused with its reason; the frame's other
 *       datasets are still read.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class TicFrameReader {

    private static final int STX = 0x02;
    private static final int ETX = 0x03;
    private static final int EOT = 0x04;
    private static final int HT = 0x09;
    private static final int LF = 0x0A;
    private static final int CR = 0x0D;

    /** The frames of the stream, in order, the interrupted ones included. */
    public List<TicFrame> read(byte[] stream) {
        List<TicFrame> frames = new ArrayList<>();
        FrameBuilder current = null;
        StringBuilder dataset = null;
        for (byte b : stream) {
            int c = b & 0xFF;
            if (c == STX) {
                if (current != null) {
                    frames.add(current.build(dataset, "a new STX came before ETX"));
                }
                current = new FrameBuilder(frames.size());
                dataset = null;
            } else if (current == null) {
                continue; // outside a frame
            } else if (c == ETX || c == EOT) {
                frames.add(current.build(dataset, c == ETX ? null : "interrupted by EOT"));
                current = null;
                dataset = null;
            } else if (c == LF) {
                if (dataset != null) {
                    current.rejectUnterminated(dataset);
                }
                dataset = new StringBuilder();
            } else if (c == CR) {
                if (dataset != null) {
                    current.add(dataset.toString());
                    dataset = null;
                }
            } else if (dataset != null) {
                dataset.append((char) c);
            }
        }
        if (current != null) {
            frames.add(current.build(dataset, "the stream ended before ETX"));
        }
        return frames;
    }

    /** The checksum character of the covered characters: their sum's low six bits, plus 0x20. */
    public static char checksum(CharSequence covered) {
        int sum = 0;
        for (int i = 0; i < covered.length(); i++) {
            sum += covered.charAt(i) & 0xFF;
        }
        return (char) ((sum & 0x3F) + 0x20);
    }

    /**
     * Reads one dataset as it stands between LF and CR.
     *
     * @throws TicDatasetException if its shape or checksum is wrong; the message names the label
     */
    public static TicDataset parse(String raw) {
        if (raw.length() < 3) {
            throw new TicDatasetException(
                    null,
                    "dataset of " + raw.length() + " characters is shorter than a label, a separator and a checksum");
        }
        char checksum = raw.charAt(raw.length() - 1);
        char separator = raw.charAt(raw.length() - 2);
        boolean standard = raw.indexOf(HT) >= 0;
        String label = firstField(raw, standard ? HT : ' ');
        if (label.isEmpty()) {
            throw new TicDatasetException(null, "dataset has an empty label");
        }
        if (standard) {
            if (separator != HT) {
                throw new TicDatasetException(
                        label, "standard-mode dataset " + label + " has no HT before its checksum");
            }
            String covered = raw.substring(0, raw.length() - 1);
            verify(label, checksum, checksum(covered), TicMode.STANDARD);
            String[] fields = raw.substring(0, raw.length() - 2).split("\t", -1);
            if (fields.length == 2) {
                return new TicDataset(TicMode.STANDARD, label, null, fields[1], checksum);
            }
            if (fields.length == 3) {
                return new TicDataset(TicMode.STANDARD, label, fields[1], fields[2], checksum);
            }
            throw new TicDatasetException(
                    label,
                    "standard-mode dataset " + label + " has " + fields.length
                            + " fields; 2 or 3 (with a horodate) are allowed");
        }
        if (separator != ' ') {
            throw new TicDatasetException(label, "historic-mode dataset " + label + " has no SP before its checksum");
        }
        String covered = raw.substring(0, raw.length() - 2);
        if (covered.length() == label.length()) {
            throw new TicDatasetException(
                    label, "historic-mode dataset " + label + " has no SP between label and value");
        }
        verify(label, checksum, checksum(covered), TicMode.HISTORIC);
        return new TicDataset(TicMode.HISTORIC, label, null, covered.substring(label.length() + 1), checksum);
    }

    private static String firstField(String raw, int separator) {
        int end = raw.indexOf(separator);
        return end < 0 ? raw.substring(0, raw.length() - 1) : raw.substring(0, end);
    }

    private static void verify(String label, char sent, char computed, TicMode mode) {
        if (sent != computed) {
            throw new TicDatasetException(
                    label,
                    String.format(
                            "checksum of %s-mode dataset %s is 0x%02X, the sum of its bytes gives 0x%02X",
                            mode.name().toLowerCase(java.util.Locale.ROOT), label, (int) sent, (int) computed));
        }
    }

    private static final class FrameBuilder {
        private final int index;
        private final List<TicDataset> datasets = new ArrayList<>();
        private final List<RejectedDataset> rejected = new ArrayList<>();

        FrameBuilder(int index) {
            this.index = index;
        }

        void add(String raw) {
            try {
                datasets.add(parse(raw));
            } catch (TicDatasetException e) {
                rejected.add(new RejectedDataset(index, e.label(), e.getMessage()));
            }
        }

        void rejectUnterminated(StringBuilder dataset) {
            if (!dataset.isEmpty()) {
                String label = firstField(dataset + " ", dataset.indexOf("\t") >= 0 ? HT : ' ');
                rejected.add(new RejectedDataset(index, label, "dataset " + label + " has no CR before the next LF"));
            }
        }

        TicFrame build(StringBuilder openDataset, String interruption) {
            if (openDataset != null && !openDataset.isEmpty()) {
                String label = firstField(openDataset + " ", openDataset.indexOf("\t") >= 0 ? HT : ' ');
                rejected.add(new RejectedDataset(index, label, "dataset " + label + " was cut before its CR"));
            }
            return new TicFrame(index, datasets, rejected, interruption);
        }
    }
}
