package org.vivacite.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consumption.ConsumptionDeriver;
import org.vivacite.ingest.consumption.RegisterPoint;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.ReadingKind;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.BatchingWriter;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The ingest pipeline: what every source's payload goes through. Per unit of the payload (a
 * telegram, a frame, a row: {@link Units}) it decodes, checks ({@link ReadingCheck}), matches the
 * meter registry, keeps only what the household's consent allows, maps to observations with their
 * provenance ({@link ObservationMapper}), derives consumption from registers
 * ({@link ConsumptionDeriver}), and writes everything of the payload in one transaction. A
 * gateway may report only the meters whose registry row lets it ({@code foreign-gateway}). The
 * units that cannot be written go to the dead-letter store after the commit, together as one
 * letter, each with its reason; a unit from an unknown meter is quarantined there and replayed when
 * that meter is registered.
 *
 * <p>{@link #accept} returns once the readings are committed and the rejects on disk; when the
 * store fails it throws and nothing is acknowledged (the sender delivers again: writes are
 * idempotent). When the dead-letter store refuses the letter for its total quota it throws {@link
 * org.vivacite.ingest.deadletter.QuotaExceededException}: the readings written stay, and are
 * written again, as they are, when the sender sends the payload again.
 */
public final class IngestPipeline implements Ingest, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    /**
     * Options of the pipeline, with the defaults of docs/ingest.md.
     *
     * @param futureMargin how far ahead of the platform's clock a reading's time may be (a gateway's
     *     clock a little ahead); beyond, {@code future-time}
     */
    public record Options(ZoneId zone, Duration futureMargin, int maxPayload) {
        public static Options defaults() {
            return new Options(ZoneId.of("Europe/Paris"), Duration.ofMinutes(5), 16 << 20);
        }
    }

    private final QuadStore store;
    private final MeterDayRollups rollups;
    private final BatchingWriter writer;
    private final MeterRegistry registry;
    private final DeadLetterStore deadLetters;
    private final ObservationMapper mapper;
    private final Decoders decoders;
    private final ReadingCheck check;
    private final ConsumptionDeriver deriver;
    private final ConsentFilter consent;
    private final Consents consents;
    private final Options options;
    private final Clock clock;
    private volatile IngestListener listener = IngestListener.NONE;
    /** The replay of the registration running on this thread, for {@link #register}. */
    private final ThreadLocal<Replay> lastReplay = new ThreadLocal<>();

    public IngestPipeline(
            QuadStore store,
            MeterRegistry registry,
            DeadLetterStore deadLetters,
            ObservationMapper mapper,
            Decoders decoders,
            Options options,
            Clock clock) {
        this(store, null, registry, deadLetters, mapper, decoders, options, clock);
    }

    /**
     * @param rollups what every transaction of the pipeline commits through, so that it maintains
     *     the rollups of the readings it selects ({@link MeterDayRollups.Selection#dailyConsumption});
     *     null to write straight into the store. Close it after the pipeline.
     */
    public IngestPipeline(
            QuadStore store,
            MeterDayRollups rollups,
            MeterRegistry registry,
            DeadLetterStore deadLetters,
            ObservationMapper mapper,
            Decoders decoders,
            Options options,
            Clock clock) {
        this(
                store,
                rollups,
                registry,
                deadLetters,
                mapper,
                decoders,
                options,
                clock,
                new Consents(store, mapper.base(), clock, new FinerData(store, mapper.quantities(), options.zone())));
    }

    /**
     * @param consents the households' consents, which the consent gate reads; the registry's rows
     *     are imported into them at start and at each registration ({@link Consents#importRegistry})
     */
    public IngestPipeline(
            QuadStore store,
            MeterDayRollups rollups,
            MeterRegistry registry,
            DeadLetterStore deadLetters,
            ObservationMapper mapper,
            Decoders decoders,
            Options options,
            Clock clock,
            Consents consents) {
        this.store = store;
        this.rollups = rollups;
        // no waiting for more: while one transaction commits, the next passes queue up behind it
        this.writer = rollups == null
                ? new BatchingWriter(store, BatchingWriter.DEFAULT_MAX_QUADS, Duration.ZERO)
                : new BatchingWriter(store, BatchingWriter.DEFAULT_MAX_QUADS, Duration.ZERO, rollups::write);
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.decoders = decoders;
        this.check = new ReadingCheck(mapper.quantities(), options.futureMargin());
        this.deriver = new ConsumptionDeriver(mapper, new StoreHistory(store));
        this.consent = new ConsentFilter(mapper.quantities(), options.zone());
        this.consents = consents;
        consents.importRegistry(
                registry.all(), m -> mapper.nodes(m).featureOfInterest().getURI());
        this.options = options;
        this.clock = clock;
        registry.onRegistration(meters -> lastReplay.set(registered(meters)));
        passes.setDaemon(true);
        passes.start();
    }

    public void listener(IngestListener listener) {
        this.listener = listener;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    /** The households' consents the gate reads. */
    public Consents consents() {
        return consents;
    }

    /** Whose meters the dead letters name: for the access log and a household's erasure. */
    public LetterMeters letterMeters() {
        return new LetterMeters(registry, mapper, decoders);
    }

    @Override
    public Outcome accept(Envelope envelope) {
        if (envelope.format() == null) {
            String detail =
                    envelope.source() + " payload from " + envelope.gateway() + " names no format a decoder has";
            return refusedWhole(envelope, envelope.payload().length, false, Reason.UNKNOWN_FORMAT, detail);
        }
        if (envelope.payload().length > options.maxPayload()) {
            return tooLarge(envelope, envelope.payload().length);
        }
        List<Envelope> units = Units.split(envelope);
        Work work = combined(units);
        List<Outcome.Rejection> rejections = new ArrayList<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        if (!work.rejected.isEmpty()) {
            List<Rejected> rejected = inOrder(units, work.rejected);
            String id = deadLetters.put(
                    envelope.withPayload(
                            Units.join(rejected.stream().map(Rejected::unit).toList())),
                    envelope.payload().length,
                    false,
                    DeadLetter.Units.of(
                            rejected.stream().map(Rejected::reason).toList(),
                            rejected.stream()
                                    .limit(DeadLetter.Units.DETAILS)
                                    .map(Rejected::detail)
                                    .toList()));
            for (Rejected r : rejected) {
                listener.rejected(envelope.source(), r.reason);
                reasons.merge(r.reason.id(), 1, Integer::sum);
                if (rejections.size() < DeadLetter.Units.DETAILS) {
                    rejections.add(new Outcome.Rejection(id, r.reason.id(), r.detail));
                }
            }
        }
        listener.accepted(envelope.source(), work.accepted);
        work.withheld.forEach((why, n) -> listener.withheld(envelope.source(), why, n));
        return new Outcome(work.accepted, work.withheld(), work.rejected.size(), reasons, rejections);
    }

    /**
     * Keeps the head of a payload larger than one message may be ({@code options.maxPayload}) as a
     * dead letter of reason {@code too-large}, with the size it had; nothing of it is decoded.
     */
    @Override
    public Outcome tooLarge(Envelope head, long size) {
        String detail = head.formatName() + " payload of " + (size < 0 ? "more than " + options.maxPayload() : size)
                + " bytes is larger than the " + options.maxPayload() + " bytes one message may carry";
        byte[] kept = head.payload().length > options.maxPayload()
                ? Arrays.copyOf(head.payload(), options.maxPayload())
                : head.payload();
        return refusedWhole(head.withPayload(kept), size, true, Reason.TOO_LARGE, detail);
    }

    /** A payload that is one dead letter of one unit (cut: only its head). */
    private Outcome refusedWhole(Envelope envelope, long size, boolean cut, Reason reason, String detail) {
        String id = deadLetters.put(envelope, size, cut, DeadLetter.Units.one(reason, detail));
        listener.rejected(envelope.source(), reason);
        return new Outcome(0, 1, List.of(new Outcome.Rejection(id, reason.id(), detail)));
    }

    /** The rejected units in the order of the payload's units (a pass finds conflicts after the rest). */
    private static List<Rejected> inOrder(List<Envelope> units, List<Rejected> rejected) {
        Map<Envelope, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            position.put(units.get(i), i);
        }
        List<Rejected> sorted = new ArrayList<>(rejected);
        sorted.sort(Comparator.comparingInt(r -> position.get(r.unit)));
        return sorted;
    }

    /**
     * What a replay did: the letters it took inputs from, and of those inputs (units) how many
     * were tried, went through, and were rejected again (still waiting).
     */
    public record Replay(int letters, int tried, int resolved, int failed) {}

    /** Sends every waiting unit of the waiting letters that match through the pipeline again. */
    public Replay replay(Predicate<DeadLetter> filter) {
        return replay(filter, r -> true);
    }

    /**
     * Sends the waiting units of these reasons, of the waiting letters that match, through the
     * pipeline again: a letter's units that go through are marked so, those rejected again keep
     * waiting with their new reason; a letter none of whose units waits any more is moved to
     * {@code replayed/}. A letter of a payload of no known format, or cut to the store's limit, is
     * only counted as tried again: a replay cannot read it.
     */
    public Replay replay(Predicate<DeadLetter> filter, Predicate<Reason> reasons) {
        int letters = 0;
        int tried = 0;
        int resolved = 0;
        for (String id : deadLetters.ids()) {
            Optional<DeadLetter> found = deadLetters.get(id).filter(filter);
            if (found.isEmpty()) {
                continue;
            }
            DeadLetter letter = found.get();
            DeadLetter.Units units = letter.units();
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                if (units.reason(i).filter(reasons).isPresent()) {
                    chosen.add(i);
                }
            }
            if (chosen.isEmpty()) {
                continue;
            }
            letters++;
            tried += chosen.size();
            List<Envelope> all = letter.envelope().format() == null || letter.truncated()
                    ? List.of()
                    : units.size() == 1 ? List.of(letter.envelope()) : Units.split(letter.envelope());
            if (all.size() != units.size()) {
                if (!all.isEmpty()) {
                    log.warn("Dead letter {} cuts into {} units, not {}: not replayed", id, all.size(), units.size());
                }
                deadLetters.retried(letter, units);
                continue;
            }
            Work work = combined(chosen.stream().map(all::get).toList());
            Map<Envelope, Rejected> again = new IdentityHashMap<>();
            work.rejected.forEach(r -> again.put(r.unit, r));
            DeadLetter.Units.Editor edit = units.edit();
            for (int i : chosen) {
                Rejected r = again.get(all.get(i));
                if (r == null) {
                    edit.resolved(i);
                    resolved++;
                } else {
                    edit.rejected(i, r.reason, r.detail);
                }
            }
            DeadLetter.Units after = edit.done();
            if (after.resolved()) {
                deadLetters.resolved(letter, after);
            } else {
                deadLetters.retried(letter, after);
            }
        }
        return new Replay(letters, tried, resolved, tried - resolved);
    }

    /**
     * What a registration did: rows registered, the replay of the inputs quarantined as
     * unknown-meter, and the meters whose dwelling the territory does not know, one line each
     * naming the meter (those found by {@code ban_id} only are not registered).
     */
    public record Registration(int registered, Replay replayed, List<String> unknownDwellings) {
        public Registration {
            unknownDwellings = List.copyOf(unknownDwellings);
        }
    }

    /**
     * Registers the meters ({@link MeterRegistry#register}): saves them, writes their descriptions
     * and replays what was quarantined for want of them, as a registration through the registry
     * does, and says what the replay did. Before, finds the dwelling of each row that names it by
     * its BAN address only (the one dwelling of the territory there, else the row is not
     * registered), and reports each meter whose dwelling is not in a building of the territory.
     */
    public Registration register(Collection<RegisteredMeter> meters) {
        List<RegisteredMeter> rows = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (RegisteredMeter m : meters) {
            if (m.buildingLevel()) {
                rows.add(m);
            } else if (m.dwellingOrBuilding() == null && m.dwellingKey() == null) {
                List<String> found = dwellingsAt(m.banId());
                if (found.size() == 1) {
                    rows.add(m.withDwellingKey(found.get(0)));
                } else {
                    unknown.add("meter " + m.meterId() + " (" + m.manufacturer() + "): "
                            + (found.isEmpty() ? "no dwelling" : found.size() + " dwellings") + " at BAN address "
                            + m.banId() + ": not registered (give its dwelling_or_building)");
                }
            } else {
                if (!placed(m)) {
                    unknown.add("meter " + m.meterId() + " (" + m.manufacturer() + "): dwelling "
                            + (m.dwellingOrBuilding() != null ? m.dwellingOrBuilding() : m.dwellingKey())
                            + " is in no building of the territory: registered, its readings are in no area until"
                            + " the dwelling is imported");
                }
                rows.add(m);
            }
        }
        try {
            if (!rows.isEmpty()) {
                registry.register(rows);
            }
            Replay r = lastReplay.get();
            return new Registration(rows.size(), r == null ? new Replay(0, 0, 0, 0) : r, unknown);
        } finally {
            lastReplay.remove();
        }
    }

    /** The pseudonyms of the dwellings (s4bldg:isSpaceOf) of the buildings with that BAN address. */
    private List<String> dwellingsAt(String banId) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT DISTINCT ?d { GRAPH ?t { ?b skos:notation ?address }"
                        + " GRAPH ?g { ?d a vc:Dwelling ; s4bldg:isSpaceOf ?b } }",
                Namespaces.prefixes());
        q.setLiteral("address", banId, NodeFactory.getType(Namespaces.VC + "BanAddressKey"));
        String prefix = mapper.node("dwelling/").getURI();
        List<String> keys = new ArrayList<>();
        for (Map<String, Node> row : store.select(q.toString()).rows()) {
            String d = row.get("d").getURI();
            if (d.startsWith(prefix)) {
                keys.add(d.substring(prefix.length()));
            }
        }
        return keys;
    }

    /**
     * Whether a dwelling meter's dwelling is in a building of the territory: the building its row
     * names, else the one the store says the dwelling is a space of.
     */
    private boolean placed(RegisteredMeter m) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                m.building() != null
                        ? "ASK { GRAPH ?t { ?b a s4bldg:Building } }"
                        : "ASK { GRAPH ?g { ?d s4bldg:isSpaceOf ?b } GRAPH ?t { ?b a s4bldg:Building } }",
                Namespaces.prefixes());
        if (m.building() != null) {
            q.setIri("b", mapper.node("id/building/" + m.building()).getURI());
        } else {
            q.setIri("d", mapper.node("dwelling/" + mapper.dwellingKey(m)).getURI());
        }
        return store.ask(q.toString());
    }

    /** Writes the registered meters' descriptions, then replays what was quarantined for want of them. */
    private Replay registered(List<RegisteredMeter> meters) {
        List<Quad> quads = new ArrayList<>();
        for (RegisteredMeter m : meters) {
            mapper.describe(m, quads::add);
        }
        write(quads, List.of()).join();
        consents.importRegistry(meters, m -> mapper.nodes(m).featureOfInterest().getURI());
        decoders.refreshKeys();
        Predicate<Reason> quarantined = r -> r == Reason.UNKNOWN_METER || r == Reason.MISSING_KEY;
        Replay r = replay(l -> l.waits(Reason.UNKNOWN_METER) || l.waits(Reason.MISSING_KEY), quarantined);
        if (r.tried() > 0) {
            log.info(
                    "Registered {} meters: {} quarantined inputs replayed, {} written, {} still waiting",
                    meters.size(),
                    r.tried(),
                    r.resolved(),
                    r.failed());
        }
        return r;
    }

    /** The finest step the household of a meter consents to at that instant (the consent graph). */
    private Duration step(RegisteredMeter meter, Instant at) {
        return consents.step(mapper.nodes(meter).featureOfInterest().getURI(), at);
    }

    private record Rejected(Envelope unit, Reason reason, String detail) {}

    /** A unit's readings the consent kept, mapped and ready to be written. */
    private record Mapped(Envelope unit, int readings, List<Quad> quads, List<Quad> values) {}

    private static final class Work {
        /** Readings written (or already stored): those the consent kept, of the units not refused. */
        int accepted;
        /** Readings the consent did not keep, by reason. */
        final Map<String, Integer> withheld = new LinkedHashMap<>();

        int withheld() {
            return withheld.values().stream().mapToInt(Integer::intValue).sum();
        }

        final List<Rejected> rejected = new ArrayList<>();
    }

    /** A caller's units waiting to be processed, with the work they come to. */
    private record Pending(List<Envelope> units, Work work, CompletableFuture<Void> done) {}

    /** The most units one pass takes from the callers waiting. */
    private static final int PASS_UNITS = 5_000;

    private static final Pending STOP = new Pending(List.of(), new Work(), new CompletableFuture<>());

    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread passes = new Thread(this::passes, "vivacite-ingest-passes");
    private volatile boolean closed;

    /**
     * Processes a caller's units together with those of the callers waiting at the same time: one
     * thread takes all that waits in one pass (one lookup of stored values, one load of register
     * histories, one transaction) and answers each caller when the pass has committed. Sources that
     * call one message at a time from several threads (MQTT, CoAP) so share their store work, as a
     * group commit would; the callers only wait, each woken once.
     */
    private Work combined(List<Envelope> units) {
        Pending mine = new Pending(units, new Work(), new CompletableFuture<>());
        if (closed) {
            throw new StoreException("the ingest pipeline is closed");
        }
        pending.add(mine);
        if (closed) {
            mine.done().completeExceptionally(new StoreException("the ingest pipeline is closed"));
        }
        try {
            mine.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return mine.work();
    }

    /** The pass thread: takes what waits, up to {@link #PASS_UNITS} units, and processes it, until closed. */
    private void passes() {
        while (true) {
            List<Pending> pass = new ArrayList<>();
            try {
                pass.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            int taken = pass.get(0).units().size();
            for (Pending next; taken < PASS_UNITS && (next = pending.poll()) != null; ) {
                pass.add(next);
                taken += next.units().size();
            }
            boolean stop = pass.remove(STOP);
            if (!pass.isEmpty()) {
                long t0 = System.nanoTime();
                try {
                    run(pass);
                } catch (Error e) {
                    pass.forEach(p -> p.done().completeExceptionally(e)); // no caller left waiting
                }
                if (log.isTraceEnabled()) {
                    log.trace(
                            "pass of {} units from {} callers in {} µs",
                            taken,
                            pass.size(),
                            (System.nanoTime() - t0) / 1000);
                }
            }
            if (stop) {
                StoreException closing = new StoreException("the ingest pipeline is closed");
                for (Pending late; (late = pending.poll()) != null; ) {
                    late.done().completeExceptionally(closing);
                }
                return;
            }
        }
    }

    private void run(List<Pending> pass) {
        List<Envelope> units = new ArrayList<>();
        Map<Envelope, Work> owners = new IdentityHashMap<>();
        for (Pending p : pass) {
            for (Envelope unit : p.units()) {
                units.add(unit);
                owners.put(unit, p.work());
            }
        }
        // the callers are answered when the pass is committed; the next pass need not wait for it
        try {
            process(units, owners)
                    .whenComplete((done, failed) -> pass.forEach(p -> {
                        if (failed == null) {
                            p.done().complete(null);
                        } else {
                            p.done()
                                    .completeExceptionally(
                                            failed instanceof CompletionException c && c.getCause() != null
                                                    ? c.getCause()
                                                    : failed);
                        }
                    }));
        } catch (RuntimeException e) {
            pass.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /**
     * One pass: decodes, checks, maps and derives the units, and hands their quads to the writer.
     *
     * @return completes once they are committed
     */
    private CompletableFuture<Void> process(List<Envelope> units, Map<Envelope, Work> owners) {
        Instant now = clock.instant();
        List<Mapped> mapped = new ArrayList<>();
        Map<MeterNodes, Map<Quantity, List<RegisterPoint>>> registers = new LinkedHashMap<>();
        Map<Envelope, Map<MeterNodes, Map<Quantity, List<RegisterPoint>>>> unitRegisters = new HashMap<>();
        // each payload's readings matched with their meters, for the consent to keep what it allows
        Map<Work, List<ConsentFilter.Matched>> payloads = new LinkedHashMap<>();
        // the step each meter's household consents to now: a withdrawal takes effect at the next pass
        Map<RegisteredMeter, Duration> steps = new HashMap<>();
        List<Envelope> taken = new ArrayList<>();
        for (Envelope unit : units) {
            Decoders.Decoded decoded = decoders.decode(unit);
            List<Decoders.Problem> problems = new ArrayList<>(decoded.problems());
            List<DecodedReading> readings = new ArrayList<>();
            Decoders.Problem fatal = null;
            List<RegisteredMeter> meters = new ArrayList<>();
            for (DecodedReading r : decoded.readings()) {
                DecodedReading timed = r.time() != null
                        ? r
                        : new DecodedReading(
                                r.meterId(),
                                r.manufacturer(),
                                r.quantity(),
                                r.value(),
                                unit.receivedAt(),
                                r.interval(),
                                r.tariffPeriod());
                Optional<Decoders.Problem> wrong = check.check(timed, now);
                if (wrong.isPresent()) {
                    fatal = wrong.get();
                    break;
                }
                Optional<RegisteredMeter> meter = registry.find(timed.meterId(), timed.manufacturer(), timed.time());
                if (meter.isEmpty()) {
                    fatal = new Decoders.Problem(
                            Reason.UNKNOWN_METER,
                            "meter " + timed.meterId()
                                    + (timed.manufacturer() == null ? "" : " (" + timed.manufacturer() + ")")
                                    + (registry.knows(timed.meterId())
                                            ? " is not in service on "
                                                    + timed.time()
                                                            .atZone(options.zone())
                                                            .toLocalDate()
                                            : " is not in the meter registry")
                                    + ": quarantined until it is registered");
                    break;
                }
                if (unit.fromGateway() && !registry.allows(meter.get(), unit.gateway())) {
                    fatal = new Decoders.Problem(
                            Reason.FOREIGN_GATEWAY,
                            "gateway " + unit.gateway() + " may not report meter " + timed.meterId() + " ("
                                    + meter.get().manufacturer()
                                    + "): its row of the meter registry names other gateways");
                    break;
                }
                readings.add(timed);
                meters.add(meter.get());
            }
            if (fatal == null && readings.isEmpty() && !problems.isEmpty()) {
                fatal = problems.get(0);
                problems = problems.subList(1, problems.size());
            }
            if (fatal != null) {
                List<String> details = new ArrayList<>(List.of(fatal.detail()));
                problems.forEach(p -> details.add(p.detail()));
                owners.get(unit).rejected.add(new Rejected(unit, fatal.reason(), String.join("; ", details)));
                continue;
            }
            if (!problems.isEmpty()) {
                owners.get(unit)
                        .rejected
                        .add(new Rejected(
                                unit,
                                problems.get(0).reason(),
                                String.join(
                                        "; ",
                                        problems.stream()
                                                .map(Decoders.Problem::detail)
                                                .toList())));
            }
            List<ConsentFilter.Matched> payload = payloads.computeIfAbsent(owners.get(unit), w -> new ArrayList<>());
            for (int i = 0; i < readings.size(); i++) {
                RegisteredMeter m = meters.get(i);
                payload.add(new ConsentFilter.Matched(
                        unit, readings.get(i), m, steps.computeIfAbsent(m, k -> step(k, now))));
            }
            taken.add(unit);
        }
        // what each household's consent keeps, payload by payload (a step's finer parts are summed within one)
        Map<Envelope, List<ConsentFilter.Matched>> kept = new IdentityHashMap<>();
        payloads.forEach((work, payload) -> {
            ConsentFilter.Kept k = consent.keep(payload);
            kept.putAll(k.byUnit());
            k.withheld().forEach((why, n) -> work.withheld.merge(why.id(), n, Integer::sum));
        });
        for (Envelope unit : taken) {
            List<Quad> quads = new ArrayList<>();
            List<Quad> values = new ArrayList<>();
            Map<Node, Node> receipts = new HashMap<>();
            Map<MeterNodes, Map<Quantity, List<RegisterPoint>>> own = new LinkedHashMap<>();
            List<ConsentFilter.Matched> keptOfUnit = kept.getOrDefault(unit, List.of());
            for (ConsentFilter.Matched c : keptOfUnit) {
                DecodedReading r = c.reading();
                RegisteredMeter m = c.meter();
                MeterNodes n = mapper.nodes(m);
                Node receipt = receipts.computeIfAbsent(n.graph(), g -> mapper.receipt(unit, g, quads::add));
                int before = quads.size();
                Node obs = mapper.observation(n, r, receipt, quads::add);
                for (Quad q : quads.subList(before, quads.size())) {
                    if (q.getSubject().equals(obs) && q.getPredicate().getURI().endsWith("hasSimpleResult")) {
                        values.add(q);
                    }
                }
                Quantity q = mapper.quantities().get(r.quantity());
                if (q.kind() == ReadingKind.CUMULATIVE_REGISTER
                        && q.consumption().isPresent()
                        && r.tariffPeriod() == null) {
                    own.computeIfAbsent(n, k -> new LinkedHashMap<>())
                            .computeIfAbsent(q, k -> new ArrayList<>())
                            .add(new RegisterPoint(r.time(), r.value(), obs));
                }
            }
            mapped.add(new Mapped(unit, keptOfUnit.size(), quads, values));
            unitRegisters.put(unit, own);
        }
        // an observation the store holds, or an earlier unit of the pass gives, with another value:
        // the unit is refused, the value first stored or given kept
        Conflicts conflicts = conflicts(mapped);
        List<Quad> add = new ArrayList<>();
        for (Mapped m : mapped) {
            String conflict = conflicts.units().get(m.unit);
            if (conflict != null) {
                owners.get(m.unit)
                        .rejected
                        .add(new Rejected(
                                m.unit,
                                Reason.CONFLICTING_VALUE,
                                m.unit.format().id() + " input: " + conflict));
                continue;
            }
            add.addAll(m.quads);
            owners.get(m.unit).accepted += m.readings;
            unitRegisters
                    .get(m.unit)
                    .forEach((meter, byQuantity) -> byQuantity.forEach((q, points) -> registers
                            .computeIfAbsent(meter, k -> new LinkedHashMap<>())
                            .computeIfAbsent(q, k -> new ArrayList<>())
                            .addAll(points)));
        }
        List<Quad> remove = new ArrayList<>(conflicts.replaced());
        List<Quad> derived = new ArrayList<>();
        int underived = 0;
        Map<MeterNodes, Map<Quantity, Instant>> earliest = new HashMap<>();
        registers.forEach((meter, byQuantity) -> byQuantity.forEach((q, points) ->
                points.forEach(p -> earliest.computeIfAbsent(meter, k -> new HashMap<>())
                        .merge(q, p.time(), (a, b) -> a.isBefore(b) ? a : b))));
        deriver.prepare(earliest);
        for (var byMeter : registers.entrySet()) {
            boolean hourly =
                    ConsentFilter.hourly(steps.computeIfAbsent(byMeter.getKey().meter(), k -> step(k, now)));
            for (var byQuantity : byMeter.getValue().entrySet()) {
                ConsumptionDeriver.Result d =
                        deriver.derive(byMeter.getKey(), byQuantity.getKey(), byQuantity.getValue(), hourly);
                derived.addAll(d.add());
                remove.addAll(d.remove());
                underived += d.skipped().size();
                d.skipped().forEach(s -> log.debug("No consumption derived: {}", s));
            }
        }
        if (underived > 0) {
            listener.underived(underived);
        }
        add.addAll(unshadowed(derived, add, remove));
        CompletableFuture<Void> committed;
        try {
            committed = write(add, remove);
        } catch (RuntimeException e) {
            registers.keySet().forEach(deriver::forget);
            throw e;
        }
        return committed.whenComplete((done, failed) -> {
            if (failed != null) {
                registers.keySet().forEach(deriver::forget);
            }
        });
    }

    /**
     * The derived quads whose observation no source gave: a consumption the meter's operator
     * published (a DSO's daily energy) is kept as given, and the one derived from the register for
     * the same interval is not written beside it (an observation has one value).
     */
    private List<Quad> unshadowed(List<Quad> derived, List<Quad> given, List<Quad> removed) {
        if (derived.isEmpty()) {
            return derived;
        }
        Set<Node> shadowed = new HashSet<>();
        List<Quad> removedValues = removed.stream()
                .filter(q -> q.getPredicate().equals(ObservationMapper.RESULT))
                .toList();
        List<Quad> derivedTypes = new ArrayList<>();
        List<Quad> derivedValues = new ArrayList<>();
        for (Quad q : derived) {
            if (q.getPredicate().equals(ObservationMapper.TYPE)
                    && q.getObject().equals(ObservationMapper.OBSERVATION)) {
                derivedTypes.add(q);
            } else if (q.getPredicate().equals(ObservationMapper.RESULT)) {
                derivedValues.add(q);
            }
        }
        Set<Node> typesGiven = new HashSet<>();
        for (Quad q : given) {
            if (q.getPredicate().equals(ObservationMapper.TYPE)
                    && q.getObject().equals(ObservationMapper.OBSERVATION)) {
                typesGiven.add(q.getSubject());
            }
        }
        // one lookup for all (the private store serves one read or write at a time)
        List<Quad> asked = new ArrayList<>(removedValues);
        asked.addAll(derivedTypes);
        asked.addAll(derivedValues);
        Set<Quad> stored = store.contained(asked);
        // a derived observation being replaced by its recomputation is ours, not shadowed
        Set<Node> removedObs = new HashSet<>();
        removedValues.stream().filter(stored::contains).forEach(q -> removedObs.add(q.getSubject()));
        Set<Node> sameValue = new HashSet<>();
        derivedValues.stream().filter(stored::contains).forEach(q -> sameValue.add(q.getSubject()));
        for (Quad t : derivedTypes) {
            Node obs = t.getSubject();
            boolean elsewhere = typesGiven.contains(obs) || stored.contains(t) && !removedObs.contains(obs);
            if (elsewhere && !sameValue.contains(obs)) {
                shadowed.add(obs);
            }
        }
        if (shadowed.isEmpty()) {
            return derived;
        }
        return derived.stream().filter(q -> !shadowed.contains(q.getSubject())).toList();
    }

    /**
     * The units refused for a value conflict, each with what conflicts ({@code units}: the
     * observation, its value there and the value kept), and the quads to remove ({@code
     * replaced}). Against the store: a derived consumption is replaced by the value a source gives
     * for the same interval; any other stored value is kept and the unit refused. Within the pass
     * (one payload's units, and those of the payloads taken with it): the first unit to give an
     * observation a value keeps it, a later unit giving it another value is refused, as it would
     * be had it come in a later pass; the same value again is a duplicate, written once. A historic
     * TIC frame carries no time, so frames delivered together are one observation.
     */
    private record Conflicts(Map<Envelope, String> units, List<Quad> replaced) {}

    private Conflicts conflicts(List<Mapped> mapped) {
        List<Quad> values = new ArrayList<>();
        for (Mapped m : mapped) {
            values.addAll(m.values);
        }
        if (values.isEmpty()) {
            return new Conflicts(Map.of(), List.of());
        }
        // the values, and the observations' types: one lookup (the private store serves one read or write at a time)
        List<Quad> asked = new ArrayList<>(values);
        for (Quad v : values) {
            asked.add(Quad.create(v.getGraph(), v.getSubject(), ObservationMapper.TYPE, ObservationMapper.OBSERVATION));
        }
        Set<Quad> present = store.contained(asked);
        Map<Node, Quad> existing = new HashMap<>();
        for (Quad q : present) {
            if (q.getPredicate().equals(ObservationMapper.TYPE)) {
                existing.put(q.getSubject(), q);
            }
        }
        Map<Envelope, String> conflicting = new IdentityHashMap<>();
        List<Quad> replaced = new ArrayList<>();
        // the value each observation has in this pass: that of the first unit giving it that is not refused
        Map<Node, Node> given = new HashMap<>();
        for (Mapped m : mapped) {
            String conflict = null;
            List<Quad> replacing = new ArrayList<>();
            Map<Node, Node> own = new HashMap<>();
            for (Quad v : m.values) {
                Node obs = v.getSubject();
                Node earlier = given.get(obs);
                if (earlier != null) {
                    if (earlier.equals(v.getObject())) {
                        continue; // a duplicate: written once
                    }
                    conflict = describe(obs, v.getObject(), earlier, "of an earlier input written with it (kept)");
                    break;
                }
                Node mine = own.putIfAbsent(obs, v.getObject());
                if (mine != null) {
                    if (mine.equals(v.getObject())) {
                        continue;
                    }
                    conflict = describe(obs, v.getObject(), mine, "also given by this input");
                    break;
                }
                Quad stored = existing.get(obs);
                if (present.contains(v) || stored == null) {
                    continue;
                }
                List<Quad> triples = storedTriples(stored.getGraph(), obs);
                if (triples.stream().anyMatch(q -> q.getPredicate().equals(ObservationMapper.DERIVED_FROM))) {
                    replacing.addAll(triples);
                    continue;
                }
                Node value = triples.stream()
                        .filter(q -> q.getPredicate().equals(ObservationMapper.RESULT))
                        .map(Quad::getObject)
                        .findFirst()
                        .orElse(null);
                conflict = describe(obs, v.getObject(), value, "already stored (kept)");
                break;
            }
            if (conflict == null) {
                given.putAll(own);
                replaced.addAll(replacing);
            } else {
                conflicting.put(m.unit, conflict);
            }
        }
        return new Conflicts(conflicting, replaced);
    }

    /**
     * What conflicts: the value an input gives, the other value and where it is, then the
     * observation (last and short: a dead letter keeps 200 characters of a detail).
     */
    private static String describe(Node obs, Node value, Node other, String where) {
        return lexical(value) + " conflicts with " + (other == null ? "another value" : lexical(other)) + " " + where
                + ", for <" + obs.getURI() + ">";
    }

    private static String lexical(Node value) {
        return value.isLiteral() ? value.getLiteralLexicalForm() : value.toString();
    }

    /** The triples of a stored observation. */
    private List<Quad> storedTriples(Node graph, Node obs) {
        List<Quad> quads = new ArrayList<>();
        for (Map<String, Node> row : store.select(
                        "SELECT ?p ?o WHERE { GRAPH <" + graph.getURI() + "> { <" + obs.getURI() + "> ?p ?o } }")
                .rows()) {
            quads.add(Quad.create(graph, obs, row.get("p"), row.get("o")));
        }
        return quads;
    }

    private CompletableFuture<Void> write(Collection<Quad> add, Collection<Quad> remove) {
        if (add.isEmpty() && remove.isEmpty()) {
            return writer.write(List.of()); // after what earlier passes queued
        }
        if (remove.isEmpty()) {
            return writer.write(add);
        }
        try {
            writer.write(List.of()).join(); // what is pending commits first
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (rollups == null) {
            store.apply(remove, add);
        } else {
            rollups.apply(remove, add);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pending.add(STOP);
            try {
                passes.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.close();
    }
}
