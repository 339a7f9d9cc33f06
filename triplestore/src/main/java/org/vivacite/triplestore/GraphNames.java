package org.vivacite.triplestore;

import java.util.regex.Pattern;

/**
 * The named-graph layout of both stores (docs/architecture.md), under the configured base IRI.
 *
 * <table>
 *   <tr><td>{@code {base}graph/vocabulary}</td><td>public</td><td>the ontology and quantity registry</td></tr>
 *   <tr><td>{@code {base}graph/territory}</td><td>both</td><td>metropolis → … → building</td></tr>
 *   <tr><td>{@code {base}graph/private/{subject}}</td><td>private</td><td>one household's or building's data</td></tr>
 * </table>
 */
public final class GraphNames {

    private static final Pattern SUBJECT = Pattern.compile("[0-9a-zA-Z_-]{1,128}");

    private final String base;

    /** @param baseIri the configured base IRI, ending with {@code /} */
    public GraphNames(String baseIri) {
        if (!baseIri.endsWith("/")) {
            throw new IllegalArgumentException("base IRI must end with '/': " + baseIri);
        }
        this.base = baseIri;
    }

    /**
     * The base IRI a store was written with, read from the names of its graphs (the vocabulary or
     * territory graph), for tools that open a store without the server's settings.
     */
    public static java.util.Optional<String> inferBase(java.util.Collection<String> graphIris) {
        java.util.Set<String> bases = new java.util.TreeSet<>();
        for (String g : graphIris) {
            for (String suffix : java.util.List.of("graph/vocabulary", "graph/territory")) {
                if (g.endsWith("/" + suffix)) {
                    bases.add(g.substring(0, g.length() - suffix.length()));
                }
            }
        }
        if (bases.size() > 1) {
            throw new StoreException("the store holds graphs under several base IRIs: " + bases);
        }
        return bases.stream().findFirst();
    }

    public String vocabulary() {
        return base + "graph/vocabulary";
    }

    public String territory() {
        return base + "graph/territory";
    }

    /**
     * The graph of one household or building.
     *
     * @param subject its pseudonymous key: letters, digits, {@code -} and {@code _} only
     */
    public String privateGraph(String subject) {
        if (!SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("not a pseudonymous subject key: '" + subject + "'");
        }
        return base + "graph/private/" + subject;
    }

    /** Whether a graph IRI is one of the private graphs, which never go into the public store. */
    public boolean isPrivate(String graphIri) {
        return graphIri.startsWith(base + "graph/private/");
    }
}
