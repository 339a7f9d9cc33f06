package org.vivacite.territory.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.territory.RealExtracts;
import org.vivacite.territory.TerritoryImport;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * How long {@code territory import} takes for a big city (benchmarks/territory.sh): synthetic
 * national-format files for N buildings (default 100 000) spread over the 84 real IRIS polygons of
 * Grenoble and Saint-Martin-d'Hères (src/test/resources/territory): a BAN file with one address per
 * building, an RNB export (point, small square shape, address), a dwelling file (one to three
 * dwellings per building); with the real COG, EPCI and IRIS extracts. Times the generation, the
 * first import into new stores (LMDB private, TDB2 public, as the server's) and a second import of
 * the same files (which writes nothing). Usage: {@code TerritoryBenchmark [buildings] [dir]}.
 */
public final class TerritoryBenchmark {

    private static final String RNB_ALPHABET = "123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private record Iris(String code, String commune, PreparedGeometry polygon, Envelope box) {}

    public static void main(String[] args) throws IOException {
        int buildings = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("territory-bench");
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        List<Path> files = generate(buildings, dir.resolve("files"));
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "generated %d buildings' files in %.1f s into %s%n", buildings, s(t1 - t0), dir);
        try (QuadStore publicStore = QuadStores.open("tdb2", "public", dir.resolve("public"));
                QuadStore privateStore = QuadStores.open("lmdb", "private", dir.resolve("private"))) {
            TerritoryImport importer = new TerritoryImport(
                    RealExtracts.BASE,
                    publicStore,
                    privateStore,
                    new Pseudonyms("a benchmark key of 32 bytes, fake".getBytes(StandardCharsets.UTF_8)),
                    Clock.systemUTC());
            for (String run : List.of("first import", "same files again")) {
                long start = System.nanoTime();
                long cpu = cpu();
                TerritoryImport.Report report = importer.run(files);
                System.out.printf(
                        Locale.ROOT,
                        "%s: %.1f s (process CPU %.1f s, load average %.1f), counts %s, %d unplaced, changed %s%n",
                        run,
                        s(System.nanoTime() - start),
                        s(cpu() - cpu),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        report.counts(),
                        report.unplaced().size(),
                        report.changed());
            }
        }
    }

    /** The CPU time of the whole process (every thread: the import's, the collector's, the compiler's). */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double s(long nanos) {
        return nanos / 1e9;
    }

    /** The files of a territory of {@code n} buildings, deterministic. */
    static List<Path> generate(int n, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Iris> iris = iris();
        SplittableRandom random = new SplittableRandom(18);
        GeometryFactory geometries = new GeometryFactory();
        Path ban = dir.resolve("adresses-38.csv");
        Path rnb = dir.resolve("RNB_38.csv");
        Path dwellings = dir.resolve("dwellings.csv");
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (BufferedWriter b = Files.newBufferedWriter(ban);
                BufferedWriter r = Files.newBufferedWriter(rnb);
                BufferedWriter d = Files.newBufferedWriter(dwellings)) {
            b.write("id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;"
                    + "nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;"
                    + "source_position;source_nom_voie;certification_commune\n");
            r.write("rnb_id;point;shape;status;ext_ids;addresses;plots\n");
            d.write("dwelling_id,rnb_id,floor_area_m2,heating_energy,heating_system,construction_year\n");
            int dwelling = 0;
            for (int i = 0; i < n; i++) {
                Iris in = iris.get(i % iris.size());
                double lon;
                double lat;
                do {
                    lon = in.box().getMinX() + random.nextDouble() * in.box().getWidth();
                    lat = in.box().getMinY() + random.nextDouble() * in.box().getHeight();
                } while (!in.polygon().containsProperly(geometries.createPoint(new Coordinate(lon, lat))));
                // 50 buildings a street; street code {IRIS index}{street of the IRIS}, 2 base-36 digits each
                int street = i / iris.size() / 50;
                String voie = base36(i % iris.size()) + base36(street);
                int number = (i / iris.size()) % 50 + 1;
                String key = in.commune() + "_" + voie + "_" + String.format(Locale.ROOT, "%05d", number);
                String name = "Rue de l'Essai " + in.code().substring(5) + "-" + street;
                String point = String.format(Locale.ROOT, "%.6f %.6f", lon, lat);
                b.write(String.join(
                                ";",
                                key,
                                in.commune() + "_" + voie,
                                Integer.toString(number),
                                "",
                                name,
                                "",
                                in.commune(),
                                "",
                                "",
                                "",
                                "",
                                "",
                                String.format(Locale.ROOT, "%.6f", lon),
                                String.format(Locale.ROOT, "%.6f", lat),
                                "entrée",
                                "",
                                "",
                                "",
                                "",
                                "commune",
                                "commune",
                                "0")
                        + "\n");
                String id = rnbId(random, ids);
                double h = 0.00005;
                String shape = String.format(
                        Locale.ROOT,
                        "POLYGON ((%1$.6f %2$.6f, %3$.6f %2$.6f, %3$.6f %4$.6f, %1$.6f %4$.6f, %1$.6f %2$.6f))",
                        lon - h,
                        lat - h,
                        lon + h,
                        lat + h);
                r.write(id + ";\"SRID=4326;POINT (" + point + ")\";\"SRID=4326;" + shape + "\";constructed;[];"
                        + "\"[{\"\"cle_interop_ban\"\": \"\"" + key + "\"\"}]\";[]\n");
                for (int k = 0; k < 1 + i % 3; k++) {
                    d.write(String.format(
                            Locale.ROOT,
                            "D%07d,%s,%d,electricity,electric,%d%n",
                            ++dwelling,
                            id,
                            30 + random.nextInt(90),
                            1900 + random.nextInt(125)));
                }
            }
        }
        return List.of(RealExtracts.COG, RealExtracts.MEMBERS, RealExtracts.IRIS_WGS84, ban, rnb, dwellings);
    }

    private static String base36(int n) {
        String s = Integer.toString(n % 1296, 36);
        return s.length() == 1 ? "0" + s : s;
    }

    private static String rnbId(SplittableRandom random, java.util.Set<String> ids) {
        while (true) {
            StringBuilder id = new StringBuilder(12);
            for (int k = 0; k < 12; k++) {
                id.append(RNB_ALPHABET.charAt(random.nextInt(RNB_ALPHABET.length())));
            }
            if (ids.add(id.toString())) {
                return id.toString();
            }
        }
    }

    /** The real IRIS polygons (WGS 84) of the extract. */
    private static List<Iris> iris() throws IOException {
        JsonObject collection = JSON.read(RealExtracts.IRIS_WGS84.toString());
        List<Iris> out = new ArrayList<>();
        GeometryFactory geometries = new GeometryFactory();
        for (JsonValue f : collection.get("features").getAsArray()) {
            JsonObject p = f.getAsObject().get("properties").getAsObject();
            JsonObject g = f.getAsObject().get("geometry").getAsObject();
            JsonArray rings = g.get("coordinates").getAsArray();
            if (g.get("type").getAsString().value().equals("MultiPolygon")) {
                rings = rings.get(0).getAsArray();
            }
            JsonArray outer = rings.get(0).getAsArray();
            Coordinate[] ring = new Coordinate[outer.size()];
            for (int i = 0; i < ring.length; i++) {
                JsonArray c = outer.get(i).getAsArray();
                ring[i] = new Coordinate(
                        c.get(0).getAsNumber().value().doubleValue(),
                        c.get(1).getAsNumber().value().doubleValue());
            }
            Polygon polygon = geometries.createPolygon(ring);
            out.add(new Iris(
                    p.get("CODE_IRIS").getAsString().value(),
                    p.get("INSEE_COM").getAsString().value(),
                    PreparedGeometryFactory.prepare(polygon),
                    polygon.getEnvelopeInternal()));
        }
        return out;
    }
}
