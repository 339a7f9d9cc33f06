package org.vivacite.portal.rights;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.pipeline.LetterMeters;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The right to erasure (GDPR art. 17): for each dwelling the person lives in, everything of their
 * time there goes — the readings and derived consumption, the daily sums the city's statistics are
 * computed from (through the rollups, so that their sums drop and no sum held in memory comes
 * back), the units of the dwelling's meters in the dead letters, the consents of the dwelling
 * given since and their receipts, the records other areas keep ({@link PersonalRecords}: targets,
 * alerts sent, the alert address) — and a proof of the erasure is kept in the consent graph (who,
 * when, what, as PROV-O). What stays: the dwelling and its meters (the building's equipment), the
 * enrolment (the person still lives there and sees what comes next), the access log (the
 * controller's accountability), and the open data already published, which are anonymous
 * aggregates.
 */
public final class Erasure {

    /** What the answer says of the published aggregates. */
    public static final String PUBLISHED = "Statistics already published as open data are anonymous aggregates of many"
            + " households that no longer contain anything about you; they stay as published.";

    /** The confirmation an erasure request carries. */
    public static final String CONFIRMATION = "erase";

    private final QuadStore store;
    private final MeterDayRollups rollups;
    private final Enrolments enrolments;
    private final Consents consents;
    private final ConsentReceipts receipts;
    private final LetterMeters letterMeters;
    private final DeadLetterStore deadLetters;
    private final String base;
    private final ZoneId zone;
    private final Clock clock;
    private final List<PersonalRecords> records;

    /**
     * @param rollups the private store's rollups, its only writer of readings: the erasure goes
     *     through them
     */
    public Erasure(
            QuadStore privateStore,
            MeterDayRollups rollups,
            Enrolments enrolments,
            Consents consents,
            ConsentReceipts receipts,
            LetterMeters letterMeters,
            DeadLetterStore deadLetters,
            String baseIri,
            ZoneId zone,
            Clock clock) {
        this(
                privateStore,
                rollups,
                enrolments,
                consents,
                receipts,
                letterMeters,
                deadLetters,
                baseIri,
                zone,
                clock,
                List.of());
    }

    /**
     * @param records the records other areas keep about the person (targets, alerts), erased with
     *     the rest and counted in the proof
     */
    public Erasure(
            QuadStore privateStore,
            MeterDayRollups rollups,
            Enrolments enrolments,
            Consents consents,
            ConsentReceipts receipts,
            LetterMeters letterMeters,
            DeadLetterStore deadLetters,
            String baseIri,
            ZoneId zone,
            Clock clock,
            List<PersonalRecords> records) {
        this.records = List.copyOf(records);
        this.store = privateStore;
        this.rollups = rollups;
        this.enrolments = enrolments;
        this.consents = consents;
        this.receipts = receipts;
        this.letterMeters = letterMeters;
        this.deadLetters = deadLetters;
        this.base = baseIri;
        this.zone = zone;
        this.clock = clock;
    }

    /** What was erased of one dwelling, and the proof kept. */
    public record Erased(
            String dwelling,
            Instant since,
            int readings,
            int dailySums,
            int consents,
            int receipts,
            int deadLetterUnits,
            String proof) {}

    /**
     * Erases the person's data of the dwelling named (of every dwelling they live in when null).
     *
     * @param confirmation must be {@link #CONFIRMATION}
     * @throws RightsException naming the field: no confirmation, no such dwelling of theirs
     */
    public synchronized List<Erased> erase(String subject, String dwelling, String confirmation) {
        if (confirmation == null || !confirmation.strip().equalsIgnoreCase(CONFIRMATION)) {
            throw new RightsException(
                    "confirm: an erasure cannot be undone; send \"confirm\": \"" + CONFIRMATION + "\" to confirm it");
        }
        List<Enrolments.Enrolment> mine = enrolments.of(subject, clock.instant());
        if (dwelling != null) {
            mine = mine.stream().filter(e -> e.dwelling().equals(dwelling)).toList();
            if (mine.isEmpty()) {
                throw new RightsException("dwelling: you are not enrolled in " + dwelling);
            }
        } else if (mine.isEmpty()) {
            throw new RightsException("dwelling: you are enrolled in no dwelling");
        }
        List<Erased> done = new ArrayList<>();
        for (Enrolments.Enrolment e : mine) {
            done.add(erase(subject, e));
        }
        return done;
    }

    private Erased erase(String subject, Enrolments.Enrolment e) {
        Instant at = clock.instant();
        String id = UUID.randomUUID().toString();
        Node proof = iri(base + "erasure/" + id);
        int readings = 0;
        int sums = 0;
        for (String graph : e.graphs()) {
            Household.Erasable erasable = Household.read(store, e, graph).erasable(zone);
            Graph kept = erasable.kept();
            // The graph keeps a mark of its erasure, the witness of its transaction in the rollups' journal.
            kept.add(proof, RDF.type.asNode(), iri(Namespaces.PROV + "Activity"));
            kept.add(proof, iri(Namespaces.PROV + "endedAtTime"), dateTime(at));
            rollups.erase(graph, kept, proof);
            readings += erasable.readings();
            sums += erasable.dailySums();
        }
        List<String> ids = consents.of(List.of(e.dwelling())).stream()
                .filter(c -> subject.equals(c.subject()) || !c.recorded().isBefore(e.from()))
                .map(Consent::id)
                .toList();
        int receiptsErased = receipts.erase(ids);
        int consentsErased = consents.erase(ids).size();
        LetterMeters.Erased letters = letterMeters.erase(deadLetters, e.dwelling());
        StringBuilder others = new StringBuilder();
        for (PersonalRecords r : records) {
            others.append(", ")
                    .append(r.erase(subject, e.dwelling()))
                    .append(' ')
                    .append(r.name());
        }
        Erased erased = new Erased(
                e.dwelling(),
                e.from(),
                readings,
                sums,
                consentsErased,
                receiptsErased,
                letters.units(),
                proof.getURI());
        store.add(proofOf(erased, others.toString(), subject, at, proof));
        return erased;
    }

    /** The proof kept in the consent graph: who asked, when, which dwelling and period, what went. */
    private List<Quad> proofOf(Erased e, String others, String subject, Instant at, Node proof) {
        Node g = iri(consents.graph());
        Node account = iri(base + "account/" + Consents.account(subject));
        List<Quad> quads = new ArrayList<>();
        quads.add(Quad.create(g, proof, RDF.type.asNode(), iri(Namespaces.PROV + "Activity")));
        quads.add(Quad.create(
                g,
                proof,
                DCTerms.identifier.asNode(),
                NodeFactory.createLiteralString(
                        proof.getURI().substring(proof.getURI().lastIndexOf('/') + 1))));
        quads.add(Quad.create(g, proof, iri(Namespaces.PROV + "endedAtTime"), dateTime(at)));
        quads.add(Quad.create(g, proof, iri(Namespaces.PROV + "wasAssociatedWith"), account));
        quads.add(Quad.create(g, proof, iri(Namespaces.PROV + "used"), iri(e.dwelling())));
        quads.add(Quad.create(
                g,
                proof,
                DCTerms.description.asNode(),
                NodeFactory.createLiteralString("erasure at the person's request (GDPR art. 17) of the data of the"
                        + " dwelling since " + e.since() + ": " + e.readings() + " readings and derived consumption, "
                        + e.dailySums() + " daily sums, " + e.consents() + " consents, " + e.receipts()
                        + " consent receipts, " + e.deadLetterUnits() + " dead-letter units" + others)));
        quads.add(Quad.create(g, account, RDF.type.asNode(), iri(Namespaces.PROV + "Agent")));
        quads.add(Quad.create(g, account, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(subject)));
        return quads;
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }
}
