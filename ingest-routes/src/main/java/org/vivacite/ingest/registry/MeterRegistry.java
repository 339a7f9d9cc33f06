package org.vivacite.ingest.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * The meters the platform knows, kept in one CSV file readable by its owner only (it ties wire ids
 * to dwellings: private data, never published). Readings are matched with it by wire id (and
 * manufacturer where the format has one) or by delivery point, at the reading's time: a replaced
 * meter and its successor are two rows with {@code active_until} and {@code active_from}. Each row
 * also says which gateways may report its meter ({@link #allows}).
 * Thread-safe; changes are written to disk before they are visible.
 */
public final class MeterRegistry {

    private static final Logger log = LoggerFactory.getLogger(MeterRegistry.class);

    private final Path file;
    private final ZoneId zone;
    private final GatewayGroups groups;
    private final List<Consumer<List<RegisteredMeter>>> listeners = new CopyOnWriteArrayList<>();
    /** Rows by (meter id, manufacturer, active_from): importing the same row again replaces it. */
    private Map<String, RegisteredMeter> rows = new LinkedHashMap<>();

    private Map<String, List<RegisteredMeter>> byId = new HashMap<>();
    private Map<String, List<RegisteredMeter>> byUsagePoint = new HashMap<>();

    /** A registry kept in {@code file} (created at the first registration), times read in {@code zone}, no gateway groups. */
    public MeterRegistry(Path file, ZoneId zone) {
        this(file, zone, GatewayGroups.NONE);
    }

    /**
     * A registry kept in {@code file} (created at the first registration), times read in {@code
     * zone}, whose rows may name the gateway groups {@code groups}. Warns of the rows that let any
     * gateway report their meter for want of a {@code gateways} entry, and of the groups named but
     * not configured (no gateway reports through those).
     */
    public MeterRegistry(Path file, ZoneId zone, GatewayGroups groups) {
        this.file = file;
        this.zone = zone;
        this.groups = groups;
        if (file != null && Files.exists(file)) {
            try {
                index(MeterCsv.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the meter registry " + file, e);
            }
            long open = rows.values().stream()
                    .filter(RegisteredMeter::listsNoGateway)
                    .count();
            if (open > 0) {
                log.warn(
                        "The meter registry {} has {} of its {} rows without gateways: any gateway may report"
                                + " those meters. List who reports each in its gateways column"
                                + " (docs/ingest.md#meter-registry).",
                        file,
                        open,
                        rows.size());
            }
            Set<String> undefined = new TreeSet<>();
            rows.values()
                    .forEach(m -> m.gatewayGroups().stream()
                            .filter(g -> !groups.defines(g))
                            .forEach(undefined::add));
            if (!undefined.isEmpty()) {
                log.warn(
                        "The meter registry {} names gateway groups that vivacite.ingest.gateway-groups does not"
                                + " define: {}. No gateway reports through them.",
                        file,
                        undefined);
            }
        }
    }

    /** An empty registry kept in memory only (tests, {@code decode}). */
    public static MeterRegistry inMemory(ZoneId zone) {
        return new MeterRegistry(null, zone);
    }

    /** Called with the rows of every registration, after they are saved (the pipeline replays its quarantine). */
    public void onRegistration(Consumer<List<RegisteredMeter>> listener) {
        listeners.add(listener);
    }

    /**
     * Adds the meters, or replaces the rows with the same meter id, manufacturer and active_from;
     * saves; tells the listeners. Warns of the rows that list no gateways.
     *
     * @throws RegistryException naming the meter, if a row names a gateway group that is not
     *     configured (nothing is registered)
     */
    public void register(Collection<RegisteredMeter> meters) {
        for (RegisteredMeter m : meters) {
            if (m.dwellingOrBuilding() == null && m.dwellingKey() == null) {
                throw new RegistryException("meter " + m.meterId() + " (" + m.manufacturer() + "): its dwelling at BAN"
                        + " address " + m.banId() + " is not found yet (IngestPipeline.register finds it)");
            }
            for (String group : m.gatewayGroups()) {
                if (!groups.defines(group)) {
                    throw new RegistryException("meter " + m.meterId() + " (" + m.manufacturer() + "): gateways names"
                            + " group '" + group + "', which vivacite.ingest.gateway-groups does not define"
                            + (groups.names().isEmpty() ? " (no group is)" : " (it defines " + groups.names() + ")"));
                }
            }
        }
        long open = meters.stream().filter(RegisteredMeter::listsNoGateway).count();
        if (open > 0) {
            log.warn(
                    "{} of the {} meter rows registered list no gateways: any gateway may report those meters"
                            + " (list who reports each in the gateways column, docs/ingest.md#meter-registry)",
                    open,
                    meters.size());
        }
        synchronized (this) {
            Map<String, RegisteredMeter> next = new LinkedHashMap<>(rows);
            for (RegisteredMeter m : meters) {
                next.put(rowKey(m), m);
            }
            save(next.values());
            index(next.values());
        }
        List<RegisteredMeter> copy = List.copyOf(meters);
        listeners.forEach(l -> l.accept(copy));
    }

    /** Every row, in the order they were registered. */
    public synchronized List<RegisteredMeter> all() {
        return List.copyOf(rows.values());
    }

    public synchronized int size() {
        return rows.size();
    }

    /**
     * The meter that sent a reading: by wire id (and manufacturer, when given), else by delivery
     * point; the row active at that time.
     */
    public Optional<RegisteredMeter> find(String wireId, String manufacturer, Instant at) {
        String key = RegisteredMeter.normalise(wireId);
        List<RegisteredMeter> candidates;
        synchronized (this) {
            candidates = byId.getOrDefault(key, byUsagePoint.getOrDefault(key, List.of()));
        }
        for (RegisteredMeter m : candidates) {
            if ((manufacturer == null || manufacturer.equalsIgnoreCase(m.manufacturer())) && m.activeAt(at, zone)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether that gateway may report the meter: the meter's row lists it, or a configured group it
     * is in, or lets any gateway report it ({@link RegisteredMeter#reportedBy}).
     */
    public boolean allows(RegisteredMeter meter, String gateway) {
        return meter.reportedBy(gateway, groups);
    }

    /** Whether any row has that wire id or delivery point, whatever its dates. */
    public synchronized boolean knows(String wireId) {
        String key = RegisteredMeter.normalise(wireId);
        return byId.containsKey(key) || byUsagePoint.containsKey(key);
    }

    private static String rowKey(RegisteredMeter m) {
        return m.key() + "|" + m.manufacturer().toUpperCase(java.util.Locale.ROOT) + "|" + m.activeFrom();
    }

    private void index(Collection<RegisteredMeter> meters) {
        Map<String, RegisteredMeter> nextRows = new LinkedHashMap<>();
        Map<String, List<RegisteredMeter>> ids = new HashMap<>();
        Map<String, List<RegisteredMeter>> points = new HashMap<>();
        for (RegisteredMeter m : meters) {
            nextRows.put(rowKey(m), m);
        }
        for (RegisteredMeter m : nextRows.values()) {
            ids.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
            if (m.usagePointId() != null) {
                points.computeIfAbsent(RegisteredMeter.normalise(m.usagePointId()), k -> new ArrayList<>())
                        .add(m);
            }
        }
        rows = nextRows;
        byId = ids;
        byUsagePoint = points;
    }

    private void save(Collection<RegisteredMeter> meters) {
        if (file == null) {
            return;
        }
        try {
            Path dir = Objects.requireNonNullElse(file.toAbsolutePath().getParent(), Path.of("."));
            OwnerOnly.directories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            OwnerOnly.createFile(tmp);
            Files.writeString(
                    tmp, MeterCsv.write(List.copyOf(meters)), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the meter registry " + file, e);
        }
    }
}
