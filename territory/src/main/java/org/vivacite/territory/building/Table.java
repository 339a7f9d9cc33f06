package org.vivacite.territory.building;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.vivacite.territory.TerritoryException;

/**
 * A CSV file of the import, read with commons-csv: a header row naming the columns (any order,
 * names compared in lower case, extra columns ignored), then one row per line; every error names
 * the file, the line and what is wrong.
 */
final class Table {

    /** One data row, with the line it starts on. */
    record Row(Path file, long line, CSVRecord record) {

        /** The stripped value of a column, "" when the column is absent or the cell empty. */
        String get(String column) {
            return record.isMapped(column) && record.isSet(column)
                    ? record.get(column).strip()
                    : "";
        }

        String where() {
            return "line " + line;
        }

        TerritoryException error(String what) {
            return TerritoryException.at(file, where(), what);
        }
    }

    private Table() {}

    /**
     * The column names of a file's first line (a byte-order mark dropped), split on its
     * delimiter: {@code ;} when the line has one, else {@code ,}.
     */
    static List<String> header(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).strip();
        List<String> names = new ArrayList<>();
        for (String name : first.split(first.contains(";") ? ";" : ",", -1)) {
            names.add(name.strip().replace("\"", "").toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * Reads every row of {@code file}, checking the header has the {@code required} columns and
     * each row as many fields as the header.
     */
    static void read(Path file, Collection<String> required, Consumer<Row> each) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        }
        char delimiter = new String(head, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("")
                        .contains(";")
                ? ';'
                : ',';
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreHeaderCase(true)
                .setTrim(true)
                .get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CSVParser parser;
            try {
                parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw TerritoryException.at(file, "line 1", "unreadable header: " + e.getMessage());
            }
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.toLowerCase(Locale.ROOT))
                    .toList();
            for (String column : required) {
                if (!header.contains(column)) {
                    throw TerritoryException.at(
                            file, "line 1", "missing column '" + column + "' (the header has " + header + ")");
                }
            }
            long line = parser.getCurrentLineNumber() + 1;
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw TerritoryException.at(file, "line " + line, "not valid CSV: " + rootMessage(e));
                }
                Row row = new Row(file, line, record);
                if (record.size() != header.size()) {
                    throw row.error(record.size() + " fields, the header has " + header.size());
                }
                each.accept(row);
                line = parser.getCurrentLineNumber() + 1;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
