package org.vivacite.ingest.pipeline;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.vivacite.ingest.consumption.RegisterHistory;
import org.vivacite.ingest.consumption.RegisterPoint;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;

/** The readings of registers the private store already holds, for the consumption deriver: one query per 200 registers. */
final class StoreHistory implements RegisterHistory {

    private static final int CHUNK = 200;

    private final QuadStore store;

    StoreHistory(QuadStore store) {
        this.store = store;
    }

    @Override
    public Map<Request, List<RegisterPoint>> load(List<Request> requests) {
        Map<Request, List<RegisterPoint>> out = new HashMap<>();
        for (int i = 0; i < requests.size(); i += CHUNK) {
            load(requests.subList(i, Math.min(requests.size(), i + CHUNK)), out);
        }
        return out;
    }

    private void load(List<Request> chunk, Map<Request, List<RegisterPoint>> out) {
        // one block of constants per register, joined by UNION: every engine answers each block
        // from its indexes (a VALUES join made RDF4J scan the graphs)
        StringBuilder blocks = new StringBuilder();
        Map<String, Request> byKey = new HashMap<>();
        for (Request r : chunk) {
            String m = "<" + r.meter().node().getURI() + ">";
            String q = "<" + r.register().iri() + ">";
            if (blocks.length() > 0) {
                blocks.append("  UNION\n");
            }
            blocks.append("  { GRAPH <")
                    .append(r.meter().graph().getURI())
                    .append("> { ?obs sosa:madeBySensor ")
                    .append(m)
                    .append(" ; sosa:observedProperty ")
                    .append(q)
                    .append(" ; sosa:resultTime ?t ; sosa:hasSimpleResult ?v .")
                    .append(" FILTER NOT EXISTS { ?obs vc:tariffPeriod ?p }")
                    .append(" FILTER (?t >= \"")
                    .append(r.from())
                    .append("\"^^xsd:dateTime) }")
                    .append(" BIND (")
                    .append(m)
                    .append(" AS ?m) BIND (")
                    .append(q)
                    .append(" AS ?q) }\n");
            byKey.put(r.meter().node().getURI() + " " + r.register().iri(), r);
            out.put(r, new ArrayList<>());
        }
        String query = "PREFIX sosa: <" + Namespaces.SOSA + ">\n"
                + "PREFIX vc: <" + Namespaces.VC + ">\n"
                + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
                + "SELECT ?m ?q ?obs ?t ?v WHERE {\n" + blocks + "}";
        for (Map<String, Node> row : store.select(query).rows()) {
            Request r = byKey.get(row.get("m").getURI() + " " + row.get("q").getURI());
            try {
                out.get(r)
                        .add(new RegisterPoint(
                                OffsetDateTime.parse(row.get("t").getLiteralLexicalForm())
                                        .toInstant(),
                                new BigDecimal(row.get("v").getLiteralLexicalForm()),
                                row.get("obs")));
            } catch (RuntimeException e) {
                // not a reading this platform wrote: ignored
            }
        }
    }
}
