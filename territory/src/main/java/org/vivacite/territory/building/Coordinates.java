package org.vivacite.territory.building;

/** WGS 84 longitude and latitude cells of a row, checked. */
final class Coordinates {

    private Coordinates() {}

    static double lon(Table.Row row, String column) {
        return number(row, column, 180);
    }

    static double lat(Table.Row row, String column) {
        return number(row, column, 90);
    }

    private static double number(Table.Row row, String column, double limit) {
        String value = row.get(column);
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw row.error(column + " '" + value + "' is not a number (WGS 84 degrees, a dot for decimals)");
        }
        if (!(Math.abs(v) <= limit)) {
            throw row.error(column + " " + value + " is outside ±" + (int) limit + " degrees");
        }
        return v;
    }
}
