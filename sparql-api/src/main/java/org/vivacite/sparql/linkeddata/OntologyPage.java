package org.vivacite.sparql.linkeddata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * The HTML page of the vocabulary: the ontology's title and description, then every term of its
 * namespace (classes, properties, datatypes, individuals such as the registry's quantities) with
 * its labels, comments and other statements, each under an anchor named by its local name, so
 * {@code /ontology#Dwelling} opens at {@code vc:Dwelling}.
 */
final class OntologyPage {

    /** Sections in order, each with the types that put a term in it; a term goes to the first that fits. */
    private static final Map<String, Set<Node>> SECTIONS = sections();

    private static final Set<Node> SHOWN_APART = Set.of(RDFS.label.asNode(), RDFS.comment.asNode());

    private final HtmlParts parts;

    /** @param base the platform's base IRI */
    OntologyPage(String base) {
        this.parts = new HtmlParts(base);
    }

    private static Map<String, Set<Node>> sections() {
        Map<String, Set<Node>> sections = new LinkedHashMap<>();
        sections.put("Classes", Set.of(OWL2.Class.asNode(), RDFS.Class.asNode()));
        sections.put(
                "Properties",
                Set.of(
                        OWL2.ObjectProperty.asNode(),
                        OWL2.DatatypeProperty.asNode(),
                        OWL2.AnnotationProperty.asNode(),
                        RDF.Property.asNode()));
        sections.put("Datatypes", Set.of(RDFS.Datatype.asNode()));
        sections.put("Individuals", Set.of());
        return sections;
    }

    /**
     * @param vocabulary the graph {@code {base}graph/vocabulary}
     * @param path the path of this page, for its alternate links
     */
    String render(Graph vocabulary, String path) {
        Map<String, Map<String, Node>> terms = new LinkedHashMap<>();
        SECTIONS.keySet()
                .forEach(s -> terms.put(
                        s,
                        new TreeMap<>(
                                String.CASE_INSENSITIVE_ORDER.thenComparing(java.util.Comparator.naturalOrder()))));
        vocabulary.find().mapWith(Triple::getSubject).toSet().stream()
                .filter(s -> s.isURI() && s.getURI().startsWith(Namespaces.VC))
                .forEach(term -> terms.get(section(vocabulary, term))
                        .put(term.getURI().substring(Namespaces.VC.length()), term));

        Node ontology = NodeFactory.createURI(HtmlParts.ONTOLOGY_IRI);
        String title = firstText(vocabulary, ontology, DCTerms.title.asNode()).orElse("VivaCité ontology");
        StringBuilder body = new StringBuilder();
        body.append("<header>\n<h1>")
                .append(HtmlParts.escape(title))
                .append("</h1>\n<p class=\"iri\">")
                .append(HtmlParts.escape(HtmlParts.ONTOLOGY_IRI))
                .append(" · namespace <code>")
                .append(HtmlParts.escape(Namespaces.VC))
                .append("</code> · prefix <code>vc:</code></p>\n")
                .append(HtmlParts.downloads(path))
                .append("</header>\n");
        firstText(vocabulary, ontology, DCTerms.description.asNode())
                .ifPresent(d -> body.append("<p>").append(HtmlParts.escape(d)).append("</p>\n"));
        body.append("<table class=\"properties\">\n<tbody>\n")
                .append(parts.propertyRows(
                        vocabulary,
                        ontology,
                        p -> p.equals(DCTerms.title.asNode()) || p.equals(DCTerms.description.asNode()),
                        false))
                .append("</tbody>\n</table>\n<nav>\n<ul>\n");
        terms.forEach((section, members) -> body.append("<li><a href=\"#")
                .append(anchor(section))
                .append("\">")
                .append(section)
                .append("</a> (")
                .append(members.size())
                .append(")</li>\n"));
        body.append("</ul>\n</nav>\n");
        terms.forEach((section, members) -> {
            body.append("<h2 id=\"")
                    .append(anchor(section))
                    .append("\">")
                    .append(section)
                    .append("</h2>\n");
            members.forEach((local, term) -> term(vocabulary, local, term, body));
        });
        body.append(HtmlParts.footer("vocabulary"));
        return HtmlParts.page(title, HtmlParts.alternates(path), body.toString());
    }

    private void term(Graph vocabulary, String local, Node term, StringBuilder body) {
        String id = HtmlParts.escape(local);
        body.append("<section class=\"term\" id=\"")
                .append(id)
                .append("\">\n<h3><a href=\"#")
                .append(id)
                .append("\">vc:")
                .append(id)
                .append("</a>");
        List<String> labels = new ArrayList<>();
        vocabulary
                .find(term, RDFS.label.asNode(), Node.ANY)
                .mapWith(Triple::getObject)
                .filterKeep(Node::isLiteral)
                .forEach(l -> labels.add(HtmlParts.text(l)));
        labels.sort(null);
        if (!labels.isEmpty()) {
            body.append(" <span class=\"meta\">")
                    .append(String.join(" · ", labels))
                    .append("</span>");
        }
        body.append("</h3>\n");
        vocabulary
                .find(term, RDFS.comment.asNode(), Node.ANY)
                .mapWith(Triple::getObject)
                .filterKeep(Node::isLiteral)
                .forEach(c -> body.append("<p>").append(HtmlParts.text(c)).append("</p>\n"));
        String rows = parts.propertyRows(vocabulary, term, SHOWN_APART::contains, false);
        if (!rows.isEmpty()) {
            body.append("<table>\n<tbody>\n").append(rows).append("</tbody>\n</table>\n");
        }
        body.append("</section>\n");
    }

    private static String section(Graph vocabulary, Node term) {
        Set<Node> types = vocabulary
                .find(term, RDF.type.asNode(), Node.ANY)
                .mapWith(Triple::getObject)
                .toSet();
        return SECTIONS.entrySet().stream()
                .filter(s -> s.getValue().isEmpty() || s.getValue().stream().anyMatch(types::contains))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    private static String anchor(String section) {
        return "section-" + section.toLowerCase(java.util.Locale.ROOT);
    }

    /** The English value of a text property, else any. */
    private static java.util.Optional<String> firstText(Graph graph, Node subject, Node property) {
        List<Node> values = graph.find(subject, property, Node.ANY)
                .mapWith(Triple::getObject)
                .filterKeep(Node::isLiteral)
                .toList();
        return values.stream()
                .filter(v -> v.getLiteralLanguage().equalsIgnoreCase("en"))
                .findFirst()
                .or(() -> values.stream().findFirst())
                .map(Node::getLiteralLexicalForm);
    }
}
