package org.vivacite.ontology.vocabulary;

import org.apache.jena.shared.PrefixMapping;

/** Namespaces the platform writes, with the prefixes used in every Turtle it produces. */
public final class Namespaces {

    public static final String VC = "https://w3id.org/vivacite/ontology#";
    public static final String VCSH = "https://w3id.org/vivacite/shapes#";
    public static final String SOSA = "http://www.w3.org/ns/sosa/";
    public static final String SSN = "http://www.w3.org/ns/ssn/";
    public static final String SAREF = "https://saref.etsi.org/core/";
    public static final String S4ENER = "https://saref.etsi.org/saref4ener/";
    public static final String S4WATR = "https://saref.etsi.org/saref4watr/";
    public static final String S4CITY = "https://saref.etsi.org/saref4city/";
    public static final String S4BLDG = "https://saref.etsi.org/saref4bldg/";
    public static final String QUDT = "http://qudt.org/schema/qudt/";
    public static final String UNIT = "http://qudt.org/vocab/unit/";
    public static final String QUANTITYKIND = "http://qudt.org/vocab/quantitykind/";
    public static final String GEO = "http://www.opengis.net/ont/geosparql#";
    public static final String TIME = "http://www.w3.org/2006/time#";
    public static final String PROV = "http://www.w3.org/ns/prov#";
    public static final String QB = "http://purl.org/linked-data/cube#";
    public static final String DCAT = "http://www.w3.org/ns/dcat#";
    public static final String DCT = "http://purl.org/dc/terms/";
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    /** W3C Data Privacy Vocabulary (DPV 2), for consents; private data only, so not among the published prefixes. */
    public static final String DPV = "https://w3id.org/dpv#";

    private static final PrefixMapping PREFIXES = PrefixMapping.Factory.create()
            .setNsPrefixes(PrefixMapping.Standard)
            .setNsPrefix("vc", VC)
            .setNsPrefix("sosa", SOSA)
            .setNsPrefix("ssn", SSN)
            .setNsPrefix("saref", SAREF)
            .setNsPrefix("s4ener", S4ENER)
            .setNsPrefix("s4watr", S4WATR)
            .setNsPrefix("s4city", S4CITY)
            .setNsPrefix("s4bldg", S4BLDG)
            .setNsPrefix("qudt", QUDT)
            .setNsPrefix("unit", UNIT)
            .setNsPrefix("quantitykind", QUANTITYKIND)
            .setNsPrefix("geo", GEO)
            .setNsPrefix("time", TIME)
            .setNsPrefix("prov", PROV)
            .setNsPrefix("qb", QB)
            .setNsPrefix("dcat", DCAT)
            .setNsPrefix("dct", DCT)
            .setNsPrefix("skos", SKOS)
            .lock();

    private Namespaces() {}

    /** The platform's prefixes (plus rdf, rdfs, owl, xsd), read-only. */
    public static PrefixMapping prefixes() {
        return PREFIXES;
    }
}
