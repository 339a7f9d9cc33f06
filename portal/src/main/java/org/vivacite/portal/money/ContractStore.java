package org.vivacite.portal.money;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
 * The electricity contracts persons gave for their dwellings, kept in the private store's consent
 * graph beside their consents and targets, in the same way: {@code {base}contract/{id}} a {@code
 * vc:ElectricityContract} and {@code prov:Entity}, {@code prov:wasAttributedTo} the person's account
 * ({@code {base}account/{hash}}), {@code vc:contractFor} the dwelling, {@code vc:tariffOption}
 * ({@code base}, {@code hphc}, {@code tempo}), {@code vc:offPeakHours} ({@code HH:mm-HH:mm}, comma
 * separated; under {@code hphc} only), {@code prov:generatedAtTime}. One per person and dwelling: a
 * new one replaces it. The platform cannot read the option from the meter: the TIC decoder keeps the
 * per-period registers but not {@code OPTARIF}/{@code NGTF}, and the personal view does not read them.
 */
public final class ContractStore implements Contracts, PersonalRecords {

    private static final String VC = Namespaces.VC;
    private static final String PROV = Namespaces.PROV;

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Clock clock;

    /** @param graph the consent graph's IRI */
    public ContractStore(QuadStore privateStore, String baseIri, String graph, Clock clock) {
        this.store = privateStore;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(graph);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "contracts";
    }

    /** A contract as kept, with its identifier and dwelling. */
    private record Kept(String id, String dwelling, Tariffs.Contract contract) {}

    private List<Kept> all(String subject) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT ?id ?d ?o ?h WHERE { GRAPH ?g { ?c a vc:ElectricityContract ; prov:wasAttributedTo ?account ;"
                        + " dct:identifier ?id ; vc:contractFor ?d ; vc:tariffOption ?o ."
                        + " OPTIONAL { ?c vc:offPeakHours ?h } } } ORDER BY ?id");
        q.setNsPrefix("vc", VC);
        q.setNsPrefix("prov", PROV);
        q.setNsPrefix("dct", DCTerms.NS);
        q.setIri("g", graph.getURI());
        q.setIri("account", account(subject));
        List<Kept> out = new ArrayList<>();
        for (var row : store.select(q.toString()).rows()) {
            Node h = row.get("h");
            out.add(new Kept(
                    row.get("id").getLiteralLexicalForm(),
                    row.get("d").getURI(),
                    Tariffs.Contract.parse(
                            row.get("o").getLiteralLexicalForm(), h == null ? null : h.getLiteralLexicalForm())));
        }
        return out;
    }

    @Override
    public Optional<Tariffs.Contract> of(String subject, String dwelling) {
        return all(subject).stream()
                .filter(k -> k.dwelling().equals(dwelling))
                .map(Kept::contract)
                .findFirst();
    }

    /** Keeps the person's contract for the dwelling, in place of the one they gave before. */
    public void set(String subject, String dwelling, Tariffs.Contract contract) {
        erase(subject, dwelling);
        String id = UUID.randomUUID().toString();
        Node s = iri(base + "contract/" + id);
        List<Quad> quads = new ArrayList<>();
        quads.add(q(s, RDF.type.asNode(), iri(VC + "ElectricityContract")));
        quads.add(q(s, RDF.type.asNode(), iri(PROV + "Entity")));
        quads.add(q(s, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(id)));
        quads.add(q(s, iri(PROV + "wasAttributedTo"), iri(account(subject))));
        quads.add(q(s, iri(VC + "contractFor"), iri(dwelling)));
        quads.add(q(
                s,
                iri(VC + "tariffOption"),
                NodeFactory.createLiteralString(contract.option().code())));
        if (contract.option() == Tariffs.Option.HPHC) {
            quads.add(q(s, iri(VC + "offPeakHours"), NodeFactory.createLiteralString(contract.offPeakHours())));
        }
        quads.add(q(
                s,
                iri(PROV + "generatedAtTime"),
                NodeFactory.createLiteralDT(clock.instant().toString(), XSDDatatype.XSDdateTime)));
        store.add(quads);
    }

    @Override
    public Graph export(String subject, List<String> dwellings) {
        Graph out = GraphFactory.createDefaultGraph();
        for (Kept k : all(subject)) {
            if (dwellings.contains(k.dwelling())) {
                ParameterizedSparqlString q =
                        new ParameterizedSparqlString("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
                q.setIri("g", graph.getURI());
                q.setIri("s", base + "contract/" + k.id());
                store.construct(q.toString()).find().forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public int erase(String subject, String dwelling) {
        List<Kept> gone =
                all(subject).stream().filter(k -> k.dwelling().equals(dwelling)).toList();
        for (Kept k : gone) {
            ParameterizedSparqlString u = new ParameterizedSparqlString("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }");
            u.setIri("g", graph.getURI());
            u.setIri("s", base + "contract/" + k.id());
            store.update(u.toString());
        }
        return gone.size();
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
