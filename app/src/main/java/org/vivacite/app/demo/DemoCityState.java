package org.vivacite.app.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Properties;

/**
 * What the data directory remembers of its demo city ({@code {data}/demo/city.properties}): the
 * seed, the number of households and the first simulated day, fixed at the first start so that
 * every later start regenerates the same city; the day up to which its readings are in the
 * private store; and the day up to which the consumption derived from them is ({@code
 * derived-until}), with its rollups. Rewritten atomically.
 */
public final class DemoCityState {

    private final Path file;
    private final long seed;
    private final int households;
    private final LocalDate start;
    private LocalDate loadedUntil;
    private LocalDate derivedUntil;

    private DemoCityState(
            Path file, long seed, int households, LocalDate start, LocalDate loadedUntil, LocalDate derivedUntil) {
        this.file = file;
        this.seed = seed;
        this.households = households;
        this.start = start;
        this.loadedUntil = loadedUntil;
        this.derivedUntil = derivedUntil;
    }

    /** The state kept under {@code data}, or a new one made of these settings (not yet saved). */
    static DemoCityState openOrCreate(Path data, long seed, int households, LocalDate start) {
        return of(data).orElseGet(() -> new DemoCityState(file(data), seed, households, start, null, null));
    }

    private static Path file(Path data) {
        return data.resolve("demo").resolve("city.properties");
    }

    long seed() {
        return seed;
    }

    int households() {
        return households;
    }

    LocalDate start() {
        return start;
    }

    /**
     * The state of the demo city a data directory holds, if it holds one (for commands run while
     * the server is stopped).
     */
    public static Optional<DemoCityState> of(Path data) {
        Path file = file(data);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            String until = p.getProperty("loaded-until");
            String derived = p.getProperty("derived-until");
            return Optional.of(new DemoCityState(
                    file,
                    Long.parseLong(p.getProperty("seed")),
                    Integer.parseInt(p.getProperty("households")),
                    LocalDate.parse(p.getProperty("start")),
                    until == null ? null : LocalDate.parse(until),
                    derived == null ? null : LocalDate.parse(derived)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " cannot be read (" + e.getMessage()
                    + "): delete it and the private store to generate the demo city anew");
        }
    }

    /** The demo city a data directory holds, regenerated from its state, if it holds one. */
    public static Optional<org.vivacite.simulator.DemoCity> demoCity(Path data) {
        return of(data).map(DemoCityConfiguration::city);
    }

    /** The day before which every reading is in the store, if the history was loaded. */
    public synchronized Optional<LocalDate> loadedUntil() {
        return Optional.ofNullable(loadedUntil);
    }

    /**
     * Another day's readings are in: once the derived history has caught up, the pipeline derives
     * the days the devices report live, so the derived history follows.
     */
    synchronized void loadedUntil(LocalDate day) {
        if (derivedUntil != null && derivedUntil.equals(loadedUntil)) {
            derivedUntil = day;
        }
        loadedUntil = day;
        save();
    }

    /**
     * The day before which the consumption derived from the demo's register history (daily for
     * every register, half-hourly Linky electricity over the latest complete month where the household
     * consented) is in the private store, with its rollups; empty before any was.
     */
    public synchronized Optional<LocalDate> derivedUntil() {
        return Optional.ofNullable(derivedUntil);
    }

    synchronized void derivedUntil(LocalDate day) {
        derivedUntil = day;
        save();
    }

    /** Whether the derived history has caught up with the readings' (rollups flushed). */
    public synchronized boolean derivedHistoryComplete() {
        return derivedUntil != null && loadedUntil != null && !derivedUntil.isBefore(loadedUntil);
    }

    synchronized void save() {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("households", Integer.toString(households));
        p.setProperty("start", start.toString());
        if (loadedUntil != null) {
            p.setProperty("loaded-until", loadedUntil.toString());
        }
        if (derivedUntil != null) {
            p.setProperty("derived-until", derivedUntil.toString());
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "VivaCité demo city: delete with the private store to generate it anew");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
