package org.vivacite.portal.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.rights.PersonalRecords;
import org.vivacite.triplestore.QuadStore;

/**
 * What the alert dispatch keeps of a person, in the private store's consent graph beside their
 * consents: the alerts e-mailed to them ({@code {base}alert/{hash}} a {@code prov:Entity}, {@code
 * dct:identifier} the alert's id, {@code vc:alertAbout} the dwelling, {@code prov:wasAttributedTo}
 * their account, {@code prov:generatedAtTime} when it was sent), so that each is sent once; and
 * the address alerts go to ({@code {base}alert-address/{account}} {@code vcard:hasEmail} a {@code
 * mailto:} IRI, {@code dct:source} {@code person} when they typed it, {@code provider} when it is
 * the {@code email} claim of their identity provider).
 */
public final class AlertRecords implements PersonalRecords {

    /** The W3C vCard ontology (vcard:hasEmail). */
    static final String VCARD = "http://www.w3.org/2006/vcard/ns#";

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Clock clock;

    /** @param graph the consent graph's IRI */
    public AlertRecords(QuadStore privateStore, String baseIri, String graph, Clock clock) {
        this.store = privateStore;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(graph);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "alerts";
    }

    /** Whether that alert was sent to the person already. */
    public boolean sent(String subject, String alertId) {
        ParameterizedSparqlString q =
                new ParameterizedSparqlString("SELECT (1 AS ?one) WHERE { GRAPH ?g { ?a prov:wasAttributedTo ?acc } }");
        q.setNsPrefix("prov", Namespaces.PROV);
        q.setIri("g", graph.getURI());
        q.setIri("a", alertIri(subject, alertId));
        q.setIri("acc", account(subject));
        return !store.select(q.toString()).rows().isEmpty();
    }

    /** Notes that an alert was sent to the person now. */
    public void markSent(String subject, Alert alert) {
        Node a = iri(alertIri(subject, alert.id()));
        List<Quad> quads = new ArrayList<>();
        quads.add(q(a, RDF.type.asNode(), iri(Namespaces.PROV + "Entity")));
        quads.add(q(a, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(alert.id())));
        quads.add(q(a, iri(Namespaces.VC + "alertAbout"), iri(alert.dwelling())));
        quads.add(q(a, iri(Namespaces.PROV + "wasAttributedTo"), iri(account(subject))));
        quads.add(q(
                a,
                iri(Namespaces.PROV + "generatedAtTime"),
                NodeFactory.createLiteralDT(clock.instant().toString(), XSDDatatype.XSDdateTime)));
        store.add(quads);
    }

    /** Where the person's alerts go, and whether they typed it ({@code person}) or their provider gave it. */
    public record Address(String email, String source) {}

    public Optional<Address> address(String subject) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT ?m ?src WHERE { GRAPH ?g { ?a vcard:hasEmail ?m ; dct:source ?src } }");
        q.setNsPrefix("vcard", VCARD);
        q.setNsPrefix("dct", DCTerms.NS);
        q.setIri("g", graph.getURI());
        q.setIri("a", addressIri(subject));
        return store.select(q.toString()).rows().stream()
                .findFirst()
                .map(r -> new Address(
                        r.get("m").getURI().substring("mailto:".length()),
                        r.get("src").getLiteralLexicalForm()));
    }

    /**
     * Sets the address the person's alerts go to (none when blank).
     *
     * @param source {@code person} or {@code provider}
     * @throws IllegalArgumentException for an address that is not one ({@link #valid})
     */
    public void setAddress(String subject, String email, String source) {
        if (email != null && !email.isBlank() && !valid(email.strip())) {
            throw new IllegalArgumentException("not an e-mail address: '" + email + "'");
        }
        ParameterizedSparqlString u = new ParameterizedSparqlString("DELETE WHERE { GRAPH ?g { ?a ?p ?o } }");
        u.setIri("g", graph.getURI());
        u.setIri("a", addressIri(subject));
        store.update(u.toString());
        if (email != null && !email.isBlank()) {
            Node a = iri(addressIri(subject));
            store.add(List.of(
                    q(a, iri(VCARD + "hasEmail"), iri("mailto:" + email.strip())),
                    q(a, DCTerms.source.asNode(), NodeFactory.createLiteralString(source)),
                    q(a, iri(Namespaces.PROV + "wasAttributedTo"), iri(account(subject)))));
        }
    }

    @Override
    public Graph export(String subject, List<String> dwellings) {
        Graph out = GraphFactory.createDefaultGraph();
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s prov:wasAttributedTo ?acc ; ?p ?o"
                        + " FILTER (STRSTARTS(STR(?s), ?alerts) || ?s = ?address)"
                        + " FILTER NOT EXISTS { ?s <" + Namespaces.VC + "alertAbout> ?d FILTER (?d NOT IN ("
                        + dwellings.stream()
                                .map(d -> "<" + d + ">")
                                .reduce((x, y) -> x + ", " + y)
                                .orElse("")
                        + ")) } } }");
        q.setNsPrefix("prov", Namespaces.PROV);
        q.setIri("g", graph.getURI());
        q.setIri("acc", account(subject));
        q.setLiteral("alerts", base + "alert/");
        q.setIri("address", addressIri(subject));
        store.construct(q.toString()).find().forEach(out::add);
        return out;
    }

    /** Erases the alerts sent about the dwelling, and the person's alert address. */
    @Override
    public int erase(String subject, String dwelling) {
        String where = "GRAPH <" + graph.getURI() + "> { ?s <" + Namespaces.PROV + "wasAttributedTo> <"
                + account(subject) + "> ; <" + Namespaces.VC + "alertAbout> <" + dwelling + "> }";
        int n = store.select("SELECT ?s WHERE { " + where + " }").rows().size();
        store.update("DELETE { GRAPH <" + graph.getURI() + "> { ?s ?p ?o } } WHERE { " + where + " GRAPH <"
                + graph.getURI() + "> { ?s ?p ?o } }");
        if (address(subject).isPresent()) {
            setAddress(subject, null, null);
            n++;
        }
        return n;
    }

    /** An address alerts can go to: one mailbox, {@code name@domain}, as RFC 5322 says (strictly). */
    public static boolean valid(String email) {
        if (email == null
                || email.length() > 254
                || !email.matches("[^\\s<>\"(),;:\\[\\]\\\\]+@[^\\s<>\"(),;:\\[\\]\\\\@]+")) {
            return false;
        }
        try {
            new jakarta.mail.internet.InternetAddress(email, true).validate();
            return true;
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    private String alertIri(String subject, String alertId) {
        return base + "alert/" + Consents.account(subject + "\n" + alertId);
    }

    private String addressIri(String subject) {
        return base + "alert-address/" + Consents.account(subject);
    }

    private String account(String subject) {
        return base + "account/" + Consents.account(subject);
    }

    private Quad q(Node s, Node p, Node o) {
        return Quad.create(graph, s, p, o);
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
