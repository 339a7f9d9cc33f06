package org.vivacite.ontology;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.vivacite.ontology.vocabulary.Namespaces;

/** The quantities the platform knows, read from quantities.ttl; immutable and thread-safe. */
public final class QuantityRegistry {

    private static final String SELECT = """
            PREFIX vc: <%s>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX qudt: <http://qudt.org/schema/qudt/>
            SELECT ?q ?notation ?label ?fluid ?kind ?qk ?unit ?consumption WHERE {
              ?q a vc:Quantity ; skos:notation ?notation ; vc:readingKind ?kind ;
                 qudt:hasQuantityKind ?qk ; vc:canonicalUnit ?unit .
              OPTIONAL { ?q rdfs:label ?label FILTER (langMatches(lang(?label), "en")) }
              OPTIONAL { ?q vc:fluid ?fluid }
              OPTIONAL { ?q vc:consumptionQuantity ?consumption }
            } ORDER BY ?notation
            """.formatted(Namespaces.VC);

    private final Map<String, Quantity> byIri;
    private final Map<String, Quantity> byNotation;

    private QuantityRegistry(List<Quantity> quantities) {
        Map<String, Quantity> iris = new LinkedHashMap<>();
        Map<String, Quantity> notations = new LinkedHashMap<>();
        for (Quantity q : quantities) {
            if (iris.put(q.iri(), q) != null || notations.put(q.notation(), q) != null) {
                throw new OntologyException("quantity " + q.iri() + " is described twice in the registry");
            }
        }
        this.byIri = Collections.unmodifiableMap(iris);
        this.byNotation = Collections.unmodifiableMap(notations);
    }

    /** The registry shipped with the ontology module. */
    public static QuantityRegistry standard() {
        return Holder.STANDARD;
    }

    /** A registry read from a model that describes quantities as quantities.ttl does. */
    public static QuantityRegistry from(Model model) {
        try (QueryExecution qe = QueryExecution.model(model).query(SELECT).build()) {
            List<Quantity> list = new java.util.ArrayList<>();
            qe.execSelect().forEachRemaining(row -> list.add(toQuantity(row)));
            return new QuantityRegistry(list);
        }
    }

    public Collection<Quantity> all() {
        return byIri.values();
    }

    public Optional<Quantity> find(String iriOrNotation) {
        Quantity q = byIri.get(iriOrNotation);
        return q != null ? Optional.of(q) : Optional.ofNullable(byNotation.get(iriOrNotation));
    }

    /**
     * @throws UnknownQuantityException when neither an IRI nor a notation of the registry
     */
    public Quantity get(String iriOrNotation) {
        return find(iriOrNotation).orElseThrow(() -> new UnknownQuantityException(iriOrNotation));
    }

    private static Quantity toQuantity(QuerySolution row) {
        return new Quantity(
                row.getResource("q").getURI(),
                row.getLiteral("notation").getLexicalForm(),
                text(row.get("label")),
                row.contains("fluid") ? row.getResource("fluid").getURI() : null,
                ReadingKind.fromIri(row.getResource("kind").getURI()),
                row.getResource("qk").getURI(),
                row.getResource("unit").getURI(),
                row.contains("consumption") ? row.getResource("consumption").getURI() : null);
    }

    private static String text(RDFNode node) {
        return node == null ? "" : node.asLiteral().getLexicalForm();
    }

    private static final class Holder {
        static final QuantityRegistry STANDARD = from(Ontology.vocabulary());
    }
}
