package org.vivacite.triplestore.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.StoreProperties;

/**
 * The contract against a real Fuseki server, started in-process on a free loopback port, holding
 * a TDB2 dataset with the union default graph (as a production Fuseki would be configured).
 */
class RemoteQuadStoreTest extends RemoteContractTest {

    private static FusekiServer fuseki;
    private static URI endpoint;

    @BeforeAll
    static void startFuseki() {
        DatasetGraph dataset = DatabaseMgr.createDatasetGraph();
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        fuseki = FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/city", dataset)
                .build()
                .start();
        endpoint = URI.create("http://127.0.0.1:" + fuseki.getHttpPort() + "/city");
    }

    @Override
    protected URI endpoint() {
        return endpoint;
    }

    @AfterAll
    static void stopFuseki() {
        fuseki.stop();
    }

    @Test
    void healthSaysWhereTheStoreIs() {
        assertThat(store.health().detail()).isEqualTo("SPARQL store at " + endpoint);
    }

    @Test
    void missingEndpointIsAClearError() {
        assertThatThrownBy(() -> QuadStores.open("public", new StoreProperties.Role("remote", null, null)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("vivacite.store.public.remote.endpoint");
    }

    @Test
    void unreachableServerIsDownNotAnException() {
        try (QuadStore nowhere = QuadStores.open(
                "public",
                new StoreProperties.Role(
                        "remote",
                        null,
                        new StoreProperties.Remote(URI.create("http://127.0.0.1:9/none"), null, null, null)))) {
            assertThat(nowhere.health().up()).isFalse();
            assertThatThrownBy(() -> nowhere.statistics())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("statistics in the public store failed");
        }
    }
}
