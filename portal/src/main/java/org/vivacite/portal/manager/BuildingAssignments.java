package org.vivacite.portal.manager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.triplestore.QuadStore;

/**
 * Which buildings each building manager is assigned, in the private store's graph {@code
 * {base}graph/building-managers}, as W3C ODRL 2.2 policies (docs/identity.md): one {@code odrl:Set}
 * per account and building, whose {@code odrl:Permission} lets the account ({@code odrl:assignee},
 * {@code {base}account/{key}} as enrolments and consents name it) {@code odrl:read} the building
 * ({@code odrl:target}, its territory IRI). The operator assigns and unassigns; what the manager may
 * read of it is {@link BuildingData}'s rule.
 */
public final class BuildingAssignments {

    /** The ODRL 2.2 namespace (W3C Recommendation). */
    public static final String ODRL = "http://www.w3.org/ns/odrl/2/";

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Clock clock;

    /** @param store the private store */
    public BuildingAssignments(QuadStore store, String baseIri, Clock clock) {
        this.store = store;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(baseIri + "graph/building-managers");
        this.clock = clock;
    }

    public String graph() {
        return graph.getURI();
    }

    /**
     * Refuses an account of the embedded provider's that is no building manager; an account it does
     * not know (an external provider's) is taken as given.
     *
     * @throws ManagerException naming the account and its roles
     */
    public static void requireManager(Accounts accounts, String username) {
        accounts.find(username).filter(a -> !a.roles().contains(Role.MANAGER)).ifPresent(a -> {
            throw new ManagerException("account " + username + " is no building manager (roles: "
                    + a.roles().stream().sorted().map(Role::claim).collect(Collectors.joining(","))
                    + "): give it the role first (accounts add " + username + " --role manager)");
        });
    }

    /**
     * Assigns the buildings to the account, in one transaction; a building assigned already stays as
     * it was.
     *
     * @return the buildings newly assigned
     * @throws ManagerException naming the input: no account, or a building that is no absolute IRI
     *     or that the private store has no dwelling or plant room of (nothing is assigned then)
     */
    public List<String> assign(String subject, Collection<String> buildings) {
        Node account = account(subject);
        List<String> mine = buildings(subject);
        List<String> added = new ArrayList<>();
        List<Quad> quads = new ArrayList<>();
        for (String b : new LinkedHashSet<>(buildings)) {
            checkBuilding(b);
            if (mine.contains(b)) {
                continue;
            }
            Node policy = policy(subject, b);
            Node permission = NodeFactory.createURI(policy.getURI() + "/permission");
            quads.add(q(policy, RDF.type.asNode(), odrl("Set")));
            quads.add(q(policy, odrl("uid"), policy));
            quads.add(q(policy, odrl("permission"), permission));
            quads.add(q(
                    policy,
                    NodeFactory.createURI(Namespaces.PROV + "generatedAtTime"),
                    NodeFactory.createLiteralDT(clock.instant().toString(), XSDDatatype.XSDdateTime)));
            quads.add(q(permission, RDF.type.asNode(), odrl("Permission")));
            quads.add(q(permission, odrl("assignee"), account));
            quads.add(q(permission, odrl("target"), NodeFactory.createURI(b)));
            quads.add(q(permission, odrl("action"), odrl("read")));
            added.add(b);
        }
        if (!quads.isEmpty()) {
            quads.add(q(account, RDF.type.asNode(), odrl("Party")));
            quads.add(q(account, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(subject)));
            store.add(quads);
        }
        return added;
    }

    /**
     * Ends the account's assignment to the buildings, in one transaction.
     *
     * @return the buildings that were assigned and are no more
     */
    public List<String> unassign(String subject, Collection<String> buildings) {
        account(subject);
        List<String> mine = buildings(subject);
        List<String> removed =
                new LinkedHashSet<>(buildings).stream().filter(mine::contains).toList();
        if (removed.isEmpty()) {
            return removed;
        }
        StringBuilder update = new StringBuilder();
        for (String b : removed) {
            ParameterizedSparqlString u = new ParameterizedSparqlString(
                    "DELETE WHERE { GRAPH ?g { ?policy ?p ?o } } ; DELETE WHERE { GRAPH ?g { ?permission ?q ?v } } ;");
            u.setParam("g", graph);
            u.setParam("policy", policy(subject, b));
            u.setIri("permission", policy(subject, b).getURI() + "/permission");
            update.append(u).append('\n');
        }
        store.update(update.toString());
        return removed;
    }

    /** The buildings assigned to the account, by IRI. */
    public List<String> buildings(String subject) {
        ParameterizedSparqlString q = new ParameterizedSparqlString("SELECT DISTINCT ?b WHERE { GRAPH ?g {"
                + " ?policy a odrl:Set ; odrl:permission ?p . ?p odrl:assignee ?account ; odrl:target ?b ;"
                + " odrl:action odrl:read } } ORDER BY ?b");
        q.setNsPrefix("odrl", ODRL);
        q.setParam("g", graph);
        q.setParam("account", account(subject));
        return store.select(q.toString()).rows().stream()
                .map(r -> r.get("b").getURI())
                .toList();
    }

    /**
     * Every assignment, by the user name of the account (local or of an external provider) then
     * building IRI, both in order.
     */
    public java.util.SortedMap<String, List<String>> all() {
        ParameterizedSparqlString q = new ParameterizedSparqlString("SELECT DISTINCT ?user ?b WHERE { GRAPH ?g {"
                + " ?policy a odrl:Set ; odrl:permission ?p . ?p odrl:assignee ?account ; odrl:target ?b ;"
                + " odrl:action odrl:read . ?account dct:identifier ?user } } ORDER BY ?user ?b");
        q.setNsPrefix("odrl", ODRL);
        q.setNsPrefix("dct", DCTerms.NS);
        q.setParam("g", graph);
        java.util.SortedMap<String, List<String>> out = new java.util.TreeMap<>();
        for (var r : store.select(q.toString()).rows()) {
            out.computeIfAbsent(r.get("user").getLiteralLexicalForm(), k -> new ArrayList<>())
                    .add(r.get("b").getURI());
        }
        return out;
    }

    private Node account(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new ManagerException("user: a building is assigned to an account (its user name)");
        }
        return NodeFactory.createURI(base + "account/" + Consents.account(subject));
    }

    /** One policy per account and building: assigning twice gives the same IRI. */
    private Node policy(String subject, String building) {
        return NodeFactory.createURI(base + "assignment/" + Consents.account(subject) + "/"
                + sha256(building).substring(0, 16));
    }

    /** Refuses, naming it, what is no absolute IRI or no building with a dwelling or plant room in the private store. */
    private void checkBuilding(String building) {
        IRIx iri;
        try {
            iri = building == null ? null : IRIx.create(building);
        } catch (IRIException e) {
            iri = null;
        }
        if (iri == null || !iri.isReference()) {
            throw new ManagerException("building '" + building + "' is not an absolute IRI");
        }
        ParameterizedSparqlString q = new ParameterizedSparqlString("ASK { GRAPH ?g { ?space s4bldg:isSpaceOf ?b } }");
        q.setNsPrefix("s4bldg", Namespaces.S4BLDG);
        q.setIri("b", building);
        if (!store.ask(q.toString())) {
            throw new ManagerException("building '" + building
                    + "' has no dwelling or plant room in the private store (register its meters first)");
        }
    }

    private Quad q(Node s, Node p, Node o) {
        return Quad.create(graph, s, p, o);
    }

    private static Node odrl(String local) {
        return NodeFactory.createURI(ODRL + local);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
