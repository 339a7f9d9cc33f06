package org.vivacite.ingest.tic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vivacite.ingest.DecodedReading;

/**
 * Decodes a Linky TIC byte stream into readings: frames and datasets by {@link TicFrameReader}, then
 * each complete frame mapped by its labels.
 *
 * <table>
 *   <caption>Labels read (others are skipped)</caption>
 *   <tr><th>label</th><th>quantity</th><th>unit sent → kept</th></tr>
 *   <tr><td>ADCO, ADSC</td><td>the meter id</td><td></td></tr>
 *   <tr><td>DATE (standard)</td><td>the time of all the frame's readings</td><td>horodate</td></tr>
 *   <tr><td>BASE</td><td>electricityEnergyWithdrawn, and electricityEnergyWithdrawnPerPeriod (period
 *       BASE)</td><td>Wh → kWh</td></tr>
 *   <tr><td>HCHC, HCHP, EJPHN, EJPHPM, BBRH*</td><td>electricityEnergyWithdrawnPerPeriod, tariff
 *       period = label</td><td>Wh → kWh</td></tr>
 *   <tr><td>EAST</td><td>electricityEnergyWithdrawn</td><td>Wh → kWh</td></tr>
 *   <tr><td>EASF01…EASF10</td><td>electricityEnergyWithdrawnPerPeriod, tariff period = label</td>
 *       <td>Wh → kWh</td></tr>
 *   <tr><td>PAPP, SINSTS</td><td>electricityApparentPower</td><td>VA</td></tr>
 *   <tr><td>IINST, IRMS1</td><td>electricityCurrent</td><td>A</td></tr>
 *   <tr><td>URMS1</td><td>electricityVoltage</td><td>V</td></tr>
 * </table>
 *
 * Historic frames carry no time: their readings have none (the receiver's clock is meant). Frames not
 * ended by ETX are dropped with a note; a frame without a valid ADCO/ADSC gives no readings and is
 * rejected as a whole. Stateless and thread-safe.
 */
public final class TicDecoder {

    static final String ENERGY = "electricityEnergyWithdrawn";
    static final String ENERGY_PER_PERIOD = "electricityEnergyWithdrawnPerPeriod";
    static final String APPARENT_POWER = "electricityApparentPower";
    static final String CURRENT = "electricityCurrent";
    static final String VOLTAGE = "electricityVoltage";

    private record Mapping(String quantity, int decimalShift, boolean perPeriod) {}

    private static final Mapping TOTAL_WH = new Mapping(ENERGY, 3, false);
    private static final Mapping PERIOD_WH = new Mapping(ENERGY_PER_PERIOD, 3, true);
    private static final Pattern PERIOD_LABELS =
            Pattern.compile("BASE|HCHC|HCHP|EJPHN|EJPHPM|BBRH[A-Z]{3}|EASF(0[1-9]|10)");
    private static final Map<String, Mapping> INSTANT_LABELS = Map.of(
            "EAST", TOTAL_WH,
            "PAPP", new Mapping(APPARENT_POWER, 0, false),
            "SINSTS", new Mapping(APPARENT_POWER, 0, false),
            "IINST", new Mapping(CURRENT, 0, false),
            "IRMS1", new Mapping(CURRENT, 0, false),
            "URMS1", new Mapping(VOLTAGE, 0, false));

    private final TicFrameReader reader = new TicFrameReader();

    /** Decodes every frame of the stream. */
    public TicResult decode(byte[] stream) {
        List<DecodedReading> readings = new ArrayList<>();
        List<RejectedDataset> rejected = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Frame f : decodeFrames(stream)) {
            readings.addAll(f.result().readings());
            rejected.addAll(f.result().rejected());
            notes.addAll(f.result().notes());
        }
        return new TicResult(readings, rejected, notes);
    }

    /** One frame's readings, with the frame's index in the stream (TicFrameReader's count). */
    public record Frame(int index, TicResult result) {}

    /** Decodes the stream frame by frame, so that each reading can be traced to its frame. */
    public List<Frame> decodeFrames(byte[] stream) {
        List<Frame> frames = new ArrayList<>();
        for (TicFrame frame : reader.read(stream)) {
            List<DecodedReading> readings = new ArrayList<>();
            List<RejectedDataset> rejected = new ArrayList<>(frame.rejected());
            List<String> notes = new ArrayList<>();
            if (!frame.complete()) {
                notes.add("frame " + frame.index() + " dropped: " + frame.interruption());
            } else {
                map(frame, readings, rejected, notes);
            }
            frames.add(new Frame(frame.index(), new TicResult(readings, rejected, notes)));
        }
        return frames;
    }

    private static void map(
            TicFrame frame, List<DecodedReading> readings, List<RejectedDataset> rejected, List<String> notes) {
        String meterId = null;
        java.time.Instant time = null;
        for (TicDataset d : frame.datasets()) {
            if (d.label().equals("ADCO") || d.label().equals("ADSC")) {
                meterId = d.value().strip();
            } else if (d.label().equals("DATE") && d.mode() == TicMode.STANDARD) {
                try {
                    TicHorodate h = TicHorodate.parse(d.label(), d.horodate());
                    time = h.instant();
                    if (!h.synchronised()) {
                        notes.add("frame " + frame.index() + ": DATE says the meter clock is not synchronised");
                    }
                } catch (TicDatasetException e) {
                    rejected.add(new RejectedDataset(frame.index(), d.label(), e.getMessage()));
                }
            }
        }
        if (meterId == null || meterId.isEmpty()) {
            rejected.add(new RejectedDataset(
                    frame.index(),
                    null,
                    "frame " + frame.index()
                            + " has no valid ADCO or ADSC dataset; its readings cannot be attributed"));
            return;
        }
        for (TicDataset d : frame.datasets()) {
            String label = d.label();
            Mapping mapping = PERIOD_LABELS.matcher(label).matches() ? PERIOD_WH : INSTANT_LABELS.get(label);
            if (mapping == null) {
                continue;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(d.value().strip()).movePointLeft(mapping.decimalShift());
            } catch (NumberFormatException e) {
                rejected.add(
                        new RejectedDataset(frame.index(), label, "value of " + label + " is not a decimal number"));
                continue;
            }
            if (label.equals("BASE")) {
                readings.add(new DecodedReading(meterId, null, ENERGY, value, time, null, null));
            }
            readings.add(new DecodedReading(
                    meterId, null, mapping.quantity(), value, time, null, mapping.perPeriod() ? label : null));
        }
    }
}
