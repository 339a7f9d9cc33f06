package org.vivacite.triplestore.rollup;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.ReadingKind;
import org.vivacite.ontology.vocabulary.SOSA;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.triplestore.QuadStore;

/**
 * Maintains {@code vc:MeterDayRollup}s as readings arrive: per meter, quantity and local day, the
 * sum and count of the readings, in parts ({@code vc:rollupPart}) whose sums add up to the
 * rollup's. Each rollup links to every territorial unit of the readings' feature of interest
 * ({@code vc:inArea}), so territorial sums read rollups without joining through the territory.
 *
 * <p>The write path only ever adds. A write commits its quads with the header of each new rollup,
 * and adds the new readings' values to sums held in memory. Once a day is over (a reading of a
 * later day arrived, or the clock passed midnight), its sums are written as one part per rollup,
 * at the first write after {@code flushEvery} (a flush of many sums goes with several writes, {@link
 * #DEFAULT_FLUSH_CHUNK} at a time); readings that come later still make further parts.
 * Removing data costs RDF4J LMDB a pass over a whole index per transaction, so the write path never
 * does: closed days' parts are merged in bulk once {@code consolidateAt} of them can go, or on
 * {@link #consolidate()}. Sums held in memory are logged to a journal before their batch commits
 * ({@link RollupJournal}), so a crash loses none of them: the next instance replays the journal
 * when it opens. A reading already in the store, or twice in one write, counts once. A reading
 * that {@link #apply} replaces or removes moves its rollups' sums in the same transaction: a rollup
 * counts the readings the store holds, not the first value given for one.
 *
 * <p>Use it as the private store's only writer of observations, for instance as the committer of
 * a {@link org.vivacite.triplestore.BatchingWriter}; one instance per store and journal.
 */
public final class MeterDayRollups implements AutoCloseable {

    /** How often closed days' sums held in memory are written as parts, at most. */
    public static final Duration DEFAULT_FLUSH_EVERY = Duration.ofMinutes(1);
    /** Closed days' parts are merged once this many of them can go. */
    public static final int DEFAULT_CONSOLIDATE_AT = 100_000;
    /**
     * How many sums a write may flush, or twice as many as it brought if that is more. A flush of
     * more (a day just over for every meter of a city) is split, a chunk after each of the next
     * writes, so that no commit holds the store for seconds while the other writes and the reads
     * wait for it; a write of many readings (a bulk load) flushes twice as many sums, so that the
     * flush gets ahead of them. {@link #flush()} and {@link #close()} write everything at once.
     */
    public static final int DEFAULT_FLUSH_CHUNK = 500;

    private static final int VALUES_CHUNK = 500;
    private static final int KNOWN_ROLLUPS = 200_000;
    /** The journal is rewritten as a snapshot of the sums held once it grows past this. */
    private static final long JOURNAL_LIMIT = 64L << 20;

    private static final String VC_NS = org.vivacite.ontology.vocabulary.Namespaces.VC;
    private static final Node VC_rollupPart = VC.rollupPart.asNode();
    private static final Node VC_valueSum = VC.valueSum.asNode();
    private static final Node VC_valueCount = VC.valueCount.asNode();

    /**
     * Which readings are rolled up, by their {@code sosa:observedProperty} and {@code
     * sosa:phenomenonTime} (null when they have none). A rollup sums its readings, so only readings
     * that add up belong in one: derived consumption over whole days, not registers, nor the same
     * consumption again over hours.
     */
    @FunctionalInterface
    public interface Selection {

        /** Every complete reading. */
        Selection ALL = (quantity, phenomenonTime) -> true;

        boolean rollsUp(Node quantity, Node phenomenonTime);

        /**
         * Amounts of these quantities over one whole local day: a phenomenon time {@code
         * {base}id/interval/{start}/P1D}, as the ingest pipeline names a day's interval whatever its
         * hours. Amounts over several days (a gap) or parts of a day are left out.
         */
        static Selection wholeDaysOf(Collection<String> quantityIris) {
            Set<String> quantities = Set.copyOf(quantityIris);
            return (quantity, phenomenonTime) -> quantity.isURI()
                    && quantities.contains(quantity.getURI())
                    && intervalStart(phenomenonTime) != null
                    && phenomenonTime.getURI().endsWith("/P1D");
        }

        /**
         * Derived daily consumption: amounts over one whole day of the quantities whose {@code
         * vc:readingKind} is {@code vc:intervalAmount}.
         */
        static Selection dailyConsumption(QuantityRegistry quantities) {
            return wholeDaysOf(quantities.all().stream()
                    .filter(q -> q.kind() == ReadingKind.INTERVAL_AMOUNT)
                    .map(Quantity::iri)
                    .toList());
        }
    }

    private final QuadStore store;
    private final ZoneId zone;
    private final Selection selection;
    private final RollupJournal journal;
    private final long flushEveryNanos;
    private final int consolidateAt;
    private final int flushChunk;
    private final String instance = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    private long tokens;

