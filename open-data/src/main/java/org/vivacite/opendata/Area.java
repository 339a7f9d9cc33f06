package org.vivacite.opendata;

import org.vivacite.ontology.TerritorialLevel;

/**
 * A territorial unit of the public territory graph: building, street, district (IRIS), commune or
 * metropolis, with its code ({@code skos:notation}: RNB id, BAN code, IRIS, INSEE, SIREN), its
 * label and the unit it is part of ({@code vc:partOf}; null for the metropolis).
 */
public record Area(String iri, TerritorialLevel level, String code, String label, String parent) {}
