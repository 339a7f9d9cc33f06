package org.vivacite.triplestore.bench;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.lmdb.LmdbStore;
import org.eclipse.rdf4j.sail.lmdb.config.LmdbStoreConfig;
import org.vivacite.triplestore.BatchingWriter;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.StoreProperties;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * Write benchmarks of the store adapters, side by side in one run (the machine is shared and noisy:
 * compare ratios). Not a test: run with {@code benchmarks/store.sh [observations] [mode]}.
 *
 * <p>Without a mode:
 *
 * <ul>
 *   <li>raw LMDB: RDF4J directly, 10 000 observations per transaction (the baseline);
 *   <li>each adapter through the port, 10 000 observations per transaction, and the canonical
 *       queries over raw readings;
 *   <li>the private write path: {@link BatchingWriter} fed one observation per delivery;
 *   <li>a trickle: 100-observation commits, with disk bytes per observation afterwards.
 * </ul>
 *
 * <p>{@code remote}: the remote adapter against Fuseki on loopback, in batches, the canonical
 * queries and a trickle. {@code rollups}: raw LMDB and the write path with {@link MeterDayRollups} maintained,
 * alternated over three rounds ({@code -Dbench.rounds}), then the territorial sums from rollups
 * against the naive queries. {@code disk}: LMDB after a trickle against LMDB loaded in batches,
 * and TDB2 compacted against TDB2's bulk loader, at equal size.
 */
public final class StoreBenchmark {

    private static final int BATCH = 10_000;

    private static final String PREFIXES = """
            PREFIX sosa: <http://www.w3.org/ns/sosa/>
            PREFIX vc: <https://w3id.org/vivacite/ontology#>
            PREFIX s4bldg: <https://saref.etsi.org/saref4bldg/>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            """;

    /** The four canonical queries of the triplestore issue, run naively over raw readings. */
    private static final java.util.Map<String, String> QUERIES = new java.util.LinkedHashMap<>();

