package org.vivacite.territory.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.rdf.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.RealExtracts;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;

/** The IRIS readers on the real contours: WGS 84, Lambert-93 (declared or not) and GeoPackage agree. */
class IrisContoursTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A draft with Grenoble-Alpes Métropole's communes, ready for districts. */
    static TerritoryDraft draft() throws IOException {
        TerritoryDraft draft = new TerritoryDraft(RealExtracts.BASE);
        new EpciComposition().read(RealExtracts.MEMBERS, draft);
        return draft;
    }

    /** Each district's polygon, by IRIS code. */
    static Map<String, Geometry> polygons(TerritoryDraft draft) throws Exception {
        Map<String, Geometry> polygons = new TreeMap<>();
        for (Resource d : Areas.all(draft.territory(), VC.District)) {
            String wkt = d.getPropertyResourceValue(Areas.HAS_GEOMETRY)
                    .getProperty(Areas.AS_WKT)
                    .getString();
            polygons.put(Areas.code(d), new WKTReader().read(wkt));
        }
        return polygons;
    }

    /** The largest distance in metres between corresponding vertices (a local equirectangular approximation). */
    static double largestGapMetres(Map<String, Geometry> a, Map<String, Geometry> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        double gap = 0;
        for (String code : a.keySet()) {
            Coordinate[] x = a.get(code).getCoordinates();
            Coordinate[] y = b.get(code).getCoordinates();
            assertThat(y).as(code).hasSameSizeAs(x);
            for (int i = 0; i < x.length; i++) {
                double dx = (x[i].x - y[i].x) * 111_320 * Math.cos(Math.toRadians(x[i].y));
                double dy = (x[i].y - y[i].y) * 110_574;
                gap = Math.max(gap, Math.hypot(dx, dy));
            }
        }
        return gap;
    }

    @Test
    void lambert93AndWgs84GiveTheSamePolygonsWithinACentimetre() throws Exception {
        TerritoryDraft wgs84 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_WGS84, wgs84);
        TerritoryDraft lambert93 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_L93, lambert93);

        Map<String, Geometry> expected = polygons(wgs84);
        assertThat(expected).hasSize(84);
        assertThat(largestGapMetres(expected, polygons(lambert93))).isLessThan(0.01);
        // Reprojected, not passed through: Grenoble's polygons lie around 5.7° E, 45.2° N.
        Envelope grenoble = new Envelope(5.6, 5.9, 45.1, 45.3);
        assertThat(grenoble.contains(polygons(lambert93).get("381850101").getEnvelopeInternal()))
                .isTrue();
    }

    @Test
    void lambert93WithoutACrsMemberIsRecognisedFromItsCoordinates() throws Exception {
        ObjectNode collection = (ObjectNode) JSON.readTree(RealExtracts.IRIS_L93.toFile());
        collection.remove("crs");
        Path file = dir.resolve("contours_iris_2020_nocrs.geojson");
        JSON.writeValue(file.toFile(), collection);
        TerritoryDraft wgs84 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_WGS84, wgs84);
        TerritoryDraft guessed = draft();

        new IrisGeoJson().read(file, guessed);

        assertThat(largestGapMetres(polygons(wgs84), polygons(guessed))).isLessThan(0.01);
    }

    @Test
    void aGeoPackageInLambert93GivesTheSamePolygons() throws Exception {
        Path gpkg = geoPackage(dir.resolve("CONTOURS-IRIS_3-0__GPKG_LAMB93_FXX_2020-01-01.gpkg"), null);
        byte[] head = Files.readAllBytes(gpkg);
        assertThat(new IrisGeoPackage().recognises(gpkg.getFileName().toString(), head))
                .isTrue();
        assertThat(new IrisGeoJson().recognises(gpkg.getFileName().toString(), head))
                .isFalse();
        TerritoryDraft wgs84 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_WGS84, wgs84);
        TerritoryDraft fromGpkg = draft();

        new IrisGeoPackage().read(gpkg, fromGpkg);

        assertThat(largestGapMetres(polygons(wgs84), polygons(fromGpkg))).isLessThan(0.01);
        Resource polygone = fromGpkg.territory().getResource(RealExtracts.BASE + "id/district/381850101");
        assertThat(polygone.getProperty(org.apache.jena.vocabulary.RDFS.label).getString())
                .isEqualTo("Polygone");
        assertThat(polygone.getProperty(org.apache.jena.vocabulary.DCTerms.valid)
                        .getString())
                .isEqualTo("2020");
    }

    @Test
    void aMalformedGeoPackageGetsItsFeature() throws Exception {
        Path gpkg = geoPackage(dir.resolve("CONTOURS-IRIS_2020.gpkg"), "381850103");

        assertThatThrownBy(() -> new IrisGeoPackage().read(gpkg, draft()))
                .isInstanceOf(TerritoryException.class)
                .hasMessage("CONTOURS-IRIS_2020.gpkg, table contours_iris, feature 3 (CODE_IRIS 38185010):"
                        + " CODE_IRIS '38185010' is not an IRIS code (9 characters: commune code + 4 digits)");
    }

    @Test
    void contoursWithoutAYearInTheirNameAreRefused() throws Exception {
        Path file = Files.copy(RealExtracts.IRIS_WGS84, dir.resolve("contours.geojson"));
        ObjectNode collection = (ObjectNode) JSON.readTree(file.toFile());
        collection.put("name", "contours");
        JSON.writeValue(file.toFile(), collection);

        assertThatThrownBy(() -> new IrisGeoJson().read(file, draft()))
                .isInstanceOf(TerritoryException.class)
                .hasMessageStartingWith("contours.geojson, name: no millésime (year) in the file's name");
    }

    /**
     * Writes the real Lambert-93 contours as a GeoPackage 1.2 (CONTOURS-IRIS 3.x column names),
     * with the code of one IRIS cut short if {@code cut} names it.
     */
    static Path geoPackage(Path file, String cut) throws Exception {
        JsonNode collection = JSON.readTree(RealExtracts.IRIS_L93.toFile());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA application_id = " + 0x47504B47);
                s.execute("PRAGMA user_version = 10200");
                s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
                        + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
                        + " definition TEXT NOT NULL, description TEXT)");
                s.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('RGF93 v1 / Lambert-93', 2154, 'EPSG', 2154," + " '"
                        + Lambert93.WKT.replace("'", "''") + "', NULL)");
                s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
                        + " identifier TEXT, description TEXT, last_change DATETIME, min_x DOUBLE, min_y DOUBLE,"
                        + " max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)");
                s.execute("INSERT INTO gpkg_contents VALUES ('contours_iris', 'features', 'contours_iris', '',"
                        + " '2020-01-01T00:00:00Z', NULL, NULL, NULL, NULL, 2154)");
                s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
                        + " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,"
                        + " m TINYINT NOT NULL)");
                s.execute("INSERT INTO gpkg_geometry_columns VALUES ('contours_iris', 'geometrie', 'MULTIPOLYGON',"
                        + " 2154, 0, 0)");
                s.execute("CREATE TABLE contours_iris (fid INTEGER PRIMARY KEY, geometrie BLOB, code_insee TEXT,"
                        + " nom_commune TEXT, iris TEXT, code_iris TEXT, nom_iris TEXT, type_iris TEXT)");
            }
            try (PreparedStatement insert =
                    db.prepareStatement("INSERT INTO contours_iris VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int fid = 0;
                for (JsonNode feature : collection.get("features")) {
                    JsonNode p = feature.get("properties");
                    Geometry g =
                            new GeoJsonReader().read(feature.get("geometry").toString());
                    String code = p.get("CODE_IRIS").asText();
                    insert.setInt(1, ++fid);
                    insert.setBytes(2, gpkgGeometry(g, 2154));
                    insert.setString(3, p.get("INSEE_COM").asText());
                    insert.setString(4, p.get("NOM_COM").asText());
                    insert.setString(5, p.get("IRIS").asText());
                    insert.setString(6, code.equals(cut) ? code.substring(0, 8) : code);
                    insert.setString(7, p.get("NOM_IRIS").asText());
                    insert.setString(8, p.get("TYP_IRIS").asText());
                    insert.executeUpdate();
                }
            }
        }
        return file;
    }

    /** GeoPackage geometry encoding: "GP", version 0, flags (little endian, xy envelope), SRS id, envelope, WKB. */
    static byte[] gpkgGeometry(Geometry g, int srsId) {
        byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(g);
        Envelope e = g.getEnvelopeInternal();
        ByteBuffer b = ByteBuffer.allocate(8 + 32 + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0b0000_0011).putInt(srsId);
        b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        b.put(wkb);
        return b.array();
    }
}
