package org.vivacite.ingest.consumption;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ontology.Quantity;

/**
 * Derives interval consumption from the readings of cumulative registers: per day (local midnight
 * to local midnight) for every meter, and per hour for households that consented to an hour or finer.
 * The consumption of an interval is the difference of the register's readings at its two ends;
 * nothing is interpolated.
 *
 * <ul>
 *   <li><b>Gaps:</b> when readings at the boundaries in between are missing, the consumption is
 *       derived over the whole interval between the readings there are ({@code P3D}, {@code PT5H}…)
 *       and marked {@code vc:coversGap true}; when a missing reading arrives later, that interval
 *       is removed and replaced by the two it splits into.
 *   <li><b>Out-of-order arrival:</b> a reading is placed among its neighbours whatever its arrival
 *       order; the result does not depend on it.
 *   <li><b>Rollover:</b> a register that went down from near a power of ten (at least 90 % of it)
 *       wrapped: the consumption is what it counted up to the power of ten plus its new value. Any
 *       other decrease is not consumption: no interval is derived, and {@link Result#skipped} says so.
 *   <li><b>Meter replacement:</b> the old and the new meter are two registry rows, so two series:
 *       no difference is ever taken across them.
 * </ul>
 *
 * Readings are only those taken on a boundary (on the hour; at local midnight). The deriver keeps
 * the recent boundary readings of each register in memory and loads older ones from
 * {@link RegisterHistory} the first time a register's time range is touched. Thread-safe.
 */
public final class ConsumptionDeriver {

    /** Readings kept in memory per register before the oldest are let go. */
    private static final int KEEP = 200;

    private static final Duration LOAD_MARGIN = Duration.ofDays(2);

    private final ObservationMapper mapper;
    private final RegisterHistory history;
    private final ZoneId zone;
    private final Map<String, Series> series = new HashMap<>();

    public ConsumptionDeriver(ObservationMapper mapper, RegisterHistory history) {
        this.mapper = mapper;
        this.history = history;
        this.zone = mapper.zone();
    }

    /** What a new reading changes: quads to add and remove, and intervals that could not be derived. */
    public record Result(List<Quad> add, List<Quad> remove, List<String> skipped) {}

    /**
     * Derives what new readings of a register make known.
     *
     * @param hourly whether hourly consumption is kept too (the household consented)
     */
    public synchronized Result derive(MeterNodes meter, Quantity register, List<RegisterPoint> points, boolean hourly) {
        List<Quad> add = new ArrayList<>();
        List<Quad> remove = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Quantity consumption = mapper.quantities().get(register.consumptionIri());
        Series s = series.computeIfAbsent(meter.pseudonym() + "/" + register.notation(), k -> new Series());
        for (RegisterPoint p : points) {
            s.ensureLoaded(meter, register, p.time());
            if (daily(p.time())) {
                place(s.days, p, meter, consumption, Step.DAY, add, remove, skipped);
            }
            if (hourly && p.time().getEpochSecond() % 3600 == 0) {
                place(s.hours, p, meter, consumption, Step.HOUR, add, remove, skipped);
            }
        }
        s.trim();
        return new Result(add, remove, skipped);
    }

    /** Forgets what is held of a meter's registers (a write failed: the store is the truth). */
    public synchronized void forget(MeterNodes meter) {
        series.keySet().removeIf(k -> k.startsWith(meter.pseudonym() + "/"));
    }

    private enum Step {
        HOUR,
        DAY
    }

    private void place(
            NavigableMap<Instant, RegisterPoint> points,
            RegisterPoint p,
            MeterNodes meter,
            Quantity consumption,
            Step step,
            List<Quad> add,
            List<Quad> remove,
            List<String> skipped) {
        RegisterPoint known = points.get(p.time());
        if (known != null && known.value().compareTo(p.value()) == 0) {
            return; // a redelivery: derived already
        }
        var before = points.lowerEntry(p.time());
        var after = points.higherEntry(p.time());
        if (known != null) {
            // a corrected value at the same time (the pipeline refuses conflicting ones; kept for safety)
            if (before != null) {
                interval(before.getValue(), known, meter, consumption, step, remove::add, null);
            }
            if (after != null) {
                interval(known, after.getValue(), meter, consumption, step, remove::add, null);
            }
        } else if (before != null && after != null) {
            interval(before.getValue(), after.getValue(), meter, consumption, step, remove::add, null);
        }
        points.put(p.time(), p);
        if (before != null) {
            interval(before.getValue(), p, meter, consumption, step, add::add, skipped);
        }
        if (after != null) {
            interval(p, after.getValue(), meter, consumption, step, add::add, skipped);
        }
    }