    static {
        QUERIES.put("sum per district per day (≥ 10 meters)", PREFIXES + """
                SELECT ?district ?day (SUM(?v) AS ?total) (COUNT(DISTINCT ?meter) AS ?meters) {
                  ?o sosa:madeBySensor ?meter ; sosa:hasFeatureOfInterest ?dwelling ;
                     sosa:observedProperty vc:waterVolume ; sosa:hasSimpleResult ?v ; sosa:resultTime ?t .
                  ?dwelling s4bldg:isSpaceOf/vc:partOf/vc:partOf ?district .
                  BIND (SUBSTR(STR(?t), 1, 10) AS ?day)
                } GROUP BY ?district ?day HAVING (COUNT(DISTINCT ?meter) >= 10)""");
        QUERIES.put("sum per building per month", PREFIXES + """
                SELECT ?building ?month (SUM(?v) AS ?total) {
                  ?o sosa:hasFeatureOfInterest ?dwelling ; sosa:hasSimpleResult ?v ; sosa:resultTime ?t .
                  ?dwelling s4bldg:isSpaceOf ?building .
                  BIND (SUBSTR(STR(?t), 1, 7) AS ?month)
                } GROUP BY ?building ?month""");
        QUERIES.put("one meter's last 48 readings", PREFIXES + """
                SELECT ?t ?v { ?o sosa:madeBySensor <http://localhost:8080/meter/m7> ;
                                  sosa:resultTime ?t ; sosa:hasSimpleResult ?v }
                ORDER BY DESC(?t) LIMIT 48""");
        QUERIES.put("count all", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }");
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int meters = 2_000;
        Observations obs = new Observations(meters);
        Path root = Files.createTempDirectory("vivacite-bench");
        System.out.printf(
                "observations: %,d (8 triples each), %d meters, batches of %,d; java %s, %d cores%n",
                n,
                meters,
                BATCH,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (args.length > 1) {
            try {
                switch (args[1]) {
                    case "disk" -> disk(obs, n, root);
                    case "remote" -> remote(obs, n, root);
                    case "rollups" -> rollups(obs, n, root.resolve("rollups"));
                    default ->
                        throw new IllegalArgumentException(
                                "unknown mode '" + args[1] + "': rollups, disk or remote, or none for all adapters");
                }
            } finally {
                delete(root);
            }
            return;
        }

        // Warm-up: the same code paths on throwaway stores, so the JIT does not favour later runs.
        rawLmdb(obs, Math.min(n, 30_000), root.resolve("warm-raw"));
        viaPort(QuadStores.open("lmdb", "private", root.resolve("warm-lmdb")), obs, Math.min(n, 30_000));
        viaPort(QuadStores.open("tdb2", "private", root.resolve("warm-tdb2")), obs, Math.min(n, 30_000));

        double raw = rawLmdb(obs, n, root.resolve("raw-lmdb"));
        report("raw RDF4J LMDB, batches", n, raw, root.resolve("raw-lmdb"));

        for (String kind : List.of("lmdb", "tdb2")) {
            Path dir = root.resolve(kind);
            try (QuadStore territory = QuadStores.open(kind, "private", dir)) {
                territory.add(obs.territory());
            }
            double s = viaPort(QuadStores.open(kind, "private", dir), obs, n);
            report(kind + " via the port, batches", n, s, dir);
            queries(kind, dir);
            try (QuadStore store = QuadStores.open(kind, "private", dir)) {
                if (store.compact()) {
                    report(kind + "   … after compact()", n, s, dir);
                }
            }
        }

        Path writer = root.resolve("lmdb-writer");
        double w = viaWriter(QuadStores.open("lmdb", "private", writer), obs, n);
        report("lmdb via BatchingWriter, 1-obs deliveries", n, w, writer);
        System.out.printf("  → write path / raw LMDB: %.0f %%%n", 100 * w / raw);

        int trickle = Math.min(n, 50_000);
        for (String kind : List.of("lmdb", "tdb2")) {
            Path dir = root.resolve(kind + "-trickle");
            double s = trickle(QuadStores.open(kind, "private", dir), obs, trickle, 100);
            report(kind + " trickle, 100-obs commits", trickle, s, dir);
            try (QuadStore store = QuadStores.open(kind, "private", dir)) {
                if (store.compact()) {
                    report(kind + "   … after compact()", trickle, s, dir);
                }
            }
        }

        DatasetGraph fusekiData =
                DatabaseMgr.connectDatasetGraph(root.resolve("fuseki").toString());
        fusekiData.getContext().set(TDB2.symUnionDefaultGraph, true);
        FusekiServer fuseki = FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/city", fusekiData)
                .build()
                .start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + fuseki.getHttpPort() + "/city");
            double s = viaPort(remoteStore(endpoint), obs, n);
            report("remote (Fuseki TDB2 on loopback), batches", n, s, root.resolve("fuseki"));
        } finally {
            fuseki.stop();
            delete(root);
        }
    }

    static void delete(Path root) throws java.io.IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private static final String DISTRICT_DAY_ROLLUPS = PREFIXES + """
            SELECT ?district ?day (SUM(?sum) AS ?total) (COUNT(DISTINCT ?meter) AS ?meters) {
              ?r vc:inArea ?district ; vc:day ?d ; vc:rollupOf ?meter ; vc:rollupPart/vc:valueSum ?sum .
              ?district a vc:District .
              BIND (STR(?d) AS ?day)
            } GROUP BY ?district ?day HAVING (COUNT(DISTINCT ?meter) >= 10)""";

    private static final String BUILDING_MONTH_ROLLUPS = PREFIXES + """
            SELECT ?building ?month (SUM(?sum) AS ?total) {
              ?r vc:inArea ?building ; vc:day ?d ; vc:rollupPart/vc:valueSum ?sum .
              ?building a s4bldg:Building .
              BIND (SUBSTR(STR(?d), 1, 7) AS ?month)
            } GROUP BY ?building ?month""";

    /**
     * The platform's aggregation path: readings written through {@link MeterDayRollups}, then the
     * district/day and building/month sums from rollups against the naive queries, on the same data
     * in the same run; the totals must agree.
     */
    static void rollups(Observations obs, int n, Path dir) throws Exception {
        try (QuadStore warm = QuadStores.open("lmdb", "private", dir.resolveSibling("warm"))) {
            warm.add(obs.territory());
            try (MeterDayRollups w =
                    new MeterDayRollups(warm, java.time.ZoneOffset.UTC, dir.resolveSibling("warm.journal"))) {
                for (long i = 0; i < Math.min(n, 30_000); i += BATCH) {
                    w.write(obs.batch(i, BATCH));
                }
            }
        }
        rawLmdb(obs, Math.min(n, 30_000), dir.resolveSibling("warm-raw"));

        // Alternate raw loading and the write path, so that the machine's noise hits both alike.
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<Double> ratios = new ArrayList<>();
        Path store = null;
        for (int round = 1; round <= rounds; round++) {
            Path raw = dir.resolveSibling("raw-" + round);
            double r = rawLmdb(obs, n, raw);
            report("raw RDF4J LMDB, batches (round " + round + ")", n, r, raw);
            delete(raw);
            if (store != null) {
                delete(store);
            }
            store = dir.resolveSibling("rollups-" + round);
            double w = viaRollups(obs, n, store);
            report("write path: BatchingWriter + rollups", n, w, store);
            ratios.add(w / r);
        }
        java.util.Collections.sort(ratios);
        System.out.printf(
                "  → write path with rollups / raw LMDB: median %.0f %% (rounds: %s)%n",
                100 * ratios.get(ratios.size() / 2),
                ratios.stream().map(x -> String.format("%.0f %%", 100 * x)).toList());
        try (QuadStore s = QuadStores.open("lmdb", "private", store)) {
            System.out.printf(
                    "  rollups: %s, parts: %s%n",
                    s.select(PREFIXES + "SELECT (COUNT(*) AS ?n) { ?r a vc:MeterDayRollup }")
                            .rows()
                            .get(0)
                            .get("n")
                            .getLiteralLexicalForm(),
                    s.select(PREFIXES + "SELECT (COUNT(*) AS ?n) { ?r vc:rollupPart ?p }")
                            .rows()
                            .get(0)
                            .get("n")
                            .getLiteralLexicalForm());
            compare(
                    s,
                    "sum per district per day (≥ 10 meters)",
                    QUERIES.get("sum per district per day (≥ 10 meters)"),
                    DISTRICT_DAY_ROLLUPS);
            compare(s, "sum per building per month", QUERIES.get("sum per building per month"), BUILDING_MONTH_ROLLUPS);
        }
    }

    /** Observations delivered one by one to a BatchingWriter whose committer maintains rollups; obs/s. */
    static double viaRollups(Observations obs, int n, Path dir) throws Exception {
        QuadStore store = QuadStores.open("lmdb", "private", dir);
        store.add(obs.territory());
        MeterDayRollups rollups = new MeterDayRollups(store, java.time.ZoneOffset.UTC, dir.resolve("rollups.journal"));
        long t0 = System.nanoTime();
        try (rollups;
                BatchingWriter writer =
                        new BatchingWriter(store, BATCH * 8, BatchingWriter.DEFAULT_MAX_DELAY, rollups::write)) {
            CompletableFuture<Void> last = null;
            for (long i = 0; i < n; i++) {
                last = writer.write(obs.observation(i));
            }
            last.get();
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        store.close();
        return rate;
    }

    /** The remote adapter against Fuseki (TDB2) on loopback: batches, the canonical queries, a trickle. */
    static void remote(Observations obs, int n, Path root) throws Exception {
        DatasetGraph data =
                DatabaseMgr.connectDatasetGraph(root.resolve("fuseki").toString());
        data.getContext().set(TDB2.symUnionDefaultGraph, true);
        DatasetGraph trickleData =
                DatabaseMgr.connectDatasetGraph(root.resolve("fuseki-trickle").toString());
        trickleData.getContext().set(TDB2.symUnionDefaultGraph, true);
        FusekiServer fuseki = FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/city", data)
                .add("/trickle", trickleData)
                .build()
                .start();
        try {
            String base = "http://127.0.0.1:" + fuseki.getHttpPort();
            long t0 = System.nanoTime();
            QuadStore remote = remoteStore(URI.create(base + "/city"));
            System.out.printf("  remote open: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            remote.add(obs.territory());
            double s = viaPort(remote, obs, n);
            report("remote (Fuseki TDB2 on loopback), batches", n, s, root.resolve("fuseki"));
            try (QuadStore again = remoteStore(URI.create(base + "/city"))) {
                queries("remote", again);
            }
            int trickle = Math.min(n, 50_000);
            double t = trickle(remoteStore(URI.create(base + "/trickle")), obs, trickle, 100);
            report("remote trickle, 100-obs commits", trickle, t, root.resolve("fuseki-trickle"));
        } finally {
            fuseki.stop();
        }
    }

    static QuadStore remoteStore(URI endpoint) {
        return QuadStores.open(
                "private",
                new StoreProperties.Role("remote", null, new StoreProperties.Remote(endpoint, null, null, null)));
    }

    /**
     * Disk at equal size: LMDB after a trickle of 100-observation commits against LMDB loaded in
     * batches; TDB2 through the port and compacted against TDB2's own bulk loader.
     */
    static void disk(Observations obs, int n, Path root) throws Exception {
        Path bulk = root.resolve("lmdb-bulk");
        double b = viaPort(QuadStores.open("lmdb", "private", bulk), obs, n);
        report("lmdb via the port, batches", n, b, bulk);
        Path trickle = root.resolve("lmdb-trickle");
        double t = trickle(QuadStores.open("lmdb", "private", trickle), obs, n, 100);
        report("lmdb trickle, 100-obs commits", n, t, trickle);
        System.out.printf(
                "  → lmdb trickle / bulk disk: %.2f×%n",
                (double) allocated(trickle.toFile()) / allocated(bulk.toFile()));

        Path loaded = root.resolve("tdb2-bulkloader");
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(loaded.toString());
        long t0 = System.nanoTime();
        org.apache.jena.tdb2.loader.DataLoader loader =
                org.apache.jena.tdb2.loader.LoaderFactory.createLoader(dsg, (fmt, args) -> {});
        loader.startBulk();
        for (long i = 0; i < n; i += BATCH) {
            obs.batch(i, (int) Math.min(BATCH, n - i)).forEach(loader.stream()::quad);
        }
        loader.finishBulk();
        double l = n / ((System.nanoTime() - t0) / 1e9);
        org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);
        report("tdb2 bulk loader", n, l, loaded);
        Path port = root.resolve("tdb2-port");
        double p = viaPort(QuadStores.open("tdb2", "public", port), obs, n);
        try (QuadStore store = QuadStores.open("tdb2", "public", port)) {
            store.compact();
        }
        report("tdb2 via the port, batches, compacted", n, p, port);
        System.out.printf(
                "  → tdb2 compacted / bulk loader disk: %.2f×%n",
                (double) allocated(port.toFile()) / allocated(loaded.toFile()));
    }

    static void compare(QuadStore store, String name, String naive, String fromRollups) {
        long[] a = time(store, naive);
        long[] b = time(store, fromRollups);
        java.math.BigDecimal ta = total(store.select(naive));
        java.math.BigDecimal tb = total(store.select(fromRollups));
        System.out.printf(
                "  %-40s naive warm %,7d ms   rollups warm %,6d ms (cold %,d)   %.0f× faster   totals %s%n",
                name,
                a[1],
                b[1],
                b[0],
                (double) a[1] / Math.max(1, b[1]),
                ta.compareTo(tb) == 0 ? "equal (" + ta.toPlainString() + ")" : "DIFFER: " + ta + " vs " + tb);
    }

    /** {cold, median of three warm} in ms. */
    static long[] time(QuadStore store, String query) {
        long[] ms = new long[4];
        for (int i = 0; i < ms.length; i++) {
            long q0 = System.nanoTime();
            store.select(query).rows().size();
            ms[i] = (System.nanoTime() - q0) / 1_000_000;
        }
        long[] warm = java.util.Arrays.copyOfRange(ms, 1, 4);
        java.util.Arrays.sort(warm);
        return new long[] {ms[0], warm[1]};
    }

    static java.math.BigDecimal total(org.vivacite.triplestore.SelectResult result) {
        return result.rows().stream()
                .map(r -> new java.math.BigDecimal(r.get("total").getLiteralLexicalForm()))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    }

    /** Open time, then each query once cold and three times warm (median reported). */
    static void queries(String kind, Path dir) {
        long t0 = System.nanoTime();
        try (QuadStore store = QuadStores.open(kind, "private", dir)) {
            System.out.printf("  %s open: %.0f ms%n", kind, (System.nanoTime() - t0) / 1e6);
            queries(kind, store);
        }
    }

    static void queries(String kind, QuadStore store) {
        QUERIES.forEach((name, query) -> {
            long[] ms = new long[4];
            int rows = 0;
            for (int i = 0; i < ms.length; i++) {
                long q0 = System.nanoTime();
                rows = store.select(query).rows().size();
                ms[i] = (System.nanoTime() - q0) / 1_000_000;
            }
            long[] warm = java.util.Arrays.copyOfRange(ms, 1, 4);
            java.util.Arrays.sort(warm);
            System.out.printf(
                    "  %s query %-40s cold %,7d ms   warm %,7d ms   (%d rows)%n", kind, name, ms[0], warm[1], rows);
        });
    }

    static double rawLmdb(Observations obs, int n, Path dir) {
        SailRepository repo = new SailRepository(new LmdbStore(
                dir.toFile(),
                new LmdbStoreConfig("spoc,posc,cspo").setForceSync(true).setAutoGrow(true)));
        repo.init();
        ValueFactory vf = repo.getValueFactory();
        long t0 = System.nanoTime();
        try (RepositoryConnection conn = repo.getConnection()) {
            for (long i = 0; i < n; i += BATCH) {
                List<Statement> st = new ArrayList<>(BATCH * 8);
                for (Quad q : obs.batch(i, (int) Math.min(BATCH, n - i))) {
                    st.add(vf.createStatement(
                            vf.createIRI(q.getSubject().getURI()),
                            vf.createIRI(q.getPredicate().getURI()),
                            q.getObject().isURI()
                                    ? vf.createIRI(q.getObject().getURI())
                                    : vf.createLiteral(
                                            q.getObject().getLiteralLexicalForm(),
                                            vf.createIRI(q.getObject().getLiteralDatatypeURI())),
                            vf.createIRI(q.getGraph().getURI())));
                }
                conn.begin();
                conn.add(st);
                conn.commit();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        repo.shutDown();
        return n / secs;
    }

    static double viaPort(QuadStore store, Observations obs, int n) {
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i += BATCH) {
            store.add(obs.batch(i, (int) Math.min(BATCH, n - i)));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        store.close();
        return n / secs;
    }

    static double viaWriter(QuadStore store, Observations obs, int n) throws Exception {
        long t0 = System.nanoTime();
        try (BatchingWriter writer = new BatchingWriter(store, BATCH * 8, BatchingWriter.DEFAULT_MAX_DELAY)) {
            CompletableFuture<Void> last = null;
            for (long i = 0; i < n; i++) {
                last = writer.write(obs.observation(i));
            }
            last.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        store.close();
        return n / secs;
    }

    static double trickle(QuadStore store, Observations obs, int n, int perCommit) {
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i += perCommit) {
            store.add(obs.batch(i, perCommit));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        store.close();
        return n / secs;
    }

    static void report(String what, int n, double obsPerSecond, Path dir) throws Exception {
        long bytes = allocated(dir.toFile());
        System.out.printf(
                "%-46s %,10.0f obs/s   %,8.1f MB on disk   %,6.0f bytes/obs%n",
                what, obsPerSecond, bytes / 1e6, (double) bytes / n);
    }

    static long allocated(File dir) throws Exception {
        Process du = new ProcessBuilder("du", "-sk", dir.getPath()).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]) * 1024;
    }
}
