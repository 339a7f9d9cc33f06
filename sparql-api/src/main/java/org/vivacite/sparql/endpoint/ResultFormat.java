package org.vivacite.sparql.endpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.springframework.http.MediaType;
import org.vivacite.sparql.SparqlException;
import org.vivacite.sparql.support.Negotiation;

/**
 * The formats answers come in: SPARQL results for SELECT and ASK, RDF for CONSTRUCT and DESCRIBE;
 * chosen by the {@code format} parameter, else by {@code Accept} (Negotiation: quality values and
 * specificity), else the first of each kind (SPARQL JSON, Turtle).
 */
public enum ResultFormat {
    JSON("json", "application/sparql-results+json", ResultSetLang.RS_JSON, true),
    XML("xml", "application/sparql-results+xml", ResultSetLang.RS_XML, true),
    CSV("csv", "text/csv", ResultSetLang.RS_CSV, true),
    TSV("tsv", "text/tab-separated-values", ResultSetLang.RS_TSV, true),
    TURTLE("ttl", "text/turtle", Lang.TURTLE, false),
    NTRIPLES("nt", "application/n-triples", Lang.NTRIPLES, false),
    JSONLD("jsonld", "application/ld+json", Lang.JSONLD, false),
    RDFXML("rdfxml", "application/rdf+xml", Lang.RDFXML, false);

    public final String name;
    public final String mediaType;
    /** The same, parsed once. */
    public final MediaType type;

    public final Lang lang;
    /** Whether this is a SPARQL results format (SELECT, ASK) rather than an RDF one. */
    public final boolean results;

    ResultFormat(String name, String mediaType, Lang lang, boolean results) {
        this.name = name;
        this.mediaType = mediaType;
        this.type = MediaType.parseMediaType(mediaType);
        this.lang = lang;
        this.results = results;
    }

    /** The format of an answer of this kind for this request. */
    static ResultFormat choose(boolean results, String format, String accept) {
        List<ResultFormat> offered =
                Arrays.stream(values()).filter(f -> f.results == results).toList();
        if (format != null) {
            String f = format.toLowerCase(Locale.ROOT);
            return offered.stream()
                    .filter(o -> o.name.equals(f) || o.mediaType.equals(f))
                    .findFirst()
                    .orElseThrow(() -> new SparqlException(
                            400,
                            "format '" + format + "' is not one of " + names(offered) + " for this kind of query"));
        }
        List<MediaType> types = offered.stream().map(f -> f.type).toList();
        Optional<MediaType> chosen = Negotiation.choose(accept, types);
        if (chosen.isEmpty()) {
            // Types other engines ask for that mean the same thing: application/json, text/plain…
            List<MediaType> aliases = offered.stream().map(ResultFormat::alias).toList();
            chosen = Negotiation.choose(
                            accept, aliases.stream().filter(a -> a != null).toList())
                    .map(a -> types.get(aliases.indexOf(a)));
        }
        return chosen.flatMap(type -> offered.stream()
                        .filter(f -> f.type.equalsTypeAndSubtype(type))
                        .findFirst())
                .orElseThrow(() -> new SparqlException(
                        406,
                        "none of Accept '" + accept + "' can be given for this kind of query; offered: "
                                + types(offered)));
    }

    /** The type other engines ask for that means the same thing, or null. */
    private static MediaType alias(ResultFormat f) {
        return switch (f) {
            case JSON -> MediaType.APPLICATION_JSON;
            case XML -> MediaType.APPLICATION_XML;
            case NTRIPLES -> MediaType.TEXT_PLAIN;
            default -> null;
        };
    }

    private static String names(List<ResultFormat> formats) {
        return String.join(", ", formats.stream().map(f -> f.name).toList());
    }

    private static String types(List<ResultFormat> formats) {
        return String.join(", ", formats.stream().map(f -> f.mediaType).toList());
    }
}
