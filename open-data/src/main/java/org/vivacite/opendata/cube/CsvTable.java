package org.vivacite.opendata.cube;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Release;
import org.vivacite.opendata.cube.CubeTerms.Value;

/**
 * Writes a release as one CSV table (RFC 4180: UTF-8, comma-separated, CRLF line ends, a header
 * row) with one row per cell, and its W3C CSV on the Web metadata ({@code {file}-metadata.json}),
 * whose columns point to the same terms as the Data Cube ({@link DataCube}).
 *
 * <p>A suppressed cell's row keeps its key (area, period, slot, fluid, sector) and unit, has the
 * status {@code confidential}, and leaves every value empty: consumption, delivery points, mean and
 * ratios. No column says which rule hid a cell (the release's private audit record does).
 */
public final class CsvTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A column: its name, English title, CSVW datatype and how csv2rdf reads it. */
    private record Column(
            String name, String title, String datatype, String propertyUrl, String valueUrl, String aboutUrl) {}

    private final String base;
    private final String license;

    /**
     * @param base the platform's base IRI, ending with {@code /}
     * @param license the IRI of the licence the metadata states ({@code dc:license})
     */
    public CsvTable(String base, String license) {
        if (base == null || !base.endsWith("/")) {
            throw new OpenDataException("the base IRI must end with '/', not '" + base + "'");
        }
        if (license == null || license.isBlank()) {
            throw new OpenDataException("the CSV metadata needs a licence IRI");
        }
        this.base = base;
        this.license = license;
    }

    /** The metadata file of a CSV file, as CSVW finds it: {@code {file}-metadata.json}. */
    public static String metadataName(String csvFile) {
        return csvFile + "-metadata.json";
    }

    /** The column names of a dataset's CSV files, in order; {@code slot} only for the load profile. */
    public static List<String> columnNames(Dataset d) {
        return columns(d).stream().map(Column::name).toList();
    }

    /**
     * Writes the release's rows to {@code out}, in UTF-8; {@code out} stays open.
     *
     * @throws OpenDataException naming the release when a cell is not one of its dataset's
     *     (see {@link DataCube#write}) or when writing fails
     */
    public void write(Release release, OutputStream out) {
        List<Column> columns = columns(release.dataset());
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            row(w, columns.stream().map(Column::name).toList());
            for (Cell c : release.cells()) {
                Cells.check(release, c);
                row(w, values(release.dataset(), c));
            }
            w.flush();
        } catch (IOException e) {
            throw new OpenDataException(
                    "cannot write the CSV of release " + release.id() + " of " + release.dataset().id, e);
        }
    }

    /**
     * Writes the CSVW metadata of the release's CSV file, in UTF-8; {@code out} stays open.
     *
     * @param csvUrl the CSV file's URL, absolute or relative to the metadata file (usually its
     *     name)
     */
    public void writeMetadata(Release release, String csvUrl, OutputStream out) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(metadata(release, csvUrl).toString());
            w.write('\n');
            w.flush();
        } catch (IOException e) {
            throw new OpenDataException(
                    "cannot write the CSV metadata of release " + release.id() + " of " + release.dataset().id, e);
        }
    }

    JsonObject metadata(Release r, String csvUrl) {
        Dataset d = r.dataset();
        JsonObject m = new JsonObject();
        JsonArray context = new JsonArray();
        context.add("http://www.w3.org/ns/csvw");
        JsonObject language = new JsonObject();
        language.put("@language", "en");
        context.add(language);
        m.put("@context", context);
        m.put("url", csvUrl);
        m.put("dc:title", langs(d.titleFr, d.titleEn));
        m.put("dc:description", langs(d.descriptionFr, d.descriptionEn));
        m.put("dc:license", id(license));
        m.put("dc:issued", typed(r.issued().toString(), "xsd:dateTime"));
        m.put("dialect", dialect());
        JsonObject schema = new JsonObject();
        JsonArray cols = new JsonArray();
        for (Column c : columns(d)) {
            JsonObject col = new JsonObject();
            col.put("name", c.name());
            col.put("titles", c.title());
            col.put("datatype", c.datatype());
            if (c.propertyUrl() == null) {
                col.put("suppressOutput", true);
            } else {
                col.put("propertyUrl", c.propertyUrl());
            }
            if (c.valueUrl() != null) {
                col.put("valueUrl", c.valueUrl());
            }
            if (c.aboutUrl() != null) {
                col.put("aboutUrl", c.aboutUrl());
            }
            cols.add(col);
        }
        JsonObject partOf = new JsonObject();
        partOf.put("name", "release");
        partOf.put("virtual", true);
        partOf.put("propertyUrl", "dc:isPartOf");
        partOf.put("valueUrl", r.iri(base));
        cols.add(partOf);
        schema.put("columns", cols);
        JsonArray key = new JsonArray();
        for (String k : d.profile()
                ? List.of("area", "period_start", "slot", "fluid", "sector")
                : List.of("area", "period_start", "fluid", "sector")) {
            key.add(k);
        }
        schema.put("primaryKey", key);
        // A row is a cell; it has no IRI of its own in the cube, so it is named as a row of the file.
        schema.put("aboutUrl", r.iri(base) + "/csv#row={_row}");
        m.put("tableSchema", schema);
        return m;
    }

    private static JsonObject dialect() {
        JsonObject dialect = new JsonObject();
        dialect.put("encoding", "utf-8");
        dialect.put("lineTerminators", array(List.of("\r\n")));
        dialect.put("header", true);
        return dialect;
    }

    private static List<Column> columns(Dataset d) {
        String vc = Namespaces.VC;
        List<Column> c = new ArrayList<>();
        c.add(new Column("area", "area", "anyURI", CubeTerms.REF_AREA, "{+area}", null));
        c.add(new Column("area_code", "area code", "string", Namespaces.SKOS + "notation", null, "{+area}"));
        c.add(new Column("area_label", "area label", "string", CubeTerms.RDFS + "label", null, "{+area}"));
        c.add(new Column("level", "territorial level", "string", null, null, null));
        c.add(new Column("period", "period", "string", null, null, null));
        c.add(new Column("period_start", "first day of the period", "date", null, null, null));
        c.add(new Column("period_end", "day after the period", "date", null, null, null));
        if (d.profile()) {
            c.add(new Column("slot", "half hour (local start)", "time", CubeTerms.TIME_OF_DAY, null, null));
        }
        c.add(new Column("fluid", "fluid", "string", null, null, null));
        c.add(new Column("sector", "sector", "string", CubeTerms.SECTOR, vc + "{sector}", null));
        c.add(new Column("unit", "unit (QUDT)", "anyURI", CubeTerms.UNIT_MEASURE, "{+unit}", null));
        for (Value m : CubeTerms.VALUES) {
            c.add(new Column(
                    m.csvColumn(),
                    m.csvColumn().replace('_', ' '),
                    m.integer() ? "integer" : "decimal",
                    m.iri(),
                    null,
                    null));
        }
        c.add(new Column("status", "disclosure status", "string", CubeTerms.DISCLOSURE_STATUS, vc + "{status}", null));
        return c;
    }

    private static List<String> values(Dataset d, Cell c) {
        List<String> v = new ArrayList<>();
        v.add(c.area().iri());
        v.add(c.area().code());
        v.add(c.area().label());
        v.add(c.area().level().name().toLowerCase(Locale.ROOT));
        v.add(c.period().label());
        v.add(c.period().start().toString());
        v.add(c.period().end().toString());
        if (d.profile()) {
            v.add(TIME.format(c.slot()));
        }
        v.add(c.fluid().code);
        v.add(c.sector().code);
        v.add(c.fluid().unitIri());
        for (Value m : CubeTerms.VALUES) {
            BigDecimal x = c.protection().published() ? m.value().apply(c) : null;
            v.add(x == null ? "" : CubeTerms.decimal(x));
        }
        v.add(c.protection().publicStatus().code);
        return v;
    }

    /** One RFC 4180 record: fields with a comma, quote or line break are quoted, quotes doubled. */
    private static void row(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                w.write('"');
                w.write(f.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(f);
            }
        }
        w.write("\r\n");
    }

    private static JsonArray langs(String fr, String en) {
        JsonArray a = new JsonArray();
        a.add(typedLang(fr, "fr"));
        a.add(typedLang(en, "en"));
        return a;
    }

    private static JsonObject typedLang(String value, String lang) {
        JsonObject o = new JsonObject();
        o.put("@value", value);
        o.put("@language", lang);
        return o;
    }

    private static JsonObject typed(String value, String type) {
        JsonObject o = new JsonObject();
        o.put("@value", value);
        o.put("@type", type);
        return o;
    }

    private static JsonObject id(String iri) {
        JsonObject o = new JsonObject();
        o.put("@id", iri);
        return o;
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
