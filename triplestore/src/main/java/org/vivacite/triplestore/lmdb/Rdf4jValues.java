package org.vivacite.triplestore.lmdb;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.vivacite.triplestore.StoreException;

/** Converts between Jena nodes (the port's terms) and RDF4J values, losslessly for RDF 1.1 terms. */
final class Rdf4jValues {

    private final ValueFactory vf;

    Rdf4jValues(ValueFactory vf) {
        this.vf = vf;
    }

    Statement statement(Triple t, Resource context) {
        return vf.createStatement(
                resource(t.getSubject()), vf.createIRI(t.getPredicate().getURI()), value(t.getObject()), context);
    }

    Resource resource(Node n) {
        if (n.isURI()) {
            return vf.createIRI(n.getURI());
        }
        if (n.isBlank()) {
            return vf.createBNode(n.getBlankNodeLabel());
        }
        throw new StoreException("not an IRI or blank node: " + n);
    }

    Value value(Node n) {
        if (!n.isLiteral()) {
            return resource(n);
        }
        String lang = n.getLiteralLanguage();
        if (lang != null && !lang.isEmpty()) {
            return vf.createLiteral(n.getLiteralLexicalForm(), lang);
        }
        return vf.createLiteral(n.getLiteralLexicalForm(), vf.createIRI(n.getLiteralDatatypeURI()));
    }

    static Triple triple(Statement s) {
        return Triple.create(node(s.getSubject()), node(s.getPredicate()), node(s.getObject()));
    }

    static Node node(Value v) {
        if (v instanceof IRI iri) {
            return NodeFactory.createURI(iri.stringValue());
        }
        if (v instanceof BNode b) {
            return NodeFactory.createBlankNode(b.getID());
        }
        Literal l = (Literal) v;
        if (l.getLanguage().isPresent()) {
            return NodeFactory.createLiteralLang(l.getLabel(), l.getLanguage().get());
        }
        return NodeFactory.createLiteralDT(
                l.getLabel(),
                TypeMapper.getInstance().getSafeTypeByName(l.getDatatype().stringValue()));
    }
}
