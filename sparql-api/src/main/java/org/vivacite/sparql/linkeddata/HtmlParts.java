package org.vivacite.sparql.linkeddata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * What the linked-data pages share: escaping, where links go, how a term or value is shown, the
 * table of a resource's properties, and the page frame. Every piece of text from the data goes
 * through {@link #escape}; links are made only to local paths and {@code http(s)} IRIs.
 */
final class HtmlParts {

    /** The ontology's own IRI: the vocabulary's namespace without its {@code #}. */
    static final String ONTOLOGY_IRI = Namespaces.VC.substring(0, Namespaces.VC.length() - 1);

    /** The properties that give a label, in order of preference. */
    static final List<Node> LABELS = List.of(RDFS.label.asNode(), SKOS.prefLabel.asNode());

    /** Labels shown first: English, then untagged, then French; any other after. */
    private static final List<String> LANGUAGES = List.of("en", "", "fr");

    private static final String STYLE = """
            body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:1rem 1.5rem;color:#1d2733}
            h1{margin-bottom:.2rem}h2{margin-top:2rem}
            .iri{color:#57606a;word-break:break-all;margin-top:0}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #d8dee4}
            th{width:30%;font-weight:600}
            td{word-break:break-word}
            a{color:#0b5cad}
            .meta{color:#6e7781;font-size:.85em;margin-left:.3em}
            .map{display:block;width:100%;height:22rem;margin:1rem 0;background:#eef2f5;border:1px solid #d8dee4}
            .map .area{fill:#0b5cad;fill-opacity:.18;stroke:#0b5cad;stroke-width:2px;vector-effect:non-scaling-stroke}
            .map .line{fill:none;stroke:#0b5cad;stroke-width:3px;vector-effect:non-scaling-stroke}
            .map .point{fill:#0b5cad}
            .term{border-top:1px solid #d8dee4;padding-top:.5rem}
            .term h3{margin-bottom:.3rem}
            footer{margin-top:2rem;color:#57606a;font-size:.9em}
            """;

    private final String base;

    /** @param base the platform's base IRI: IRIs under it link to their path on this server */
    HtmlParts(String base) {
        this.base = base;
    }

    /** The text, safe in element content and in quoted attribute values. */
    /** Links to this page's RDF in every format ({@code ?format=}). */
    static String downloads(String path) {
        StringBuilder p = new StringBuilder("<p class=\"formats\">Download:");
        for (RdfFormat f : RdfFormat.values()) {
            p.append(" <a href=\"")
                    .append(escape(path + "?format=" + f.parameter()))
                    .append("\">")
                    .append(escape(f.lang().getLabel()))
                    .append("</a>");
        }
        return p.append("</p>\n").toString();
    }

    /** The text with {@code & < > " '} escaped (Spring's HTML escaping, as required by UTF-8). */
    static String escape(String text) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /**
     * Where a link to the IRI goes: its path on this server when it is under the base IRI, the
     * vocabulary's page for a term of the ontology, the IRI itself for other {@code http(s)} IRIs;
     * empty for anything else (no {@code javascript:} or {@code data:} link can come from data).
     */
    Optional<String> href(String iri) {
        if (iri.startsWith(base) && !iri.startsWith("/", base.length())) {
            return Optional.of("/" + iri.substring(base.length()));
        }
        if (iri.equals(ONTOLOGY_IRI)) {
            return Optional.of("/ontology");
        }
        if (iri.startsWith(Namespaces.VC)) {
            return Optional.of("/ontology#" + iri.substring(Namespaces.VC.length()));
        }
        String lower = iri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? Optional.of(iri) : Optional.empty();
    }

    /**
     * The label to show for a node: its {@code rdfs:label}, else its {@code skos:prefLabel} (concepts
     * have those); English first, then untagged, then French, then any.
     */
    static Optional<String> label(Graph graph, Node node) {
        List<Node> labels = new ArrayList<>();
        for (Node property : LABELS) {
            graph.find(node, property, Node.ANY)
                    .mapWith(Triple::getObject)
                    .filterKeep(Node::isLiteral)
                    .forEach(labels::add);
            if (!labels.isEmpty()) {
                break;
            }
        }
        return labels.stream()
                .min(Comparator.comparingInt((Node l) -> languageRank(l.getLiteralLanguage()))
                        .thenComparing(Node::getLiteralLexicalForm))
                .map(Node::getLiteralLexicalForm);
    }

    private static int languageRank(String language) {
        int rank = LANGUAGES.indexOf(language.toLowerCase(Locale.ROOT));
        return rank < 0 ? LANGUAGES.size() : rank;
    }

    /** An IRI as a prefixed name when a platform prefix fits, else whole. */
    static String shortName(String iri) {
        return Namespaces.prefixes().shortForm(iri);
    }

    /** A link to the IRI (when it may be one) showing {@code text}, with the full IRI as its tooltip. */
    String link(String iri, String text) {
        Optional<String> href = href(iri);
        if (href.isEmpty()) {
            return "<span title=\"" + escape(iri) + "\">" + escape(text) + "</span>";
        }
        return "<a href=\"" + escape(href.get()) + "\" title=\"" + escape(iri) + "\">" + escape(text) + "</a>";
    }

    /**
     * A value: an IRI as a link, showing its label from {@code graph} when {@code labels} and it has
     * one; a literal with its language or datatype; a blank node by its label.
     */
    String value(Graph graph, Node node, boolean labels) {
        if (node.isURI()) {
            String text = labels ? label(graph, node).orElse(shortName(node.getURI())) : shortName(node.getURI());
            return link(node.getURI(), text);
        }
        if (node.isLiteral()) {
            String lexical = escape(node.getLiteralLexicalForm());
            String language = node.getLiteralLanguage();
            if (!language.isEmpty()) {
                return "<span lang=\"" + escape(language) + "\">" + lexical + "</span><span class=\"meta\">@"
                        + escape(language) + "</span>";
            }
            String datatype = node.getLiteralDatatypeURI();
            if (datatype == null || datatype.equals(XSDDatatype.XSDstring.getURI())) {
                return lexical;
            }
            return lexical + "<span class=\"meta\">" + link(datatype, shortName(datatype)) + "</span>";
        }
        return "<code>_:" + escape(node.getBlankNodeLabel()) + "</code>";
    }

    /** A literal's text alone, marked with its language when it has one. */
    static String text(Node literal) {
        String language = literal.getLiteralLanguage();
        String lexical = escape(literal.getLiteralLexicalForm());
        return language.isEmpty() ? lexical : "<span lang=\"" + escape(language) + "\">" + lexical + "</span>";
    }

    /**
     * The rows of a table of the subject's properties and values: {@code rdf:type} first, then by
     * prefixed name; several values of one property in one cell, one per line.
     */
    String propertyRows(Graph graph, Node subject, Predicate<Node> skip, boolean labels) {
        List<Triple> triples = new ArrayList<>(graph.find(subject, Node.ANY, Node.ANY)
                .filterDrop(t -> skip.test(t.getPredicate()))
                .toList());
        triples.sort(Comparator.comparing((Triple t) -> !t.getPredicate().equals(RDF.type.asNode()))
                .thenComparing(t -> shortName(t.getPredicate().getURI()))
                .thenComparing(t -> t.getObject().toString()));
        StringBuilder rows = new StringBuilder();
        Node current = null;
        for (Triple t : triples) {
            if (!t.getPredicate().equals(current)) {
                if (current != null) {
                    rows.append("</td></tr>\n");
                }
                current = t.getPredicate();
                rows.append("<tr><th>")
                        .append(link(current.getURI(), shortName(current.getURI())))
                        .append("</th><td>");
            } else {
                rows.append("<br>");
            }
            rows.append(value(graph, t.getObject(), labels));
        }
        if (current != null) {
            rows.append("</td></tr>\n");
        }
        return rows.toString();
    }

    /**
     * A whole page.
     *
     * @param title plain text, escaped here
     * @param head extra elements for {@code <head>}, already HTML
     * @param body the content of {@code <body>}, already HTML
     */
    static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + head
                + "<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + body
                + "</body>\n</html>\n";
    }

    /** {@code <link rel="alternate">}s to the RDF serialisations of the same URL. */
    static String alternates(String path) {
        StringBuilder links = new StringBuilder();
        for (RdfFormat f : RdfFormat.values()) {
            links.append("<link rel=\"alternate\" type=\"")
                    .append(escape(f.mediaType().toString()))
                    .append("\" href=\"")
                    .append(escape(path))
                    .append("\">\n");
        }
        return links.toString();
    }

    /** The footer saying how to get the data instead of the page, {@code what} naming them. */
    static String footer(String what) {
        return "<footer>The same " + escape(what) + " is served as Turtle, JSON-LD, N-Triples and RDF/XML: ask for "
                + "<code>text/turtle</code>, <code>application/ld+json</code>, <code>application/n-triples</code> "
                + "or <code>application/rdf+xml</code> in the <code>Accept</code> header.</footer>\n";
    }
}
