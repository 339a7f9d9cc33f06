package org.vivacite.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.vocabulary.Namespaces;

/** The Java levels say exactly what vivacite.ttl says: rank, class and the next coarser level. */
class TerritorialLevelTest {

    private final Model ontology = Ontology.vocabulary();

    @Test
    void javaLevelsAgreeWithTheOntology() {
        for (TerritorialLevel level : TerritorialLevel.values()) {
            Resource r = ontology.getResource(level.iri());
            assertThat(r.getRequiredProperty(vc("rank")).getInt())
                    .as(level + " rank")
                    .isEqualTo(level.rank());
            assertThat(r.getRequiredProperty(vc("levelClass")).getResource().getURI())
                    .as(level + " class")
                    .isEqualTo(level.levelClassIri());
            var broader = r.getProperty(ResourceFactory.createProperty(Namespaces.SKOS, "broader"));
            assertThat(broader == null ? null : broader.getResource().getURI())
                    .as(level + " parent")
                    .isEqualTo(level.parent().map(TerritorialLevel::iri).orElse(null));
        }
    }

    @Test
    void levelsGoFromBuildingToMetropolis() {
        assertThat(TerritorialLevel.BUILDING.parent()).contains(TerritorialLevel.STREET);
        assertThat(TerritorialLevel.DISTRICT.parent()).contains(TerritorialLevel.COMMUNE);
        assertThat(TerritorialLevel.METROPOLIS.parent()).isEmpty();
        assertThat(ontology.listSubjectsWithProperty(
                                org.apache.jena.vocabulary.RDF.type,
                                ontology.getResource(Namespaces.VC + "TerritorialLevel"))
                        .toList())
                .hasSize(TerritorialLevel.values().length);
    }

    private static org.apache.jena.rdf.model.Property vc(String local) {
        return ResourceFactory.createProperty(Namespaces.VC, local);
    }
}
