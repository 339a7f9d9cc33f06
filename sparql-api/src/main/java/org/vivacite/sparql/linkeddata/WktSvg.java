package org.vivacite.sparql.linkeddata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Draws GeoSPARQL WKT geometries (WGS 84 longitude-latitude, CRS84, the GeoSPARQL default) as an
 * inline SVG map: polygons filled, lines stroked, points as dots, on a blank background. No tiles,
 * no script, no network: the page's Content-Security-Policy needs nothing more. Longitudes are
 * scaled by the cosine of the middle latitude, so shapes keep their proportions. The SVG holds
 * numbers only, never text from the literals; a literal in another CRS or that does not parse is
 * left out.
 */
final class WktSvg {

    private static final String CRS84 = "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>";

    private WktSvg() {}

    /** The geometry of a WKT literal, if it is one this draws. */
    static Optional<Geometry> parse(String wkt) {
        String text = wkt.strip();
        if (text.startsWith("<")) {
            if (!text.startsWith(CRS84)) {
                return Optional.empty();
            }
            text = text.substring(CRS84.length());
        }
        try {
            Geometry g = new WKTReader().read(text);
            return g.isEmpty() || !finite(g) ? Optional.empty() : Optional.of(g);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The SVG element drawing the geometries, or empty when there is none. */
    static Optional<String> svg(List<Geometry> geometries, String label) {
        if (geometries.isEmpty()) {
            return Optional.empty();
        }
        Envelope box = new Envelope();
        geometries.forEach(g -> box.expandToInclude(g.getEnvelopeInternal()));
        double cos = Math.cos(Math.toRadians(box.centre().y));
        double width = Math.max(box.getWidth() * cos, 1e-4);
        double height = Math.max(box.getHeight(), 1e-4);
        double pad = Math.max(width, height) * 0.05;
        double x0 = box.centre().x * cos - width / 2 - pad;
        double y0 = -box.centre().y - height / 2 - pad;
        double dot = Math.max(width, height) * 0.012;
        StringBuilder s = new StringBuilder("<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
                .append(" aria-label=\"")
                .append(HtmlParts.escape(label))
                .append("\" preserveAspectRatio=\"xMidYMid meet\" viewBox=\"")
                .append(number(x0))
                .append(' ')
                .append(number(y0))
                .append(' ')
                .append(number(width + 2 * pad))
                .append(' ')
                .append(number(height + 2 * pad))
                .append("\">\n");
        List<Geometry> parts = new ArrayList<>();
        geometries.forEach(g -> flatten(g, parts));
        for (Geometry part : parts) {
            if (part instanceof Polygon polygon) {
                StringBuilder d = new StringBuilder();
                ring(d, polygon.getExteriorRing(), cos);
                for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                    ring(d, polygon.getInteriorRingN(i), cos);
                }
                s.append("<path class=\"area\" fill-rule=\"evenodd\" d=\"")
                        .append(d)
                        .append("\"/>\n");
            } else if (part instanceof LineString line) {
                StringBuilder d = new StringBuilder();
                path(d, line.getCoordinates(), cos, false);
                s.append("<path class=\"line\" d=\"").append(d).append("\"/>\n");
            } else if (part instanceof Point point) {
                s.append("<circle class=\"point\" cx=\"")
                        .append(number(point.getX() * cos))
                        .append("\" cy=\"")
                        .append(number(-point.getY()))
                        .append("\" r=\"")
                        .append(number(dot))
                        .append("\"/>\n");
            }
        }
        return Optional.of(s.append("</svg>\n").toString());
    }

    private static void flatten(Geometry g, List<Geometry> parts) {
        if (g instanceof GeometryCollection collection) {
            for (int i = 0; i < collection.getNumGeometries(); i++) {
                flatten(collection.getGeometryN(i), parts);
            }
        } else {
            parts.add(g);
        }
    }

    private static void ring(StringBuilder d, LineString ring, double cos) {
        path(d, ring.getCoordinates(), cos, true);
    }

    private static void path(StringBuilder d, Coordinate[] points, double cos, boolean closed) {
        for (int i = 0; i < points.length; i++) {
            d.append(i == 0 ? (d.isEmpty() ? "M" : " M") : " L")
                    .append(number(points[i].x * cos))
                    .append(' ')
                    .append(number(-points[i].y));
        }
        if (closed) {
            d.append(" Z");
        }
    }

    private static boolean finite(Geometry g) {
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                return false;
            }
        }
        return true;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.7f", v);
    }
}
