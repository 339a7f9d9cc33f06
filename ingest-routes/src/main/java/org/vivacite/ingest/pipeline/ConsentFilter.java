package org.vivacite.ingest.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.consent.Step;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.ReadingKind;

/**
 * What a household's consent keeps of a payload's readings: data at the step it consented to (its
 * consent to fine data in the consent graph, {@code PT1H}, {@code PT30M}…, else {@code P1D}:
 * domain.md, CNIL; {@link org.vivacite.ingest.consent.Consents}), and
 * nothing finer. Step boundaries are local: midnight for {@code P1D}, the local times of day that
 * are multiples of the step for a step that divides a day (the registry accepts no other).
 *
 * <ul>
 *   <li><b>Registers</b> (cumulative): kept when read exactly on a step boundary. A register read
 *       in between is withheld ({@link Withheld#BETWEEN_STEPS}), even when no reading of that step
 *       is on its boundary: the rule needs no state and gives the same result whatever the order
 *       and the grouping of the payloads, and the readings kept are exactly those the consumption
 *       deriver counts; its cost: a register read just off the boundaries (a clock that sends at
 *       00:00:07) is not kept at all.
 *   <li><b>Amounts and averages</b> over an interval (a DSO's energy or load-curve point): kept as
 *       they are when the interval begins and ends on step boundaries (whole steps). A finer one
 *       lying within one step is a part of that step: when the parts of the same payload cover the
 *       whole step exactly, they are written as one reading of the step (amounts summed, averages
 *       weighted by duration), with the unit that completes it; otherwise they are withheld
 *       ({@link Withheld#PARTIAL_STEP}): no part waits anywhere for the rest of its step. One
 *       crossing a boundary without being whole steps is withheld ({@link Withheld#ACROSS_STEPS}).
 *   <li><b>Samples of a supply</b> (instantaneous values of a fluid: apparent power, current,
 *       voltage, flows, a heat network's power and temperatures) are what the household draws at
 *       that instant, which a meter measures continuously (the Linky TIC refreshes them every
 *       second): a series of them, even one per step, is a load curve at the second. They are kept
 *       only for a household whose step is at most {@link #SAMPLE} (it consented to live data), on
 *       a boundary; otherwise withheld ({@link Withheld#INSTANTANEOUS}).
 *   <li><b>Ambient samples and a meter's own alarms</b> (instantaneous values of no fluid: room
 *       temperature, humidity, a tank's temperature; a water meter's leak, burst, backflow or dry
 *       alarm, {@code vc:waterMeterLeakAlarm}…) are no consumption: one per step, the one taken on
 *       its boundary, as a register's.
 * </ul>
 *
 * What is withheld is not written and is not a dead letter (it is not an error); it is counted by
 * reason. Thread-confined: one call per payload.
 */
final class ConsentFilter {

    /** The step a sample of a supply stands for: a meter measures power, current and voltage every second. */
    static final Duration SAMPLE = Duration.ofSeconds(1);

    /** Why a reading was not kept: counted, never a dead letter. */
    enum Withheld {
        /** A register or an ambient sample not on a step boundary. */
        BETWEEN_STEPS("between-steps"),
        /** A sample of a supply, finer than the step consented to. */
        INSTANTANEOUS("instantaneous"),
        /** An amount whose interval crosses a step boundary without being whole steps. */
        ACROSS_STEPS("across-steps"),
        /** A finer amount whose step the payload does not cover whole. */
        PARTIAL_STEP("partial-step");

        private final String id;

        Withheld(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }
    }

    /**
     * A reading of a payload matched with its meter, the unit it came in, and the finest step its
     * household consents to now ({@link org.vivacite.ingest.consent.Consents#step}).
     */
    record Matched(Envelope unit, DecodedReading reading, RegisteredMeter meter, Duration step) {}

    /**
     * What the consent keeps of a payload.
     *
     * @param byUnit per unit, the readings to write (a whole step made of finer parts goes with the
     *     unit of its last part); a unit none of whose readings is kept has none
     * @param withheld the readings not kept, by reason
     */
    record Kept(Map<Envelope, List<Matched>> byUnit, Map<Withheld, Integer> withheld) {}

    private final QuantityRegistry quantities;
    private final ZoneId zone;

