package org.vivacite.ingest.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.SelectResult;

/**
 * The households' consents, kept in the private store's graph {@code {base}graph/consent} and
 * described with W3C DPV and PROV-O (docs/consent.md); the ingest consent gate reads them through
 * {@link #step}. Every consent is read into memory at start (a few per household) and every change
 * is written to the store before it is visible. Thread-safe.
 *
 * <p>Two sources write consents: a person (through the portal: {@link #give}, {@link #withdraw}),
 * and the meter registry's {@code consent} column ({@link #importRegistry}), which stays an import
 * source for households without an account. An import never overrides what a person decided: a
 * household whose person gave or withdrew a consent to fine data keeps that decision.
 */
public final class Consents {

    private static final Logger log = LoggerFactory.getLogger(Consents.class);

    /** The longest a consent may last (CNIL's recommendation for a consent to fine data). */
    public static final java.time.Period MAX_LENGTH = java.time.Period.ofYears(3);

    /** The agent that imports consents from the meter registry. */
    static final String REGISTRY_AGENT = "agent/meter-registry";

    private static final String DPV = Namespaces.DPV;
    private static final String PROV = Namespaces.PROV;
    private static final String TIME = Namespaces.TIME;
    private static final String VC = Namespaces.VC;

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Clock clock;
    private final FinerData finerData;
    private final Map<String, Consent> byId = new LinkedHashMap<>();

    /**
     * Reads the consents the store holds.
     *
     * @param finerData what deletes a household's data finer than what its consents allow, when a
     *     consent to fine data is withdrawn
     */
    public Consents(QuadStore store, String baseIri, Clock clock, FinerData finerData) {
        this.store = store;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(baseIri + "graph/consent");
        this.clock = clock;
        this.finerData = finerData;
        load();
    }

    /** The consent graph's IRI. */
    public String graph() {
        return graph.getURI();
    }

    /** The finest step the household of that dwelling consents to at {@code at}: its consents to fine data, else {@code P1D}. */
    public synchronized Duration step(String dwelling, Instant at) {
        Duration step = Step.DAY;
        for (Consent c : byId.values()) {
            if (c.purpose() == Purpose.FINE_DATA
                    && c.dwelling().equals(dwelling)
                    && c.activeAt(at)
                    && c.step().compareTo(step) < 0) {
                step = c.step();
            }
        }
        return step;
    }

    /** Whether the household of that dwelling consents to that purpose at {@code at}. */
    public synchronized boolean allows(String dwelling, Purpose purpose, Instant at) {
        return byId.values().stream()
                .anyMatch(c -> c.purpose() == purpose && c.dwelling().equals(dwelling) && c.activeAt(at));
    }

    /** The consents recorded for the dwellings, oldest first, withdrawn and expired ones included. */
    public synchronized List<Consent> of(Collection<String> dwellings) {
        return byId.values().stream()
                .filter(c -> dwellings.contains(c.dwelling()))
                .toList();
    }

