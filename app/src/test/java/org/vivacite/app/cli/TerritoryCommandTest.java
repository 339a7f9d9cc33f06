package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/** {@code vivacite territory import} with the server stopped, into a new data directory. */
class TerritoryCommandTest extends InProcessCommand {

    static final GraphNames GRAPHS = new GraphNames("http://localhost:8080/");

    @TempDir
    Path data;

    static String extract(String name) {
        try {
            return Path.of(TerritoryCommandTest.class
                            .getResource("/territory/" + name)
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String COG = extract("communes_cog2026_extract.csv");
    static final String EPCI = extract("epci_200040715_extract.csv");
    static final String IRIS = extract("contours_iris_2020_extract_lambert93.geojson");

    @Test
    void importsTheTerritoryIntoBothStoresOfANewDataDirectory() throws Exception {
        int code = run("territory", "import", "--data", data.toString(), IRIS, EPCI, COG);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"District\" : 3", "\"Commune\" : 2", "\"Metropolis\" : 1");
        try (QuadStore publicStore = QuadStores.open("tdb2", "public", data.resolve("public"));
                QuadStore privateStore = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            Graph territory = publicStore.read(GRAPHS.territory());
            assertThat(territory.size()).isGreaterThan(30);
            assertThat(privateStore.read(GRAPHS.territory()).isIsomorphicWith(territory))
                    .isTrue();
        }
    }

    @Test
    void aMalformedFileIsOneLineOnStderrAndChangesNothing() throws Exception {
        assertThat(run("territory", "import", "--data", data.toString(), COG, EPCI, IRIS))
                .as(err.toString())
                .isZero();
        Map<String, Long> before;
        try (QuadStore publicStore = QuadStores.open("tdb2", "public", data.resolve("public"))) {
            before = publicStore.statistics();
        }
        Path bad = Files.writeString(
                data.resolve("epci_bad.csv"), Files.readString(Path.of(EPCI)).replace(",38421,", ",3842,"));

        int code = run("territory", "import", "--data", data.toString(), COG, bad.toString(), IRIS);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("vivacite: epci_bad.csv, line 3: insee '3842' is not an INSEE commune code"
                        + " (5 characters: 2 for the département, 3 digits)");
        try (QuadStore publicStore = QuadStores.open("tdb2", "public", data.resolve("public"))) {
            assertThat(publicStore.statistics()).isEqualTo(before);
        }
    }
}
