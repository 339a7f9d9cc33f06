package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.opendata.Dataset;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * docs/deploy.md followed step by step, from an empty folder to a first open-data release: the
 * real extracts of the territory (INSEE COG, DGCL EPCI, IGN IRIS; src/test/resources/territory)
 * with small made-up BAN, RNB, dwelling and public-building files over them, a utility's meters
 * CSV, then {@code territory import}, {@code meters import}, the server with a DSO's daily export
 * dropped into its inbox, and {@code publish}, all through the commands in this JVM.
 */
class DeployGuideTest extends InProcessCommand {

    private static final String BASE = "http://localhost:8080/";
    /** The DSO's connector, as the guide configures it for the meters' {@code group:dso}. */
    private static final String DSO_GROUP = "--vivacite.ingest.gateway-groups.dso=enedis-sge";

    @TempDir
    Path data;

    private static Path resource(String name) {
        try {
            return Path.of(DeployGuideTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DSO's daily export: one row a day per delivery point, the days before {@code today}. */
    private static String dsoExport(LocalDate today, int days) throws IOException {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        List<String> points = new ArrayList<>();
        for (String row : Files.readAllLines(resource("deploy/meters.csv")).subList(1, 14)) {
            points.add(row.split(",")[8]);
        }
        StringBuilder csv = new StringBuilder("usage_point_id,start,end,value,unit\n");
        for (LocalDate day = today.minusDays(days); day.isBefore(today); day = day.plusDays(1)) {
            for (int i = 0; i < points.size(); i++) {
                csv.append(points.get(i))
                        .append(',')
                        .append(iso.format(day.atStartOfDay(IngestParts.ZONE)))
                        .append(',')
                        .append(iso.format(day.plusDays(1).atStartOfDay(IngestParts.ZONE)))
                        .append(',')
                        .append(6000 + 250 * i + 10 * (day.getDayOfYear() % 7))
                        .append(",Wh\n");
            }
        }
        return csv.toString();
    }

    @Test
    void aCityGoesFromItsNationalFilesToAFirstRelease() throws Exception {
        // 1. The territory, server stopped.
        int code = run(
                "territory",
                "import",
                "--data",
                data.toString(),
                resource("territory/communes_cog2026_extract.csv").toString(),
                resource("territory/epci_200040715_extract.csv").toString(),
                resource("territory/contours_iris_2020_extract_lambert93.geojson")
                        .toString(),
                resource("deploy/adresses-38.csv").toString(),
                resource("deploy/RNB_38.csv").toString(),
                resource("deploy/dwellings.csv").toString(),
                resource("deploy/batiments-publics.csv").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("\"Commune\" : 2", "\"District\" : 3", "\"Building\" : 5", "\"Dwelling\" : 12")
                .contains("\"unplaced\" : [ ]");

        // 2. The meters, from the utility's export.
        code = run("meters", "import", resource("deploy/meters.csv").toString(), "--data", data.toString(), DSO_GROUP);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("registered 13 meter row(s)");
        assertThat(err.toString()).as("every meter's dwelling is known").doesNotContain("unknown");

        // 3. The server, and the DSO's daily export dropped into its inbox.
        LocalDate today = LocalDate.now(IngestParts.ZONE);
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(VivaciteServer.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--vivacite.data=" + data,
                        "--vivacite.base-iri=" + BASE,
                        DSO_GROUP)) {
            Path inbox = data.resolve("inbox").resolve("csv");
            Path part = inbox.resolve("enedis-daily.csv.part");
            Files.writeString(part, dsoExport(today, 45));
            Files.move(part, inbox.resolve("enedis-daily.csv"));
            Path done = inbox.resolve("done").resolve("enedis-daily.csv");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(done)
                    && !Files.exists(inbox.resolve("failed").resolve("enedis-daily.csv"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(done).as("the export was read and its readings written").exists();
        }
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            assertThat(store.ask(
                            "PREFIX sosa: <http://www.w3.org/ns/sosa/> ASK { GRAPH ?g { ?o sosa:hasFeatureOfInterest"
                                    + " ?d . ?d <https://saref.etsi.org/saref4bldg/isSpaceOf> <" + BASE
                                    + "id/building/GD1A2B3C4D5E> } }"))
                    .as("the readings are about the dwellings the territory import wrote")
                    .isTrue();
        }

        // 4. The first release, server stopped.
        code = run("publish", "--data", data.toString());
        assertThat(code).as(err.toString()).isZero();
        Path openData = data.resolve("open-data");
        try (Stream<Path> releases = Files.walk(openData)) {
            assertThat(releases.filter(p -> p.getFileName().toString().equals("SHA256SUMS")))
                    .as("a release was written")
                    .isNotEmpty();
        }
        assertThat(out.toString()).contains("\"dataset\" : \"" + Dataset.MONTHLY_BY_COMMUNE.id + "\"");
    }
}
