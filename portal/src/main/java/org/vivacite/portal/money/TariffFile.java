package org.vivacite.portal.money;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * A timeline file in the regulator's open-data conventions (CRE, "Historique des tarifs
 * réglementés de vente d'électricité"): {@code ;}-separated with a header line, decimal comma,
 * dates {@code DD/MM/YYYY} (ISO {@code YYYY-MM-DD} is read too), an empty cell for a value not
 * given (an empty {@code DATE_FIN}: still in force). Lines beginning with {@code #} are comments (a
 * file says there where it comes from, e.g. that a calendar is demo data).
 */
final class TariffFile {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setDelimiter(';')
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setCommentMarker('#')
            .setTrim(true)
            .get();

    private TariffFile() {}

    /** A line of a file, read by column name; its errors name the file, the line and the column. */
    record Row(String file, CSVRecord record) {

        String text(String column) {
            String v = record.isMapped(column) ? record.get(column) : null;
            return v == null ? "" : v.strip();
        }

        /** The number in a cell, null when empty and not {@code required}. */
        BigDecimal decimal(String column, boolean required) {
            String v = text(column);
            if (v.isEmpty()) {
                if (required) {
                    throw error(column, "is empty");
                }
                return null;
            }
            try {
                return new BigDecimal(v.replace(',', '.'));
            } catch (NumberFormatException e) {
                throw error(column, "'" + v + "' is not a number");
            }
        }

        /** The date in a cell, null when empty and not {@code required}. */
        LocalDate date(String column, boolean required) {
            String v = text(column);
            if (v.isEmpty()) {
                if (required) {
                    throw error(column, "is empty");
                }
                return null;
            }
            try {
                return v.contains("/") ? LocalDate.parse(v, FRENCH_DATE) : LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw error(column, "'" + v + "' is not a date (DD/MM/YYYY)");
            }
        }

        MoneyException error(String column, String what) {
            return new MoneyException(file + " line " + (record.getRecordNumber() + 1) + ": " + column + " " + what);
        }
    }

    /**
     * The rows of the file at a resource location.
     *
     * @throws MoneyException naming the file when it cannot be read or lacks a required column
     */
    static List<Row> read(ResourceLoader loader, String location, List<String> required) {
        Resource resource = loader.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark, as spreadsheets write
            }
            CSVParser parser = CSVParser.builder()
                    .setReader(new StringReader(text))
                    .setFormat(FORMAT)
                    .get();
            List<String> header = parser.getHeaderNames();
            for (String column : required) {
                if (!header.contains(column)) {
                    throw new MoneyException(location + ": no column " + column + " (it has " + header + ")");
                }
            }
            return parser.getRecords().stream().map(r -> new Row(location, r)).toList();
        } catch (IOException e) {
            throw new MoneyException(location + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
