package org.vivacite.sparql.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.resultset.ResultsReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import org.vivacite.sparql.SparqlException;
import org.vivacite.sparql.SparqlProperties;
import org.vivacite.sparql.federation.FederationPolicy;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * What a public query may call, over a real TDB2 public store: regular expressions that the time
 * limit stops whatever the pattern, with Jena's semantics otherwise unchanged; and no function
 * class loaded because a query names it.
 */
class PublicQueryFunctionsTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final String FN = "PREFIX fn: <http://www.w3.org/2005/xpath-functions#>\n";
    /**
     * Nested quantifiers that never meet their b or c over 64 a's: more ways to fail than the age of the
     * universe allows (Java 17 memoises simpler cases such as {@code (a+)+b}, not this one).
     */
    private static final String CATASTROPHIC = "(.*){1,32000}[bc]";

    private static final String DATA = """
            <http://example.org/long> <http://example.org/text> "%s" .
            <http://example.org/other> <http://example.org/text> "Alpha\\nzeta" .
            """.formatted("a".repeat(64));

    @TempDir
    static Path folder;

    private static QuadStore store;
    private static QueryRunner runner;

    @BeforeAll
    static void openStore() {
        store = QuadStores.open("tdb2", "public", folder.resolve("public"));
        Graph graph = RDFParser.fromString(DATA, Lang.NTRIPLES).toGraph();
        store.add("http://example.org/graph", graph);
        SparqlProperties settings = new SparqlProperties(
                LIMIT, 1000, 4, 2, DataSize.ofKilobytes(128), new SparqlProperties.Federation(List.of(), LIMIT));
        runner = new QueryRunner(store, settings, new FederationPolicy(List.of(), LIMIT), false);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    /** The answer as SPARQL JSON. */
    private static String answer(String query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QueryRunner.Prepared prepared = runner.prepare(
                new ProtocolRequest(query, List.of(), List.of(), null), "application/sparql-results+json");
        runner.run(prepared, LIMIT, f -> out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The rows of a SELECT's answer. */
    private static List<Binding> rows(String query) {
        RowSet answered = ResultsReader.create()
                .lang(ResultSetLang.RS_JSON)
                .build()
                .readRowSet(new ByteArrayInputStream(answer(query).getBytes(StandardCharsets.UTF_8)));
        List<Binding> rows = new ArrayList<>();
        answered.forEachRemaining(rows::add);
        return rows;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ASK { ?s ?p ?o FILTER(REGEX(?o, \"" + CATASTROPHIC + "\")) }",
                "ASK { ?s ?p ?o FILTER(REGEX(?o, CONCAT(\"(.*){1,32000}\", \"[bc]\"), \"i\")) }",
                "ASK { FILTER(REGEX(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \""
                        + CATASTROPHIC + "\")) }",
                "SELECT (REPLACE(?o, \"" + CATASTROPHIC + "\", \"x\") AS ?r) WHERE { ?s ?p ?o }",
                FN + "ASK { ?s ?p ?o FILTER(fn:matches(?o, \"" + CATASTROPHIC + "\")) }",
                FN + "SELECT (fn:replace(?o, \"" + CATASTROPHIC + "\", \"x\") AS ?r) WHERE { ?s ?p ?o }",
                "PREFIX sparql: <http://www.w3.org/ns/sparql#>\n" + "ASK { ?s ?p ?o FILTER(sparql:regex(?o, \""
                        + CATASTROPHIC + "\")) }",
                "SELECT ?s WHERE { ?s ?p ?x FILTER NOT EXISTS { ?s ?p ?o FILTER(REGEX(?o, \"" + CATASTROPHIC
                        + "\")) } }",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY (REGEX(?o, \"" + CATASTROPHIC + "\"))",
                "SELECT (GROUP_CONCAT(REPLACE(?o, \"" + CATASTROPHIC + "\", \"x\")) AS ?all) WHERE { ?s ?p ?o }",
                "SELECT * WHERE { ?s ?p ?x OPTIONAL { ?s ?p ?o FILTER(REGEX(?o, \"" + CATASTROPHIC + "\")) } }"
            })
    void stopsACatastrophicRegularExpressionWithinItsTimeLimit(String query) {
        long started = System.nanoTime();
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThatThrownBy(() -> answer(query))
                        .isInstanceOf(SparqlException.class)
                        .hasMessageContaining("stopped after its time limit of 1 s")
                        .satisfies(
                                e -> assertThat(((SparqlException) e).status()).isEqualTo(503)));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the contract: stopped within the limit and a second")
                .isLessThan(LIMIT.plusSeconds(1));
    }

    @Test
    void regularExpressionsMeanWhatTheyMeanInJena() {
        String texts = "\"Alpha\\nbeta\" \"ALPHA\" \"a.b\" \"axb\" \"x y\" \"été\" \"\"";
        String patterns = "\"^beta\" \"alpha\" \"a.b\" \"x y\" \"x\\\\sy\" \"b*\" \"(?<w>a)\" \"^.*$\" \"ÉTÉ\"";
        String flags = "\"\" \"i\" \"s\" \"m\" \"x\" \"q\" \"im\" \"ix\" \"sm\" \"z\"";
        String query =
                "SELECT ?text ?pattern ?flags ?matches ?replaced ?fnMatches ?fnReplaced ?sparqlMatches ?constant WHERE {\n"
                        + "  VALUES ?text { " + texts + " } VALUES ?pattern { " + patterns + " } VALUES ?flags { "
                        + flags + " }\n"
                        + "  BIND(REGEX(?text, ?pattern, ?flags) AS ?matches)\n"
                        + "  BIND(REPLACE(?text, ?pattern, \"<$0>\", ?flags) AS ?replaced)\n"
                        + "  BIND(<http://www.w3.org/2005/xpath-functions#matches>(?text, ?pattern, ?flags) AS ?fnMatches)\n"
                        + "  BIND(<http://www.w3.org/2005/xpath-functions#replace>(?text, ?pattern, \"[$0]\", ?flags)"
                        + " AS ?fnReplaced)\n"
                        + "  BIND(<http://www.w3.org/ns/sparql#regex>(?text, ?pattern, ?flags) AS ?sparqlMatches)\n"
                        + "  BIND(CONCAT(STR(REGEX(?text, \"^al\", \"i\")), REPLACE(?text, \"a\", \"o\", \"q\")) AS ?constant)\n"
                        + "} ORDER BY ?text ?pattern ?flags";

        DatasetGraph plain = DatasetGraphFactory.createTxnMem();
        List<Binding> expected = new ArrayList<>();
        try (QueryExec exec = QueryExec.dataset(plain).query(query).build()) {
            exec.select().forEachRemaining(expected::add);
        }
        List<Binding> actual = rows(query);

        assertThat(expected).hasSize(7 * 9 * 10);
        assertThat(expected.stream().filter(b -> b.contains("matches"))).hasSizeGreaterThan(100);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void loadsNoFunctionClassANameInAQueryGivesIt() {
        int before = LoadedByName.created();
        List<Binding> rows = rows("SELECT ?loaded ?local WHERE {\n"
                + "  BIND(<java:" + LoadedByName.class.getName() + ">(\"x\") AS ?loaded)\n"
                + "  BIND(<http://jena.apache.org/ARQ/function#localname>(<http://example.org/a#b>) AS ?local)\n"
                + "}");

        assertThat(LoadedByName.created()).as("instances made by the query").isEqualTo(before);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).isEmpty()).as("neither function ran: " + rows).isTrue();
    }

    @Test
    void anAnswerTheTimeLimitStopsWhileItIsWrittenIsNotFlushedSoTheClientGetsTheLimitsAnswer() {
        // The first row comes at once, the second never: the limit strikes while the answer is written.
        String query = "SELECT ?r WHERE { VALUES ?t { \"x\" \"" + "a".repeat(64) + "\" } BIND(REPLACE(?t, \""
                + CATASTROPHIC + "\", \"x\") AS ?r) }";
        List<String> flushed = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushed.add(toString(StandardCharsets.UTF_8));
            }
        };
        QueryRunner.Prepared prepared = runner.prepare(
                new ProtocolRequest(query, List.of(), List.of(), null), "application/sparql-results+json");
        assertThatThrownBy(() -> runner.run(prepared, LIMIT, f -> out))
                .isInstanceOf(SparqlException.class)
                .hasMessageContaining("stopped after its time limit of 1 s");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .as("the first row was being written")
                .contains("\"x\"");
        assertThat(flushed)
                .as("nothing pushed to the client before the answer was whole")
                .isEmpty();
    }
}
