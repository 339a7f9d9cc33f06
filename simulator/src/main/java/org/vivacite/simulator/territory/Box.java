package org.vivacite.simulator.territory;

import java.util.Locale;

/** A rectangle in WGS 84 longitude and latitude, the shape of every generated area. */
public record Box(double west, double south, double east, double north) {

    public Box {
        if (!(west < east && south < north)) {
            throw new IllegalArgumentException("an empty box: " + west + " " + south + " " + east + " " + north);
        }
    }

    /** Cell (column, row) of this box cut into columns × rows. */
    Box cell(int column, int row, int columns, int rows) {
        double w = (east - west) / columns;
        double h = (north - south) / rows;
        return new Box(west + column * w, south + row * h, west + (column + 1) * w, south + (row + 1) * h);
    }

    public boolean contains(Box other) {
        return west <= other.west && south <= other.south && other.east <= east && other.north <= north;
    }

    /** The closed polygon, counter-clockwise, as a GeoSPARQL WKT literal's text (WGS 84 lon lat). */
    public String wkt() {
        return String.format(
                Locale.ROOT,
                "POLYGON((%.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f))",
                west,
                south,
                east,
                south,
                east,
                north,
                west,
                north,
                west,
                south);
    }
}
