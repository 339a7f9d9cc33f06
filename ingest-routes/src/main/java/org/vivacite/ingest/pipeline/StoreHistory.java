package org.vivacite.ingest.pipeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.vivacite.ingest.consumption.RegisterHistory;
import org.vivacite.ingest.consumption.RegisterPoint;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;

/** The readings of a register the private store already holds, for the consumption deriver. */
final class StoreHistory implements RegisterHistory {

    private final QuadStore store;

    StoreHistory(QuadStore store) {
        this.store = store;
    }

    @Override
    public List<RegisterPoint> load(MeterNodes meter, Quantity register, Instant from, Instant to) {
        String query = "PREFIX sosa: <" + Namespaces.SOSA + ">\n"
                + "PREFIX vc: <" + Namespaces.VC + ">\n"
                + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
                + "SELECT ?obs ?t ?v WHERE { GRAPH <" + meter.graph().getURI() + "> {\n"
                + "  ?obs sosa:madeBySensor <" + meter.node().getURI() + "> ;\n"
                + "       sosa:observedProperty <" + register.iri() + "> ;\n"
                + "       sosa:resultTime ?t ; sosa:hasSimpleResult ?v .\n"
                + "  FILTER NOT EXISTS { ?obs vc:tariffPeriod ?p }\n"
                + "  FILTER (?t >= \"" + from + "\"^^xsd:dateTime && ?t <= \"" + to + "\"^^xsd:dateTime)\n"
                + "} }";
        List<RegisterPoint> points = new ArrayList<>();
        for (Map<String, Node> row : store.select(query).rows()) {
            Node t = row.get("t");
            Node v = row.get("v");
            try {
                points.add(new RegisterPoint(
                        OffsetDateTime.parse(t.getLiteralLexicalForm()).toInstant(),
                        new BigDecimal(v.getLiteralLexicalForm()),
                        row.get("obs")));
            } catch (RuntimeException e) {
                // not a reading this platform wrote: ignored
            }
        }
        return points;
    }
}
