package org.vivacite.territory;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The real extracts under {@code src/test/resources/territory} (README there), and the tests' base IRI. */
public final class RealExtracts {

    public static final String BASE = "http://localhost:8080/";

    public static final Path COG = resource("communes_isere_38_cog2026.csv");
    public static final Path MEMBERS = resource("epci_200040715_grenoble_alpes_metropole_members.csv");
    public static final Path EPCICOM = resource("epcicom2025_isere_38.csv");
    public static final Path IRIS_WGS84 = resource("contours_iris_2020_grenoble_smh_wgs84.geojson");
    public static final Path IRIS_L93 = resource("contours_iris_2020_grenoble_smh_lambert93.geojson");
    /** Test only: two made-up buildings placed in real IRIS (read by {@link TurtleTestSource}). */
    public static final Path BUILDINGS = resource("buildings-test.ttl");

    private RealExtracts() {}

    public static Path resource(String name) {
        try {
            return Path.of(RealExtracts.class.getResource("/territory/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
