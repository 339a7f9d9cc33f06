package org.vivacite.portal.targets;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.rights.PersonalRecords;
import org.vivacite.triplestore.QuadStore;

/**
 * The persons' targets, kept in the private store's consent graph beside their consents, in the
 * same way: {@code {base}target/{id}} a {@code vc:ConsumptionTarget} and {@code prov:Entity},
 * {@code prov:wasAttributedTo} the person's account ({@code {base}account/{hash}}, as a consent's),
 * {@code vc:targetFor} the dwelling, {@code vc:targetFluid}, {@code vc:targetPeriod}
 * {@code time:unitMonth} or {@code time:unitYear}, {@code vc:ceiling} (an {@code xsd:decimal}) in
 * {@code vc:ceilingMeasure} ({@code amount}, {@code euros}, {@code co2}), {@code
 * prov:generatedAtTime}. Every read goes to the store.
 */
public final class TargetStore implements PersonalRecords {

    private static final String VC = Namespaces.VC;
    private static final String PROV = Namespaces.PROV;
    private static final String TIME = Namespaces.TIME;

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Clock clock;

    /** @param graph the consent graph's IRI */
    public TargetStore(QuadStore privateStore, String baseIri, String graph, Clock clock) {
        this.store = privateStore;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(graph);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "targets";
    }

    /** The person's targets, oldest first. */
    public List<Target> of(String subject) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT ?id ?d ?f ?u ?c ?m ?at WHERE { GRAPH ?g { ?t a vc:ConsumptionTarget ;"
                        + " prov:wasAttributedTo ?account ; dct:identifier ?id ; vc:targetFor ?d ; vc:targetFluid ?f ;"
                        + " vc:targetPeriod ?u ; vc:ceiling ?c ; vc:ceilingMeasure ?m ; prov:generatedAtTime ?at } }"
                        + " ORDER BY ?at ?id");
        prefixes(q);
        q.setIri("g", graph.getURI());
        q.setIri("account", account(subject));
        List<Target> out = new ArrayList<>();
        for (var row : store.select(q.toString()).rows()) {
            String unit = row.get("u").getURI();
            out.add(new Target(
                    row.get("id").getLiteralLexicalForm(),
                    row.get("d").getURI(),
                    row.get("f").getLiteralLexicalForm(),
                    unit.endsWith("unitYear") ? Target.Span.YEAR : Target.Span.MONTH,
                    Target.Measure.valueOf(row.get("m").getLiteralLexicalForm().toUpperCase(java.util.Locale.ROOT)),
                    new BigDecimal(row.get("c").getLiteralLexicalForm()),
                    OffsetDateTime.parse(row.get("at").getLiteralLexicalForm()).toInstant()));
        }
        return out;
    }

    /** Keeps a new target of the person (checked by {@link Targets#add}). */
    public Target add(
            String subject,
            String dwelling,
            String fluid,
            Target.Span span,
            Target.Measure measure,
            BigDecimal ceiling) {
        Target t = new Target(UUID.randomUUID().toString(), dwelling, fluid, span, measure, ceiling, clock.instant());
        Node s = iri(base + "target/" + t.id());
        List<Quad> quads = new ArrayList<>();
        quads.add(q(s, RDF.type.asNode(), iri(VC + "ConsumptionTarget")));
        quads.add(q(s, RDF.type.asNode(), iri(PROV + "Entity")));
        quads.add(q(s, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(t.id())));
        quads.add(q(s, iri(PROV + "wasAttributedTo"), iri(account(subject))));
        quads.add(q(s, iri(VC + "targetFor"), iri(dwelling)));
        quads.add(q(s, iri(VC + "targetFluid"), NodeFactory.createLiteralString(fluid)));
        quads.add(q(s, iri(VC + "targetPeriod"), iri(TIME + span.timeUnit)));
        quads.add(q(
                s, iri(VC + "ceiling"), NodeFactory.createLiteralDT(ceiling.toPlainString(), XSDDatatype.XSDdecimal)));
        quads.add(q(s, iri(VC + "ceilingMeasure"), NodeFactory.createLiteralString(measure.code())));
        quads.add(q(
                s,
                iri(PROV + "generatedAtTime"),
                NodeFactory.createLiteralDT(t.created().toString(), XSDDatatype.XSDdateTime)));
        store.add(quads);
        return t;
    }

    /** Removes a target of the person; false when they have none of that id. */
    public boolean remove(String subject, String id) {
        if (of(subject).stream().noneMatch(t -> t.id().equals(id))) {
            return false;
        }
        delete(base + "target/" + id);
        return true;
    }

    @Override
    public Graph export(String subject, List<String> dwellings) {
        Graph out = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        for (Target t : of(subject)) {
            if (dwellings.contains(t.dwelling())) {
                ParameterizedSparqlString q =
                        new ParameterizedSparqlString("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
                q.setIri("g", graph.getURI());
                q.setIri("s", base + "target/" + t.id());
                store.construct(q.toString()).find().forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public int erase(String subject, String dwelling) {
        List<Target> gone =
                of(subject).stream().filter(t -> t.dwelling().equals(dwelling)).toList();
        gone.forEach(t -> delete(base + "target/" + t.id()));
        return gone.size();
    }

    private void delete(String subject) {
        ParameterizedSparqlString u = new ParameterizedSparqlString("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }");
        u.setIri("g", graph.getURI());
        u.setIri("s", subject);
        store.update(u.toString());
    }

    private String account(String subject) {
        return base + "account/" + Consents.account(subject);
    }

    private static void prefixes(ParameterizedSparqlString q) {
        q.setNsPrefix("vc", VC);
        q.setNsPrefix("prov", PROV);
        q.setNsPrefix("time", TIME);
        q.setNsPrefix("dct", DCTerms.NS);
    }

    private Quad q(Node s, Node p, Node o) {
        return Quad.create(graph, s, p, o);
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