    public synchronized Optional<Consent> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Records a consent a person gives, from {@code from} (now when null) until {@code until} (three
     * years later when null).
     *
     * @param step for {@link Purpose#FINE_DATA}, the finest step ({@code PT30M}…); ignored otherwise
     * @throws ConsentException naming the field, for a step that is not finer than a day and a
     *     divisor of it, an end not after the start, or a consent longer than three years
     */
    public Consent give(String subject, String dwelling, Purpose purpose, Duration step, Instant from, Instant until) {
        if (subject == null || subject.isBlank()) {
            throw new ConsentException("subject: a consent is given by an account");
        }
        Instant now = clock.instant();
        Instant start = from == null ? now : from;
        Instant max = start.atOffset(ZoneOffset.UTC).plus(MAX_LENGTH).toInstant();
        Instant end = until == null ? max : until;
        if (!end.isAfter(start)) {
            throw new ConsentException("until: " + end + " is not after from: " + start);
        }
        if (end.isAfter(max)) {
            throw new ConsentException(
                    "until: " + end + " is more than three years after from: " + start + " (at most " + max + ")");
        }
        Duration kept = Step.DAY;
        if (purpose == Purpose.FINE_DATA) {
            if (step == null) {
                throw new ConsentException("step: a consent to fine data names its step (PT30M, PT1H…)");
            }
            kept = Step.check(step);
            if (kept.equals(Step.DAY)) {
                throw new ConsentException("step: P1D is daily data, not fine data; give the service consent");
            }
        }
        Consent c = new Consent(UUID.randomUUID().toString(), dwelling, purpose, kept, start, end, null, subject, now);
        write(List.of(c), List.of());
        return c;
    }

    /**
     * Withdraws a consent, effective at once: the gate keeps nothing more under it, and withdrawing a
     * consent to fine data deletes the household's data finer than what its remaining consents allow
     * (daily data and their sums stay). A person withdrawing their consent to fine data withdraws the
     * meter registry's consents to fine data of the dwelling with it: the person decided, and an
     * imported consent must not keep the data fine behind their back.
     *
     * @return the consent withdrawn, and how many observations were deleted
     * @throws ConsentException if there is no such consent, or it is withdrawn already
     */
    public Withdrawal withdraw(String id) {
        Consent before;
        Consent after;
        Duration finest;
        Instant now = clock.instant();
        synchronized (this) {
            before = byId.get(id);
            if (before == null) {
                throw new ConsentException("consent '" + id + "': no such consent");
            }
            if (before.withdrawn() != null) {
                throw new ConsentException("consent '" + id + "': withdrawn already at " + before.withdrawn());
            }
            finest = step(before.dwelling(), now);
            if (before.step().compareTo(finest) < 0) {
                finest = before.step();
            }
            after = before.withdrawnAt(now);
            List<Consent> old = new ArrayList<>(List.of(before));
            List<Consent> updated = new ArrayList<>(List.of(after));
            if (before.purpose() == Purpose.FINE_DATA && !before.fromRegistry()) {
                for (Consent c : byId.values()) {
                    if (c.fromRegistry()
                            && c.purpose() == Purpose.FINE_DATA
                            && c.dwelling().equals(before.dwelling())
                            && c.withdrawn() == null
                            && now.isBefore(c.until())) {
                        old.add(c);
                        updated.add(c.withdrawnAt(now));
                    }
                }
            }
            write(updated, old);
        }
        int deleted = 0;
        if (after.purpose() == Purpose.FINE_DATA) {
            Duration step = step(after.dwelling(), now);
            if (step.compareTo(finest) > 0) {
                deleted = finerData.delete(after.dwelling(), step);
            }
        }
        return new Withdrawal(after, deleted);
    }

    /**
     * Erases consent records for good, as a household's erasure asks (the proof of the erasure is
     * kept elsewhere): they no longer exist, for the gate either, which then keeps the household's
     * data daily. Unknown ids are passed over.
     *
     * @return the consents erased
     */
    public synchronized List<Consent> erase(Collection<String> ids) {
        List<Consent> gone =
                ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        if (gone.isEmpty()) {
            return gone;
        }
        java.util.Set<Quad> remove = new java.util.LinkedHashSet<>();
        gone.forEach(c -> quads(c, remove::add));
        // the account's description is shared with its other consents, which keep it
        byId.values().stream().filter(c -> !gone.contains(c)).forEach(c -> quads(c, remove::remove));
        store.apply(remove, List.of());
        gone.forEach(c -> byId.remove(c.id()));
        return gone;
    }

    /**
     * Ends at {@code date} the consents of the household leaving the dwelling that run past it: those
     * these accounts gave, and the meter registry's (the utility's record of the household's consent
     * to fine data, which speaks for the household living there when it was recorded, never for the
     * next one). The data kept under them before the date stay, as when a consent ends; what was
     * kept finer since the date (a move recorded late) is deleted down to the step the remaining
     * consents allow, and the gate keeps nothing finer from now on unless another consent allows it.
     * An import of the registry does not bring an ended registry consent back while its row says the
     * same step ({@link #importRegistry}). Consents of other people stay.
     *
     * @return the consents as they now are
     */
    public List<Consent> endHousehold(String dwelling, Collection<String> subjects, Instant date) {
        Instant now = clock.instant();
        List<Consent> ended;
        Duration before;
        synchronized (this) {
            before = step(dwelling, now);
            List<Consent> old = byId.values().stream()
                    .filter(c -> c.dwelling().equals(dwelling)
                            && (c.fromRegistry() || subjects.contains(c.subject()))
                            && c.withdrawn() == null
                            && c.until().isAfter(date))
                    .toList();
            ended = old.stream().map(c -> c.endingAt(date)).toList();
            if (!old.isEmpty()) {
                write(ended, old);
            }
        }
        Duration after = step(dwelling, now);
        if (date.isBefore(now) && after.compareTo(before) > 0) {
            finerData.delete(dwelling, after, date);
        }
        return ended;
    }

    /**
     * Whether a registry consent was ended before its three years by a move-out ({@link
     * #endHousehold}): nothing else shortens one.
     */
    private static boolean endedByMoveOut(Consent c) {
        return c.fromRegistry()
                && c.withdrawn() == null
                && c.until()
                        .isBefore(c.from()
                                .atOffset(ZoneOffset.UTC)
                                .plus(MAX_LENGTH)
                                .toInstant());
    }

    /** A consent withdrawn, and the number of observations finer than the household's step now that were deleted. */
    public record Withdrawal(Consent consent, int deleted) {}

    /**
     * Writes the registry rows' {@code consent} column as consents: a row of a step finer than a day
     * gives its household a consent to fine data at that step (from now, for three years) unless it
     * has one from the registry at that step already; a row of {@code P1D} withdraws the household's
     * consent to fine data from the registry. Households whose person decided on fine data (a consent
     * given or withdrawn through the portal) are left as they are, and so is a dwelling whose
     * registry consent a move-out ended while its row still says that step: the row is the leaving
     * household's record until the utility records another step.
     *
     * @param dwelling the dwelling (or building) IRI of a row's meter
     * @return the number of consents written
     */
    public int importRegistry(Collection<RegisteredMeter> rows, Function<RegisteredMeter, String> dwelling) {
        Instant now = clock.instant();
        Instant until = now.atOffset(ZoneOffset.UTC).plus(MAX_LENGTH).toInstant();
        Map<String, Duration> wanted = new LinkedHashMap<>();
        for (RegisteredMeter m : rows) {
            wanted.merge(dwelling.apply(m), m.consent(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        List<Consent> add = new ArrayList<>();
        List<Consent> remove = new ArrayList<>();
        List<Consent> withdrawn = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Duration> e : wanted.entrySet()) {
                String d = e.getKey();
                List<Consent> fine = byId.values().stream()
                        .filter(c -> c.dwelling().equals(d) && c.purpose() == Purpose.FINE_DATA)
                        .toList();
                if (fine.stream().anyMatch(c -> !c.fromRegistry())) {
                    continue; // the person decided
                }
                if (fine.stream().anyMatch(c -> endedByMoveOut(c) && c.step().equals(e.getValue()))) {
                    continue; // the leaving household's record: the next one has not consented
                }
                List<Consent> active =
                        fine.stream().filter(c -> c.activeAt(now)).toList();
                boolean daily = e.getValue().compareTo(Step.DAY) >= 0;
                for (Consent c : active) {
                    if (daily || !c.step().equals(e.getValue())) {
                        remove.add(c);
                        add.add(c.withdrawnAt(now));
                        withdrawn.add(c);
                    }
                }
                if (!daily && active.stream().noneMatch(c -> c.step().equals(e.getValue()))) {
                    add.add(new Consent(
                            UUID.randomUUID().toString(),
                            d,
                            Purpose.FINE_DATA,
                            e.getValue(),
                            now,
                            until,
                            null,
                            null,
                            now));
                }
            }
            if (!add.isEmpty()) {
                write(add, remove);
            }
        }
        for (Consent c : withdrawn) {
            Duration step = step(c.dwelling(), now);
            if (step.compareTo(c.step()) > 0) {
                finerData.delete(c.dwelling(), step);
            }
        }
        if (!add.isEmpty()) {
            log.info(
                    "Consents imported from the meter registry: {} written, {} withdrawn",
                    add.size(),
                    withdrawn.size());
        }
        return add.size();
    }

    // ------------------------------------------------------------------------------------ storage

    /** Replaces the descriptions of {@code old} consents by those of {@code now}, in one transaction, then in memory. */
    private synchronized void write(List<Consent> now, List<Consent> old) {
        List<Quad> remove = new ArrayList<>();
        old.forEach(c -> quads(c, remove::add));
        List<Quad> add = new ArrayList<>();
        now.forEach(c -> quads(c, add::add));
        store.apply(remove, add);
        old.forEach(c -> byId.remove(c.id()));
        now.forEach(c -> byId.put(c.id(), c));
    }

    private void quads(Consent c, java.util.function.Consumer<Quad> out) {
        Node s = iri(base + "consent/" + c.id());
        Node period = iri(base + "consent/" + c.id() + "/period");
        Node start = iri(base + "consent/" + c.id() + "/from");
        Node end = iri(base + "consent/" + c.id() + "/until");
        out.accept(q(s, RDF.type.asNode(), iri(DPV + "Consent")));
        out.accept(q(s, RDF.type.asNode(), iri(PROV + "Entity")));
        out.accept(q(s, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(c.id())));
        out.accept(q(s, iri(DPV + "hasPurpose"), iri(c.purpose().iri())));
        out.accept(q(
                s,
                iri(DPV + "hasConsentStatus"),
                iri(DPV + (c.withdrawn() == null ? "ConsentGiven" : "ConsentWithdrawn"))));
        out.accept(q(s, iri(VC + "consentFor"), iri(c.dwelling())));
        if (c.purpose() == Purpose.FINE_DATA) {
            out.accept(q(
                    s,
                    iri(VC + "consentedStep"),
                    NodeFactory.createLiteralDT(c.step().toString(), XSDDatatype.XSDduration)));
        }
        out.accept(q(s, DCTerms.temporal.asNode(), period));
        out.accept(q(period, RDF.type.asNode(), iri(TIME + "Interval")));
        out.accept(q(period, iri(TIME + "hasBeginning"), start));
        out.accept(q(period, iri(TIME + "hasEnd"), end));
        out.accept(q(start, RDF.type.asNode(), iri(TIME + "Instant")));
        out.accept(q(start, iri(TIME + "inXSDDateTimeStamp"), stamp(c.from())));
        out.accept(q(end, RDF.type.asNode(), iri(TIME + "Instant")));
        out.accept(q(end, iri(TIME + "inXSDDateTimeStamp"), stamp(c.until())));
        out.accept(q(s, iri(PROV + "generatedAtTime"), dateTime(c.recorded())));
        if (c.withdrawn() != null) {
            out.accept(q(s, iri(PROV + "invalidatedAtTime"), dateTime(c.withdrawn())));
        }
        Node agent = c.subject() == null ? iri(base + REGISTRY_AGENT) : iri(base + "account/" + account(c.subject()));
        out.accept(q(s, iri(PROV + "wasAttributedTo"), agent));
        if (c.subject() != null) {
            out.accept(q(s, iri(DPV + "hasDataSubject"), agent));
            out.accept(q(agent, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(c.subject())));
        }
        out.accept(q(agent, RDF.type.asNode(), iri(PROV + "Agent")));
    }

    /**
     * The key of an account's IRI ({@code {base}account/{key}}) in the private store: the first 16
     * hex digits of the SHA-256 of its OIDC subject (any string).
     */
    public static String account(String subject) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void load() {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT ?id ?purpose ?dwelling ?step ?from ?until ?withdrawn ?subject ?recorded WHERE { GRAPH ?graph {\n"
                        + "  ?c a dpv:Consent ; dct:identifier ?id ; dpv:hasPurpose ?purpose ; vc:consentFor ?dwelling ;\n"
                        + "     prov:generatedAtTime ?recorded ;\n"
                        + "     dct:temporal [ time:hasBeginning/time:inXSDDateTimeStamp ?from ; time:hasEnd/time:inXSDDateTimeStamp ?until ] .\n"
                        + "  OPTIONAL { ?c vc:consentedStep ?step }\n"
                        + "  OPTIONAL { ?c prov:invalidatedAtTime ?withdrawn }\n"
                        + "  OPTIONAL { ?c dpv:hasDataSubject/dct:identifier ?subject }\n"
                        + "} } ORDER BY ?recorded ?id");
        q.setNsPrefix("dpv", DPV);
        q.setNsPrefix("prov", PROV);
        q.setNsPrefix("vc", VC);
        q.setNsPrefix("time", TIME);
        q.setNsPrefix("dct", DCTerms.NS);
        q.setIri("graph", graph.getURI());
        SelectResult rows = store.select(q.toString());
        for (var row : rows.rows()) {
            Consent c = new Consent(
                    row.get("id").getLiteralLexicalForm(),
                    row.get("dwelling").getURI(),
                    Purpose.ofIri(row.get("purpose").getURI()),
                    row.get("step") == null
                            ? Step.DAY
                            : Duration.parse(row.get("step").getLiteralLexicalForm()),
                    instant(row.get("from")),
                    instant(row.get("until")),
                    row.get("withdrawn") == null ? null : instant(row.get("withdrawn")),
                    row.get("subject") == null ? null : row.get("subject").getLiteralLexicalForm(),
                    instant(row.get("recorded")));
            byId.put(c.id(), c);
        }
    }

    private static Instant instant(Node n) {
        return java.time.OffsetDateTime.parse(n.getLiteralLexicalForm()).toInstant();
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

    /** The consents in the order they were recorded (for listings). */
    static final Comparator<Consent> RECORDED = Comparator.comparing(Consent::recorded);
}