    private void interval(
            RegisterPoint from,
            RegisterPoint to,
            MeterNodes meter,
            Quantity consumption,
            Step step,
            Consumer<Quad> out,
            List<String> skipped) {
        BigDecimal amount = difference(from.value(), to.value());
        if (amount == null) {
            if (skipped != null) {
                skipped.add(meter.pseudonym() + " " + consumption.notation() + " " + from.time() + "/" + to.time()
                        + ": the register went down from " + from.value().toPlainString() + " to "
                        + to.value().toPlainString() + " (not a rollover)");
            }
            return;
        }
        boolean gap = step == Step.DAY
                ? !from.time()
                        .atZone(zone)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant()
                        .equals(to.time())
                : !from.time().plus(Duration.ofHours(1)).equals(to.time());
        Node obs = mapper.consumptionIri(meter, consumption, from.time(), to.time());
        mapper.consumption(
                meter,
                consumption,
                from.time(),
                to.time(),
                amount,
                gap,
                List.of(from.observation(), to.observation()),
                q -> {
                    // removals take the observation's own triples only: intervals and instants are shared
                    if (skipped != null || q.getSubject().equals(obs)) {
                        out.accept(q);
                    }
                });
    }

    /**
     * What the register counted from {@code a} to {@code b}: their difference, or after a rollover
     * the rest up to the power of ten plus {@code b}; null when the register went down otherwise.
     */
    public static BigDecimal difference(BigDecimal a, BigDecimal b) {
        BigDecimal d = b.subtract(a);
        if (d.signum() >= 0) {
            return d;
        }
        if (a.signum() <= 0) {
            return null;
        }
        BigDecimal modulus = BigDecimal.ONE.scaleByPowerOfTen(a.precision() - a.scale());
        if (a.compareTo(modulus.multiply(new BigDecimal("0.9"))) >= 0
                && b.compareTo(modulus.multiply(new BigDecimal("0.1"))) < 0) {
            return modulus.subtract(a).add(b);
        }
        return null;
    }

    private boolean daily(Instant t) {
        return t.atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    /**
     * Loads, in one go, what the store holds of the registers about to be derived that this
     * deriver has not loaded yet: every reading from two days before the earliest new one on. After
     * that, a register's later readings are all written through this deriver (the pipeline is the
     * private store's only writer of readings), so only a reading older than what was loaded makes
     * it load again.
     */
    public synchronized void prepare(Map<MeterNodes, Map<Quantity, Instant>> earliest) {
        List<RegisterHistory.Request> requests = new ArrayList<>();
        earliest.forEach((meter, byQuantity) -> byQuantity.forEach((register, t) -> {
            Series s = series.get(meter.pseudonym() + "/" + register.notation());
            if (s == null || s.loadedFrom == null || t.isBefore(s.loadedFrom)) {
                requests.add(new RegisterHistory.Request(meter, register, t.minus(LOAD_MARGIN)));
            }
        }));
        if (requests.isEmpty()) {
            return;
        }
        history.load(requests).forEach((request, points) -> {
            Series s = series.computeIfAbsent(
                    request.meter().pseudonym() + "/" + request.register().notation(), k -> new Series());
            s.take(points);
            s.loadedFrom =
                    s.loadedFrom == null || request.from().isBefore(s.loadedFrom) ? request.from() : s.loadedFrom;
        });
        for (RegisterHistory.Request r : requests) {
            Series s = series.computeIfAbsent(
                    r.meter().pseudonym() + "/" + r.register().notation(), k -> new Series());
            if (s.loadedFrom == null || r.from().isBefore(s.loadedFrom)) {
                s.loadedFrom = r.from();
            }
        }
    }

    /** The boundary readings held of one register, and from when on the store's were loaded. */
    private final class Series {
        final TreeMap<Instant, RegisterPoint> days = new TreeMap<>();
        final TreeMap<Instant, RegisterPoint> hours = new TreeMap<>();
        Instant loadedFrom;

        void ensureLoaded(MeterNodes meter, Quantity register, Instant t) {
            if (loadedFrom == null || t.isBefore(loadedFrom)) {
                Instant from = t.minus(LOAD_MARGIN);
                RegisterHistory.Request r = new RegisterHistory.Request(meter, register, from);
                take(history.load(List.of(r)).getOrDefault(r, List.of()));
                loadedFrom = from;
            }
        }

        void take(List<RegisterPoint> points) {
            for (RegisterPoint p : points) {
                if (daily(p.time())) {
                    days.putIfAbsent(p.time(), p);
                }
                if (p.time().getEpochSecond() % 3600 == 0) {
                    hours.putIfAbsent(p.time(), p);
                }
            }
        }

        /** Lets the oldest readings go; the range loaded then starts after them. */
        void trim() {
            boolean trimmed = false;
            while (hours.size() > KEEP) {
                hours.pollFirstEntry();
                trimmed = true;
            }
            while (days.size() > KEEP) {
                days.pollFirstEntry();
                trimmed = true;
            }
            if (trimmed) {
                Instant first =
                        later(hours.isEmpty() ? null : hours.firstKey(), days.isEmpty() ? null : days.firstKey());
                if (first != null && first.isAfter(loadedFrom)) {
                    loadedFrom = first;
                }
            }
        }

        private static Instant later(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }
    }
}
