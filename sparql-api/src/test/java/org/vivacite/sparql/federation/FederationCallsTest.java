package org.vivacite.sparql.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SERVICE calls to allowed endpoints: a real partner answers and its rows join local ones; a
 * redirect is not followed; a partner slower than the time limit fails the query.
 */
class FederationCallsTest {

    private static final String PREFIXES = "PREFIX vc: <https://w3id.org/vivacite/ontology#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "PREFIX ex: <http://example.org/census#>\n";

    private final DatasetGraph local = DatasetGraphFactory.createTxnMem();
    private final List<AutoCloseable> toStop = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : toStop) {
            server.close();
        }
    }

    @Test
    void joinsLocalRowsWithThoseOfAnAllowedPartner() {
        load(
                local,
                "_:c a vc:District ; rdfs:label \"Centre\" ; ex:inhabitants 12000 .\n"
                        + "_:n a vc:District ; rdfs:label \"Nord\" ; ex:inhabitants 8000 .\n"
                        + "_:g a vc:District ; rdfs:label \"Gare\" ; ex:inhabitants 3000 .");
        DatasetGraph partnerData = DatasetGraphFactory.createTxnMem();
        load(
                partnerData,
                "_:c a vc:District ; rdfs:label \"Centre\" ; ex:inhabitants 15000 .\n"
                        + "_:n a vc:District ; rdfs:label \"Nord\" ; ex:inhabitants 9500 .\n"
                        + "_:p a vc:District ; rdfs:label \"Port\" ; ex:inhabitants 4100 .");
        FusekiServer partner = FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/partner", partnerData)
                .build()
                .start();
        toStop.add(partner::stop);
        String endpoint = "http://127.0.0.1:" + partner.getHttpPort() + "/partner/sparql";
        FederationPolicy policy = new FederationPolicy(List.of(endpoint), Duration.ofSeconds(10));

        List<Binding> rows = select(
                policy.context(),
                PREFIXES
                        + "SELECT ?label ?ours ?theirs {\n"
                        + "  ?d a vc:District ; rdfs:label ?label ; ex:inhabitants ?ours .\n"
                        + "  SERVICE <" + endpoint + "> {\n"
                        + "    ?p a vc:District ; rdfs:label ?label ; ex:inhabitants ?theirs }\n"
                        + "} ORDER BY ?label");

        assertThat(rows)
                .extracting(row -> lexical(row, "label"), row -> lexical(row, "ours"), row -> lexical(row, "theirs"))
                .containsExactly(tuple("Centre", "12000", "15000"), tuple("Nord", "8000", "9500"));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void doesNotFollowARedirectOfAnAllowedEndpoint(int status) throws Exception {
        try (ConnectionCounter target = new ConnectionCounter()) {
            String location = target.url("/sparql");
            String endpoint = startHttpServer(exchange -> {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            FederationPolicy policy = new FederationPolicy(List.of(endpoint), Duration.ofSeconds(5));

            assertThatThrownBy(() -> select(policy.context(), "SELECT * { SERVICE <" + endpoint + "> { ?s ?p ?o } }"))
                    .isInstanceOf(ServiceRedirectedException.class)
                    .hasMessageContaining(
                            "SERVICE <" + endpoint + "> was redirected (HTTP " + status + ") to <" + location + ">");
            assertThat(target.connections()).isZero();
        }
    }

    @Test
    void failsWhenAnAllowedPartnerAnswersLaterThanTheTimeLimit() throws Exception {
        String endpoint = startHttpServer(exchange -> {
            sleep(3000);
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        FederationPolicy policy = new FederationPolicy(List.of(endpoint), Duration.ofMillis(500));

        long start = System.nanoTime();
        assertThatThrownBy(() -> select(policy.context(), "SELECT * { SERVICE <" + endpoint + "> { ?s ?p ?o } }"))
                .isInstanceOf(ServiceTimeoutException.class)
                .hasMessage("SERVICE <" + endpoint + "> gave no complete answer within 500 ms"
                        + " (vivacite.sparql.federation.timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void failsWhenAnAllowedPartnerStallsInTheMiddleOfItsAnswer() throws Exception {
        String endpoint = startHttpServer(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("{ \"head\": { \"vars\": [ \"o\" ] }, \"results\": { \"bindings\": [ "
                    .getBytes(StandardCharsets.UTF_8));
            body.flush();
            sleep(3000);
            exchange.close();
        });
        FederationPolicy policy = new FederationPolicy(List.of(endpoint), Duration.ofMillis(500));

        long start = System.nanoTime();
        assertThatThrownBy(() -> select(policy.context(), "SELECT * { SERVICE <" + endpoint + "> { ?s ?p ?o } }"))
                .isInstanceOf(ServiceTimeoutException.class)
                .hasMessageContaining("gave no complete answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    /** Starts a JDK HTTP server on a free loopback port and returns its {@code /sparql} URL. */
    private String startHttpServer(HttpHandler handler) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/sparql", handler);
        server.start();
        toStop.add(() -> {
            server.stop(0);
            threads.shutdownNow();
        });
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sparql";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void load(DatasetGraph dataset, String turtle) {
        Txn.executeWrite(
                dataset,
                () -> RDFParser.fromString(PREFIXES + turtle, Lang.TURTLE).parse(dataset));
    }

    private static String lexical(Binding row, String var) {
        return row.get(Var.alloc(var)).getLiteralLexicalForm();
    }

    /** Runs a query the way the endpoint does: every key of the policy's context set on the builder. */
    private List<Binding> select(Context context, String query) {
        return Txn.calculateRead(local, () -> {
            QueryExecBuilder builder = QueryExec.dataset(local).query(query);
            for (Symbol key : context.keys()) {
                builder.set(key, context.get(key));
            }
            List<Binding> rows = new ArrayList<>();
            try (QueryExec exec = builder.build()) {
                exec.select().forEachRemaining(rows::add);
            }
            return rows;
        });
    }
}
