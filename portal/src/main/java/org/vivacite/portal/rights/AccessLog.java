package org.vivacite.portal.rights;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;

/**
 * Who read a person's data other than the person: every such read (an operator handling a dead
 * letter, a building manager, a person's request handled by hand) is recorded before the data are
 * shown, with who, in which role, when, what and why, in the private store's graph {@code
 * {base}graph/access-log}, as PROV-O: a {@code prov:Activity} that {@code prov:used} the dwellings,
 * {@code prov:wasAssociatedWith} the reader's account, qualified by the role it acted in. The person
 * sees the reads of their dwellings since they live there ({@link #of}).
 */
public final class AccessLog {

    /** Who reads: an account (its OIDC subject, or an operator's name on the machine) and the role it acts in. */
    public record Reader(String name, String role) {
        public Reader {
            if (name == null || name.isBlank()) {
                throw new RightsException("who: a read of personal data is recorded with who made it");
            }
            if (role == null || !role.matches("[a-z][a-z-]{0,31}")) {
                throw new RightsException("role: '" + role + "' is not a role name (operator, manager…)");
            }
        }
    }

    /** One read recorded: when, by whom, of which dwellings, what was read and why. */
    public record Entry(String id, Instant at, Reader reader, List<String> dwellings, String what, String why) {}

    private static final String PROV = Namespaces.PROV;

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Clock clock;

    /** @param store the private store */
    public AccessLog(QuadStore store, String baseIri, Clock clock) {
        this.store = store;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(baseIri + "graph/access-log");
        this.clock = clock;
    }

    /** The graph of the log, in the private store. */
    public String graph() {
        return graph.getURI();
    }

    /**
     * Records a read of the dwellings' data, before it is shown: nothing is shown that is not in the
     * log first.
     *
     * @param what what was read ("dead letter 20261207T…", "export of the household's data")
     * @param why why: the request or incident being handled
     * @throws RightsException naming the field, when there is no reason or no dwelling
     */
    public Entry record(Reader reader, Collection<String> dwellings, String what, String why) {
        if (why == null || why.isBlank()) {
            throw new RightsException("why: a read of a person's data is recorded with its reason (the request or"
                    + " incident handled)");
        }
        if (dwellings.isEmpty()) {
            throw new RightsException("dwellings: a read of personal data names the dwellings it reads");
        }
        Entry e = new Entry(
                UUID.randomUUID().toString(),
                clock.instant(),
                reader,
                List.copyOf(new TreeSet<>(dwellings)),
                what,
                why.strip());
        Node s = iri(base + "access/" + e.id());
        Node association = iri(base + "access/" + e.id() + "/association");
        Node account = iri(base + "account/" + Consents.account(reader.name()));
        List<Quad> quads = new ArrayList<>();
        quads.add(q(s, RDF.type.asNode(), iri(PROV + "Activity")));
        quads.add(q(s, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(e.id())));
        quads.add(q(
                s,
                iri(PROV + "startedAtTime"),
                NodeFactory.createLiteralDT(e.at().toString(), XSDDatatype.XSDdateTime)));
        e.dwellings().forEach(d -> quads.add(q(s, iri(PROV + "used"), iri(d))));
        quads.add(q(s, DCTerms.title.asNode(), NodeFactory.createLiteralString(what)));
        quads.add(q(s, DCTerms.description.asNode(), NodeFactory.createLiteralString(e.why())));
        quads.add(q(s, iri(PROV + "wasAssociatedWith"), account));
        quads.add(q(s, iri(PROV + "qualifiedAssociation"), association));
        quads.add(q(association, RDF.type.asNode(), iri(PROV + "Association")));
        quads.add(q(association, iri(PROV + "agent"), account));
        quads.add(q(association, iri(PROV + "hadRole"), iri(base + "role/" + reader.role())));
        quads.add(q(account, RDF.type.asNode(), iri(PROV + "Agent")));
        quads.add(q(account, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(reader.name())));
        store.add(quads);
        return e;
    }

    /** The reads of these dwellings' data at or after {@code since}, oldest first. */
    public List<Entry> of(Collection<String> dwellings, Instant since) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String dwelling : new TreeSet<>(dwellings)) {
            ParameterizedSparqlString q =
                    new ParameterizedSparqlString("SELECT ?id ?at ?d ?what ?why ?who ?role WHERE {"
                            + " GRAPH ?graph { ?a prov:used ?dwelling ; a prov:Activity ; dct:identifier ?id ;"
                            + " prov:startedAtTime ?at ; prov:used ?d ; dct:title ?what ; dct:description ?why ;"
                            + " prov:qualifiedAssociation [ prov:agent/dct:identifier ?who ; prov:hadRole ?role ] } }");
            q.setNsPrefix("prov", PROV);
            q.setNsPrefix("dct", DCTerms.NS);
            q.setIri("graph", graph.getURI());
            q.setIri("dwelling", dwelling);
            for (var row : store.select(q.toString()).rows()) {
                Instant at = OffsetDateTime.parse(row.get("at").getLiteralLexicalForm())
                        .toInstant();
                if (at.isBefore(since)) {
                    continue;
                }
                String id = row.get("id").getLiteralLexicalForm();
                String role = row.get("role").getURI();
                Entry e = entries.computeIfAbsent(
                        id,
                        k -> new Entry(
                                id,
                                at,
                                new Reader(
                                        row.get("who").getLiteralLexicalForm(),
                                        role.substring(role.lastIndexOf('/') + 1)),
                                new ArrayList<>(),
                                row.get("what").getLiteralLexicalForm(),
                                row.get("why").getLiteralLexicalForm()));
                // only the dwellings asked about: another household read at the same time stays unnamed
                if (dwellings.contains(row.get("d").getURI())
                        && !e.dwellings().contains(row.get("d").getURI())) {
                    e.dwellings().add(row.get("d").getURI());
                }
            }
        }
        return entries.values().stream()
                .sorted(java.util.Comparator.comparing(Entry::at).thenComparing(Entry::id))
                .map(e -> new Entry(e.id(), e.at(), e.reader(), List.copyOf(e.dwellings()), e.what(), e.why()))
                .toList();
    }

    private Quad q(Node s, Node p, Node o) {
        return Quad.create(graph, s, p, o);
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }
}
