package org.vivacite.sparql.linkeddata;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * The HTML page of one resource for browsers: its label as title, a table of its properties with
 * links (those under the base IRI to their path here, so they dereference in turn), its geometries,
 * and when one is WKT a map of it drawn as inline SVG on a blank background (no tiles, no script,
 * no network).
 */
final class ResourcePage {

    private static final Node HAS_GEOMETRY = NodeFactory.createURI(Namespaces.GEO + "hasGeometry");
    private static final Node AS_WKT = NodeFactory.createURI(Namespaces.GEO + "asWKT");

    private final HtmlParts parts;

    /** @param base the platform's base IRI */
    ResourcePage(String base) {
        this.parts = new HtmlParts(base);
    }

    /**
     * @param iri the resource
     * @param description its triples, its geometries' triples and the labels of what it links to
     * @param path the path of this page, for its alternate links
     */
    String render(String iri, Graph description, String path) {
        Node subject = NodeFactory.createURI(iri);
        String title = HtmlParts.label(description, subject).orElse(iri);
        List<Node> geometries =
                description.find(subject, HAS_GEOMETRY, Node.ANY).mapWith(Triple::getObject).toList().stream()
                        .sorted(Comparator.comparing(Node::toString))
                        .toList();
        Optional<String> map = WktSvg.svg(
                geometries.stream()
                        .flatMap(g -> description.find(g, AS_WKT, Node.ANY).toList().stream())
                        .map(t -> t.getObject())
                        .filter(Node::isLiteral)
                        .map(wkt -> WktSvg.parse(wkt.getLiteralLexicalForm()))
                        .flatMap(Optional::stream)
                        .toList(),
                "Map of " + title);

        StringBuilder body = new StringBuilder();
        body.append("<header>\n<h1>")
                .append(HtmlParts.escape(title))
                .append("</h1>\n<p class=\"iri\">")
                .append(HtmlParts.escape(iri))
                .append("</p>\n")
                .append(HtmlParts.downloads(path))
                .append("</header>\n<table class=\"properties\">\n<tbody>\n")
                .append(parts.propertyRows(description, subject, p -> false, true))
                .append("</tbody>\n</table>\n");
        if (!geometries.isEmpty()) {
            body.append("<h2>Geometry</h2>\n");
            map.ifPresent(body::append);
            for (Node geometry : geometries) {
                body.append("<table class=\"geometry\">\n<caption>")
                        .append(parts.value(description, geometry, false))
                        .append("</caption>\n<tbody>\n")
                        .append(parts.propertyRows(description, geometry, p -> false, true))
                        .append("</tbody>\n</table>\n");
            }
        }
        body.append(HtmlParts.footer("description"));

        return HtmlParts.page(title, HtmlParts.alternates(path), body.toString());
    }
}
