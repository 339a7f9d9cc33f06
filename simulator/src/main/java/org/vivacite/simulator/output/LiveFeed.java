package org.vivacite.simulator.output;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Deliveries;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.dso.DataConnect;
import org.vivacite.simulator.dso.DsoCsv;
import org.vivacite.simulator.dso.DsoInterval;
import org.vivacite.simulator.feed.FeedSink;
import org.vivacite.simulator.feed.RatePacer;
import org.vivacite.simulator.meters.Meter;

/**
 * Sends a simulation's output to a running platform as its devices and gateways would, one
 * delivery at a time, at most at the pacer's rate: a wireless M-Bus telegram (hex line), a TIC
 * frame of a household's energy box, a sensor's SenML pack, and at the end of each simulated day the
 * DSO's CSV for that day and a Data Connect {@code meter_reading} per delivery point. Late
 * telegrams go with a later day's; duplicated ones go twice. With a clock, nothing is sent before
 * its time (a platform refuses readings from the future): a reading once the clock reaches it, a
 * day's DSO files once the day is over.
 */
public final class LiveFeed implements Simulation.Listener {

    private final FeedSink sink;
    private final RatePacer pacer;
    private final Set<WireFormat> formats;
    private final Payloads payloads = new Payloads(DemoCity.ZONE);
    private final Deliveries deliveries;
    private final TreeMap<LocalDate, List<byte[]>> lateTelegrams = new TreeMap<>();
    private final List<DsoInterval> dayIntervals = new ArrayList<>();
    private final Consumer<Long> progress;
    private final Clock clock;
    /** With a clock: the readings simulated and not yet sent, sent in time order at the end of their day. */
    private final List<Reading> held = new ArrayList<>();

    private long sent;

    /**
     * @param progress told the number of deliveries sent so far, after each simulated day
     * @param clock when given, each delivery waits until the clock has reached the time it carries;
     *     null sends at once, at the pacer's rate (a period that is over, or a caller that hands over
     *     each reading when it is due)
     */
    public LiveFeed(
            FeedSink sink, RatePacer pacer, Set<WireFormat> formats, long seed, Consumer<Long> progress, Clock clock) {
        this.sink = sink;
        this.pacer = pacer;
        this.formats = EnumSet.copyOf(formats);
        this.deliveries = new Deliveries(seed);
        this.progress = progress;
        this.clock = clock;
    }

    public long sent() {
        return sent;
    }

    @Override
    public void reading(Reading r) {
        if (clock == null) {
            deliver(r);
        } else {
            held.add(r);
        }
    }

    private void deliver(Reading r) {
        Meter m = r.meter();
        if (!formats.contains(m.device().wire)) {
            return;
        }
        switch (m.device().wire) {
            case WMBUS -> {
                byte[] line = (Payloads.hex(payloads.telegram(r)) + "\n").getBytes(StandardCharsets.US_ASCII);
                boolean late = deliveries.delayDays(r) > 0;
                for (int i = 0; i < deliveries.copies(r); i++) {
                    if (late) {
                        lateTelegrams
                                .computeIfAbsent(deliveries.deliveryDay(r, DemoCity.ZONE), d -> new ArrayList<>())
                                .add(line);
                    } else {
                        send(WireFormat.WMBUS, WireFormat.WMBUS.mediaType(), line);
                    }
                }
            }
            case TIC -> {
                if (Payloads.hasTicBox(m)) {
                    send(WireFormat.TIC, WireFormat.TIC.mediaType(), payloads.ticFrame(r));
                }
            }
            case SENML ->
                send(
                        WireFormat.SENML,
                        WireFormat.SENML.mediaType(),
                        payloads.senml(r).json());
            default -> throw new IllegalStateException("no live delivery for " + m.device().wire);
        }
    }

    @Override
    public void interval(Meter meter, Instant start, Duration length, double wattHours) {
        if (formats.contains(WireFormat.CSV) || formats.contains(WireFormat.DATACONNECT)) {
            dayIntervals.add(payloads.dso(meter, start, length, wattHours));
        }
    }

    @Override
    public void dayDone(LocalDate day) {
        release();
        while (!lateTelegrams.isEmpty() && !lateTelegrams.firstKey().isAfter(day)) {
            for (byte[] line : lateTelegrams.pollFirstEntry().getValue()) {
                send(WireFormat.WMBUS, WireFormat.WMBUS.mediaType(), line);
            }
        }
        if (!dayIntervals.isEmpty()) {
            waitUntil(day.plusDays(1).atStartOfDay(DemoCity.ZONE).toInstant()); // the day's intervals are over
            if (formats.contains(WireFormat.CSV)) {
                send(
                        WireFormat.CSV,
                        WireFormat.CSV.mediaType(),
                        DsoCsv.file(dayIntervals).getBytes(StandardCharsets.US_ASCII));
            }
            if (formats.contains(WireFormat.DATACONNECT)) {
                Map<String, List<DsoInterval>> byPoint = new LinkedHashMap<>();
                dayIntervals.forEach(i -> byPoint.computeIfAbsent(i.usagePointId(), k -> new ArrayList<>())
                        .add(i));
                byPoint.forEach((point, intervals) -> send(
                        WireFormat.DATACONNECT,
                        WireFormat.DATACONNECT.mediaType(),
                        DataConnect.meterReading(point, day, day.plusDays(1), intervals)));
            }
            dayIntervals.clear();
        }
        progress.accept(sent);
    }

    /**
     * Sends what is still held back: the readings at the end of the last simulated day, and the
     * telegrams whose late delivery falls after it.
     */
    public void finish() {
        release();
        while (!lateTelegrams.isEmpty()) {
            for (byte[] line : lateTelegrams.pollFirstEntry().getValue()) {
                send(WireFormat.WMBUS, WireFormat.WMBUS.mediaType(), line);
            }
        }
    }

    /** The readings held, in time order, each once its time has come. */
    private void release() {
        held.sort(Comparator.comparing(Reading::time));
        for (Reading r : held) {
            waitUntil(r.time());
            deliver(r);
        }
        held.clear();
    }

    private void waitUntil(Instant time) {
        if (clock == null) {
            return;
        }
        for (Instant now = clock.instant(); now.isBefore(time); now = clock.instant()) {
            try {
                Thread.sleep(Duration.between(now, time).toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.vivacite.simulator.feed.FeedException(
                        "the live feed was interrupted after " + sent + " deliveries");
            }
        }
    }

    private void send(WireFormat format, String contentType, byte[] payload) {
        try {
            pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.vivacite.simulator.feed.FeedException(
                    "the live feed was interrupted after " + sent + " deliveries");
        }
        sink.send(format, contentType, payload);
        sent++;
    }
}
