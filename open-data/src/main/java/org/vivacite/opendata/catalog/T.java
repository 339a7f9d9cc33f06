package org.vivacite.opendata.catalog;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The terms the catalogue uses, each checked against its vocabulary (DCAT 3, DCMI terms, FOAF,
 * vCard, SKOS, SPDX, DCAT-AP): named here once so that a typo cannot mint a term.
 */
final class T {

    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String DCT = "http://purl.org/dc/terms/";
    static final String FOAF = "http://xmlns.com/foaf/0.1/";
    static final String VCARD = "http://www.w3.org/2006/vcard/ns#";
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    static final String SPDX = "http://spdx.org/rdf/terms#";
    static final String DCATAP = "http://data.europa.eu/r5r/";
    static final String GEO = "http://www.opengis.net/ont/geosparql#";

    private T() {}

    // DCAT 3
    static final Resource Catalog = c(DCAT, "Catalog");
    static final Resource Dataset = c(DCAT, "Dataset");
    static final Resource DatasetSeries = c(DCAT, "DatasetSeries");
    static final Resource Distribution = c(DCAT, "Distribution");
    static final Resource DataService = c(DCAT, "DataService");
    static final Property dataset = p(DCAT, "dataset");
    static final Property service = p(DCAT, "service");
    static final Property themeTaxonomy = p(DCAT, "themeTaxonomy");
    static final Property theme = p(DCAT, "theme");
    static final Property keyword = p(DCAT, "keyword");
    static final Property contactPoint = p(DCAT, "contactPoint");
    static final Property distribution = p(DCAT, "distribution");
    static final Property inSeries = p(DCAT, "inSeries");
    static final Property first = p(DCAT, "first");
    static final Property last = p(DCAT, "last");
    static final Property prev = p(DCAT, "prev");
    static final Property version = p(DCAT, "version");
    static final Property startDate = p(DCAT, "startDate");
    static final Property endDate = p(DCAT, "endDate");
    static final Property accessURL = p(DCAT, "accessURL");
    static final Property downloadURL = p(DCAT, "downloadURL");
    static final Property mediaType = p(DCAT, "mediaType");
    static final Property compressFormat = p(DCAT, "compressFormat");
    static final Property byteSize = p(DCAT, "byteSize");
    static final Property endpointURL = p(DCAT, "endpointURL");
    static final Property endpointDescription = p(DCAT, "endpointDescription");
    static final Property servesDataset = p(DCAT, "servesDataset");
    static final Property bbox = p(DCAT, "bbox");
    static final Property centroid = p(DCAT, "centroid");

    // DCMI terms
    static final Resource PeriodOfTime = c(DCT, "PeriodOfTime");
    static final Resource Location = c(DCT, "Location");
    static final Resource LicenseDocument = c(DCT, "LicenseDocument");
    static final Resource LinguisticSystem = c(DCT, "LinguisticSystem");
    static final Resource Frequency = c(DCT, "Frequency");
    static final Resource MediaType = c(DCT, "MediaType");
    static final Resource MediaTypeOrExtent = c(DCT, "MediaTypeOrExtent");
    static final Resource Standard = c(DCT, "Standard");
    static final Property title = p(DCT, "title");
    static final Property description = p(DCT, "description");
    static final Property publisher = p(DCT, "publisher");
    static final Property license = p(DCT, "license");
    static final Property issued = p(DCT, "issued");
    static final Property modified = p(DCT, "modified");
    static final Property language = p(DCT, "language");
    static final Property spatial = p(DCT, "spatial");
    static final Property temporal = p(DCT, "temporal");
    static final Property accrualPeriodicity = p(DCT, "accrualPeriodicity");
    static final Property identifier = p(DCT, "identifier");
    static final Property format = p(DCT, "format");
    static final Property conformsTo = p(DCT, "conformsTo");
    static final Property type = p(DCT, "type");

    // FOAF
    static final Resource Agent = c(FOAF, "Agent");
    static final Resource Organization = c(FOAF, "Organization");
    static final Resource Document = c(FOAF, "Document");
    static final Property name = p(FOAF, "name");
    static final Property homepage = p(FOAF, "homepage");

    // vCard
    static final Resource Kind = c(VCARD, "Kind");
    static final Resource VcardOrganization = c(VCARD, "Organization");
    static final Property fn = p(VCARD, "fn");
    static final Property hasEmail = p(VCARD, "hasEmail");

    // SKOS
    static final Resource Concept = c(SKOS, "Concept");
    static final Resource ConceptScheme = c(SKOS, "ConceptScheme");
    static final Property prefLabel = p(SKOS, "prefLabel");
    static final Property inScheme = p(SKOS, "inScheme");

    // SPDX
    static final Resource Checksum = c(SPDX, "Checksum");
    static final Resource ChecksumAlgorithm = c(SPDX, "ChecksumAlgorithm");
    static final Property checksum = p(SPDX, "checksum");
    static final Property algorithm = p(SPDX, "algorithm");
    static final Property checksumValue = p(SPDX, "checksumValue");

    // DCAT-AP
    static final Property availability = p(DCATAP, "availability");

    /** The type mapper's own instance, so that a parsed literal equals a built one. */
    static final RDFDatatype WKT = TypeMapper.getInstance().getSafeTypeByName(GEO + "wktLiteral");

    static void prefixes(Model m) {
        m.setNsPrefix("dcat", DCAT);
        m.setNsPrefix("dct", DCT);
        m.setNsPrefix("foaf", FOAF);
        m.setNsPrefix("vcard", VCARD);
        m.setNsPrefix("skos", SKOS);
        m.setNsPrefix("spdx", SPDX);
        m.setNsPrefix("dcatap", DCATAP);
        m.setNsPrefix("geo", GEO);
        m.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        m.setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    }

    private static Resource c(String ns, String local) {
        return ResourceFactory.createResource(ns + local);
    }

    private static Property p(String ns, String local) {
        return ResourceFactory.createProperty(ns + local);
    }
}
