package org.vivacite.ontology;

import java.util.Optional;

/**
 * A quantity of the registry (quantities.ttl).
 *
 * @param iri the quantity's IRI, used as {@code sosa:observedProperty}
 * @param notation its short name, the local name of the IRI (for example {@code waterVolume})
 * @param label its English label
 * @param fluidIri the {@code saref:Commodity} it measures, or {@code null} for ambient sensor quantities
 * @param kind cumulative register, interval amount or instantaneous value
 * @param quantityKindIri the QUDT quantity kind
 * @param canonicalUnitIri the QUDT unit in which every value is stored
 * @param consumptionIri for a cumulative register, the interval quantity in which consumption derived
 *     from it is stored; otherwise {@code null}
 */
public record Quantity(
        String iri,
        String notation,
        String label,
        String fluidIri,
        ReadingKind kind,
        String quantityKindIri,
        String canonicalUnitIri,
        String consumptionIri) {

    public Optional<String> fluid() {
        return Optional.ofNullable(fluidIri);
    }

    public Optional<String> consumption() {
        return Optional.ofNullable(consumptionIri);
    }
}
