package org.vivacite.sparql.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.sparql.ARQConstants;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SERVICE to an endpoint that is not on the allow-list fails with a clear message and opens no
 * connection, however its IRI is spelt or made. The endpoint called is a listener that counts
 * connections.
 */
class FederationPolicyTest {

    private static final String REFUSAL =
            "is not on this endpoint's federation allow-list" + " (vivacite.sparql.federation.allow)";

    private final DatasetGraph local = DatasetGraphFactory.createTxnMem();
    private ConnectionCounter listener;

    @BeforeEach
    void startListener() throws Exception {
        listener = new ConnectionCounter();
    }

    @AfterEach
    void stopListener() throws Exception {
        listener.close();
    }

    @Test
    void refusesALiteralServiceIriOffTheListWithoutConnecting() throws Exception {
        FederationPolicy policy = policy("http://127.0.0.1:1/sparql");
        String target = listener.url("/sparql");

        assertThatThrownBy(() -> select(policy, "SELECT * { SERVICE <" + target + "> { ?s ?p ?o } }"))
                .isInstanceOf(ServiceRefusedException.class)
                .hasMessage("SERVICE <" + target + "> " + REFUSAL);
        assertThat(listener.connections()).isZero();
    }

    @Test
    void refusesAServiceIriBuiltAtRunTimeWithoutConnecting() throws Exception {
        FederationPolicy policy = policy("http://127.0.0.1:1/sparql");
        String query = "SELECT * { BIND(" + listener.port() + " AS ?port)"
                + " BIND(IRI(CONCAT(\"http://127.0.0.1:\", STR(?port), \"/sparql\")) AS ?s)"
                + " SERVICE ?s { ?x ?p ?o } }";

        assertThatThrownBy(() -> select(policy, query))
                .isInstanceOf(ServiceRefusedException.class)
                .hasMessage("SERVICE <" + listener.url("/sparql") + "> " + REFUSAL);
        assertThat(listener.connections()).isZero();
    }

    @Test
    void refusesAnUnboundOrLiteralServiceTarget() throws Exception {
        FederationPolicy policy = policy(listener.url("/sparql"));
        String literal = "SELECT * { BIND(\"" + listener.url("/sparql") + "\" AS ?s) SERVICE ?s { ?x ?p ?o } }";

        assertThatThrownBy(() -> select(policy, "SELECT * { SERVICE ?s { ?x ?p ?o } }"))
                .isInstanceOf(ServiceRefusedException.class)
                .hasMessage("SERVICE ?s " + REFUSAL);
        assertThatThrownBy(() -> select(policy, literal))
                .isInstanceOf(ServiceRefusedException.class)
                .hasMessage("SERVICE \"" + listener.url("/sparql") + "\" " + REFUSAL);
        assertThat(listener.connections()).isZero();
    }

    @Test
    void refuses127001WhenOnlyLocalhostIsAllowed() throws Exception {
        FederationPolicy policy = policy("http://localhost:" + listener.port() + "/sparql");
        String target = listener.url("/sparql");

        assertThatThrownBy(() -> select(policy, "SELECT * { SERVICE <" + target + "> { ?s ?p ?o } }"))
                .isInstanceOf(ServiceRefusedException.class)
                .hasMessageContaining(REFUSAL);
        assertThat(listener.connections()).isZero();
    }

