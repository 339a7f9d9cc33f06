package org.vivacite.territory.area;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.vivacite.territory.TerritoryException;

/**
 * The national tables (INSEE's COG, DGCL's EPCI composition) as CSV with a header row, separated by
 * commas or semicolons as their producers publish them; columns are found by name, whatever their case.
 */
final class Tables {

    private Tables() {}

    /** The header's column names, lower case, from the first line of the head of a file. */
    static Set<String> header(byte[] head) {
        String text = Areas.text(head);
        int end = text.indexOf('\n');
        String first =
                (end < 0 ? text : text.substring(0, end)).replace("\uFEFF", "").strip();
        char separator = separator(first);
        return Arrays.stream(first.split(String.valueOf(separator)))
                .map(c -> c.replace("\"", "").strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /**
     * Reads each row (with its line number) once the required columns are there.
     *
     * @throws TerritoryException naming the file and the missing column
     */
    static void rows(Path file, List<String> required, BiConsumer<Long, Row> row) throws IOException {
        String first;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = in.readLine();
        }
        if (first == null) {
            throw TerritoryException.at(file, "line 1", "empty file, a header row was expected");
        }
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(separator(first.replace("\uFEFF", "")))
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true)
                .setTrim(true)
                .get();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
            try (CSVParser parser =
                    CSVParser.builder().setReader(in).setFormat(format).get()) {
                for (String column : required) {
                    if (!parser.getHeaderMap().containsKey(column)) {
                        throw TerritoryException.at(file, "line 1", "no column '" + column + "'");
                    }
                }
                // Errors name a column as the file spells it (COM, not com).
                Map<String, String> names = new HashMap<>();
                parser.getHeaderNames().forEach(n -> names.put(n.toLowerCase(Locale.ROOT), n));
                for (CSVRecord record : parser) {
                    long line = parser.getCurrentLineNumber();
                    if (!record.isConsistent()) {
                        throw TerritoryException.at(
                                file,
                                "line " + line,
                                record.size() + " fields where the header has "
                                        + parser.getHeaderMap().size());
                    }
                    row.accept(line, new Row(file, line, record, names));
                }
            } catch (java.io.UncheckedIOException e) {
                throw TerritoryException.at(
                        file, "line ?", "not readable as CSV: " + e.getCause().getMessage());
            }
        }
    }

    private static char separator(String header) {
        return header.chars().filter(c -> c == ';').count()
                        > header.chars().filter(c -> c == ',').count()
                ? ';'
                : ',';
    }

    /** One row: its fields by column name, and errors that name its line. */
    record Row(Path file, long line, CSVRecord record, Map<String, String> names) {

        String get(String column) {
            return record.get(column);
        }

        /** The field, which must match the pattern. */
        String code(String column, java.util.regex.Pattern pattern, String what) {
            String value = get(column);
            if (!pattern.matcher(value).matches()) {
                throw error(names.getOrDefault(column, column) + " '" + value + "' is not " + what);
            }
            return value;
        }

        String required(String column) {
            String value = get(column);
            if (value.isEmpty()) {
                throw error(names.getOrDefault(column, column) + " is empty");
            }
            return value;
        }

        TerritoryException error(String what) {
            return TerritoryException.at(file, "line " + line, what);
        }
    }
}
