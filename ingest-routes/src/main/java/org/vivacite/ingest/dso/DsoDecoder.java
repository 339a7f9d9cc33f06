package org.vivacite.ingest.dso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;

/**
 * Reads DSO exports of electricity delivery points: the platform's CSV (docs/simulator.md, "DSO
 * CSV") and Enedis Data Connect's {@code meter_reading} JSON. A load-curve point (the average
 * power over an interval, W) becomes {@code electricityAveragePower}; a day's energy (Wh) becomes
 * {@code electricityEnergyConsumed} in kWh; both with their interval.
 */
public final class DsoDecoder {

    static final String HEADER = "usage_point_id,start,end,value,unit";
    private static final DateTimeFormatter DATA_CONNECT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private final ZoneId zone;

    /** @param zone the DSO's local time zone, in which Data Connect gives its dates */
    public DsoDecoder(ZoneId zone) {
        this.zone = zone;
    }

    /** The rows of a DSO CSV file; a line that cannot be read is an error naming it. */
    public List<DecodedReading> csv(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).replace("\r", "");
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new DecodeException("a DSO CSV starts with the header '" + HEADER + "'");
        }
        List<DecodedReading> readings = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 5) {
                throw new DecodeException("DSO CSV line " + (i + 1) + " has " + f.length + " fields, not 5");
            }
            try {
                OffsetDateTime start = OffsetDateTime.parse(f[1]);
                OffsetDateTime end = OffsetDateTime.parse(f[2]);
                readings.add(
                        reading(f[0], start.toInstant(), Duration.between(start, end), new BigDecimal(f[3]), f[4]));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new DecodeException("DSO CSV line " + (i + 1) + ": " + e.getMessage(), e);
            } catch (DecodeException e) {
                throw new DecodeException("DSO CSV line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return readings;
    }

    /** The interval readings of a Data Connect {@code meter_reading}. */
    public List<DecodedReading> dataConnect(byte[] payload) {
        JsonNode reading;
        try {
            reading = JSON.readTree(payload).path("meter_reading");
        } catch (IOException e) {
            throw new DecodeException("a Data Connect meter_reading is JSON: " + e.getMessage(), e);
        }
        String point = reading.path("usage_point_id").asText("");
        if (point.isEmpty() || !reading.path("interval_reading").isArray()) {
            throw new DecodeException("a Data Connect meter_reading has a usage_point_id and interval_reading entries");
        }
        String unit = reading.path("reading_type").path("unit").asText("");
        List<DecodedReading> readings = new ArrayList<>();
        int n = 0;
        for (JsonNode entry : reading.get("interval_reading")) {
            n++;
            String date = entry.path("date").asText("");
            try {
                BigDecimal value = new BigDecimal(entry.path("value").asText(""));
                if (unit.equals("W")) {
                    // A load-curve point's date is the local end of its interval.
                    Duration length =
                            Duration.parse(entry.path("interval_length").asText("PT30M"));
                    LocalDateTime end = LocalDateTime.parse(date, DATA_CONNECT_TIME);
                    readings.add(reading(point, end.atZone(zone).toInstant().minus(length), length, value, unit));
                } else {
                    LocalDate day = LocalDate.parse(date);
                    var start = day.atStartOfDay(zone);
                    var next = day.plusDays(1).atStartOfDay(zone);
                    readings.add(reading(point, start.toInstant(), Duration.between(start, next), value, unit));
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new DecodeException(
                        "Data Connect interval_reading " + n + " of " + point + " (date '" + date + "'): "
                                + e.getMessage(),
                        e);
            }
        }
        return readings;
    }

    private static DecodedReading reading(
            String point, java.time.Instant start, Duration length, BigDecimal value, String unit) {
        if (length.isNegative() || length.isZero()) {
            throw new DecodeException("the interval of " + point + " ends before it starts");
        }
        return switch (unit) {
            case "W" -> new DecodedReading(point, null, "electricityAveragePower", value, start, length, null);
            case "Wh" ->
                new DecodedReading(
                        point, null, "electricityEnergyConsumed", value.divide(THOUSAND), start, length, null);
            default ->
                throw new DecodeException(
                        "unit '" + unit + "' of " + point + " is neither W (load curve) nor Wh (energy)");
        };
    }
}
