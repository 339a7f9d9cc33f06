package org.vivacite.triplestore.lmdb;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.eclipse.rdf4j.model.Value;

/** The constant IRIs and literals a SPARQL update may insert, so they can be stored before it runs. */
final class UpdateConstants {

    private UpdateConstants() {}

    static Set<Value> of(String update, Rdf4jValues values) {
        Set<Value> constants = new LinkedHashSet<>();
        for (Update u : UpdateFactory.create(update).getOperations()) {
            List<Quad> quads = u instanceof UpdateDataInsert insert
                    ? insert.getQuads()
                    : u instanceof UpdateModify modify ? modify.getInsertQuads() : List.of();
            for (Quad q : quads) {
                for (Node n : new Node[] {q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()}) {
                    if (n != null && (n.isURI() || n.isLiteral()) && !Quad.isDefaultGraph(n)) {
                        constants.add(values.value(n));
                    }
                }
            }
        }
        return constants;
    }
}
