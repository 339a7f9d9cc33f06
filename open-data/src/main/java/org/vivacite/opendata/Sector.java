package org.vivacite.opendata;

import org.vivacite.ontology.vocabulary.Namespaces;

/** The sectors of {@code vc:sectors}: a delivery point's is its building's {@code vc:use}. */
public enum Sector {
    RESIDENTIAL("residential"),
    TERTIARY("tertiary"),
    PUBLIC("public"),
    INDUSTRY("industry");

    public final String code;

    Sector(String code) {
        this.code = code;
    }

    public String iri() {
        return Namespaces.VC + code;
    }

    /** Whether its delivery points are households, whose cells follow the household rules. */
    public boolean households() {
        return this == RESIDENTIAL;
    }

    public static Sector ofIri(String iri) {
        for (Sector s : values()) {
            if (s.iri().equals(iri)) {
                return s;
            }
        }
        throw new OpenDataException("unknown sector " + iri + ": expected one of vc:sectors");
    }
}