    private final Map<Node, List<Node>> areasOfFeature = new HashMap<>();
    /** Rollups whose header is in the store, most recently written last. */
    private final Map<Node, Boolean> knownRollups = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Node, Boolean> eldest) {
            return size() > KNOWN_ROLLUPS;
        }
    };
    /** Sums not yet written as parts, each in the journal too, in the order a flush takes them. */
    private final NavigableMap<RollupJournal.Slot, RollupJournal.Delta> pending = new TreeMap<>();
    /** Rollups with parts written by this instance, and how many parts each has at least. */
    private final Map<Node, Parts> parts = new HashMap<>();
    /** Rollups whose first part this instance has not yet written (it wrote their header). */
    private final Set<Node> fresh = new HashSet<>();

    /**
     * For each rollup whose header this instance wrote, so that every reading of it came through
     * here, the latest result time counted. A reading of such a rollup with a later time cannot be
     * in the store yet (an observation IRI names one reading, with one time), so it needs no
     * lookup. Closed days are forgotten at each flush.
     */
    private final Map<Key, Instant> lastCounted = new HashMap<>();

    /** The territory's links upwards (vc:partOf, s4bldg:isSpaceOf), loaded when first needed. */
    private Map<Node, List<Node>> up;
    /** The areas among {@link #up}'s keys: those part of another by vc:partOf (a dwelling is not). */
    private Set<Node> territorialUnits = Set.of();

    private LocalDate latestDay;
    private long lastFlush = System.nanoTime();
    /** The bound of the flush under way, split over several writes; null when none is. */
    private LocalDate flushing;

    /**
     * Rollups of every complete reading.
     *
     * @param zone the time zone whose calendar days the rollups follow (Europe/Paris for a French city)
     * @param journal the file where sums wait for their flush, beside the store (for instance
     *     {@code {data}/private-rollups.journal}); replayed now if a previous instance left sums in it
     */
    public MeterDayRollups(QuadStore store, ZoneId zone, Path journal) {
        this(store, zone, journal, DEFAULT_FLUSH_EVERY, DEFAULT_CONSOLIDATE_AT);
    }

    /**
     * Rollups of every complete reading.
     *
     * @param flushEvery how often closed days' sums are written, at most; {@code ZERO} at every write
     * @param consolidateAt how many parts of closed days may wait before they are merged
     */
    public MeterDayRollups(QuadStore store, ZoneId zone, Path journal, Duration flushEvery, int consolidateAt) {
        this(store, zone, journal, flushEvery, consolidateAt, Selection.ALL);
    }

    /**
     * Rollups of the readings {@code selection} picks; the other quads of a write are committed
     * with it, and counted in no rollup.
     */
    public MeterDayRollups(QuadStore store, ZoneId zone, Path journal, Selection selection) {
        this(store, zone, journal, DEFAULT_FLUSH_EVERY, DEFAULT_CONSOLIDATE_AT, selection);
    }

    /**
     * @param flushEvery how often closed days' sums are written, at most; {@code ZERO} at every write
     * @param consolidateAt how many parts of closed days may wait before they are merged
     * @param selection which readings are rolled up
     */
    public MeterDayRollups(
            QuadStore store, ZoneId zone, Path journal, Duration flushEvery, int consolidateAt, Selection selection) {
        this(store, zone, journal, flushEvery, consolidateAt, selection, DEFAULT_FLUSH_CHUNK);
    }

    /** @param flushChunk how many sums a write may flush, or twice as many as it brought if that is more */
    MeterDayRollups(
            QuadStore store,
            ZoneId zone,
            Path journal,
            Duration flushEvery,
            int consolidateAt,
            Selection selection,
            int flushChunk) {
        if (consolidateAt < 1 || flushEvery.isNegative() || flushChunk < 1) {
            throw new IllegalArgumentException("consolidateAt and flushChunk must be ≥ 1 and flushEvery ≥ 0");
        }
        this.store = store;
        this.zone = zone;
        this.selection = selection;
        this.flushEveryNanos = flushEvery.toNanos();
        this.consolidateAt = consolidateAt;
        this.flushChunk = flushChunk;
        this.journal = new RollupJournal(journal);
        replay();
    }

    /** Forgets cached territory links, after the territory graph changed. */
    public synchronized void territoryChanged() {
        areasOfFeature.clear();
        up = null;
    }

    /**
     * Commits the quads with the header of each new rollup, in one transaction, and adds their new
     * readings to the sums waiting for the next flush (flushing if one is due).
     */
    public synchronized void write(Collection<Quad> quads) {
        commit(List.of(), quads);
    }

    /**
     * Removes and adds quads in one transaction ({@link QuadStore#apply}), with the header of each
     * new rollup, and counts the added readings as {@link #write} does. The rollups then count the
     * readings the store holds: a reading the transaction changes (a derived consumption replaced by
     * the value its meter's operator gives for the same IRI) moves its rollups' sums by what it
     * removes and adds, and one removed for good leaves them. Those rollups' parts are rewritten in
     * the same transaction (their sums held in memory are written first), so a crash either keeps
     * the old readings and sums or has both changed, never one without the other.
     */
    public synchronized void apply(Collection<Quad> remove, Collection<Quad> add) {
        commit(remove, add);
    }

    private void commit(Collection<Quad> remove, Collection<Quad> quads) {
        Replacement replacement = remove.isEmpty() ? Replacement.NONE : replacement(remove, quads);
        Map<Node, Change> changes = replacement.changes();
        if (!replacement.before().isEmpty() || !replacement.after().isEmpty()) {
            // The sums held of the days it touches go to parts first, and the journal names no part
            // the rewrite removes and counts no batch whose witness it removes.
            LocalDate last = changes.values().stream()
                    .map(Change::day)
                    .max(LocalDate::compareTo)
                    .orElse(null);
            if (last != null) {
                flushAll(last.plusDays(1));
            }
            journal.snapshot(pending.values());
        }
        Map<Node, Reading> readings = readings(quads);
        readings.keySet().removeAll(replacement.subjects()); // counted by the replacement

        // The rollups these readings belong to; those neither known here nor in the store are new.
        Map<Key, Node> rollupOf = new HashMap<>();
        Map<Node, Reading> first = new LinkedHashMap<>();
        for (Reading r : readings.values()) {
            Node rollup = rollupOf.computeIfAbsent(r.key(), Key::rollup);
            first.putIfAbsent(rollup, r);
        }
        for (Reading r : replacement.after()) {
            first.putIfAbsent(r.key().rollup(), r);
        }
        Map<Node, Node> unknownRollups = new LinkedHashMap<>();
        first.forEach((rollup, r) -> {
            if (!knownRollups.containsKey(rollup)) {
                unknownRollups.put(rollup, r.graph());
            }
        });
        List<Node> unknown = new ArrayList<>(unknownRollups.keySet());
        unknown.removeAll(typedInStore(unknownRollups, VC.MeterDayRollup.asNode()));
        Set<Node> brandNew = new HashSet<>(unknown);

        // A reading can be in the store already only if its rollup is, and (for a rollup begun
        // here) if it is no later than the latest reading counted.
        Map<Node, Node> couldBeThere = new HashMap<>();
        for (Reading r : readings.values()) {
            Instant last = lastCounted.get(r.key());
            if (!brandNew.contains(rollupOf.get(r.key())) && (last == null || !r.at().isAfter(last))) {
                couldBeThere.put(r.observation(), r.graph());
            }
        }
        readings.keySet().removeAll(typedInStore(couldBeThere, SOSA.Observation.asNode()));

        Map<Node, RollupJournal.Delta> deltas = new LinkedHashMap<>();
        for (Reading r : readings.values()) {
            Node rollup = rollupOf.get(r.key());
            deltas.merge(
                    rollup, new RollupJournal.Delta(rollup, r.graph(), r.day(), r.value(), 1), MeterDayRollups::plus);
        }
        areasOfFeature.putAll(areas(unknown.stream()
                .map(r -> first.get(r).feature())
                .filter(f -> !areasOfFeature.containsKey(f))
                .distinct()
                .toList()));

        List<Quad> add = new ArrayList<>(quads);
        List<Quad> removed = new ArrayList<>(remove);
        Set<Node> emptied = rewrite(changes, deltas.keySet(), removed, add);
        for (Node rollup : unknown) {
            Reading r = first.get(rollup);
            Node g = r.graph();
            add.add(Quad.create(g, rollup, RDF.type.asNode(), VC.MeterDayRollup.asNode()));
            add.add(Quad.create(g, rollup, VC.rollupOf.asNode(), r.meter()));
            add.add(Quad.create(g, rollup, VC.rollupQuantity.asNode(), r.quantity()));
            add.add(Quad.create(
                    g,
                    rollup,
                    VC.day.asNode(),
                    NodeFactory.createLiteralDT(r.day().toString(), XSDDatatype.XSDdate)));
            for (Node area : areasOfFeature.getOrDefault(r.feature(), List.of())) {
                add.add(Quad.create(g, rollup, VC.inArea.asNode(), area));
            }
        }
        if (!deltas.isEmpty()) {
            Reading witness = readings.values().iterator().next();
            journal.batch(witness.graph(), witness.observation(), deltas.values());
        }
        try {
            if (removed.isEmpty()) {
                store.add(add);
            } else {
                store.apply(removed, add);
            }
        } catch (RuntimeException notCommitted) {
            // The batch record just journalled must not count, even if its readings come again.
            try {
                journal.snapshot(pending.values());
            } catch (RuntimeException e) {
                notCommitted.addSuppressed(e);
            }
            throw notCommitted;
        }
        fresh.addAll(unknown);
        for (Node rollup : unknown) {
            lastCounted.put(first.get(rollup).key(), Instant.MIN);
        }
        for (Reading r : readings.values()) {
            lastCounted.computeIfPresent(r.key(), (k, last) -> r.at().isAfter(last) ? r.at() : last);
        }
        for (Reading r : replacement.after()) {
            lastCounted.computeIfPresent(r.key(), (k, last) -> r.at().isAfter(last) ? r.at() : last);
        }
        changes.forEach((rollup, c) -> {
            fresh.remove(rollup);
            if (emptied.contains(rollup)) {
                knownRollups.remove(rollup);
                parts.remove(rollup);
            } else {
                knownRollups.put(rollup, Boolean.TRUE);
                parts.put(rollup, new Parts(c.graph(), c.day())); // one part now
            }
        });
        deltas.forEach((rollup, d) -> {
            knownRollups.put(rollup, Boolean.TRUE);
            pending.merge(d.slot(), d, MeterDayRollups::plus);
            boolean plausible = !d.day().isAfter(LocalDate.now(zone).plusDays(1)); // a clock gone wrong
            if (plausible && (latestDay == null || d.day().isAfter(latestDay))) {
                latestDay = d.day();
            }
        });
        // Closed days' sums — days before the latest reading's, and before today — are written as
        // one new part per rollup; the current day's sums wait until the day is over.
        int chunk = Math.max(flushChunk, 2 * deltas.size());
        if (flushing != null) {
            flushChunk(flushing, chunk); // the flush under way goes on
        } else if (System.nanoTime() - lastFlush >= flushEveryNanos) {
            flushChunk(closedBefore(), chunk);
        }
    }

    /**
     * Erases data for good, as a household's erasure request (GDPR art. 17) asks: replaces the
     * content of a private graph by {@code kept} in one transaction, so that the readings and the
     * rollups it does not keep are gone. Nothing is moved: the rollups the graph held that {@code
     * kept} lacks are erased, and so are the sums this instance held of them, so that no later
     * flush writes them back. Keep a rollup only with every reading it counts.
     *
     * <p>Crash-safe: the journal is rewritten as a snapshot first (so that no batch record's witness
     * is among what goes), then an erasure record naming the rollups, with {@code witness} (a
     * subject of {@code kept} the graph did not hold) as witness, is forced to disk before the
     * transaction. A next instance that finds the witness in the store forgets the sums held of
     * those rollups before the record; one that does not (the transaction never committed) keeps
     * them, as the readings are kept.
     *
     * <p>The graph is replaced whole rather than triples removed one by one: TDB2 gives back a
     * decimal written {@code 0.010} as {@code 0.01}, which then removes nothing.
     *
     * @param witness a subject of {@code kept} new to the graph, such as the erasure's IRI
     */
    public synchronized void erase(String graphIri, Graph kept, Node witness) {
        if (!kept.contains(witness, Node.ANY, Node.ANY)) {
            throw new IllegalArgumentException("the witness " + witness + " of an erasure must be a subject it keeps");
        }
        Node g = NodeFactory.createURI(graphIri);
        Set<Node> erased = new java.util.LinkedHashSet<>();
        store.select("SELECT DISTINCT ?r { GRAPH " + iris(List.of(g)) + " { ?r a <" + VC.MeterDayRollup.getURI()
                        + "> } }")
                .rows()
                .forEach(row -> erased.add(row.get("r")));
        kept.find(Node.ANY, RDF.type.asNode(), VC.MeterDayRollup.asNode()).forEach(t -> erased.remove(t.getSubject()));
        journal.snapshot(pending.values());
        journal.erasing(g, witness, erased);
        try {
            store.replace(graphIri, kept);
        } catch (RuntimeException notCommitted) {
            try {
                journal.snapshot(pending.values()); // the erasure record must not count
            } catch (RuntimeException e) {
                notCommitted.addSuppressed(e);
            }
            throw notCommitted;
        }
        pending.values().removeIf(d -> erased.contains(d.rollup()));
        erased.forEach(r -> {
            knownRollups.remove(r);
            parts.remove(r);
            fresh.remove(r);
        });
        lastCounted.keySet().removeIf(k -> erased.contains(k.rollup()));
        journal.snapshot(pending.values());
    }

    /** The first day not closed: the latest reading's, or today if that is later. */
    private LocalDate closedBefore() {
        LocalDate today = LocalDate.now(zone);
        return latestDay != null && latestDay.isAfter(today) ? latestDay : today;
    }

    /** Writes every sum held in memory as parts, whatever its day. */
    public synchronized void flush() {
        flushAll(LocalDate.MAX);
    }

    /** Writes every sum held of a day before {@code before}, in one transaction. */
    private void flushAll(LocalDate before) {
        flushChunk(before, Integer.MAX_VALUE);
    }

    /**
     * Writes the first {@code size} of the sums held of a day before {@code before}, in the
     * journal's order, in one transaction; once none is left, forgets what closed days no longer
     * need and merges their parts if due.
     */
    private void flushChunk(LocalDate before, int size) {
        lastFlush = System.nanoTime();
        // the sums due come first in the order: a chunk is the first of them, one more says if it is the last
        List<RollupJournal.Delta> due = pending.headMap(new RollupJournal.Slot(before, ""), false).values().stream()
                .limit(size + 1L)
                .toList();
        if (due.isEmpty()) {
            flushing = null;
            if (journal.size() > JOURNAL_LIMIT) {
                journal.snapshot(pending.values());
            }
            return;
        }
        List<RollupJournal.Delta> chunk = due.subList(0, Math.min(size, due.size()));
        String token = nextToken();
        List<Quad> add = new ArrayList<>(chunk.size() * 3);
        chunk.forEach(d -> addPart(add, d.graph(), d.rollup(), token, d.sum(), d.count()));
        journal.flushing(
                part(chunk.get(0).rollup(), token),
                before,
                chunk.get(chunk.size() - 1).slot());
        store.add(add);
        for (RollupJournal.Delta d : chunk) {
            pending.remove(d.slot());
            Parts p = parts.computeIfAbsent(d.rollup(), k -> new Parts(d.graph(), d.day()));
            if (!fresh.remove(d.rollup())) {
                p.count++; // it had a part already
            }
        }
        if (chunk.size() < due.size()) {
            flushing = before; // the rest with the next writes
            return;
        }
        flushing = null;
        journal.snapshot(pending.values());
        if (latestDay != null) {
            LocalDate yesterday = latestDay.minusDays(1);
            lastCounted.keySet().removeIf(k -> k.day().isBefore(yesterday));
        }
        consolidateClosedDaysIfDue();
    }

    /** What a change to readings the store holds does to one rollup: its sum and count move by these. */
    private record Change(Node graph, LocalDate day, BigDecimal sum, long count) {

        Change plus(Change o) {
            return new Change(graph, day, sum.add(o.sum), count + o.count);
        }

        boolean none() {
            return sum.signum() == 0 && count == 0;
        }
    }

    /**
     * The readings held in the store that a transaction changes ({@code subjects}): each one's
     * reading before (if it is rolled up) and after it (if it still is one, and rolled up).
     */
    private record Replacement(Set<Node> subjects, List<Reading> before, List<Reading> after) {

        static final Replacement NONE = new Replacement(Set.of(), List.of(), List.of());

        /** What it does to each rollup, those it leaves as they were left out. */
        Map<Node, Change> changes() {
            Map<Node, Change> changes = new LinkedHashMap<>();
            for (Reading r : before) {
                changes.merge(
                        r.key().rollup(),
                        new Change(r.graph(), r.day(), r.value().negate(), -1),
                        Change::plus);
            }
            for (Reading r : after) {
                changes.merge(r.key().rollup(), new Change(r.graph(), r.day(), r.value(), 1), Change::plus);
            }
            changes.values().removeIf(Change::none);
            return changes;
        }
    }

    /** The readings among the subjects of {@code remove} that the store holds, before and after the transaction. */
    private Replacement replacement(Collection<Quad> remove, Collection<Quad> add) {
        Set<Node> subjects = new java.util.LinkedHashSet<>();
        for (Quad q : remove) {
            if (q.getSubject().isURI()) {
                subjects.add(q.getSubject());
            }
        }
        List<Quad> held = new ArrayList<>();
        String predicates = iris(READING_PREDICATES);
        for (List<Node> chunk : chunks(subjects)) {
            store.select("SELECT ?g ?s ?p ?o { VALUES ?s { " + iris(chunk) + " } VALUES ?p { " + predicates
                            + " } GRAPH ?g { ?s ?p ?o } }")
                    .rows()
                    .forEach(row -> held.add(Quad.create(row.get("g"), row.get("s"), row.get("p"), row.get("o"))));
        }
        if (held.isEmpty()) {
            return Replacement.NONE;
        }
        Set<Node> there = held.stream().map(Quad::getSubject).collect(Collectors.toSet());
        // removed by value: a store may give back a decimal in another lexical form than was removed
        Map<Quad, List<Node>> removedObjects = new HashMap<>();
        for (Quad q : remove) {
            if (there.contains(q.getSubject())) {
                removedObjects
                        .computeIfAbsent(
                                Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), Node.ANY),
                                k -> new ArrayList<>())
                        .add(q.getObject());
            }
        }
        List<Quad> after = new ArrayList<>();
        for (Quad q : held) {
            List<Node> gone = removedObjects.getOrDefault(
                    Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), Node.ANY), List.of());
            if (gone.stream().noneMatch(o -> o.sameValueAs(q.getObject()))) {
                after.add(q);
            }
        }
        add.stream().filter(q -> there.contains(q.getSubject())).forEach(after::add);
        // a reading counts in its rollup only if the rollup is there (one written straight into the
        // store, without these rollups, never counted)
        List<Reading> before = List.copyOf(readings(held).values());
        Map<Node, Node> rollups = new HashMap<>();
        before.forEach(r -> rollups.put(r.key().rollup(), r.graph()));
        Set<Node> counted = typedInStore(rollups, VC.MeterDayRollup.asNode());
        return new Replacement(
                there,
                before.stream().filter(r -> counted.contains(r.key().rollup())).toList(),
                List.copyOf(readings(after).values()));
    }

    /**
     * Adds to a transaction what rewrites the parts of the rollups {@code changes} moves: their
     * parts in the store go, and one part with their sums moved by the change comes instead (sums
     * still held in memory stay there, parts never share a reading). A rollup left with no reading
     * loses its header too, unless {@code stillCounting} (the same transaction adds to it).
     *
     * @return the rollups whose header goes
     */
    private Set<Node> rewrite(Map<Node, Change> changes, Set<Node> stillCounting, List<Quad> remove, List<Quad> add) {
        if (changes.isEmpty()) {
            return Set.of();
        }
        Map<Node, BigDecimal> sums = new HashMap<>();
        Map<Node, Long> counts = new HashMap<>();
        Map<Node, Node> graphs = new HashMap<>();
        List<Quad> headers = new ArrayList<>();
        List<Node> rollups = new ArrayList<>(changes.keySet());
        for (List<Node> chunk : chunks(rollups)) {
            store.select("SELECT ?g ?r ?p ?o { VALUES ?r { " + iris(chunk) + " } GRAPH ?g { ?r ?p ?o } }")
                    .rows()
                    .forEach(row -> {
                        Quad q = Quad.create(row.get("g"), row.get("r"), row.get("p"), row.get("o"));
                        if (q.getPredicate().equals(VC_rollupPart)) {
                            remove.add(q);
                        } else {
                            headers.add(q);
                            if (q.getPredicate().equals(RDF_TYPE)) {
                                graphs.put(q.getSubject(), q.getGraph());
                            }
                        }
                    });
            store.select("SELECT ?g ?r ?p ?sum ?count { VALUES ?r { " + iris(chunk) + " } GRAPH ?g { ?r <" + VC_NS
                            + "rollupPart> ?p . ?p <" + VC_NS + "valueSum> ?sum ; <" + VC_NS + "valueCount> ?count } }")
                    .rows()
                    .forEach(row -> {
                        Node g = row.get("g"), r = row.get("r"), p = row.get("p");
                        sums.merge(r, new BigDecimal(row.get("sum").getLiteralLexicalForm()), BigDecimal::add);
                        counts.merge(r, Long.parseLong(row.get("count").getLiteralLexicalForm()), Long::sum);
                        remove.add(Quad.create(g, p, VC_valueSum, row.get("sum")));
                        remove.add(Quad.create(g, p, VC_valueCount, row.get("count")));
                    });
        }
        Set<Node> emptied = new HashSet<>();
        String token = nextToken();
        changes.forEach((r, c) -> {
            long count = counts.getOrDefault(r, 0L) + c.count();
            BigDecimal sum = sums.getOrDefault(r, BigDecimal.ZERO).add(c.sum());
            if (count > 0) {
                addPart(add, graphs.getOrDefault(r, c.graph()), r, token, sum, count);
            } else if (!stillCounting.contains(r)) {
                emptied.add(r); // no reading left: nor is the rollup
            }
        });
        headers.stream().filter(q -> emptied.contains(q.getSubject())).forEach(remove::add);
        return emptied;
    }

    /** Writes every sum held in memory, then merges the parts of every rollup that has several. */
    public synchronized void consolidate() {
        flush();
        Map<Node, Parts> all = new HashMap<>();
        store.select("SELECT DISTINCT ?g ?r { GRAPH ?g { ?r <" + VC_NS
                        + "rollupPart> ?p1 , ?p2 FILTER (?p1 != ?p2) } }")
                .rows()
                .forEach(row -> all.put(row.get("r"), new Parts(row.get("g"), null)));
        merge(all);
        parts.clear();
    }

    /**
     * Writes the sums of closed days and closes the journal. The current day's sums stay in the
     * journal, for the next instance to go on with.
     */
    @Override
    public synchronized void close() {
        try {
            flushAll(closedBefore());
        } finally {
            journal.close();
        }
    }

    /**
     * Puts back what a previous instance held in memory when it stopped: its snapshot, the batches
     * that did commit, less what a flush that did commit wrote.
     */
    private void replay() {
        RollupJournal.Content content = journal.read();
        List<Quad> witnesses = content.batches().stream()
                .filter(b -> b.witness() != null)
                .map(b -> Quad.create(b.graph(), b.witness(), RDF.type.asNode(), SOSA.Observation.asNode()))
                .toList();
        Set<Quad> committed = store.contained(witnesses);
        for (RollupJournal.Entry entry : content.entries()) {
            if (entry instanceof RollupJournal.Batch b) {
                if (b.witness() == null
                        || committed.contains(
                                Quad.create(b.graph(), b.witness(), RDF.type.asNode(), SOSA.Observation.asNode()))) {
                    b.deltas().forEach(d -> pending.merge(d.slot(), d, MeterDayRollups::plus));
                }
            } else if (entry instanceof RollupJournal.Erasure e
                    && !store.select("SELECT ?p { GRAPH <" + e.graph().getURI() + "> { <"
                                    + e.witness().getURI() + "> ?p ?o } } LIMIT 1")
                            .rows()
                            .isEmpty()) {
                // That erasure committed: its rollups are gone, and the sums held of them with them.
                pending.values().removeIf(d -> e.rollups().contains(d.rollup()));
            } else if (entry instanceof RollupJournal.Flush f
                    && !store.select("SELECT ?s { <" + f.part().getURI() + "> ?p ?s } LIMIT 1")
                            .rows()
                            .isEmpty()) {
                // That flush committed: the sums it wrote are no longer held.
                pending.values().removeIf(f::wrote);
            }
        }
        journal.snapshot(pending.values());
    }

    private void consolidateClosedDaysIfDue() {
        if (latestDay == null) {
            return;
        }
        LocalDate closed = latestDay.minusDays(1);
        Map<Node, Parts> due = new HashMap<>();
        long removable = 0;
        for (Map.Entry<Node, Parts> e : parts.entrySet()) {
            if (e.getValue().day.isBefore(closed) && e.getValue().count > 1) {
                due.put(e.getKey(), e.getValue());
                removable += e.getValue().count;
            }
        }
        if (removable >= consolidateAt) {
            merge(due);
            parts.entrySet().removeIf(e -> e.getValue().day.isBefore(closed));
        }
    }

    /** Replaces the parts of each rollup by one part with their sums, in one transaction. */
    private void merge(Map<Node, Parts> rollups) {
        if (rollups.isEmpty()) {
            return;
        }
        journal.snapshot(pending.values()); // no flush record may name a part this merge removes
        Map<Node, BigDecimal> sums = new HashMap<>();
        Map<Node, Long> counts = new HashMap<>();
        List<Quad> remove = new ArrayList<>();
        for (List<Node> chunk : chunks(rollups.keySet())) {
            store.select("SELECT ?r ?p ?sum ?count { VALUES ?r { " + iris(chunk) + " } ?r <" + VC_NS
                            + "rollupPart> ?p . ?p <" + VC_NS + "valueSum> ?sum ; <" + VC_NS + "valueCount> ?count }")
                    .rows()
                    .forEach(row -> {
                        Node r = row.get("r");
                        Node g = rollups.get(r).graph;
                        sums.merge(r, new BigDecimal(row.get("sum").getLiteralLexicalForm()), BigDecimal::add);
                        counts.merge(r, Long.parseLong(row.get("count").getLiteralLexicalForm()), Long::sum);
                        remove.add(Quad.create(g, r, VC_rollupPart, row.get("p")));
                        remove.add(Quad.create(g, row.get("p"), VC_valueSum, row.get("sum")));
                        remove.add(Quad.create(g, row.get("p"), VC_valueCount, row.get("count")));
                    });
        }
        String token = nextToken();
        List<Quad> add = new ArrayList<>();
        sums.forEach((r, sum) -> addPart(add, rollups.get(r).graph, r, token, sum, counts.get(r)));
        store.apply(remove, add);
    }

    private static RollupJournal.Delta plus(RollupJournal.Delta a, RollupJournal.Delta b) {
        return new RollupJournal.Delta(a.rollup(), a.graph(), a.day(), a.sum().add(b.sum()), a.count() + b.count());
    }

    private String nextToken() {
        return instance + "-" + Long.toString(++tokens, 36);
    }

    private static Node part(Node rollup, String token) {
        return NodeFactory.createURI(rollup.getURI() + "/part/" + token);
    }

    private static void addPart(List<Quad> add, Node g, Node rollup, String token, BigDecimal sum, long count) {
        Node part = part(rollup, token);
        add.add(Quad.create(g, rollup, VC_rollupPart, part));
        add.add(Quad.create(g, part, VC_valueSum, decimal(sum)));
        add.add(Quad.create(
                g, part, VC_valueCount, NodeFactory.createLiteralDT(Long.toString(count), XSDDatatype.XSDinteger)));
    }

    /** The IRI of the rollup of a meter, quantity and local day, whether the store holds it or not. */
    public static String rollupIri(String meterIri, String quantityIri, LocalDate day) {
        return meterIri + "/rollup/" + quantityIri.substring(quantityIri.lastIndexOf('#') + 1) + "/" + day;
    }

    private static final class Parts {
        final Node graph;
        final LocalDate day;
        int count = 1;

        Parts(Node graph, LocalDate day) {
            this.graph = graph;
            this.day = day;
        }
    }

    /** A complete observation found among the quads, with the local day of its result time. */
    record Reading(
            Node graph,
            Node observation,
            Node meter,
            Node quantity,
            Node feature,
            BigDecimal value,
            Instant at,
            LocalDate day) {

        /** The rollup it belongs to: one per meter, quantity and day. */
        Key key() {
            return new Key(meter, quantity, day);
        }
    }

    record Key(Node meter, Node quantity, LocalDate day) {

        Node rollup() {
            return NodeFactory.createURI(rollupIri(meter.getURI(), quantity.getURI(), day));
        }
    }

    /** The instant a result time stands for: with its offset, or in the platform's zone without one. */
    private Instant instant(String lexical) {
        try {
            return OffsetDateTime.parse(lexical).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(lexical).atZone(zone).toInstant();
        }
    }

    private Map<Node, Reading> readings(Collection<Quad> quads) {
        Map<String, Instant> instants = new HashMap<>(); // readings of one batch share their times
        Map<Instant, LocalDate> days = new HashMap<>();
        Map<Node, Fields> bySubject = new LinkedHashMap<>();
        for (Quad q : quads) {
            Node p = q.getPredicate();
            int field =
                    p.equals(RDF_TYPE) ? (q.getObject().equals(OBSERVATION) ? 0 : -1) : READING_PREDICATES.indexOf(p);
            if (field >= 0) {
                Fields f = bySubject.computeIfAbsent(q.getSubject(), k -> new Fields());
                if (field == 0) {
                    f.graph = q.getGraph();
                } else {
                    f.values[field] = q.getObject();
                }
            }
        }
        Map<Node, Reading> readings = new LinkedHashMap<>();
        for (Map.Entry<Node, Fields> e : bySubject.entrySet()) {
            Fields f = e.getValue();
            Node meter = f.values[1], quantity = f.values[2], feature = f.values[3], value = f.values[4];
            Node time = f.values[5];
            Node interval = f.values[6];
            if (f.graph == null
                    || meter == null
                    || quantity == null
                    || feature == null
                    || value == null
                    || time == null
                    || !value.isLiteral()
                    || !time.isLiteral()
                    || !meter.isURI()
                    || !quantity.isURI()) {
                continue; // not a complete reading: the shapes reject it elsewhere; it has no rollup
            }
            if (!selection.rollsUp(quantity, interval)) {
                continue; // committed, not rolled up
            }
            BigDecimal v;
            Instant at;
            LocalDate day;
            try {
                v = new BigDecimal(value.getLiteralLexicalForm());
                // An amount belongs to its interval's day (a day's consumption is produced the next
                // morning): the beginning of {base}id/interval/{start}/{duration}; a register or
                // instantaneous value to the day of its result time.
                String start = intervalStart(interval);
                at = instants.computeIfAbsent(start != null ? start : time.getLiteralLexicalForm(), this::instant);
                day = days.computeIfAbsent(at, i -> i.atZone(zone).toLocalDate());
            } catch (NumberFormatException | DateTimeParseException notAReading) {
                continue;
            }
            readings.put(e.getKey(), new Reading(f.graph, e.getKey(), meter, quantity, feature, v, at, day));
        }
        return readings;
    }

    /** The start of an interval IRI {@code …/id/interval/{start}/{duration}}, or null for anything else. */
    static String intervalStart(Node interval) {
        if (interval == null || !interval.isURI()) {
            return null;
        }
        String iri = interval.getURI();
        int marker = iri.lastIndexOf("/id/interval/");
        int slash = iri.lastIndexOf('/');
        if (marker < 0 || slash <= marker + "/id/interval/".length()) {
            return null;
        }
        return iri.substring(marker + "/id/interval/".length(), slash);
    }

    private static final Node RDF_TYPE = RDF.type.asNode();
    private static final Node OBSERVATION = SOSA.Observation.asNode();
    /** Index i holds the predicate of {@code Fields.values[i]}; 0 is the type. */
    private static final List<Node> READING_PREDICATES = java.util.Arrays.asList(
            RDF_TYPE,
            SOSA.madeBySensor.asNode(),
            SOSA.observedProperty.asNode(),
            SOSA.hasFeatureOfInterest.asNode(),
            SOSA.hasSimpleResult.asNode(),
            SOSA.resultTime.asNode(),
            SOSA.phenomenonTime.asNode());

    /** What a batch says of one subject that a reading needs; graph is set when it is typed an observation. */
    private static final class Fields {
        Node graph;
        final Node[] values = new Node[7];
    }

    /** Those of the subjects the store holds typed {@code type}, each looked up in the graph given with it. */
    private Set<Node> typedInStore(Map<Node, Node> graphOfSubject, Node type) {
        List<Quad> typed = graphOfSubject.entrySet().stream()
                .map(e -> Quad.create(e.getValue(), e.getKey(), RDF.type.asNode(), type))
                .toList();
        return store.contained(typed).stream().map(Quad::getSubject).collect(Collectors.toSet());
    }

    /**
     * Every territorial unit a feature belongs to: the feature itself when it is one (a building
     * observed by a building-level meter), its building (for a space of one), then up by vc:partOf.
     * Walks the territory's links in memory, loaded once, and again when a feature is not in them
     * (a dwelling added since).
     */
    private Map<Node, List<Node>> areas(Collection<Node> features) {
        if (features.isEmpty()) {
            return Map.of();
        }
        if (up == null || !features.stream().allMatch(up::containsKey)) {
            Map<Node, List<Node>> links = new HashMap<>();
            Set<Node> units = new HashSet<>();
            store.select("SELECT ?x ?y ?unit { { ?x <https://saref.etsi.org/saref4bldg/isSpaceOf> ?y } UNION { ?x <"
                            + VC_NS + "partOf> ?y BIND(true AS ?unit) } }")
                    .rows()
                    .forEach(row -> {
                        links.computeIfAbsent(row.get("x"), k -> new ArrayList<>())
                                .add(row.get("y"));
                        if (row.get("unit") != null) {
                            units.add(row.get("x"));
                        }
                    });
            up = links;
            territorialUnits = units;
        }
        Map<Node, List<Node>> areas = new HashMap<>();
        for (Node f : features) {
            Set<Node> seen = new java.util.LinkedHashSet<>();
            if (territorialUnits.contains(f)) {
                seen.add(f);
            }
            java.util.Deque<Node> todo = new java.util.ArrayDeque<>(up.getOrDefault(f, List.of()));
            while (!todo.isEmpty()) {
                Node a = todo.pop();
                if (seen.add(a)) {
                    todo.addAll(up.getOrDefault(a, List.of()));
                }
            }
            areas.put(f, new ArrayList<>(seen));
        }
        return areas;
    }

    private static List<List<Node>> chunks(Collection<Node> nodes) {
        List<Node> all = new ArrayList<>(nodes);
        List<List<Node>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += VALUES_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + VALUES_CHUNK)));
        }
        return chunks;
    }

    /** IRIs written into a query are only ever IRIs of the store's own nodes, checked here. */
    private static String iris(List<Node> nodes) {
        return nodes.stream()
                .peek(n -> {
                    if (!n.isURI() || n.getURI().matches(".*[<>\"{}|^`\\\\\\s].*")) {
                        throw new IllegalArgumentException("not a plain IRI: " + n);
                    }
                })
                .map(n -> "<" + n.getURI() + ">")
                .collect(Collectors.joining(" "));
    }

    /**
     * In canonical form: TDB2 keeps "1.10" and "1.1" as different stored terms but returns "1.1"
     * for both, so a sum written non-canonically could not be removed by the value read back.
     */
    private static Node decimal(BigDecimal d) {
        return NodeFactory.createLiteralDT(
                org.apache.jena.sparql.expr.nodevalue.XSDFuncOp.canonicalDecimalStr(d), XSDDatatype.XSDdecimal);
    }
}
