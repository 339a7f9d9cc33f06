package org.vivacite.ingest.pipeline;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.dso.DsoDecoder;
import org.vivacite.ingest.senml.SenmlDecoder;
import org.vivacite.ingest.senml.SenmlResult;
import org.vivacite.ingest.senml.UnmappedRecord;
import org.vivacite.ingest.tic.RejectedDataset;
import org.vivacite.ingest.tic.TicDecoder;
import org.vivacite.ingest.tic.TicResult;
import org.vivacite.ingest.wmbus.MeterKeys;
import org.vivacite.ingest.wmbus.MissingKeyException;
import org.vivacite.ingest.wmbus.UnsupportedTelegramException;
import org.vivacite.ingest.wmbus.WmbusDecoder;
import org.vivacite.ingest.wmbus.WrongKeyException;

/** The decoder of each format, applied to one unit: the readings it gave, and what it refused, with why. */
public final class Decoders {

    /** What one unit gave. A unit may give readings and problems both (a TIC frame with one bad dataset). */
    public record Decoded(List<DecodedReading> readings, List<Problem> problems) {}

    /** Something a decoder refused. */
    public record Problem(Reason reason, String detail) {}

    private final WmbusDecoder wmbus;
    private final TicDecoder tic = new TicDecoder();
    private final SenmlDecoder senml = new SenmlDecoder();
    private final DsoDecoder dso;

    private final MeterKeys keys;

    public Decoders(MeterKeys keys, ZoneId zone) {
        this.keys = keys;
        this.wmbus = new WmbusDecoder(keys, zone);
        this.dso = new DsoDecoder(zone);
    }

    /** Reads the key file again, when keys are kept in one (meters were registered). */
    void refreshKeys() {
        if (keys instanceof org.vivacite.ingest.keys.MeterKeyFile file) {
            file.reload();
        }
    }

    /**
     * Decodes one unit. A unit that gives neither a reading nor a problem (a CSV of its header
     * only, a Data Connect document without entries, a telegram without a record that maps to a
     * reading) is refused with that reason, so that every unit not written is a dead letter.
     */
    public Decoded decode(Envelope unit) {
        Decoded d = decodeUnit(unit);
        if (d.readings().isEmpty() && d.problems().isEmpty()) {
            return new Decoded(List.of(), List.of(nothing(unit)));
        }
        return d;
    }

    private static Problem nothing(Envelope unit) {
        return switch (unit.format()) {
            case WMBUS ->
                new Problem(Reason.UNSUPPORTED, "wmbus telegram has no data record this decoder maps to a reading");
            case CSV -> new Problem(Reason.UNDECODABLE, "DSO CSV has no data row after its header");
            case DATACONNECT ->
                new Problem(Reason.UNDECODABLE, "Data Connect meter_reading has no interval_reading entry");
            default -> new Problem(Reason.UNDECODABLE, unit.format().id() + " input gave no reading");
        };
    }

    private Decoded decodeUnit(Envelope unit) {
        try {
            return switch (unit.format()) {
                case WMBUS -> new Decoded(wmbus(unit.payload()), List.of());
                case TIC -> tic(unit.payload());
                case SENML -> senml(unit.payload());
                case CSV -> new Decoded(dso.csv(unit.payload()), List.of());
                case DATACONNECT -> new Decoded(dso.dataConnect(unit.payload()), List.of());
            };
        } catch (WrongKeyException e) {
            return refused(Reason.WRONG_KEY, e);
        } catch (MissingKeyException e) {
            return refused(Reason.MISSING_KEY, e);
        } catch (UnsupportedTelegramException e) {
            return refused(Reason.UNSUPPORTED, e);
        } catch (DecodeException e) {
            return refused(Reason.UNDECODABLE, e);
        } catch (RuntimeException e) {
            // a decoder library's own failure on malformed input: still this input's fault, named
            return new Decoded(
                    List.of(),
                    List.of(new Problem(
                            Reason.UNDECODABLE,
                            unit.format().id() + " input cannot be read: "
                                    + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
        }
    }

    /**
     * A text unit is a hex line, whatever its characters: one with a character that is not a hex
     * digit is refused as such, not read as the bytes of a binary telegram (which would name a
     * meter and a CI made of its letters). What {@link Units} splits as text is text here too.
     */
    private List<DecodedReading> wmbus(byte[] payload) {
        return Units.text(payload)
                ? wmbus.decode(new String(payload, java.nio.charset.StandardCharsets.US_ASCII).strip())
                : wmbus.decode(payload);
    }

    private Decoded tic(byte[] payload) {
        TicResult r = tic.decode(payload);
        List<Problem> problems = new ArrayList<>();
        for (RejectedDataset d : r.rejected()) {
            problems.add(new Problem(Reason.UNDECODABLE, d.reason()));
        }
        if (r.readings().isEmpty() && problems.isEmpty()) {
            String notes = r.notes().isEmpty()
                    ? "no complete frame (STX … ETX) with a meter's datasets"
                    : String.join("; ", r.notes());
            problems.add(new Problem(Reason.UNDECODABLE, "TIC input gave no reading: " + notes));
        }
        return new Decoded(r.readings(), problems);
    }

    private Decoded senml(byte[] payload) {
        SenmlResult r = looksLikeJson(payload) ? senml.decodeJson(payload) : senml.decodeCbor(payload);
        List<Problem> problems = new ArrayList<>();
        for (UnmappedRecord u : r.unmapped()) {
            problems.add(new Problem(Reason.UNSUPPORTED, u.reason()));
        }
        if (r.readings().isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(Reason.UNDECODABLE, "SenML pack has no record"));
        }
        return new Decoded(r.readings(), problems);
    }

    static boolean looksLikeJson(byte[] p) {
        for (byte b : p) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '[' || b == '{';
        }
        return false;
    }

    private static Decoded refused(Reason reason, DecodeException e) {
        return new Decoded(List.of(), List.of(new Problem(reason, e.getMessage())));
    }
}
