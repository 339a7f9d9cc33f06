package org.vivacite.opendata.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Release;

/** The CSV of a release parsed back (Apache Commons CSV, RFC 4180), and its CSVW metadata. */
class CsvTableTest {

    private static final String LICENSE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";
    private final CsvTable table = new CsvTable(TestReleases.BASE, LICENSE);

    private String csv(Release r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.write(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))) {
            return p.getRecords();
        }
    }

    @Test
    void oneRowPerCellWithItsValues() throws IOException {
        for (Release r : List.of(TestReleases.annual(), TestReleases.profile())) {
            String csv = csv(r);
            assertThat(csv).contains("\r\n");
            List<CSVRecord> rows = parse(csv);
            assertThat(rows).hasSize(r.cells().size());
            assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(CsvTable.columnNames(r.dataset()));
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                Cell c = r.cells().get(i);
                assertThat(row.get("area")).isEqualTo(c.area().iri());
                assertThat(row.get("area_label")).isEqualTo(c.area().label()); // quotes and commas survive
                assertThat(row.get("period_start")).isEqualTo(c.period().start().toString());
                assertThat(row.get("period_end")).isEqualTo(c.period().end().toString());
                assertThat(row.get("fluid")).isEqualTo(c.fluid().code);
                assertThat(row.get("sector")).isEqualTo(c.sector().code);
                assertThat(row.get("unit")).isEqualTo(c.fluid().unitIri());
                assertThat(row.get("status")).isEqualTo(c.protection().published() ? "published" : "confidential");
                if (r.dataset().profile()) {
                    assertThat(java.time.LocalTime.parse(row.get("slot"))).isEqualTo(c.slot());
                }
                for (CubeTerms.Value m : CubeTerms.VALUES) {
                    BigDecimal v = m.value().apply(c);
                    String cellText = row.get(m.csvColumn());
                    if (!c.protection().published() || v == null) {
                        assertThat(cellText)
                                .as(m.csvColumn() + " of " + c.key())
                                .isEmpty();
                    } else {
                        assertThat(new BigDecimal(cellText)).isEqualByComparingTo(v);
                    }
                }
            }
        }
    }

    @Test
    void suppressedRowsHaveNoValues() throws IOException {
        Release r = TestReleases.annual();
        List<CSVRecord> suppressed = parse(csv(r)).stream()
                .filter(row -> !row.get("status").equals("published"))
                .toList();
        assertThat(suppressed).hasSize((int)
                r.cells().stream().filter(c -> !c.protection().published()).count());
        for (CSVRecord row : suppressed) {
            for (CubeTerms.Value m : CubeTerms.VALUES) {
                assertThat(row.get(m.csvColumn())).isEmpty();
            }
        }
    }

    @Test
    void theMetadataNamesEveryColumnInOrder() {
        for (Release r : List.of(TestReleases.annual(), TestReleases.profile())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            table.writeMetadata(r, "cells.csv", out);
            JsonObject m = JSON.parse(out.toString(StandardCharsets.UTF_8));
            assertThat(m.get("@context").getAsArray().get(0).getAsString().value())
                    .isEqualTo("http://www.w3.org/ns/csvw");
            assertThat(m.get("url").getAsString().value()).isEqualTo("cells.csv");
            assertThat(m.get("dc:license")
                            .getAsObject()
                            .get("@id")
                            .getAsString()
                            .value())
                    .isEqualTo(LICENSE);
            JsonObject schema = m.get("tableSchema").getAsObject();
            JsonArray columns = schema.get("columns").getAsArray();
            List<String> real = columns.stream()
                    .map(v -> v.getAsObject())
                    .filter(o -> !o.hasKey("virtual"))
                    .map(o -> o.get("name").getAsString().value())
                    .toList();
            assertThat(real).isEqualTo(CsvTable.columnNames(r.dataset()));
            List<String> key = schema.get("primaryKey").getAsArray().stream()
                    .map(v -> v.getAsString().value())
                    .toList();
            assertThat(real).containsAll(key);
            assertThat(schema.get("aboutUrl").getAsString().value()).startsWith(r.iri(TestReleases.BASE));
            // Value columns point to the cube's measures.
            for (CubeTerms.Value x : CubeTerms.VALUES) {
                JsonObject col = columns.get(real.indexOf(x.csvColumn())).getAsObject();
                assertThat(col.get("propertyUrl").getAsString().value()).isEqualTo(x.iri());
            }
        }
        assertThat(CsvTable.metadataName("cells.csv")).isEqualTo("cells.csv-metadata.json");
    }
}
