package org.vivacite.triplestore.remote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdflink.RDFLink;
import org.apache.jena.rdflink.RDFLinkHTTP;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.vivacite.triplestore.QueryRequest;
import org.vivacite.triplestore.SelectResult;
import org.vivacite.triplestore.StoreProperties;
import org.vivacite.triplestore.support.AbstractQuadStore;
import org.vivacite.triplestore.support.JenaQueries;

/**
 * A store behind the SPARQL 1.1 protocols: Query, Update and the Graph Store Protocol (Fuseki,
 * RDF4J Server, GraphDB, Virtuoso…). Each port call is one HTTP request, which these servers run
 * as one transaction. The server must treat its default graph as the union of its named graphs
 * (Fuseki/TDB2: {@code tdb2:unionDefaultGraph true}), as the port requires.
 */
final class RemoteQuadStore extends AbstractQuadStore {

    private static final String COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";

    private final RDFLink link;
    private final java.net.http.HttpClient httpClient;
    private final String queryEndpoint;

    RemoteQuadStore(String role, StoreProperties.Remote remote) {
        super(role, "SPARQL store at " + remote.endpoint());
        this.httpClient = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .build();
        this.queryEndpoint = remote.query().matches("(?i)https?:.*")
                ? remote.query()
                : remote.endpoint().toString().replaceAll("/*$", "/") + remote.query();
        this.link = RDFLinkHTTP.newBuilder()
                .httpClient(httpClient)
                .destination(remote.endpoint().toString())
                .queryEndpoint(remote.query())
                .updateEndpoint(remote.update())
                .gspEndpoint(remote.data())
                .build();
    }

    @Override
    public String kind() {
        return RemoteProvider.KIND;
    }

    @Override
    protected void write(String graphIri, boolean clearFirst, Graph triples) {
        if (clearFirst) {
            link.put(NodeFactory.createURI(graphIri), triples);
        } else {
            link.load(NodeFactory.createURI(graphIri), triples);
        }
    }

    @Override
    protected void writeQuads(Collection<Quad> quads) {
        DatasetGraph batch = DatasetGraphFactory.create();
        quads.forEach(batch::add);
        link.loadDataset(batch);
    }

    @Override
    protected java.util.Set<Quad> findQuads(Collection<Quad> quads) {
        java.util.Set<Quad> found = new java.util.HashSet<>();
        List<Quad> all = new ArrayList<>(quads);
        for (int i = 0; i < all.size(); i += 200) {
            StringBuilder values = new StringBuilder("SELECT ?g ?s ?p ?o { VALUES (?g ?s ?p ?o) {");
            for (Quad q : all.subList(i, Math.min(all.size(), i + 200))) {
                values.append(" (");
                for (Node n : List.of(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject())) {
                    values.append(org.apache.jena.sparql.util.FmtUtils.stringForNode(n))
                            .append(' ');
                }
                values.append(')');
            }
            values.append(" } GRAPH ?g { ?s ?p ?o } }");
            try (QueryExec exec = link.query(values.toString())) {
                exec.select()
                        .forEachRemaining(b -> found.add(Quad.create(b.get("g"), b.get("s"), b.get("p"), b.get("o"))));
            }
        }
        return found;
    }

    @Override
    protected void applyQuads(Collection<Quad> remove, Collection<Quad> add) {
        // One request, so one transaction on the server: DELETE DATA then INSERT DATA.
        org.apache.jena.update.UpdateRequest request = new org.apache.jena.update.UpdateRequest();
        if (!remove.isEmpty()) {
            request.add(new org.apache.jena.sparql.modify.request.UpdateDataDelete(
                    new org.apache.jena.sparql.modify.request.QuadDataAcc(new ArrayList<>(remove))));
        }
        if (!add.isEmpty()) {
            request.add(new org.apache.jena.sparql.modify.request.UpdateDataInsert(
                    new org.apache.jena.sparql.modify.request.QuadDataAcc(new ArrayList<>(add))));
        }
        if (!request.getOperations().isEmpty()) {
            link.update(request);
        }
    }

    @Override
    protected void dropGraph(String graphIri) {
        link.update(new org.apache.jena.update.UpdateRequest(
                new org.apache.jena.sparql.modify.request.UpdateDrop(NodeFactory.createURI(graphIri), true)));
    }

    @Override
    protected void clearAll() {
        link.update("DROP SILENT ALL");
    }

    @Override
    protected void runUpdate(String update) {
        link.update(update);
    }

    @Override
    protected SelectResult runSelect(String query) {
        try (QueryExec exec = link.query(query)) {
            return JenaQueries.read(exec.select());
        }
    }

    @Override
    protected void runStream(QueryRequest request, java.util.function.Consumer<QueryExec> results) {
        var builder = org.apache.jena.sparql.exec.http.QueryExecHTTP.newBuilder()
                .endpoint(queryEndpoint)
                .httpClient(httpClient)
                .query(request.query())
                .timeout(request.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        request.defaultGraphs().forEach(builder::addDefaultGraphURI);
        request.namedGraphs().forEach(builder::addNamedGraphURI);
        try (QueryExec exec = builder.build()) {
            results.accept(exec);
        }
    }

    @Override
    protected boolean runAsk(String query) {
        try (QueryExec exec = link.query(query)) {
            return exec.ask();
        }
    }

    @Override
    protected Graph runConstruct(String query) {
        boolean describe = QueryFactory.create(query).isDescribeType();
        try (QueryExec exec = link.query(query)) {
            return describe ? exec.describe() : exec.construct();
        }
    }

    @Override
    protected Graph readGraph(String graphIri) {
        try {
            return link.get(NodeFactory.createURI(graphIri));
        } catch (HttpException e) {
            if (e.getStatusCode() == 404) {
                return GraphFactory.createDefaultGraph();
            }
            throw e;
        }
    }

    @Override
    protected Map<String, Long> countGraphs() {
        Map<String, Long> counts = new TreeMap<>();
        try (QueryExec exec = link.query(COUNT_GRAPHS)) {
            exec.select()
                    .forEachRemaining(b ->
                            counts.put(b.get("g").getURI(), ((Number) b.get("n").getLiteralValue()).longValue()));
        }
        return counts;
    }

    @Override
    protected void readAll(StreamRDF sink) {
        // The Graph Store Protocol hands back the whole dataset in one response.
        link.getDataset().find().forEachRemaining(sink::quad);
    }

    @Override
    protected void probe() {
        try (QueryExec exec = link.query("ASK {}")) {
            exec.ask();
        }
    }

    @Override
    protected void shutDown() {
        link.close();
    }
}
