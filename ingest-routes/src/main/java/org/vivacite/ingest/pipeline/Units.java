package org.vivacite.ingest.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vivacite.ingest.Envelope;

/**
 * Cuts a payload into the units that are decoded, written or dead-lettered on their own, so one bad
 * telegram does not lose its neighbours: a wM-Bus line (or a binary telegram), a TIC frame (from
 * one STX to the next), a CSV row (with the header, so it can be replayed alone). A SenML pack and
 * a Data Connect document are one unit each: their records depend on each other. {@link #join}
 * puts units back together into one payload that {@link #split} cuts into the same units: the
 * payload of a dead letter.
 */
final class Units {

    private static final byte STX = 0x02;

    private Units() {}

    static List<Envelope> split(Envelope e) {
        return switch (e.format()) {
            case WMBUS -> wmbus(e);
            case TIC -> tic(e);
            case CSV -> csv(e);
            case SENML, DATACONNECT -> List.of(e);
        };
    }

    /**
     * The payload that {@link #split} cuts into these units, in this order: the wire form of the
     * format (hex lines, frames one after the other, the header and the rows).
     *
     * @param units units of one payload, at least one
     */
    static byte[] join(List<Envelope> units) {
        if (units.size() == 1) {
            return units.get(0).payload();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (units.get(0).format()) {
            case WMBUS -> {
                for (Envelope u : units) {
                    if (out.size() > 0) {
                        out.write('\n');
                    }
                    out.writeBytes(u.payload());
                }
            }
            case TIC -> units.forEach(u -> out.writeBytes(u.payload()));
            case CSV -> {
                String first = new String(units.get(0).payload(), StandardCharsets.UTF_8);
                out.writeBytes(first.substring(0, first.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8));
                for (Envelope u : units) {
                    String unit = new String(u.payload(), StandardCharsets.UTF_8);
                    out.writeBytes(unit.substring(unit.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8));
                }
            }
            case SENML, DATACONNECT ->
                throw new IllegalArgumentException(
                        units.get(0).format().id() + " payloads are one unit each, not " + units.size());
        }
        return out.toByteArray();
    }

    private static List<Envelope> wmbus(Envelope e) {
        byte[] p = e.payload();
        if (!text(p)) {
            return List.of(e); // one binary telegram
        }
        List<Envelope> units = new ArrayList<>();
        for (String line : new String(p, StandardCharsets.US_ASCII).split("\r?\n|\r")) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                units.add(e.withPayload(s.getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return units.isEmpty() ? List.of(e) : units;
    }

    /** Whether a payload is printable ASCII text (hex lines), not a binary telegram. */
    static boolean text(byte[] p) {
        for (byte b : p) {
            if ((b < 0x20 || b > 0x7E) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return p.length > 0;
    }

    private static List<Envelope> tic(Envelope e) {
        byte[] p = e.payload();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == STX) {
                starts.add(i);
            }
        }
        if (starts.size() <= 1) {
            return List.of(e);
        }
        List<Envelope> units = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = k == 0 ? 0 : starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : p.length;
            units.add(e.withPayload(Arrays.copyOfRange(p, from, to)));
        }
        return units;
    }

    private static List<Envelope> csv(Envelope e) {
        List<String> lines = new String(e.payload(), StandardCharsets.UTF_8)
                .replace("\r", "")
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        if (lines.size() <= 2) {
            return List.of(e);
        }
        List<Envelope> units = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            units.add(e.withPayload((lines.get(0) + "\n" + lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return units;
    }
}
