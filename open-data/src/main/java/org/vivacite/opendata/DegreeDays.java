package org.vivacite.opendata;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Heating degree-days (base 18 °C) per day, to give heating fluids' consumption per degree-day.
 * A city takes them from its weather service (Météo-France DJU) as a CSV file {@code date,degree_days};
 * the demo city takes them from its own simulated weather.
 */
@FunctionalInterface
public interface DegreeDays {

    /** No degree-days known: cells give no value per degree-day. */
    DegreeDays NONE = day -> Optional.empty();

    /** The degree-days of one day, if known. */
    Optional<BigDecimal> of(LocalDate day);

    /** The sum over {@code [from, to)}, if every day of it is known. */
    default Optional<BigDecimal> between(LocalDate from, LocalDate to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            Optional<BigDecimal> v = of(d);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            sum = sum.add(v.get());
        }
        return Optional.of(sum);
    }

    /**
     * Reads a CSV file of {@code date,degree_days} (ISO dates, a header line, {@code #} comments).
     *
     * @throws OpenDataException naming the file and line of anything unreadable
     */
    static DegreeDays csv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OpenDataException("cannot read the degree-days file " + file + ": " + e.getMessage(), e);
        }
        TreeMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.startsWith("date"))) {
                continue;
            }
            String[] f = line.split(",");
            try {
                if (f.length != 2) {
                    throw new NumberFormatException("expected two columns");
                }
                BigDecimal v = new BigDecimal(f[1].strip());
                if (v.signum() < 0) {
                    throw new NumberFormatException("negative degree-days");
                }
                days.put(LocalDate.parse(f[0].strip()), v);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new OpenDataException("degree-days file " + file + ", line " + (i + 1) + " ('" + line
                        + "'): expected date,degree_days (" + e.getMessage() + ")");
            }
        }
        return day -> Optional.ofNullable(days.get(day));
    }
}
