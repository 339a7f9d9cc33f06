package org.vivacite.territory.area;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.sqlite.SQLiteConfig;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;
import org.vivacite.territory.TerritorySource;

/**
 * IGN's IRIS contours as a GeoPackage (OGC 12-128r18: an SQLite database), in Lambert-93 or WGS 84
 * as its spatial reference system says. Every feature table whose columns are those of the IRIS
 * contours is read; a geometry is the GeoPackage header followed by standard WKB (read with JTS).
 */
public final class IrisGeoPackage implements TerritorySource {

    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String kind() {
        return "IGN IRIS contours (GeoPackage)";
    }

    @Override
    public int stage() {
        return DISTRICTS;
    }

    /** An SQLite database whose application id (offset 68) is GeoPackage's, {@code GPKG} (or {@code GP10}, {@code GP11}). */
    @Override
    public boolean recognises(String fileName, byte[] head) {
        return head.length >= 72
                && Arrays.equals(head, 0, SQLITE.length, SQLITE, 0, SQLITE.length)
                && head[68] == 'G'
                && head[69] == 'P';
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            List<String[]> tables = new ArrayList<>();
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT c.table_name, g.column_name, s.organization,"
                            + " s.organization_coordsys_id FROM gpkg_contents c"
                            + " JOIN gpkg_geometry_columns g ON g.table_name = c.table_name"
                            + " JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
                            + " WHERE c.data_type = 'features' ORDER BY c.table_name")) {
                while (r.next()) {
                    tables.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
                }
            }
            boolean found = false;
            for (String[] t : tables) {
                if (Districts.isIris(columns(db, t[0]))) {
                    found = true;
                    table(db, file, draft, t);
                }
            }
            if (!found) {
                throw TerritoryException.at(
                        file,
                        "tables",
                        "no feature table of IRIS contours (columns CODE_IRIS,"
                                + " INSEE_COM or CODE_INSEE, NOM_IRIS)");
            }
        } catch (SQLException e) {
            throw TerritoryException.at(file, "database", "not a readable GeoPackage: " + e.getMessage());
        }
    }

    @Override
    public void complete(TerritoryDraft draft) {
        Districts.outlines(draft);
    }

    private static List<String> columns(Connection db, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    private static void table(Connection db, Path file, TerritoryDraft draft, String[] t) throws SQLException {
        String table = t[0];
        String column = t[1];
        String srs = t[2] + ":" + t[3];
        boolean lambert93;
        if (srs.equalsIgnoreCase("EPSG:2154")) {
            lambert93 = true;
        } else if (srs.equalsIgnoreCase("EPSG:4326")) {
            lambert93 = false;
        } else {
            throw TerritoryException.at(
                    file,
                    "table " + table,
                    "spatial reference system " + srs
                            + " is not one this import reads: WGS 84 (EPSG:4326) or Lambert-93 (EPSG:2154)");
        }
        String millesime = Districts.millesime(file, file.getFileName().toString(), table);
        Districts.Tally tally = new Districts.Tally();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT rowid AS vc_rowid, * FROM \"" + table.replace("\"", "\"\"") + "\" ORDER BY rowid")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                Map<String, Object> fields = new HashMap<>();
                byte[] blob = null;
                for (int i = 2; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i);
                    if (name.equalsIgnoreCase(column)) {
                        blob = r.getBytes(i);
                    } else {
                        Object value = r.getObject(i);
                        fields.put(name.toLowerCase(Locale.ROOT), value == null ? "" : value);
                    }
                }
                String where = "table " + table + ", feature " + r.getLong(1)
                        + (fields.containsKey("code_iris") ? " (CODE_IRIS " + fields.get("code_iris") + ")" : "");
                Geometry g = geometry(file, where, blob);
                if (lambert93) {
                    if (!Lambert93.BOUNDS.contains(g.getEnvelopeInternal())) {
                        throw TerritoryException.at(
                                file, where, "coordinates " + g.getCoordinate() + " are not Lambert-93 ones of France");
                    }
                    g = Lambert93.toWgs84(g);
                }
                Districts.add(draft, file, where, fields, g, millesime, tally);
            }
        }
        tally.note(draft, file, millesime);
    }

    /** A GeoPackage geometry: magic {@code GP}, version, flags, SRS id, optional envelope, then WKB. */
    static Geometry geometry(Path file, String where, byte[] blob) {
        if (blob == null || blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw TerritoryException.at(file, where, "the geometry is not a GeoPackage geometry (no GP header)");
        }
        int flags = blob[3];
        if ((flags & 0x10) != 0) {
            throw TerritoryException.at(file, where, "the geometry is empty");
        }
        int envelope = switch ((flags >> 1) & 0x07) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> throw TerritoryException.at(file, where, "the geometry header has an invalid envelope code");
        };
        ByteBuffer wkb = ByteBuffer.wrap(blob, 8 + envelope, blob.length - 8 - envelope)
                .order((flags & 1) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        byte[] bytes = new byte[wkb.remaining()];
        wkb.get(bytes);
        try {
            return new WKBReader(Districts.FACTORY).read(bytes);
        } catch (ParseException | RuntimeException e) {
            throw TerritoryException.at(file, where, "the geometry's WKB does not parse: " + e.getMessage());
        }
    }
}
