package org.vivacite.ontology;

import java.util.Optional;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * The levels of the territorial hierarchy, finest first, as vivacite.ttl orders them with
 * {@code vc:rank} and {@code skos:broader}. Aggregation walks them from a building up to the
 * metropolis along {@code vc:partOf}.
 */
public enum TerritorialLevel {
    BUILDING("buildingLevel", Namespaces.S4BLDG + "Building"),
    STREET("streetLevel", Namespaces.VC + "Street"),
    DISTRICT("districtLevel", Namespaces.VC + "District"),
    COMMUNE("communeLevel", Namespaces.VC + "Commune"),
    METROPOLIS("metropolisLevel", Namespaces.VC + "Metropolis");

    private final String iri;
    private final String levelClassIri;

    TerritorialLevel(String localName, String levelClassIri) {
        this.iri = Namespaces.VC + localName;
        this.levelClassIri = levelClassIri;
    }

    public String iri() {
        return iri;
    }

    /** The class whose instances make up this level. */
    public String levelClassIri() {
        return levelClassIri;
    }

    /** 1 for buildings up to 5 for the metropolis. */
    public int rank() {
        return ordinal() + 1;
    }

    /** The next coarser level, empty for the metropolis. */
    public Optional<TerritorialLevel> parent() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }
}
