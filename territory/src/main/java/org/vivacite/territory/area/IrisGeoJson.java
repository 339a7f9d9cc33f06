package org.vivacite.territory.area;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;
import org.vivacite.territory.TerritorySource;

/**
 * IGN's IRIS contours (CONTOURS-IRIS) as a GeoJSON FeatureCollection, in WGS 84 (RFC 7946) or in
 * Lambert-93 as IGN delivers it: the {@code crs} member says which ({@code
 * urn:ogc:def:crs:EPSG::2154}); without one, the coordinates do. Read feature by feature, so a
 * national file fits in memory.
 */
public final class IrisGeoJson implements TerritorySource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Crs {
        WGS84,
        LAMBERT93
    }

    @Override
    public String kind() {
        return "IGN IRIS contours (GeoJSON)";
    }

    @Override
    public int stage() {
        return DISTRICTS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        String text = Areas.text(head).toLowerCase(Locale.ROOT);
        return text.stripLeading().startsWith("{")
                && text.contains("featurecollection")
                && text.contains("\"code_iris\"");
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        // First the collection's own members (name, crs), wherever they stand; then the features.
        String name = null;
        Crs declared = null;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            expect(p, p.nextToken() == JsonToken.START_OBJECT, file, "a GeoJSON FeatureCollection (an object)");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                p.nextToken();
                if ("name".equals(member) && p.currentToken() == JsonToken.VALUE_STRING) {
                    name = p.getText();
                } else if ("crs".equals(member)) {
                    declared = crs(file, JSON.readTree(p));
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw notJson(file, e);
        }
        String millesime = Districts.millesime(file, file.getFileName().toString(), name);
        Districts.Tally tally = new Districts.Tally();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                p.nextToken();
                if (!"features".equals(member)) {
                    p.skipChildren();
                    continue;
                }
                expect(p, p.currentToken() == JsonToken.START_ARRAY, file, "\"features\" to be an array");
                int n = 0;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    n++;
                    feature(file, draft, "feature " + n, JSON.readTree(p), declared, millesime, tally);
                }
            }
        } catch (JsonProcessingException e) {
            throw notJson(file, e);
        }
        tally.note(draft, file, millesime);
    }

    @Override
    public void complete(TerritoryDraft draft) {
        Districts.outlines(draft);
    }

    private static void feature(
            Path file,
            TerritoryDraft draft,
            String where,
            JsonNode feature,
            Crs declared,
            String millesime,
            Districts.Tally tally) {
        Map<String, Object> fields = new HashMap<>();
        JsonNode properties = feature.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(
                    e.getKey().toLowerCase(Locale.ROOT),
                    e.getValue().isNull() ? "" : e.getValue().asText());
        }
        if (fields.containsKey("code_iris")) {
            where = where + " (CODE_IRIS " + fields.get("code_iris") + ")";
        }
        JsonNode geometry = feature.get("geometry");
        if (geometry == null || geometry.isNull()) {
            throw TerritoryException.at(file, where, "no geometry");
        }
        Geometry g;
        try {
            g = new GeoJsonReader(Districts.FACTORY).read(geometry.toString());
        } catch (ParseException | RuntimeException e) {
            throw TerritoryException.at(file, where, "the geometry is not valid GeoJSON: " + e.getMessage());
        }
        Crs crs = declared != null ? declared : guess(file, where, g);
        if (crs == Crs.LAMBERT93) {
            if (!Lambert93.BOUNDS.contains(g.getEnvelopeInternal())) {
                throw TerritoryException.at(
                        file, where, "coordinates " + g.getCoordinate() + " are not Lambert-93 ones of France");
            }
            g = Lambert93.toWgs84(g);
        } else if (!new org.locationtech.jts.geom.Envelope(-180, 180, -90, 90).contains(g.getEnvelopeInternal())) {
            throw TerritoryException.at(
                    file, where, "coordinates " + g.getCoordinate() + " are not WGS 84 longitude, latitude");
        }
        Districts.add(draft, file, where, fields, g, millesime, tally);
    }

    private static Crs crs(Path file, JsonNode crs) {
        String name = crs.path("properties").path("name").asText("");
        if (name.matches(".*EPSG:+2154$")) {
            return Crs.LAMBERT93;
        }
        if (name.matches(".*(EPSG:+4326|CRS84)$")) {
            return Crs.WGS84;
        }
        throw TerritoryException.at(
                file,
                "crs",
                "coordinate reference system '" + name
                        + "' is not one this import reads: WGS 84 (EPSG:4326, CRS84) or Lambert-93 (EPSG:2154)");
    }

    /** Without a {@code crs} member: degrees are WGS 84, metres in France's range are Lambert-93. */
    private static Crs guess(Path file, String where, Geometry g) {
        Coordinate c = g.getCoordinate();
        if (c == null) {
            throw TerritoryException.at(file, where, "the geometry is empty");
        }
        if (Math.abs(c.x) <= 180 && Math.abs(c.y) <= 90) {
            return Crs.WGS84;
        }
        if (Lambert93.BOUNDS.contains(c)) {
            return Crs.LAMBERT93;
        }
        throw TerritoryException.at(file, where, "coordinates " + c + " are neither WGS 84 nor Lambert-93");
    }

    private static void expect(JsonParser p, boolean ok, Path file, String what) {
        if (!ok) {
            throw TerritoryException.at(file, "line " + p.currentLocation().getLineNr(), "expected " + what);
        }
    }

    private static TerritoryException notJson(Path file, JsonProcessingException e) {
        var at = e.getLocation();
        return TerritoryException.at(
                file,
                at == null ? "?" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
                "not valid JSON: " + e.getOriginalMessage());
    }
}