    /** Each of these would reach the listener, which is allowed only as http://127.0.0.1:port/sparql. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:PORT/sparql/",
                "http://127.0.0.1:PORT/SPARQL",
                "http://127.0.0.1:PORT/other",
                "http://127.0.0.1:PORT/sparql?default-graph-uri=urn:x",
                "http://127.0.0.1:PORT/sparql#frag",
                "http://user@127.0.0.1:PORT/sparql",
                "http://127.0.0.1:PORT@127.0.0.1:PORT/sparql",
                "https://127.0.0.1:PORT/sparql",
                "http://127.1:PORT/sparql",
                "http://2130706433:PORT/sparql"
            })
    void refusesOtherSpellingsOfAnAllowedEndpointWithoutConnecting(String spelling) throws Exception {
        FederationPolicy policy = policy(listener.url("/sparql"));
        String target = spelling.replace("PORT", Integer.toString(listener.port()));

        assertThatThrownBy(() -> select(policy, "SELECT * { SERVICE <" + target + "> { ?s ?p ?o } }"))
                .isInstanceOf(ServiceRefusedException.class)
                .hasMessageContaining(REFUSAL);
        assertThat(listener.connections()).isZero();
    }

    @Test
    void silentServiceOffTheListGivesNoAnswerRowsAndOpensNoConnection() throws Exception {
        FederationPolicy policy = policy("http://127.0.0.1:1/sparql");

        List<Binding> rows =
                select(policy, "SELECT ?o { SERVICE SILENT <" + listener.url("/sparql") + "> { ?s ?p ?o } }");

        assertThat(rows)
                .allSatisfy(row -> assertThat(row.contains(Var.alloc("o"))).isFalse());
        assertThat(listener.connections()).isZero();
    }

    @Test
    void emptyAllowListRefusesEveryService() throws Exception {
        FederationPolicy policy = new FederationPolicy(List.of(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> select(policy, "SELECT * { SERVICE <" + listener.url("/sparql") + "> { ?s ?p ?o } }"))
                .isInstanceOf(ServiceRefusedException.class)
                .hasMessageContaining(REFUSAL);
        assertThat(policy.allows(listener.url("/sparql"))).isFalse();
        assertThat(listener.connections()).isZero();
    }

    @Test
    void refusesOffTheListEvenWhenJenaBypassesThePolicysExecutor() throws Exception {
        FederationPolicy policy = policy("http://127.0.0.1:1/sparql");
        Context withoutExecutor = policy.context();
        withoutExecutor.remove(ARQConstants.registryServiceExecutors);

        assertThatThrownBy(() ->
                        select(withoutExecutor, "SELECT * { SERVICE <" + listener.url("/sparql") + "> { ?s ?p ?o } }"))
                .hasMessageContaining("SERVICE <" + listener.url("/sparql") + "> " + REFUSAL);
        assertThatThrownBy(() -> policy.httpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(listener.url("/sparql?query=ASK%7B%7D")))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ServiceRefusedException.class);
        assertThat(listener.connections()).isZero();
    }

    @Test
    void matchesNormalisedSchemeHostPortAndPathOnly() {
        FederationPolicy policy = policy("http://partner.example.org/sparql", "https://Other.example.org:8443/q");

        assertThat(policy.allows("http://partner.example.org/sparql")).isTrue();
        assertThat(policy.allows("HTTP://PARTNER.example.org:80/sparql")).isTrue();
        assertThat(policy.allows("https://other.example.org:8443/q")).isTrue();
        assertThat(policy.allows("https://other.example.org/q")).isFalse();
        assertThat(policy.allows("http://partner.example.org:8080/sparql")).isFalse();
        assertThat(policy.allows("https://partner.example.org/sparql")).isFalse();
        assertThat(policy.allows("http://partner.example.org/sparql/")).isFalse();
        assertThat(policy.allows("http://partner.example.org/Sparql")).isFalse();
        assertThat(policy.allows("http://partner.example.org@evil.example/sparql"))
                .isFalse();
        assertThat(policy.allows("http://evil.example/sparql#http://partner.example.org/sparql"))
                .isFalse();
        assertThat(policy.allows("urn:partner")).isFalse();
        assertThat(policy.allows("not a uri")).isFalse();
    }

    @Test
    void rejectsAllowListEntriesThatAreNotPlainEndpoints() {
        for (String entry : List.of(
                "ftp://partner.example.org/sparql",
                "http://user:secret@partner.example.org/sparql",
                "http://partner.example.org/sparql?x=1",
                "/sparql")) {
            assertThatThrownBy(() -> policy(entry))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vivacite.sparql.federation.allow");
        }
        assertThatThrownBy(() -> new FederationPolicy(List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vivacite.sparql.federation.timeout");
    }

    private static FederationPolicy policy(String... allow) {
        return new FederationPolicy(List.of(allow), Duration.ofSeconds(5));
    }

    private List<Binding> select(FederationPolicy policy, String query) {
        return select(policy.context(), query);
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
