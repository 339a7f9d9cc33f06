package org.vivacite.opendata.catalog;

import java.util.Map;
import org.vivacite.opendata.OpenDataException;

/**
 * The EU data-theme authority table ({@code http://publications.europa.eu/resource/authority/data-theme}):
 * its codes and English labels, so that the catalogue can label the themes it uses (the DCAT-AP
 * shapes want every {@code skos:Concept} to have a {@code skos:prefLabel}).
 */
final class DataThemes {

    static final String SCHEME = "http://publications.europa.eu/resource/authority/data-theme";

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("AGRI", "Agriculture, fisheries, forestry and food"),
            Map.entry("ECON", "Economy and finance"),
            Map.entry("EDUC", "Education, culture and sport"),
            Map.entry("ENER", "Energy"),
            Map.entry("ENVI", "Environment"),
            Map.entry("GOVE", "Government and public sector"),
            Map.entry("HEAL", "Health"),
            Map.entry("INTR", "International issues"),
            Map.entry("JUST", "Justice, legal system and public safety"),
            Map.entry("REGI", "Regions and cities"),
            Map.entry("SOCI", "Population and society"),
            Map.entry("TECH", "Science and technology"),
            Map.entry("TRAN", "Transport"));

    private DataThemes() {}

    static String iri(String code) {
        label(code);
        return SCHEME + "/" + code;
    }

    static String label(String code) {
        String label = LABELS.get(code);
        if (label == null) {
            throw new OpenDataException("catalogue theme '" + code + "' is not a code of the EU data-theme table "
                    + new java.util.TreeSet<>(LABELS.keySet()));
        }
        return label;
    }
}
