package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.util.Optional;
import org.apache.jena.query.ParameterizedSparqlString;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;

/**
 * What the public territory says of a building (docs/territory.md): its name, its use ({@code
 * vc:use}) and its floor area ({@code vc:floorArea}, m²), as the public-buildings and
 * building-uses files set them. Public data: no personal data is read here.
 */
@FunctionalInterface
public interface BuildingFacts {

    /** The building's facts by its id (RNB id), empty if the territory does not have it. */
    Optional<TertiaryDecree.Building> of(String id);

    /** The facts in the territory graph of the public store. */
    static BuildingFacts territory(QuadStore publicStore, String territoryGraph, String baseIri) {
        return id -> {
            ParameterizedSparqlString q = new ParameterizedSparqlString("SELECT ?label ?use ?area WHERE { GRAPH ?g {"
                    + " ?b a ?type . OPTIONAL { ?b rdfs:label ?label } OPTIONAL { ?b vc:use ?use }"
                    + " OPTIONAL { ?b vc:floorArea ?area } } } LIMIT 1");
            q.setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
            q.setNsPrefix("vc", Namespaces.VC);
            q.setIri("g", territoryGraph);
            q.setIri("b", baseIri + "id/building/" + id);
            return publicStore.select(q.toString()).rows().stream().findFirst().map(r -> {
                var label = r.get("label");
                var use = r.get("use");
                var area = r.get("area");
                BigDecimal m2 = null;
                if (area != null && area.isLiteral()) {
                    try {
                        m2 = new BigDecimal(area.getLiteralLexicalForm());
                    } catch (NumberFormatException e) {
                        // not a number: as if unknown, and the page says the area is unknown
                    }
                }
                String u = use != null && use.isURI() && use.getURI().startsWith(Namespaces.VC)
                        ? use.getURI().substring(Namespaces.VC.length())
                        : null;
                return new TertiaryDecree.Building(
                        id, label != null && label.isLiteral() ? label.getLiteralLexicalForm() : id, u, m2);
            });
        };
    }
}
