package org.vivacite.ontology;

/** A quantity was looked up by an IRI or notation that the registry does not hold. */
public class UnknownQuantityException extends OntologyException {

    public UnknownQuantityException(String what) {
        super("unknown quantity '" + what + "': not in the registry (quantities.ttl)");
    }
}
