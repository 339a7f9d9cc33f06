package org.vivacite.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.vivacite.app.VivaciteServer;

/**
 * Our /sparql against a plain Fuseki serving the same TDB2 data, side by side in one run: the
 * demo city's public store is written by our server, copied, and the copy served by Fuseki (union
 * default graph, as ours). Five canonical public queries: median latency of each, alternating
 * servers (and, to show the protocol's own cost, an empty ASK); then throughput with 8 concurrent
 * clients on each. Usage: benchmarks/sparql.sh
 * [households, default 2000] [seconds of throughput per server, default 15].
 */
public final class SparqlBenchmark {

    static final String PREFIXES = "PREFIX vc: <https://w3id.org/vivacite/ontology#> "
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            + "PREFIX s4bldg: <https://saref.etsi.org/saref4bldg/> ";

    static final String[][] QUERIES = {
        {"(overhead only: ASK {})", "ASK {}"},
        {"communes", "SELECT ?c ?label ?insee WHERE { ?c a vc:Commune ; rdfs:label ?label ; skos:notation ?insee }"},
        {
            "districts per commune",
            "SELECT ?commune (COUNT(?d) AS ?districts) WHERE { ?d a vc:District ; vc:partOf/rdfs:label ?commune } GROUP BY ?commune"
        },
        {
            "buildings of a district",
            "SELECT ?b ?label ?area WHERE { ?b a s4bldg:Building ; rdfs:label ?label ; vc:floorArea ?area ; vc:partOf/vc:partOf <%sid/district/381859001> } ORDER BY DESC(?area)"
        },
        {
            "public buildings by floor area",
            "SELECT ?b ?label ?area WHERE { ?b vc:publishIndividually true ; rdfs:label ?label ; vc:floorArea ?area } ORDER BY DESC(?area) LIMIT 20"
        },
        {
            "floor area per district and use",
            "SELECT ?district ?use (SUM(?area) AS ?total) WHERE { ?b vc:use ?use ; vc:floorArea ?area ; vc:partOf/vc:partOf ?district } GROUP BY ?district ?use ORDER BY ?district ?use"
        },
    };

    private static final HttpClient HTTP = HttpClient.newBuilder().build();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    public static void main(String[] args) throws Exception {
        int households = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path work = Files.createTempDirectory("sparql-bench");
        Path data = work.resolve("data");
        String base = "http://localhost:8080/";
        String[] settings = {
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--vivacite.data=" + data,
            "--vivacite.base-iri=" + base,
            "--vivacite.demo=true",
            "--vivacite.demo-city.households=" + households,
            "--vivacite.demo-city.history-days=1",
            "--vivacite.sparql.max-queries-per-client=8",
            "--logging.level.root=WARN"
        };
        // First start: the public store gets the vocabulary and the demo city's territory.
        new SpringApplicationBuilder(VivaciteServer.class).run(settings).close();
        Path copy = work.resolve("fuseki-tdb2");
        copyTree(data.resolve("public/tdb2"), copy);

        try (ConfigurableApplicationContext ours = new SpringApplicationBuilder(VivaciteServer.class).run(settings)) {
            int port = ((WebServerApplicationContext) ours).getWebServer().getPort();
            DatasetGraph dataset = DatabaseMgr.connectDatasetGraph(copy.toString());
            dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
            FusekiServer fuseki = FusekiServer.create()
                    .loopback(true)
                    .port(0)
                    .add("/city", dataset)
                    .build()
                    .start();
            try {
                String vivacite = "http://127.0.0.1:" + port + "/sparql";
                String plain = "http://127.0.0.1:" + fuseki.getHttpPort() + "/city/sparql";
                System.out.printf(
                        "%d households; /sparql at %s, Fuseki %s at %s%n",
                        households, vivacite, org.apache.jena.fuseki.Fuseki.VERSION, plain);
                System.out.println("| query | rows | VivaCité median (ms) | Fuseki median (ms) | ratio |");
                System.out.println("|---|---|---|---|---|");
                List<String> queries = new ArrayList<>();
                for (String[] q : QUERIES) {
                    String text = PREFIXES + q[1].formatted(base);
                    if (!text.endsWith("ASK {}")) {
                        queries.add(text);
                    }
                    for (int i = 0; i < 50; i++) { // warm-up
                        call(vivacite, text);
                        call(plain, text);
                    }
                    List<Long> a = new ArrayList<>();
                    List<Long> b = new ArrayList<>();
                    int rows = 0;
                    for (int i = 0; i < 400; i++) {
                        // Each server goes first every other round, so neither pays for the order.
                        if (i % 2 == 0) {
                            long t = System.nanoTime();
                            rows = call(vivacite, text);
                            a.add(System.nanoTime() - t);
                            t = System.nanoTime();
                            call(plain, text);
                            b.add(System.nanoTime() - t);
                        } else {
                            long t = System.nanoTime();
                            call(plain, text);
                            b.add(System.nanoTime() - t);
                            t = System.nanoTime();
                            rows = call(vivacite, text);
                            a.add(System.nanoTime() - t);
                        }
                    }
                    double ma = median(a) / 1e6;
                    double mb = median(b) / 1e6;
                    System.out.printf("| %s | %d | %.2f | %.2f | %.2f× |%n", q[0], rows, ma, mb, ma / mb);
                }
                double tv = throughput(vivacite, queries, seconds);
                double tf = throughput(plain, queries, seconds);
                System.out.printf(
                        "Throughput, 8 clients, %d s each, the five queries in turn: VivaCité %.0f q/s, "
                                + "Fuseki %.0f q/s, ratio %.2f%n",
                        seconds, tv, tf, tv / tf);
            } finally {
                fuseki.stop();
            }
        }
    }

    static int call(String endpoint, String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + r.statusCode() + ": " + r.body());
        }
        var results = JSON.readTree(r.body()).get("results");
        return results == null ? 0 : results.get("bindings").size();
    }

    static double throughput(String endpoint, List<String> queries, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int offset = c;
            done.add(pool.submit(() -> {
                int n = 0;
                while (running.get()) {
                    call(endpoint, queries.get((offset + n) % queries.size()));
                    n++;
                }
                return n;
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - started) / 1e9);
    }

    static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
