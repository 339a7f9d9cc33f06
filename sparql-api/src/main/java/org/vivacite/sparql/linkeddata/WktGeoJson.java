package org.vivacite.sparql.linkeddata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a GeoSPARQL WKT literal into a GeoJSON geometry for a map: {@code POINT}, {@code LINESTRING},
 * {@code POLYGON} and their {@code MULTI} forms, in WGS 84 longitude-latitude order (CRS84, the
 * GeoSPARQL default). Anything else (another CRS, {@code EMPTY}, a geometry collection, a malformed
 * literal) gives nothing, and the page shows no map. The output holds numbers only, never text from
 * the literal.
 */
final class WktGeoJson {

    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /** GeoJSON type and the nesting depth of its coordinates (1: a list of positions). */
    private static final Map<String, Kind> KINDS = Map.of(
            "POINT", new Kind("Point", 1),
            "LINESTRING", new Kind("LineString", 1),
            "POLYGON", new Kind("Polygon", 2),
            "MULTIPOINT", new Kind("MultiPoint", 1),
            "MULTILINESTRING", new Kind("MultiLineString", 2),
            "MULTIPOLYGON", new Kind("MultiPolygon", 3));

    private record Kind(String geoJson, int depth) {}

    private final String text;
    private int at;

    private WktGeoJson(String text) {
        this.text = text;
    }

    /** The GeoJSON geometry object as JSON text, or empty when the literal is not one this draws. */
    static Optional<String> geometry(String wkt) {
        try {
            return Optional.ofNullable(new WktGeoJson(wkt.trim()).parse());
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private String parse() {
        if (text.startsWith("<")) {
            int end = text.indexOf('>');
            if (end < 0 || !text.substring(1, end).equals(CRS84)) {
                return null;
            }
            at = end + 1;
        }
        Kind kind = KINDS.get(word());
        if (kind == null) {
            return null;
        }
        String dimension = peekWord();
        if (dimension.equals("Z") || dimension.equals("M") || dimension.equals("ZM")) {
            word();
        }
        if (peekWord().equals("EMPTY")) {
            return null;
        }
        Object coordinates = list();
        skipSpace();
        if (at != text.length()) {
            throw new IllegalArgumentException("text after the geometry");
        }
        if (kind.geoJson().equals("MultiPoint")) {
            coordinates = unwrapPoints((List<?>) coordinates);
        }
        if (depth(coordinates) != kind.depth()) {
            throw new IllegalArgumentException("nesting does not fit " + kind.geoJson());
        }
        if (kind.geoJson().equals("Point")) {
            List<?> single = (List<?>) coordinates;
            if (single.size() != 1) {
                throw new IllegalArgumentException("a point has one position");
            }
            coordinates = single.get(0);
        }
        StringBuilder json =
                new StringBuilder("{\"type\":\"").append(kind.geoJson()).append("\",\"coordinates\":");
        write(coordinates, json);
        return json.append('}').toString();
    }

    /** {@code MULTIPOINT((1 2),(3 4))} is also written {@code MULTIPOINT(1 2,3 4)}. */
    private static List<?> unwrapPoints(List<?> points) {
        List<Object> flat = new ArrayList<>();
        for (Object p : points) {
            if (p instanceof List<?> l && l.size() == 1 && l.get(0) instanceof double[]) {
                flat.add(l.get(0));
            } else {
                flat.add(p);
            }
        }
        return flat;
    }

    /** A parenthesised list of positions or of further lists. */
    private List<Object> list() {
        expect('(');
        List<Object> items = new ArrayList<>();
        do {
            skipSpace();
            items.add(peek() == '(' ? list() : position());
            skipSpace();
        } while (accept(','));
        expect(')');
        return items;
    }

    private double[] position() {
        List<Double> numbers = new ArrayList<>();
        while (true) {
            skipSpace();
            int start = at;
            while (at < text.length() && "+-.0123456789eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                break;
            }
            double value = Double.parseDouble(text.substring(start, at));
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not a finite number");
            }
            numbers.add(value);
        }
        if (numbers.size() < 2 || numbers.size() > 4) {
            throw new IllegalArgumentException("a position has 2 to 4 numbers");
        }
        // GeoJSON positions carry x, y and at most z; a measure (M) is dropped.
        int keep = Math.min(numbers.size(), 3);
        double[] position = new double[keep];
        for (int i = 0; i < keep; i++) {
            position[i] = numbers.get(i);
        }
        return position;
    }

    private static int depth(Object coordinates) {
        if (coordinates instanceof double[]) {
            return 0;
        }
        List<?> items = (List<?>) coordinates;
        int depth = depth(items.get(0));
        for (Object item : items) {
            if (depth(item) != depth) {
                throw new IllegalArgumentException("uneven nesting");
            }
        }
        return depth + 1;
    }

    private static void write(Object coordinates, StringBuilder json) {
        json.append('[');
        if (coordinates instanceof double[] position) {
            for (int i = 0; i < position.length; i++) {
                json.append(i > 0 ? "," : "").append(position[i]);
            }
        } else {
            List<?> items = (List<?>) coordinates;
            for (int i = 0; i < items.size(); i++) {
                json.append(i > 0 ? "," : "");
                write(items.get(i), json);
            }
        }
        json.append(']');
    }

    private String word() {
        skipSpace();
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at).toUpperCase(Locale.ROOT);
    }

    private String peekWord() {
        int saved = at;
        String word = word();
        at = saved;
        return word;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(at);
    }

    private boolean accept(char c) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at);
        }
    }
}
