/**
 * Linked data over the public store: {@code /id/**} dereferences the platform's public IRIs,
 * {@code /ontology} serves the vocabulary at the local equivalent of its namespace, and {@code
 * /data} is a read-only SPARQL 1.1 Graph Store Protocol endpoint. Each negotiates Turtle, JSON-LD,
 * N-Triples and RDF/XML by {@code Accept}; {@code /id/**} and {@code /ontology} also give browsers
 * an HTML page.
 *
 * <p>Nothing here can reveal a private IRI: the controllers read only the public store, and an IRI
 * or graph that is missing gets the same answer as one that would be private.
 */
package org.vivacite.sparql.linkeddata;
