package org.vivacite.simulator.dso;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON of Enedis Data Connect's metering data ({@code meter_reading}), as its
 * {@code consumption_load_curve} and {@code daily_consumption} resources return it:
 *
 * <pre>
 * {"meter_reading": {"usage_point_id": "16401220101758", "start": "2026-01-15", "end": "2026-01-16",
 *   "quality": "BRUT",
 *   "reading_type": {"measurement_kind": "power", "unit": "W", "aggregate": "average"},
 *   "interval_reading": [{"value": "540", "date": "2026-01-15 00:30:00", "interval_length": "PT30M",
 *     "measure_type": "B"}, …]}}
 * </pre>
 *
 * A load-curve point's {@code date} is the local end of its interval; a daily value's is its day,
 * with {@code reading_type} energy in Wh summed. Values are strings, as Enedis sends them.
 */
public final class DataConnect {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT);

    private DataConnect() {}

    /**
     * @param intervals one delivery point's values, all of one kind (load curve or daily), in order
     * @param start the first day covered
     * @param end the day after the last day covered
     */
    public static byte[] meterReading(
            String usagePointId, LocalDate start, LocalDate end, List<DsoInterval> intervals) {
        boolean curve = !intervals.isEmpty() && intervals.get(0).loadCurve();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("meter_reading");
            g.writeStringField("usage_point_id", usagePointId);
            g.writeStringField("start", start.toString());
            g.writeStringField("end", end.toString());
            g.writeStringField("quality", "BRUT");
            g.writeObjectFieldStart("reading_type");
            g.writeStringField("measurement_kind", curve ? "power" : "energy");
            g.writeStringField("unit", curve ? "W" : "Wh");
            g.writeStringField("aggregate", curve ? "average" : "sum");
            g.writeEndObject();
            g.writeArrayFieldStart("interval_reading");
            for (DsoInterval i : intervals) {
                if (i.loadCurve() != curve) {
                    throw new IllegalArgumentException("a meter_reading holds a load curve or daily values, not both");
                }
                g.writeStartObject();
                if (curve) {
                    g.writeStringField("value", Long.toString(i.averageWatts()));
                    g.writeStringField("date", LOCAL.format(i.end()));
                    g.writeStringField("interval_length", i.length().toString());
                    g.writeStringField("measure_type", "B");
                } else {
                    g.writeStringField("value", Long.toString(i.roundedWattHours()));
                    g.writeStringField("date", i.start().toLocalDate().toString());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
