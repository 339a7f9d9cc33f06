package org.vivacite.app.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.RegisteredMeter;

/**
 * How meters and dead letters are shown to operators, the same by the commands and {@code /admin}:
 * a meter as its registry columns, a dead letter as its metadata (never its payload, except
 * {@link #withPayload} for {@code deadletter show}).
 */
public final class IngestViews {

    private IngestViews() {}

    /** A registry row as JSON fields named by the CSV's columns; empty columns are left out. */
    public static Map<String, String> meter(RegisteredMeter m) {
        String[] values = MeterCsv.write(List.of(m))
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < MeterCsv.COLUMNS.size(); i++) {
            if (!values[i].isEmpty()) {
                row.put(MeterCsv.COLUMNS.get(i), values[i]);
            }
        }
        return row;
    }

    /**
     * Everything the store keeps of a letter but its payload, whose size it gives: {@code reason}
     * and {@code detail} of its first unit waiting, {@code units} (how many the payload holds) and
     * {@code reasons} (how many wait, per reason), {@code size} (of the payload as received, when
     * known).
     */
    public static Map<String, Object> metadata(DeadLetter l) {
        Envelope e = l.envelope();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", l.id());
        json.put("rejectedAt", l.rejectedAt().toString());
        json.put("reason", l.reason().id());
        json.put("detail", l.detail());
        json.put("units", l.units().size());
        Map<String, Integer> reasons = new LinkedHashMap<>();
        l.reasons().forEach((r, n) -> reasons.put(r.id(), n));
        json.put("reasons", reasons);
        json.put("attempts", l.attempts());
        json.put("format", e.formatName());
        json.put("source", e.source());
        if (e.gateway() != null) {
            json.put("gateway", e.gateway());
        }
        if (e.messageId() != null) {
            json.put("messageId", e.messageId());
        }
        json.put("receivedAt", e.receivedAt().toString());
        if (e.rssi() != null) {
            json.put("rssi", e.rssi());
        }
        json.put("payloadBytes", e.payload().length);
        json.put("truncated", l.truncated());
        if (l.size() >= 0) {
            json.put("size", l.size());
        }
        return json;
    }

    /** The metadata and the bytes the letter's file takes (what counts against the quotas). */
    public static Map<String, Object> metadata(DeadLetter l, long storedBytes) {
        Map<String, Object> json = metadata(l);
        json.put("storedBytes", storedBytes);
        return json;
    }

    /**
     * The reasons of all the letter's units, in runs of consecutive units ({@code "units": "0-19997"})
     * that share one ({@code "replayed": true} once they went through), and the details the letter
     * keeps.
     */
    public static List<Map<String, Object>> units(DeadLetter l) {
        DeadLetter.Units units = l.units();
        List<Map<String, Object>> runs = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= units.size(); i++) {
            if (i == units.size()
                    || units.codes().charAt(i) != units.codes().charAt(from)
                    || i <= units.details().size()) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("units", from == i - 1 ? Integer.toString(from) : from + "-" + (i - 1));
                run.put("reason", units.rejectedFor(from).id());
                if (units.reason(from).isEmpty()) {
                    run.put("replayed", true);
                }
                if (from < units.details().size()) {
                    run.put("detail", units.detail(from));
                }
                runs.add(run);
                from = i;
            }
        }
        return runs;
    }

    /** A letter's waiting reasons with their counts, as {@code deadletter list} prints them. */
    public static String reasons(DeadLetter l) {
        if (l.units().size() == 1) {
            return l.reason().id();
        }
        List<String> parts = new ArrayList<>();
        l.reasons().forEach((r, n) -> parts.add(r.id() + " (" + n + ")"));
        return parts.isEmpty() ? "replayed" : String.join(", ", parts);
    }

    /**
     * The metadata and the payload: {@code payloadText} when it is UTF-8 text without control
     * characters other than line breaks and tabs, else {@code payloadHex}.
     */
    public static Map<String, Object> withPayload(DeadLetter l) {
        Map<String, Object> json = metadata(l);
        json.put("unitReasons", units(l));
        byte[] payload = l.envelope().payload();
        Optional<String> text = text(payload);
        if (text.isPresent()) {
            json.put("payloadText", text.get());
        } else {
            json.put("payloadHex", HexFormat.of().formatHex(payload));
        }
        return json;
    }

    /** The bytes as text, if they are printable UTF-8. */
    public static Optional<String> text(byte[] bytes) {
        String s;
        try {
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        boolean printable =
                s.codePoints().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || !Character.isISOControl(c));
        return printable ? Optional.of(s) : Optional.empty();
    }
}
