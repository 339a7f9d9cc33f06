package org.vivacite.simulator.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Deliveries;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.dso.DataConnect;
import org.vivacite.simulator.dso.DsoCsv;
import org.vivacite.simulator.dso.DsoInterval;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.senml.SenmlPack;
import org.vivacite.simulator.territory.TerritoryFiles;

/**
 * Writes a simulated period into a folder, in the layout the {@code simulate} command promises
 * (docs/simulator.md):
 *
 * <pre>
 * territory/                        the territory in the national formats 'territory import' reads
 *                                   (TerritoryFiles); its dwellings.csv owner-only
 * meters.csv                        the device registry (no keys), owner-only
 * keys.csv                          meter_id,key_hex of every wireless M-Bus device, kept apart, owner-only
 * wmbus/{day}.hex                   telegrams delivered that day, one in hex per line
 * tic/{meter_id}.tic                each energy box's raw TIC byte stream
 * senml/{day}.json                  one SenML pack a day with every sensor's readings
 * csv/{day}.csv                     the DSO's intervals of that day
 * dataconnect/{prm}-{month}.json    a Data Connect meter_reading per delivery point and month
 * </pre>
 */
public final class SimulationFolder implements Simulation.Listener, AutoCloseable {

    private final Path out;
    private final Set<WireFormat> formats;
    private final Payloads payloads;
    private final Deliveries deliveries;
    private final TreeMap<LocalDate, StringBuilder> telegrams = new TreeMap<>();
    private final Map<Meter, OutputStream> tic = new LinkedHashMap<>();
    private final Map<String, SenmlPack> senml = new TreeMap<>();
    private final Map<LocalDate, StringBuilder> csv = new TreeMap<>();
    private final Map<Meter, List<DsoInterval>> dataConnect = new LinkedHashMap<>();
    private long readings;

    private SimulationFolder(Path out, Set<WireFormat> formats, DemoCity city) {
        this.out = out;
        this.formats = formats;
        this.payloads = new Payloads(DemoCity.ZONE);
        this.deliveries = new Deliveries(city.seed());
    }

