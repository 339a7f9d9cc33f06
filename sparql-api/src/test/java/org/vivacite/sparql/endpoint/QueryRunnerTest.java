package org.vivacite.sparql.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.vivacite.sparql.SparqlException;
import org.vivacite.sparql.SparqlProperties;
import org.vivacite.sparql.federation.FederationPolicy;
import org.vivacite.triplestore.QueryRequest;
import org.vivacite.triplestore.SelectResult;
import org.vivacite.triplestore.SparqlQueries;

class QueryRunnerTest {

    private static final String PARTNER = "http://127.0.0.1:9/partner/sparql";

    /** Records what reaches the store, and answers with an empty result of the same kind. */
    private static final class RecordingStore implements SparqlQueries {
        final List<QueryRequest> received = new ArrayList<>();

        @Override
        public void stream(QueryRequest request, Consumer<QueryExec> results) {
            received.add(request);
            try (QueryExec exec = QueryExec.dataset(DatasetGraphFactory.createTxnMem())
                    .query(request.query().isSelectType() ? "SELECT * {}" : "ASK {}")
                    .build()) {
                results.accept(exec);
            }
        }

        @Override
        public SelectResult select(String query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean ask(String query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Graph construct(String query) {
            throw new UnsupportedOperationException();
        }
    }

    private static QueryRunner runner(RecordingStore store, boolean remote) {
        SparqlProperties settings = new SparqlProperties(
                Duration.ofSeconds(5),
                10,
                4,
                2,
                DataSize.ofKilobytes(128),
                new SparqlProperties.Federation(List.of(PARTNER), Duration.ofSeconds(1)));
        return new QueryRunner(store, settings, new FederationPolicy(List.of(PARTNER), Duration.ofSeconds(1)), remote);
    }

    private static void ask(QueryRunner runner, String query) {
        run(runner, new ProtocolRequest(query, List.of(), List.of(), null));
    }

    private static void run(QueryRunner runner, ProtocolRequest request) {
        runner.run(runner.prepare(request, null), Duration.ofSeconds(5), f -> new ByteArrayOutputStream());
    }

    @Test
    void withARemoteStoreEveryServiceIsCheckedBeforeTheQueryLeaves() {
        RecordingStore store = new RecordingStore();
        QueryRunner remote = runner(store, true);
        assertThatThrownBy(() -> ask(remote, "ASK { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }"))
                .isInstanceOf(SparqlException.class)
                .hasMessageContaining("<http://evil.example/sparql> is not on this endpoint's federation allow-list");
        assertThatThrownBy(() -> ask(
                        remote,
                        "ASK { BIND(IRI(\"" + PARTNER + "\") AS ?s) { SELECT * { SERVICE ?s { ?a ?b ?c } } } }"))
                .isInstanceOf(SparqlException.class)
                .hasMessageContaining("must name an endpoint of the allow-list");
        assertThatThrownBy(() -> ask(remote, "ASK { { SELECT * { SERVICE <http://localhost:9/partner/sparql> {} } } }"))
                .hasMessageContaining("not on this endpoint's federation allow-list");
        assertThat(store.received).as("nothing reached the remote store").isEmpty();

        ask(remote, "ASK { SERVICE <" + PARTNER + "> { ?s ?p ?o } }");
        assertThat(store.received).hasSize(1);
    }

    @Test
    void theProtocolsDatasetWinsOverTheQuerysAndTheFederationPolicyGoesAlong() {
        RecordingStore store = new RecordingStore();
        run(
                runner(store, false),
                new ProtocolRequest(
                        "SELECT * FROM <http://a/> FROM NAMED <http://b/> WHERE { ?s ?p ?o }",
                        List.of("http://c/"),
                        List.of(),
                        null));
        QueryRequest sent = store.received.get(0);
        assertThat(sent.query().getGraphURIs()).isEmpty();
        assertThat(sent.query().getNamedGraphURIs()).isEmpty();
        assertThat(sent.defaultGraphs()).containsExactly("http://c/");
        assertThat(sent.context().isDefined(org.apache.jena.query.ARQ.httpQueryClient))
                .as("federation policy")
                .isTrue();
    }
}
