package org.vivacite.sparql.linkeddata;

import java.util.regex.Pattern;

/** Checks IRIs taken from requests before they go into a query. */
final class Iris {

    /**
     * An absolute IRI: a scheme, then no character RFC 3987 forbids. This also keeps the IRI inert
     * inside {@code <…>} in SPARQL: no {@code >}, space, quote or brace can close it.
     */
    private static final Pattern ABSOLUTE = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:[^\\x00-\\x20<>\"{}|\\\\^`]*");

    private Iris() {}

    static boolean isAbsolute(String iri) {
        return ABSOLUTE.matcher(iri).matches();
    }
}
