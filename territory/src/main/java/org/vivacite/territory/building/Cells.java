package org.vivacite.territory.building;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.SKOS;
import org.vivacite.ontology.Ontology;

/** The typed cells of the city's CSVs (dwellings, public buildings), checked, with the row in errors. */
final class Cells {

    /** The concepts of the ontology's schemes by their notation (vivacite.ttl is the one list). */
    private static final Model VOCABULARY = Ontology.vocabulary();

    private Cells() {}

    /** A positive decimal (m²), or null when empty. */
    static Literal area(Table.Row row, String column, Model model) {
        String value = row.get(column);
        if (value.isEmpty()) {
            return null;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw row.error(column + " '" + value + "' is not a number (m², a dot for decimals)");
        }
        if (v.signum() <= 0) {
            throw row.error(column + " " + value + " is not a positive area");
        }
        return model.createTypedLiteral(v);
    }

    /** A whole number, zero or more, or null when empty. */
    static Literal count(Table.Row row, String column, Model model) {
        String value = row.get(column);
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9]{1,4}")) {
            throw row.error(column + " '" + value + "' is not a whole number, zero or more");
        }
        return model.createTypedLiteral(new java.math.BigInteger(value));
    }

    /** A four-digit year, or null when empty. */
    static Literal year(Table.Row row, String column, Model model) {
        String value = row.get(column);
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[12][0-9]{3}")) {
            throw row.error(column + " '" + value + "' is not a year (four digits)");
        }
        return model.createTypedLiteral(value, XSDDatatype.XSDgYear);
    }

    /** {@code true}/{@code false} (also {@code yes}/{@code no}, {@code oui}/{@code non}, {@code 1}/{@code 0}), or null when empty. */
    static Boolean flag(Table.Row row, String column) {
        String value = row.get(column).toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        if (List.of("true", "yes", "oui", "1").contains(value)) {
            return true;
        }
        if (List.of("false", "no", "non", "0").contains(value)) {
            return false;
        }
        throw row.error(column + " '" + row.get(column) + "' is not true or false");
    }

    /** The concept of {@code scheme} whose notation is the cell (case ignored), or null when empty. */
    static Resource concept(Table.Row row, String column, Resource scheme) {
        String value = row.get(column).toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        Map<String, Resource> concepts = concepts(scheme);
        Resource concept = concepts.get(value);
        if (concept == null) {
            throw row.error(column + " '" + row.get(column) + "' is not one of " + concepts.keySet());
        }
        return concept;
    }

    private static Map<String, Resource> concepts(Resource scheme) {
        Map<String, Resource> concepts = new TreeMap<>();
        VOCABULARY.listResourcesWithProperty(SKOS.inScheme, scheme).forEachRemaining(c -> {
            if (c.hasProperty(SKOS.notation)) {
                concepts.put(c.getProperty(SKOS.notation).getString(), c);
            }
        });
        return concepts;
    }
}
