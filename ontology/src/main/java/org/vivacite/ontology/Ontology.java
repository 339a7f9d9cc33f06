package org.vivacite.ontology;

import java.io.IOException;
import java.io.InputStream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * The Turtle resources of the ontology module, read from the classpath.
 *
 * <ul>
 *   <li>{@code vivacite/vivacite.ttl}: the application ontology (classes, properties, concept schemes);
 *   <li>{@code vivacite/quantities.ttl}: the registry of quantities;
 *   <li>{@code vivacite/shapes.ttl}: SHACL shapes for everything the platform writes;
 *   <li>{@code vivacite/examples/*.ttl}: the worked example, with IRIs relative to the base IRI.
 * </ul>
 */
public final class Ontology {

    public static final String ONTOLOGY = "vivacite/vivacite.ttl";
    public static final String QUANTITIES = "vivacite/quantities.ttl";
    public static final String SHAPES = "vivacite/shapes.ttl";
    public static final String EXAMPLE_TERRITORY = "vivacite/examples/territory.ttl";
    public static final String EXAMPLE_HOUSEHOLD = "vivacite/examples/household.ttl";

    private Ontology() {}

    /** The ontology and the quantity registry: what the platform publishes as its vocabulary. */
    public static Model vocabulary() {
        Model model = read(ONTOLOGY, Namespaces.VC);
        model.add(read(QUANTITIES, Namespaces.VC));
        model.setNsPrefixes(Namespaces.prefixes());
        return model;
    }

    /** The SHACL shapes graph. */
    public static Model shapes() {
        return read(SHAPES, Namespaces.VC);
    }

    /**
     * Reads a Turtle resource from the classpath, resolving relative IRIs against {@code baseIri}.
     *
     * @throws OntologyException when the resource is missing or is not valid Turtle
     */
    public static Model read(String resource, String baseIri) {
        try (InputStream in = Ontology.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new OntologyException("classpath resource '" + resource + "' not found");
            }
            Model model = ModelFactory.createDefaultModel();
            RDFParser.source(in).lang(Lang.TURTLE).base(baseIri).parse(model);
            return model;
        } catch (IOException e) {
            throw new OntologyException("cannot read classpath resource '" + resource + "'", e);
        } catch (org.apache.jena.riot.RiotException e) {
            throw new OntologyException("'" + resource + "' is not valid Turtle: " + e.getMessage(), e);
        }
    }
}
