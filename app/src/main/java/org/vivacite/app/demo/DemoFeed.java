package org.vivacite.app.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.sparql.core.Quad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.ingest.IngestSources;
import org.vivacite.app.security.DemoAccounts;
import org.vivacite.app.security.DemoGateway;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ingest.source.IngestRate;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.portal.consent.PersonalConsents;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Role;
import org.vivacite.portal.incidents.IncidentsProperties;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.feed.FeedException;
import org.vivacite.simulator.feed.FeedSink;
import org.vivacite.simulator.feed.RatePacer;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.output.LiveFeed;
import org.vivacite.simulator.output.SimulationFolder;
import org.vivacite.simulator.rdf.CityRdf;
import org.vivacite.simulator.territory.Territory;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * Brings the demo city to life once the server is up (so {@code /actuator/health} answers at
 * once): registers its devices (meter registry and key file, which describe them in the private
 * store), then writes a year of daily readings of every device, logging its progress; then keeps the devices reporting every half hour, as they
 * would in real time. A later start finds the history in the store ({@code {data}/demo}), catches
 * up the days the server was stopped, and goes on reporting.
 *
 * <p>The history is written as SOSA observations straight into the private store (shaped as the
 * ingest pipeline writes them, same IRIs), which loads a year in about two minutes. Then, in a
 * thread of its own while the devices report live, the consumption derived from that history
 * ({@link #derive}) goes in through the private store's rollups; the demo citizen's dwelling is
 * derived first of all, before the history is loaded ({@link #deriveCitizen}), so that their pages
 * are ready within seconds of a first start. The live
 * readings go through the real sources, as real devices' would: the demo's meters are in the
 * meter registry and their keys in the key file; wM-Bus telegrams are published to the MQTT broker,
 * Linky TIC frames posted over HTTP, SenML packs sent over CoAP, all as gateway {@code demo-city},
 * with the simulator's late and duplicate deliveries.
 */
@Component
@ConditionalOnProperty(name = "vivacite.demo", havingValue = "true")
class DemoFeed implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    private static final Duration LIVE_STEP = Duration.ofMinutes(30);
    /** The most quads of history one transaction takes: about four days of 2 000 households (larger ones were slower). */
    private static final int TRANSACTION_QUADS = 200_000;

    private static final Duration LIVE_CHECK = Duration.ofSeconds(20);
    /**
     * Deliveries per second at most: a half hour's readings of 2 000 dwellings go out in under a
     * minute; below the gateway's ingest rate, which the demo's gateway is held to as any other.
     */
    private static final double LIVE_RATE = 200;

    private final DemoCity city;
    private final DemoCityState state;
    private final QuadStore store;
    private final Pseudonyms pseudonyms;
    private final CityRdf rdf;
    private final MeterRegistry registry;
    private final MeterKeyFile keys;
    private final IngestSources sources;
    private final DemoGateway gateway;
    private final Environment environment;
    private final ObservationMapper mapper;
    private final MeterDayRollups rollups;
    private final StoreEnrolments enrolments;
    private final BuildingAssignments assignments;
    private final DemoAccounts accounts;
    private final PersonalConsents consents;
    private final IncidentsProperties incidents;
    private final double liveRate;
    private Thread deriving;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean stopping;
    private Thread thread;

    DemoFeed(
            DemoCity city,
            DemoCityState state,
            @PrivateStore QuadStore store,
            Pseudonyms pseudonyms,
            VivaciteProperties properties,
            MeterRegistry registry,
            MeterKeyFile keys,
            IngestSources sources,
            DemoGateway gateway,
            Environment environment,
            ObservationMapper mapper,
            MeterDayRollups rollups,
            IngestRate rate,
            StoreEnrolments enrolments,
            BuildingAssignments assignments,
            DemoAccounts accounts,
            PersonalConsents consents,
            IncidentsProperties incidents) {
        this.consents = consents;
        this.incidents = incidents;
        this.mapper = mapper;
        this.enrolments = enrolments;
        this.assignments = assignments;
        this.accounts = accounts;
        // nine tenths of the gateway's rate: the pacer never bursts, and the gateway's burst takes
        // the network's jitter
        this.liveRate = rate.limited() ? Math.min(LIVE_RATE, 0.9 * rate.perSecond()) : LIVE_RATE;
        this.rollups = rollups;
        this.registry = registry;
        this.keys = keys;
        this.sources = sources;
        this.gateway = gateway;
        this.environment = environment;
        this.city = city;
        this.state = state;
        this.store = store;
        this.pseudonyms = pseudonyms;
        this.rdf = new CityRdf(properties.baseIri());
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (thread == null) {
            thread = new Thread(this::run, "demo-city");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        try {
            Simulation simulation = city.simulation();
            LocalDate today = LocalDate.now(DemoCity.ZONE);
            LocalDate loaded = state.loadedUntil().orElse(null);
            // The devices, described in the private store as any city's registered meters are; the
            // territory and dwellings are in already (InitialContent imported them).
            register();
            if (loaded == null) {
                state.save(); // the city's seed, size and first day, fixed from now on
                enrolDemoCitizen();
                assignDemoManager();
                deriveCitizen(today);
                history(simulation, city.start(), today);
            } else {
                enrolDemoCitizen();
                assignDemoManager();
                if (!state.derivedHistoryComplete()) {
                    deriveCitizen(today);
                }
                log.info("Demo city: history already loaded up to {}; replaying the registers", loaded);
                simulation.run(city.start(), loaded, Duration.ofDays(1), r -> {});
                if (loaded.isBefore(today)) {
                    history(simulation, loaded, today);
                }
            }
            if (!state.derivedHistoryComplete()) {
                LocalDate until = state.loadedUntil().orElseThrow();
                Thread t = new Thread(
                        () -> {
                            try {
                                derive(until);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (RuntimeException e) {
                                if (!stopping) {
                                    log.error("Demo city: deriving consumption stopped: {}", e.getMessage(), e);
                                }
                            }
                        },
                        "demo-city-derive");
                t.setDaemon(true);
                synchronized (this) {
                    deriving = t;
                }
                t.start();
            }
            live(simulation, today);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                log.error("Demo city: the feed stopped: {}", e.getMessage(), e);
            }
        }
    }

    /**
     * Enrols the demo citizen, as a person would with the code on their letter, in the dwelling of
     * the first water meter the simulator makes leak (one dwelling in 200: a city of a few hundred
     * households may have none, and then the citizen gets the first dwelling with a water meter,
     * which the log says), moved in on the city's first day so that its history is theirs; then
     * consents, as the person would on the portal, to fine data ({@code PT30M}), so that the
     * incidents page may apply its leak rules to the half hours {@link #derive} writes of that
     * water meter. Once: a later start finds the enrolment.
     */
    private void enrolDemoCitizen() {
        String citizen = accounts.users().get(Role.CITIZEN);
        if (citizen == null || !enrolments.of(citizen, Instant.now()).isEmpty()) {
            return;
        }
        List<Meter> meters = city.fleet().meters();
        List<RegisteredMeter> rows = registeredMeters();
        int chosen = demoCitizenMeter(city);
        boolean leaking =
                chosen >= 0 && city.load().leakStart(meters.get(chosen)).isPresent();
        if (chosen < 0) {
            log.warn("Demo city: no dwelling with a water meter; the demo citizen is enrolled nowhere");
            return;
        }
        String dwelling = mapper.nodes(rows.get(chosen)).featureOfInterest().getURI();
        String code = enrolments
                .generate(
                        List.of(dwelling),
                        Duration.ofHours(1),
                        city.start().atStartOfDay(DemoCity.ZONE).toInstant()) // moved in on its first day
                .get(0)
                .code();
        enrolments.redeem(citizen, code);
        consents.give(citizen, dwelling, Purpose.FINE_DATA, LIVE_STEP, null, null);
        if (leaking) {
            log.info(
                    "Demo city: {} is enrolled in a dwelling whose water meter leaks from {}",
                    citizen,
                    city.load().leakStart(meters.get(chosen)).orElseThrow());
        } else {
            log.info(
                    "Demo city: no water meter of this city leaks ({} households); {} is enrolled in the first"
                            + " dwelling with a water meter",
                    city.territory().dwellings().size(),
                    citizen);
        }
    }

    /**
     * The index in the fleet of the water meter of the demo citizen's dwelling: the first Kamstrup
     * one the simulator makes leak (the meter then reports its own leak alarm beside the rules'
     * incidents), else the first one it makes leak, else the first water meter of a dwelling; -1
     * when there is none.
     */
    static int demoCitizenMeter(DemoCity city) {
        List<Meter> meters = city.fleet().meters();
        for (int i = 0; i < meters.size(); i++) {
            if (city.load().leakStart(meters.get(i)).isPresent()
                    && meters.get(i).manufacturer().equals("KAM")) {
                return i;
            }
        }
        for (int i = 0; i < meters.size(); i++) {
            if (city.load().leakStart(meters.get(i)).isPresent()) {
                return i;
            }
        }
        for (int i = 0; i < meters.size(); i++) {
            if (meters.get(i).device() == Device.WATER_METER && meters.get(i).dwelling() != null) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Assigns the demo building manager the first collective building with heat cost allocators
     * (one with a meter of its own, a plant room's, when there is one), as an operator would with
     * {@code vivacite accounts assign}. Once: a later start finds the assignment.
     */
    private void assignDemoManager() {
        String manager = accounts.users().get(Role.MANAGER);
        if (manager == null || !assignments.buildings(manager).isEmpty()) {
            return;
        }
        List<Meter> meters = city.fleet().meters();
        List<RegisteredMeter> rows = registeredMeters();
        Set<Territory.Building> withPlantRoom = new HashSet<>();
        meters.stream().filter(m -> m.dwelling() == null).forEach(m -> withPlantRoom.add(m.building()));
        int chosen = -1;
        for (int i = 0; i < meters.size(); i++) {
            Meter m = meters.get(i);
            if (m.device() == Device.HEAT_COST_ALLOCATOR
                    && (chosen < 0
                            || !withPlantRoom.contains(meters.get(chosen).building())
                                    && withPlantRoom.contains(m.building()))) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            log.warn("Demo city: no building has heat cost allocators; the demo manager manages none");
            return;
        }
        String building =
                mapper.node("id/building/" + rows.get(chosen).building()).getURI();
        assignments.assign(manager, List.of(building));
        log.info("Demo city: {} manages {}, a building with heat cost allocators", manager, building);
    }

    /**
     * Daily readings from {@code from} up to the start of {@code to}, a day per transaction. The
     * simulation and the store work side by side: one day is written while the next is simulated.
     */
    private void history(Simulation simulation, LocalDate from, LocalDate to) throws InterruptedException {
        long days = to.toEpochDay() - from.toEpochDay();
        long started = System.nanoTime();
        BlockingQueue<Batch> written = new ArrayBlockingQueue<>(2);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread writer = writer("demo-city-writer", written, failure, store::add, day -> {});
        log.info(
                "Demo city: loading {} days of readings of {} devices, {} to {}",
                days,
                city.fleet().meters().size(),
                from,
                to);
        long[] counts = {0, 0}; // readings, days
        List<List<Quad>> batch = new ArrayList<>(List.of(new ArrayList<>()));
        try {
            simulation.run(from, to, Duration.ofDays(1), new Simulation.Listener() {
                @Override
                public void reading(Reading r) {
                    rdf.observation(r, pseudonyms, batch.get(0)::add);
                    rdf.alarm(r, pseudonyms, batch.get(0)::add);
                    counts[0]++;
                }

                @Override
                public void dayDone(LocalDate day) {
                    if (stopping || failure.get() != null || !writer.isAlive()) {
                        throw failure.get() != null ? failure.get() : new IllegalStateException("stopping");
                    }
                    put(written, new Batch(batch.set(0, new ArrayList<>()), null));
                    counts[1]++;
                    if (counts[1] % Math.max(1, days / 10) == 0 || counts[1] == days) {
                        log.info(
                                "Demo city: {} of {} days simulated ({} %), {} readings, {} s",
                                counts[1],
                                days,
                                counts[1] * 100 / days,
                                counts[0],
                                (System.nanoTime() - started) / 1_000_000_000);
                    }
                }
            });
            put(written, new Batch(batch.get(0), null)); // the readings at the start of 'to'
        } finally {
            put(written, END);
            writer.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        state.loadedUntil(to);
        log.info(
                "Demo city: history loaded, {} readings in {} s",
                counts[0],
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Whether a meter is the demo citizen's water meter or a Linky of the same dwelling. */
    private static boolean ofCitizen(Meter m, Meter citizensWater) {
        return m.index() == citizensWater.index()
                || m.device() == Device.LINKY
                        && citizensWater.dwelling() != null
                        && citizensWater.dwelling().equals(m.dwelling());
    }

    /**
     * The meters {@link #derive} reads every half hour up to {@code to}: the Linky meters whose
     * registry row consents to it over the latest complete calendar month, and the demo citizen's
     * water meter and Linky over the incidents' look-back.
     */
    private Simulation.HalfHourly halfHourly(LocalDate to) {
        LocalDate fineTo = to.withDayOfMonth(1);
        LocalDate fineFrom = fineTo.minusMonths(1);
        int chosen = demoCitizenMeter(city);
        Meter citizens = chosen < 0 ? null : city.fleet().meters().get(chosen);
        LocalDate leakRulesFrom = to.minusDays(incidents.lookBackDays());
        return (m, day) -> m.device() == Device.LINKY
                        && "PT30M".equals(m.consent())
                        && !day.isBefore(fineFrom)
                        && day.isBefore(fineTo)
                || citizens != null && ofCitizen(m, citizens) && !day.isBefore(leakRulesFrom);
    }

    /** The registered meter of each device of the fleet, by its index. */
    private Map<Integer, MeterNodes> nodes() {
        Map<Integer, MeterNodes> nodes = new HashMap<>();
        List<Meter> meters = city.fleet().meters();
        List<RegisteredMeter> registered = registeredMeters();
        for (int i = 0; i < meters.size(); i++) {
            nodes.put(meters.get(i).index(), mapper.nodes(registered.get(i)));
        }
        return nodes;
    }

    /**
     * The demo citizen's dwelling first: the consumption derived from the history of its meters up
     * to {@code to}, exactly as {@link #derive} derives it (same IRIs, same half hours), written
     * through the rollups before the register history is loaded and the whole city derived. The
     * citizen's pages (their year, their hours, their leak) are then ready seconds after a first
     * start, not once every household is derived, which takes minutes. {@link #derive} writes the
     * same observations again later; the rollups count a reading once. Only what ends after {@code
     * derived-until} is written, as {@link #derive} does.
     */
    private void deriveCitizen(LocalDate to) {
        int chosen = demoCitizenMeter(city);
        if (chosen < 0) {
            return;
        }
        long started = System.nanoTime();
        Meter water = city.fleet().meters().get(chosen);
        Set<Integer> own = new HashSet<>();
        for (Meter m : city.fleet().meters()) {
            if (m.index() == water.index()
                    || water.dwelling() != null && water.dwelling().equals(m.dwelling())) {
                own.add(m.index());
            }
        }
        Instant after = state.derivedUntil()
                .orElse(city.start())
                .atStartOfDay(DemoCity.ZONE)
                .toInstant();
        Simulation.HalfHourly halfHourly = halfHourly(to);
        List<Quad> quads = new ArrayList<>();
        DemoConsumption consumption =
                new DemoConsumption(mapper, nodes(), city.fleet().meters().size(), halfHourly, after, quads::add);
        city.simulation()
                .run(
                        city.start(),
                        to,
                        Duration.ofDays(1),
                        r -> {
                            if (own.contains(r.meter().index())) {
                                consumption.reading(r);
                            }
                        },
                        (m, day) -> own.contains(m.index()) && halfHourly.test(m, day));
        for (int i = 0; i < quads.size(); i += TRANSACTION_QUADS) {
            rollups.write(quads.subList(i, Math.min(quads.size(), i + TRANSACTION_QUADS)));
        }
        rollups.flush(); // the daily pages read the rollups
        log.info(
                "Demo city: the demo citizen's dwelling derived first, {} consumption observations of {} meters in {} s",
                consumption.derived(),
                own.size(),
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /**
     * The second phase, after the register history: the consumption derived from it as the ingest
     * pipeline derives it ({@link DemoConsumption}), daily for every register and half-hourly
     * ({@code PT30M}) over the latest complete calendar month (the month open data's load profile
     * averages) for the Linky meters whose registry row consents to it, and over the incidents'
     * look-back ({@code vivacite.incidents.look-back-days}, up to {@code to}) for the demo citizen's
     * water meter and Linky (its household consents: {@link #enrolDemoCitizen}; the leak rules and
     * the standby advice need hours), written through the private store's rollups (which roll up the daily
     * amounts), then flushed. Simulates the city again from its first day (registers are cheap);
     * writes only what ends after {@code derived-until}, and records it as each transaction commits,
     * so that a later start goes on where this one stopped.
     */
    private void derive(LocalDate to) throws InterruptedException {
        LocalDate from = state.derivedUntil().orElse(city.start());
        Instant after = from.atStartOfDay(DemoCity.ZONE).toInstant();
        LocalDate fineTo = to.withDayOfMonth(1);
        LocalDate fineFrom = fineTo.minusMonths(1);
        Simulation.HalfHourly halfHourly = halfHourly(to);
        Map<Integer, MeterNodes> nodes = nodes();
        List<Meter> meters = city.fleet().meters();
        long days = to.toEpochDay() - city.start().toEpochDay();
        long started = System.nanoTime();
        BlockingQueue<Batch> written = new ArrayBlockingQueue<>(2);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        // The last day is recorded only once the rollups are flushed (below): until then, whoever reads
        // derived-until as "complete" would find the closed days' sums still in memory.
        Thread writer = writer("demo-city-derive-writer", written, failure, rollups::write, day -> {
            if (day.isBefore(to)) {
                state.derivedUntil(day);
            }
        });
        log.info(
                "Demo city: deriving daily consumption from {} to {} (half-hourly Linky electricity from {}), "
                        + "through the rollups",
                from,
                to,
                fineFrom);
        java.util.Set<Quad> day = new java.util.LinkedHashSet<>(); // shared intervals once a transaction
        DemoConsumption consumption = new DemoConsumption(mapper, nodes, meters.size(), halfHourly, after, day::add);
        long[] done = {0};
        try {
            city.simulation()
                    .run(
                            city.start(),
                            to,
                            Duration.ofDays(1),
                            new Simulation.Listener() {
                                @Override
                                public void reading(Reading r) {
                                    consumption.reading(r);
                                    if (day.size() >= TRANSACTION_QUADS) {
                                        put(written, new Batch(new ArrayList<>(day), null));
                                        day.clear();
                                    }
                                }

                                @Override
                                public void dayDone(LocalDate d) {
                                    if (stopping || failure.get() != null || !writer.isAlive()) {
                                        throw failure.get() != null
                                                ? failure.get()
                                                : new IllegalStateException("stopping");
                                    }
                                    if (!d.isBefore(from)) {
                                        put(written, new Batch(new ArrayList<>(day), d));
                                        day.clear();
                                    }
                                    done[0]++;
                                    if (done[0] % Math.max(1, days / 10) == 0 || done[0] == days) {
                                        log.info(
                                                "Demo city: deriving daily consumption… {} of {} days, {} observations, {} s",
                                                done[0],
                                                days,
                                                consumption.derived(),
                                                (System.nanoTime() - started) / 1_000_000_000);
                                    }
                                }
                            },
                            halfHourly::test);
            put(written, new Batch(new ArrayList<>(day), to)); // what the readings at the start of 'to' end
        } finally {
            put(written, END);
            writer.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        rollups.flush();
        state.derivedUntil(to);
        log.info(
                "Demo city: derived history complete, {} consumption observations with their rollups in {} s",
                consumption.derived(),
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /** The demo's devices as registry rows, in the fleet's order: only the demo's gateway may report them. */
    private List<RegisteredMeter> registeredMeters() {
        StringBuilder csv = new StringBuilder(SimulationFolder.REGISTRY_HEADER).append('\n');
        for (Meter m : city.fleet().meters()) {
            csv.append(SimulationFolder.registryRow(m, gateway.id())).append('\n');
        }
        return MeterCsv.parse(csv.toString(), "the demo city's fleet");
    }

    /** Quads to commit, and the day before which everything is then committed (or null). */
    private record Batch(List<Quad> quads, LocalDate until) {}

    private static final Batch END = new Batch(List.of(), null);

    /**
     * A thread that commits the batches put in {@code queue} until {@link #END}: batches waiting
     * together go in one transaction, up to {@link #TRANSACTION_QUADS}; after each, {@code
     * committed} learns the latest day it completes. A failure is kept in {@code failure}, and the
     * thread goes on taking (without writing) so that the producer never blocks on a full queue.
     */
    private static Thread writer(
            String name,
            BlockingQueue<Batch> queue,
            AtomicReference<RuntimeException> failure,
            java.util.function.Consumer<List<Quad>> commit,
            java.util.function.Consumer<LocalDate> committed) {
        Thread writer = new Thread(
                () -> {
                    try {
                        boolean done = false;
                        while (!done) {
                            Batch first = queue.take();
                            done = first == END;
                            List<Quad> batch = new ArrayList<>(first.quads());
                            LocalDate until = first.until();
                            while (!done && batch.size() < TRANSACTION_QUADS && queue.peek() != null) {
                                Batch next = queue.take();
                                if (next == END) {
                                    done = true;
                                } else {
                                    batch.addAll(next.quads());
                                    until = next.until() != null ? next.until() : until;
                                }
                            }
                            if (failure.get() == null && !batch.isEmpty()) {
                                try {
                                    commit.accept(batch);
                                    if (until != null) {
                                        committed.accept(until);
                                    }
                                } catch (RuntimeException e) {
                                    failure.set(e);
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        writer.start();
        return writer;
    }

    private static void put(BlockingQueue<Batch> queue, Batch batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Puts the demo's devices in the meter registry and their keys in the key file, as an operator
     * would with {@code vivacite meters import} (once: a later start finds them there, unless their
     * rows changed, such as those of a registry written before its gateways column).
     */
    private void register() {
        List<Meter> meters = city.fleet().meters();
        List<RegisteredMeter> rows = registeredMeters();
        if (new HashSet<>(registry.all()).containsAll(rows)) {
            return;
        }
        Map<String, byte[]> wmbusKeys = new HashMap<>();
        for (Meter m : meters) {
            if (m.key() != null) {
                wmbusKeys.put(m.id(), m.key());
            }
        }
        keys.add(wmbusKeys);
        registry.register(rows);
        log.info(
                "Demo city: {} devices in the meter registry, {} wM-Bus keys in {}",
                meters.size(),
                wmbusKeys.size(),
                keys.file());
    }

    /**
     * From the start of {@code day} on, the readings of every half hour, sent once their time has
     * come through the sources: MQTT (wM-Bus), HTTP (TIC) and CoAP (SenML).
     */
    private void live(Simulation simulation, LocalDate day) throws InterruptedException {
        String host = environment.getProperty("server.address", "127.0.0.1");
        if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        String http = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        try (FeedSink sink = new DemoSinks(sources.embeddedBrokerUrl(), http, sources.coapPort(), gateway)) {
            LiveFeed feed = new LiveFeed(
                    sink,
                    new RatePacer(liveRate),
                    EnumSet.of(WireFormat.WMBUS, WireFormat.TIC, WireFormat.SENML),
                    city.seed(),
                    sent -> {},
                    null); // each reading is handed over once its time has come (below)
            log.info(
                    "Demo city: devices now report every {} minutes, through MQTT, HTTP and CoAP",
                    LIVE_STEP.toMinutes());
            while (!stopping) {
                List<Reading> due = new ArrayList<>();
                simulation.run(day, day.plusDays(1), LIVE_STEP, due::add);
                due.sort(java.util.Comparator.comparing(Reading::time));
                int next = 0;
                while (next < due.size() && !stopping) {
                    Instant now = Instant.now();
                    int sent = 0;
                    try {
                        while (next < due.size() && !due.get(next).time().isAfter(now) && !stopping) {
                            feed.reading(due.get(next++));
                            sent++;
                        }
                    } catch (FeedException e) {
                        log.warn("Demo city: a delivery failed, the feed goes on: {}", e.getMessage());
                    }
                    if (sent > 0) {
                        log.debug("Demo city: {} live readings sent", sent);
                    }
                    if (next < due.size() && stop.await(LIVE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                if (stopping) {
                    return; // the day is not over: a later start sends it again from its midnight
                }
                try {
                    feed.dayDone(day); // the late telegrams due that day
                } catch (FeedException e) {
                    log.warn("Demo city: a late delivery failed: {}", e.getMessage());
                }
                day = day.plusDays(1);
                state.loadedUntil(day);
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        Thread t;
        Thread d;
        synchronized (this) {
            t = thread;
            d = deriving;
        }
        stop.countDown();
        // Not interrupted: an interrupt can close a store's file channels in the middle of a write.
        if (t != null) {
            t.join(60_000);
        }
        if (d != null) {
            d.join(60_000);
        }
    }
}