    /**
     * Writes the city's territory and registry, then the readings from {@code from} to {@code to}
     * (excluded) in the chosen formats.
     *
     * @param gateway the gateway that reports every device: the registry lets it, and only it
     *     (its {@code gateways} column)
     * @return how many readings the devices reported
     */
    public static long write(
            DemoCity city, Path out, LocalDate to, Duration step, Set<WireFormat> formats, String gateway)
            throws IOException {
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("output folder " + out + " is not empty: give a new or empty folder");
                }
            }
        }
        Files.createDirectories(out);
        TerritoryFiles.write(city.territory(), out.resolve(TERRITORY));
        writeRegistry(city, out, gateway);
        for (WireFormat f : formats) {
            Files.createDirectories(out.resolve(f.path()));
        }
        try (SimulationFolder folder = new SimulationFolder(out, EnumSet.copyOf(formats), city)) {
            city.simulation().run(city.start(), to, step, folder);
            return folder.readings;
        }
    }

    /** The folder of the territory's files. */
    public static final String TERRITORY = "territory";

    /** The header of {@code meters.csv}, the registry's columns (docs/ingest.md). */
    public static final String REGISTRY_HEADER = "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,"
            + "wire_format,building,usage_point_id,consent,active_from,active_until,gateways";

    /**
     * A device's row of {@code meters.csv}, as {@code vivacite meters import} reads it.
     *
     * @param gateway the gateway that reports it, the only one the registry lets
     */
    public static String registryRow(Meter m, String gateway) {
        return String.join(
                ",",
                m.id(),
                m.manufacturer(),
                m.device().fluid,
                m.dwellingOrBuilding(),
                m.device().csvName(),
                m.device().quantity,
                m.device().wire.path(),
                m.building().rnb(),
                orEmpty(m.usagePointId()),
                m.consent(),
                orEmpty(m.activeFrom()),
                orEmpty(m.activeUntil()),
                gateway);
    }

    private static void writeRegistry(DemoCity city, Path out, String gateway) throws IOException {
        StringBuilder meters = new StringBuilder(REGISTRY_HEADER).append('\n');
        StringBuilder keys = new StringBuilder("meter_id,key_hex\n");
        for (Meter m : city.fleet().meters()) {
            meters.append(registryRow(m, gateway)).append('\n');
            if (m.key() != null) {
                keys.append(m.id())
                        .append(',')
                        .append(HexFormat.of().formatHex(m.key()))
                        .append('\n');
            }
        }
        ownerOnly(out.resolve("meters.csv"), meters);
        ownerOnly(out.resolve("keys.csv"), keys);
    }

    /** Private data (serials, delivery points, dwellings, keys): readable by the owner only where the file system can say so. */
    private static void ownerOnly(Path file, CharSequence text) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String orEmpty(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public void reading(Reading r) {
        readings++;
        Meter m = r.meter();
        LocalDate day = r.time().atZone(DemoCity.ZONE).toLocalDate();
        switch (m.device().wire) {
            case WMBUS -> {
                if (formats.contains(WireFormat.WMBUS)) {
                    String line = Payloads.hex(payloads.telegram(r)) + "\n";
                    telegrams
                            .computeIfAbsent(deliveries.deliveryDay(r, DemoCity.ZONE), d -> new StringBuilder())
                            .append(line.repeat(deliveries.copies(r)));
                }
            }
            case TIC -> {
                if (formats.contains(WireFormat.TIC) && Payloads.hasTicBox(m)) {
                    write(tic.computeIfAbsent(m, this::ticStream), payloads.ticFrame(r));
                }
            }
            case SENML -> {
                if (formats.contains(WireFormat.SENML)) {
                    Instant start = day.atStartOfDay(DemoCity.ZONE).toInstant();
                    senml.computeIfAbsent(
                                    day.toString(),
                                    d -> new SenmlPack()
                                            .baseTime(start.getEpochSecond())
                                            .baseUnit("Cel"))
                            .add(
                                    Payloads.senmlBaseName(m) + "temperature",
                                    null,
                                    r.instant(),
                                    r.time().getEpochSecond() - start.getEpochSecond());
                }
            }
            default -> throw new IllegalStateException("no file for " + m.device().wire);
        }
    }

    @Override
    public void interval(Meter meter, Instant start, Duration length, double wattHours) {
        DsoInterval i = payloads.dso(meter, start, length, wattHours);
        if (formats.contains(WireFormat.CSV)) {
            csv.computeIfAbsent(i.start().toLocalDate(), d -> new StringBuilder(DsoCsv.HEADER))
                    .append(DsoCsv.row(i));
        }
        if (formats.contains(WireFormat.DATACONNECT)) {
            dataConnect.computeIfAbsent(meter, k -> new ArrayList<>()).add(i);
        }
    }

    @Override
    public void dayDone(LocalDate day) {
        while (!telegrams.isEmpty() && !telegrams.firstKey().isAfter(day)) {
            Map.Entry<LocalDate, StringBuilder> e = telegrams.pollFirstEntry();
            append(out.resolve("wmbus").resolve(e.getKey() + ".hex"), e.getValue());
        }
        SenmlPack pack = senml.remove(day.toString());
        if (pack != null) {
            writeFile(out.resolve("senml").resolve(day + ".json"), pack.json());
        }
        StringBuilder rows = csv.remove(day);
        if (rows != null) {
            writeFile(out.resolve("csv").resolve(day + ".csv"), rows.toString().getBytes(StandardCharsets.US_ASCII));
        }
        if (day.plusDays(1).getDayOfMonth() == 1) {
            flushDataConnect();
        }
    }

    private void flushDataConnect() {
        for (Map.Entry<Meter, List<DsoInterval>> e : dataConnect.entrySet()) {
            List<DsoInterval> intervals = e.getValue();
            if (intervals.isEmpty()) {
                continue;
            }
            LocalDate first = intervals.get(0).start().toLocalDate();
            LocalDate last = intervals.get(intervals.size() - 1).start().toLocalDate();
            String name = e.getKey().usagePointId() + "-" + YearMonth.from(first) + ".json";
            writeFile(
                    out.resolve("dataconnect").resolve(name),
                    DataConnect.meterReading(e.getKey().usagePointId(), first, last.plusDays(1), intervals));
            intervals.clear();
        }
    }

    private OutputStream ticStream(Meter m) {
        try {
            return new BufferedOutputStream(
                    Files.newOutputStream(out.resolve("tic").resolve(m.id() + ".tic")), 4096);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        // Telegrams delivered after the period (the last readings, late ones) and what a month left.
        for (Map.Entry<LocalDate, StringBuilder> e : telegrams.entrySet()) {
            append(out.resolve("wmbus").resolve(e.getKey() + ".hex"), e.getValue());
        }
        telegrams.clear();
        for (String day : new ArrayList<>(senml.keySet())) {
            writeFile(
                    out.resolve("senml").resolve(day + ".json"),
                    senml.remove(day).json());
        }
        flushDataConnect();
        for (OutputStream s : tic.values()) {
            s.close();
        }
    }

    private static void write(OutputStream s, byte[] bytes) {
        try {
            s.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, CharSequence text) {
        try {
            Files.writeString(
                    file,
                    text,
                    StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFile(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
