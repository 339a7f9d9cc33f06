package org.vivacite.territory.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.vivacite.territory.RealExtracts;

/** Test only: GeoPackage files of IRIS contours, written with sqlite-jdbc from the real Lambert-93 extract. */
public final class GeoPackages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoPackages() {}

    /**
     * Writes the real Lambert-93 contours as a GeoPackage 1.2 (CONTOURS-IRIS 3.x column names),
     * with the code of one IRIS cut short if {@code cut} names it.
     */
    public static Path write(Path file, String cut) throws Exception {
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