    ConsentFilter(QuantityRegistry quantities, ZoneId zone) {
        this.quantities = quantities;
        this.zone = zone;
    }

    /** Whether consumption is derived per hour under that step: the household consented to an hour or finer. */
    static boolean hourly(Duration step) {
        return step.compareTo(Duration.ofHours(1)) <= 0;
    }

    /** What the consent of each reading's meter keeps of a payload's readings, in payload order. */
    Kept keep(List<Matched> payload) {
        Map<Envelope, List<Matched>> byUnit = new IdentityHashMap<>();
        Map<Withheld, Integer> withheld = new EnumMap<>(Withheld.class);
        Map<StepKey, List<Matched>> parts = new LinkedHashMap<>();
        for (Matched m : payload) {
            byUnit.computeIfAbsent(m.unit(), u -> new ArrayList<>());
            DecodedReading r = m.reading();
            Quantity q = quantities.get(r.quantity());
            Step step = new Step(m.step(), zone);
            Withheld why = null;
            if (r.interval() != null) {
                Instant end = r.time().plus(r.interval());
                if (step.boundary(r.time()) && step.boundary(end)) {
                    byUnit.get(m.unit()).add(m);
                    continue;
                }
                Instant from = step.floor(r.time());
                if (end.isAfter(step.next(from))) {
                    why = Withheld.ACROSS_STEPS;
                } else {
                    parts.computeIfAbsent(
                                    new StepKey(m.meter(), m.step(), r.quantity(), r.tariffPeriod(), from),
                                    k -> new ArrayList<>())
                            .add(m);
                    continue;
                }
            } else if (q.kind() == ReadingKind.INSTANTANEOUS_VALUE
                    && q.fluid().isPresent()
                    && step.length().compareTo(SAMPLE) > 0) {
                why = Withheld.INSTANTANEOUS;
            } else if (!step.boundary(r.time())) {
                why = Withheld.BETWEEN_STEPS;
            }
            if (why == null) {
                byUnit.get(m.unit()).add(m);
            } else {
                withheld.merge(why, 1, Integer::sum);
            }
        }
        parts.forEach((key, list) -> {
            Matched whole = whole(key, list);
            if (whole == null) {
                withheld.merge(Withheld.PARTIAL_STEP, list.size(), Integer::sum);
            } else {
                byUnit.get(whole.unit()).add(whole);
            }
        });
        return new Kept(byUnit, withheld);
    }

    /** A step's parts in payload order, as one reading of the whole step, or null when they do not cover it exactly. */
    private Matched whole(StepKey key, List<Matched> list) {
        Step step = new Step(key.step(), zone);
        Instant to = step.next(key.from());
        List<DecodedReading> sorted = list.stream()
                .map(Matched::reading)
                .distinct() // a part sent twice in the payload
                .sorted(Comparator.comparing(DecodedReading::time))
                .toList();
        Instant at = key.from();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (DecodedReading r : sorted) {
            if (!r.time().equals(at)) {
                return null; // a part missing, or two parts overlapping
            }
            at = r.time().plus(r.interval());
            sum = sum.add(r.value());
            weighted = weighted.add(
                    r.value().multiply(BigDecimal.valueOf(r.interval().toSeconds())));
        }
        if (!at.equals(to)) {
            return null;
        }
        Duration length = Duration.between(key.from(), to);
        BigDecimal value = quantities.get(key.quantity()).kind() == ReadingKind.INTERVAL_AVERAGE
                ? plain(weighted.divide(BigDecimal.valueOf(length.toSeconds()), MathContext.DECIMAL64))
                : sum;
        DecodedReading first = sorted.get(0);
        Matched last = list.get(list.size() - 1);
        return new Matched(
                last.unit(),
                new DecodedReading(
                        first.meterId(),
                        first.manufacturer(),
                        key.quantity(),
                        value,
                        key.from(),
                        length,
                        key.tariffPeriod()),
                last.meter(),
                key.step());
    }

    /** A quotient without trailing zeros in its fraction, and never in an exponent form. */
    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** The step of a meter's finer parts: the meter, the quantity and tariff period, and where the step begins. */
    private record StepKey(RegisteredMeter meter, Duration step, String quantity, String tariffPeriod, Instant from) {}
}
