package org.vivacite.triplestore;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;

/**
 * The public store as the application holds it: every write naming a private graph
 * ({@code {base}graph/private/…}) is refused, so no bug elsewhere can put a household's data where
 * public queries run. Restores are refused too (restore the public store with the server stopped).
 */
public final class PublicOnlyStore implements QuadStore {

    private final QuadStore store;
    private final GraphNames graphs;

    public PublicOnlyStore(QuadStore store, GraphNames graphs) {
        this.store = store;
        this.graphs = graphs;
    }

    private void check(String graphIri) {
        if (graphs.isPrivate(graphIri)) {
            throw new StoreException("refused: <" + graphIri + "> is a private graph and this is the public store");
        }
    }

    private void check(Collection<Quad> quads) {
        quads.forEach(q -> check(q.getGraph().isURI() ? q.getGraph().getURI() : ""));
    }

    @Override
    public String role() {
        return store.role();
    }

    @Override
    public String kind() {
        return store.kind();
    }

    @Override
    public void add(String graphIri, Graph triples) {
        check(graphIri);
        store.add(graphIri, triples);
    }

    @Override
    public void add(Collection<Quad> quads) {
        check(quads);
        store.add(quads);
    }

    @Override
    public void apply(Collection<Quad> remove, Collection<Quad> add) {
        check(add);
        store.apply(remove, add);
    }

    @Override
    public void replace(String graphIri, Graph triples) {
        check(graphIri);
        store.replace(graphIri, triples);
    }

    @Override
    public void drop(String graphIri) {
        store.drop(graphIri);
    }

    @Override
    public void update(String update) {
        for (Update u : UpdateFactory.create(update).getOperations()) {
            if (u instanceof UpdateDataInsert insert) {
                check(insert.getQuads());
            } else if (u instanceof UpdateModify modify) {
                modify.getInsertQuads().forEach(q -> {
                    if (!q.getGraph().isURI() && !Quad.isDefaultGraph(q.getGraph())) {
                        throw new StoreException(
                                "refused: an update inserting into a variable graph on the public store");
                    }
                });
                check(modify.getInsertQuads().stream()
                        .filter(q -> q.getGraph().isURI())
                        .toList());
            }
        }
        store.update(update);
    }

    @Override
    public void restore(InputStream in) {
        throw new StoreException(
                "refused: restore the public store with 'vivacite store restore --store public', server stopped");
    }

    @Override
    public java.util.Set<Quad> contained(Collection<Quad> quads) {
        return store.contained(quads);
    }

    @Override
    public void stream(
            QueryRequest request, java.util.function.Consumer<org.apache.jena.sparql.exec.QueryExec> results) {
        store.stream(request, results);
    }

    @Override
    public org.vivacite.triplestore.SelectResult select(String query) {
        return store.select(query);
    }

    @Override
    public boolean ask(String query) {
        return store.ask(query);
    }

    @Override
    public Graph construct(String query) {
        return store.construct(query);
    }

    @Override
    public Graph read(String graphIri) {
        return store.read(graphIri);
    }

    @Override
    public Graph read(String graphIri, java.util.Set<String> predicateIris) {
        return store.read(graphIri, predicateIris);
    }

    @Override
    public Graph find(String graphIri, java.util.Collection<org.apache.jena.graph.Triple> patterns) {
        return store.find(graphIri, patterns);
    }

    @Override
    public Map<String, Long> statistics() {
        return store.statistics();
    }

    @Override
    public void backup(OutputStream out) {
        store.backup(out);
    }

    @Override
    public boolean compact() {
        return store.compact();
    }

    @Override
    public StoreHealth health() {
        return store.health();
    }

    @Override
    public void close() {
        store.close();
    }
}
