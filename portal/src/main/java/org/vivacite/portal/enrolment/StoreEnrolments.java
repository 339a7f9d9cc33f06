package org.vivacite.portal.enrolment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.triplestore.QuadStore;

/**
 * Enrolments and their one-time codes, kept in the private store's graph {@code {base}graph/enrolment}
 * (docs/consent.md): beside the dwellings they open, in the same owner-only store, backed up and
 * restored with it, each change one transaction. A code is never stored, only its SHA-256 (codes
 * are random, 60 bits: a slow hash would add nothing); a code is single-use and expires. Redeeming
 * links an account's subject to the dwelling from that moment; moving out ends it at the move date.
 * Thread-safe; enrolments are read into memory at start.
 */
public final class StoreEnrolments implements Enrolments {

    /** Crockford's base 32: no I, L, O, U, so a code read from a letter is typed without ambiguity. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private static final int CODE_LENGTH = 12;
    private static final String VC = Namespaces.VC;
    private static final String PROV = Namespaces.PROV;
    private static final String TIME = Namespaces.TIME;

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Enrolment> byId = new LinkedHashMap<>();

    public StoreEnrolments(QuadStore store, String baseIri, Clock clock) {
        this.store = store;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(baseIri + "graph/enrolment");
        this.clock = clock;
        load();
    }

    public String graph() {
        return graph.getURI();
    }

    @Override
    public synchronized List<Enrolment> of(String subject, Instant at) {
        return byId.values().stream()
                .filter(e -> e.subject().equals(subject) && e.activeAt(at))
                .toList();
    }

    /** The subjects of the people enrolled in a dwelling at {@code at} (whom alerts are sent to). */
    public synchronized java.util.Set<String> subjects(Instant at) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        byId.values().stream().filter(e -> e.activeAt(at)).forEach(e -> out.add(e.subject()));
        return out;
    }

    /** The dwellings of the private store ({@code vc:Dwelling}), for {@code enrol codes --all}. */
    public List<String> dwellings() {
        return store
                .select(query("SELECT DISTINCT ?d WHERE { GRAPH ?g { ?d a vc:Dwelling } } ORDER BY ?d")
                        .toString())
                .rows()
                .stream()
                .map(r -> r.get("d").getURI())
                .toList();
    }

    /** A code for one dwelling as printed, the dwelling, and when the code expires. */
    public record Code(String dwelling, String code, Instant expires) {}

    /** Codes whose enrolment starts when they are redeemed: {@link #generate(List, Duration, Instant)}. */
    public List<Code> generate(List<String> dwellings, Duration validity) {
        return generate(dwellings, validity, null);
    }

    /**
     * Generates one new code per dwelling, valid for {@code validity}, in one transaction; only
     * their hashes are stored. Codes generated before stay valid until they expire or are used.
     *
     * @param movedIn when the household the codes are sent to moved in: the enrolment a code opens
     *     starts then, and the household's data with it; null for the moment the code is redeemed
     * @throws EnrolmentException naming the first IRI that is no dwelling of the private store, or
     *     when the validity is not positive or the move-in is in the future
     */
    public List<Code> generate(List<String> dwellings, Duration validity, Instant movedIn) {
        if (validity.isNegative() || validity.isZero()) {
            throw new EnrolmentException("validity: a code must be valid for some time, not " + validity);
        }
        Instant now = clock.instant();
        if (movedIn != null && movedIn.isAfter(now)) {
            throw new EnrolmentException(
                    "moved-in: " + movedIn + " is in the future; make the codes once the" + " household has moved in");
        }
        Instant expires = now.plus(validity);
        List<Quad> quads = new ArrayList<>();
        List<Code> codes = new ArrayList<>();
        for (String d : dwellings) {
            checkDwelling(d);
            if (movedIn != null) {
                Optional<Enrolment> before;
                synchronized (this) {
                    before = overlap(d, movedIn);
                }
                before.ifPresent(e -> {
                    throw new EnrolmentException("moved-in: " + movedIn + " is before the move-out of the household"
                            + " enrolled in " + d + " since " + e.from()
                            + (e.until() == null
                                    ? ", which has none recorded: record it first (enrol move-out)"
                                    : ", recorded at " + e.until())
                            + "; two households never share a dwelling's days");
                });
            }
            String code = newCode();
            Node c = iri(base + "enrolment/code/" + hash(code));
            quads.add(q(c, RDF.type.asNode(), iri(VC + "EnrolmentCode")));
            quads.add(q(c, iri(VC + "enrols"), iri(d)));
            quads.add(q(c, iri(PROV + "generatedAtTime"), dateTime(now)));
            quads.add(q(c, iri(PROV + "invalidatedAtTime"), dateTime(expires)));
            if (movedIn != null) {
                // the period of the enrolment the code opens: from the move-in
                Node period = iri(c.getURI() + "/period");
                Node from = iri(c.getURI() + "/from");
                quads.add(q(c, DCTerms.temporal.asNode(), period));
                quads.add(q(period, RDF.type.asNode(), iri(TIME + "Interval")));
                quads.add(q(period, iri(TIME + "hasBeginning"), from));
                quads.add(q(from, iri(TIME + "inXSDDateTimeStamp"), stamp(movedIn)));
            }
            codes.add(new Code(d, format(code), expires));
        }
        store.add(quads);
        return codes;
    }

    /**
     * Links the subject to the dwelling of the code, from the move-in the code carries, else from
     * now; the code is used up. The same
     * refusal for a code that does not exist, was used, or expired: no oracle of valid codes.
     */
    public Enrolment redeem(String subject, String code) {
        if (subject == null || subject.isBlank()) {
            throw new EnrolmentException("subject: an enrolment is made by an account");
        }
        String normal = normalise(code);
        if (normal.length() != CODE_LENGTH) {
            throw new EnrolmentException("code: " + CODE_LENGTH + " letters and digits (as printed, dashes optional)");
        }
        String hash = hash(normal);
        Instant now = clock.instant();
        synchronized (this) {
            ParameterizedSparqlString q = query("SELECT ?d ?expires ?used ?movedIn WHERE { GRAPH ?graph {"
                    + " ?code vc:enrols ?d ; prov:invalidatedAtTime ?expires . OPTIONAL { ?code vc:redeemedBy ?used }"
                    + " OPTIONAL { ?code dct:temporal/time:hasBeginning/time:inXSDDateTimeStamp ?movedIn } } }");
            q.setIri("graph", graph.getURI());
            q.setIri("code", base + "enrolment/code/" + hash);
            var rows = store.select(q.toString()).rows();
            // looked up by the code's hash: how long the lookup takes tells nothing about other codes,
            // which is what a constant-time comparison of codes would guarantee
            if (rows.isEmpty()
                    || rows.get(0).get("used") != null
                    || !now.isBefore(instant(rows.get(0).get("expires")))) {
                throw new EnrolmentException("code: not a valid enrolment code (unknown, used or expired)");
            }
            String dwelling = rows.get(0).get("d").getURI();
            Instant from = rows.get(0).get("movedIn") == null
                    ? now
                    : instant(rows.get(0).get("movedIn"));
            if (overlap(dwelling, from).isPresent()) {
                // the code stays unused: once the move-out is recorded, it opens the enrolment
                throw new EnrolmentException("code: the dwelling's previous household has no move-out recorded by"
                        + " your move-in (" + from + "); ask the city to record it, then use this code again");
            }
            Enrolment e = new Enrolment(subject, dwelling, List.of(graphOf(dwelling)), from, null);
            String id = UUID.randomUUID().toString();
            List<Quad> quads = new ArrayList<>();
            Node account = account(subject, quads);
            quads.add(q(iri(base + "enrolment/code/" + hash), iri(VC + "redeemedBy"), account));
            quads.addAll(describe(id, e, account));
            store.add(quads);
            byId.put(id, e);
            return e;
        }
    }

    /**
     * An enrolment of the dwelling that a household moving in at {@code movedIn} would overlap: one
     * that has not ended by then (no move-out, or a later one) and is not of the same household
     * (whose people's enrolments begin at the same move-in).
     */
    private Optional<Enrolment> overlap(String dwelling, Instant movedIn) {
        return byId.values().stream()
                .filter(e -> e.dwelling().equals(dwelling)
                        && !e.from().equals(movedIn)
                        && (e.until() == null || e.until().isAfter(movedIn)))
                .findFirst();
    }

    /**
     * What a move-out ended: enrolments, and the household's consents for the dwelling: its
     * people's (one receipt issued for each) and the meter registry's.
     */
    public record MoveOut(int enrolments, int consents, int registryConsents) {}

    /**
     * Ends at {@code date} every enrolment in the dwelling that began before it and had not ended
     * by then: the person moved out. An enrolment that began at or after the date (the next
     * occupant's) is left as it is. The household's consents for the dwelling end at the date too
     * ({@link Consents#endHousehold}): those the leaving people gave and the meter registry's, which
     * must not keep the next occupant's data fine. Each consent a person gave gets a receipt of the
     * change ({@code ended}), issued to them. A dwelling without enrolments has its registry
     * consents ended all the same (a household without an account).
     *
     * @return how many enrolments and consents were ended
     * @throws EnrolmentException when the IRI is no dwelling of the private store
     */
    public MoveOut moveOut(String dwelling, Instant date, Consents consents, ConsentReceipts receipts) {
        Map<String, Enrolment> changed = new LinkedHashMap<>();
        synchronized (this) {
            checkDwelling(dwelling);
            List<Quad> remove = new ArrayList<>();
            List<Quad> add = new ArrayList<>();
            byId.forEach((id, e) -> {
                if (e.dwelling().equals(dwelling)
                        && e.from().isBefore(date)
                        && (e.until() == null || e.until().isAfter(date))) {
                    Enrolment ended = new Enrolment(e.subject(), e.dwelling(), e.graphs(), e.from(), date);
                    Node account = iri(base + "account/" + accountKey(e.subject()));
                    remove.addAll(describe(id, e, account));
                    add.addAll(describe(id, ended, account));
                    changed.put(id, ended);
                }
            });
            store.apply(remove, add);
            byId.putAll(changed);
        }
        List<String> leaving =
                changed.values().stream().map(Enrolment::subject).distinct().toList();
        List<Consent> ended = consents.endHousehold(dwelling, leaving, date);
        Instant now = clock.instant();
        ended.stream().filter(c -> !c.fromRegistry()).forEach(c -> receipts.issue(c, "ended", now, c.subject()));
        int registry = (int) ended.stream().filter(Consent::fromRegistry).count();
        return new MoveOut(changed.size(), ended.size() - registry, registry);
    }

    private List<Quad> describe(String id, Enrolment e, Node account) {
        List<Quad> quads = new ArrayList<>();
        Node s = iri(base + "enrolment/" + id);
        Node period = iri(base + "enrolment/" + id + "/period");
        Node from = iri(base + "enrolment/" + id + "/from");
        quads.add(q(s, RDF.type.asNode(), iri(VC + "Enrolment")));
        quads.add(q(s, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(id)));
        quads.add(q(s, iri(VC + "enrols"), iri(e.dwelling())));
        quads.add(q(s, iri(PROV + "wasAttributedTo"), account));
        quads.add(q(s, DCTerms.temporal.asNode(), period));
        quads.add(q(period, RDF.type.asNode(), iri(TIME + "Interval")));
        quads.add(q(period, iri(TIME + "hasBeginning"), from));
        quads.add(q(from, iri(TIME + "inXSDDateTimeStamp"), stamp(e.from())));
        if (e.until() != null) {
            Node until = iri(base + "enrolment/" + id + "/until");
            quads.add(q(period, iri(TIME + "hasEnd"), until));
            quads.add(q(until, iri(TIME + "inXSDDateTimeStamp"), stamp(e.until())));
        }
        return quads;
    }

    private Node account(String subject, List<Quad> out) {
        Node a = iri(base + "account/" + accountKey(subject));
        out.add(q(a, RDF.type.asNode(), iri(PROV + "Agent")));
        out.add(q(a, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(subject)));
        return a;
    }

    /** The key of an account's IRI, the same as in the consent graph. */
    static String accountKey(String subject) {
        return Consents.account(subject);
    }

    private void load() {
        ParameterizedSparqlString q = query("SELECT ?id ?d ?subject ?from ?until WHERE { GRAPH ?graph {"
                + " ?e a vc:Enrolment ; dct:identifier ?id ; vc:enrols ?d ;"
                + " prov:wasAttributedTo/dct:identifier ?subject ; dct:temporal ?p ."
                + " ?p time:hasBeginning/time:inXSDDateTimeStamp ?from ."
                + " OPTIONAL { ?p time:hasEnd/time:inXSDDateTimeStamp ?until } } } ORDER BY ?from ?id");
        q.setIri("graph", graph.getURI());
        var rows = store.select(q.toString()).rows();
        for (var r : rows) {
            String d = r.get("d").getURI();
            String g = graphOf(d);
            byId.put(
                    r.get("id").getLiteralLexicalForm(),
                    new Enrolment(
                            r.get("subject").getLiteralLexicalForm(),
                            d,
                            g == null ? List.of() : List.of(g),
                            instant(r.get("from")),
                            r.get("until") == null ? null : instant(r.get("until"))));
        }
    }

    /** The private graph that describes the dwelling, or null. */
    private String graphOf(String dwelling) {
        ParameterizedSparqlString q = query("SELECT ?g WHERE { GRAPH ?g { ?dwelling a vc:Dwelling } } LIMIT 1");
        q.setIri("dwelling", dwelling);
        var rows = store.select(q.toString()).rows();
        return rows.isEmpty() ? null : rows.get(0).get("g").getURI();
    }

    /** Refuses, naming it, what is no absolute IRI or no dwelling of the private store. */
    private void checkDwelling(String dwelling) {
        IRIx iri;
        try {
            iri = dwelling == null ? null : IRIx.create(dwelling);
        } catch (IRIException e) {
            iri = null;
        }
        if (iri == null || !iri.isReference()) {
            throw new EnrolmentException("dwelling '" + dwelling + "' is not an absolute IRI");
        }
        if (graphOf(dwelling) == null) {
            throw new EnrolmentException("dwelling '" + dwelling + "' is no dwelling of the private store");
        }
    }

    /** A query with the prefixes of the enrolment graph, its values set as nodes, never pasted in. */
    private static ParameterizedSparqlString query(String text) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(text);
        q.setNsPrefix("vc", VC);
        q.setNsPrefix("prov", PROV);
        q.setNsPrefix("time", TIME);
        q.setNsPrefix("dct", DCTerms.NS);
        return q;
    }

    private String newCode() {
        char[] c = new char[CODE_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** As printed on a letter: three groups of four. */
    private static String format(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    /** Upper case, without separators; the letters a reader confuses with digits read as those digits. */
    static String normalise(String code) {
        if (code == null) {
            return "";
        }
        return code.toUpperCase(Locale.ROOT)
                .replaceAll("[\\s-]", "")
                .replace('O', '0')
                .replace('I', '1')
                .replace('L', '1');
    }

    static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Quad q(Node s, Node p, Node o) {
        return Quad.create(graph, s, p, o);
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node stamp(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp);
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }

    private static Instant instant(Node n) {
        return OffsetDateTime.parse(n.getLiteralLexicalForm()).toInstant();
    }
}
