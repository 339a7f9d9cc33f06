package org.vivacite.ingest.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vivacite.ingest.Envelope;

/**
 * What was not written of one payload: the envelope it came in, whose payload holds only its
 * rejected units (telegrams, frames, rows…, in their order: cutting the payload again gives them
 * back), each unit's reason, when and how often it was rejected.
 *
 * @param id the store's identifier, time-ordered
 * @param envelope the input as received, its payload reduced to the rejected units (or cut to the
 *     store's limit: {@code truncated})
 * @param rejectedAt when it was (last) rejected
 * @param units each rejected unit's reason, or none once it went through on replay
 * @param attempts how many times it was rejected (1, plus replays that left a unit waiting)
 * @param truncated whether the payload was cut to the store's size limit
 * @param size the size in bytes of the payload as received, or -1 when unknown (a body refused
 *     before its end)
 */
public record DeadLetter(
        String id, Envelope envelope, Instant rejectedAt, Units units, int attempts, boolean truncated, long size) {

    public DeadLetter {
        Objects.requireNonNull(units, "units");
    }

    /** The reason of the first unit still waiting (of the first unit once none waits). */
    public Reason reason() {
        return units.rejectedFor(units.firstWaiting().orElse(0));
    }

    /** The detail of the first unit still waiting (of the first unit once none waits), or "". */
    public String detail() {
        String d = units.detail(units.firstWaiting().orElse(0));
        return d == null ? "" : d;
    }

    /** Whether a unit of that reason is waiting. */
    public boolean waits(Reason reason) {
        return units.codes().indexOf(reason.code()) >= 0;
    }

    /** How many units wait, per reason, in the order of {@link Reason}. */
    public Map<Reason, Integer> reasons() {
        return units.waiting();
    }

    /**
     * The rejected units of a letter's payload, in order: one code per unit, its reason's
     * {@link Reason#code()}, in upper case once it went through on replay; and the details of the
     * first {@link #DETAILS} units, each cut to {@link #DETAIL_LENGTH} characters, so that a letter
     * of any number of units stays within a bound of its payload's size.
     *
     * @param codes one character per unit
     * @param details the details of the first units (at most {@link #DETAILS}), by position
     */
    public record Units(String codes, List<String> details) {

        /** The units whose detail a letter keeps: the first ones. */
        public static final int DETAILS = 32;

        /** The longest detail a letter keeps, in characters. */
        public static final int DETAIL_LENGTH = 200;

        public Units {
            Objects.requireNonNull(codes, "codes");
            details = Collections.unmodifiableList(
                    new ArrayList<>(details.subList(0, Math.min(DETAILS, details.size()))));
            if (codes.isEmpty()) {
                throw new IllegalArgumentException("a dead letter has at least one unit");
            }
            for (int i = 0; i < codes.length(); i++) {
                if (Reason.ofCode(Character.toLowerCase(codes.charAt(i))) == null) {
                    throw new IllegalArgumentException(
                            "unit " + i + " of a dead letter has no reason: '" + codes.charAt(i) + "'");
                }
            }
        }

        /** Units with these reasons and details (the details of the first units only are kept). */
        public static Units of(List<Reason> reasons, List<String> details) {
            StringBuilder codes = new StringBuilder(reasons.size());
            reasons.forEach(r -> codes.append(r.code()));
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < Math.min(DETAILS, details.size()); i++) {
                kept.add(cut(details.get(i)));
            }
            return new Units(codes.toString(), kept);
        }

        /** One unit: the whole payload. */
        public static Units one(Reason reason, String detail) {
            return of(List.of(reason), List.of(detail));
        }

        /** How many units the letter's payload holds. */
        public int size() {
            return codes.length();
        }

        /** The reason of a unit, empty once it went through on replay. */
        public Optional<Reason> reason(int unit) {
            return Optional.ofNullable(Reason.ofCode(codes.charAt(unit)));
        }

        /** Why a unit was (last) rejected, whether it still waits or went through since. */
        public Reason rejectedFor(int unit) {
            return Reason.ofCode(Character.toLowerCase(codes.charAt(unit)));
        }

        /** The detail of a unit, or null when the letter does not keep it (past the first ones). */
        public String detail(int unit) {
            return unit < details.size() ? details.get(unit) : null;
        }

        /** The first unit still waiting. */
        public Optional<Integer> firstWaiting() {
            for (int i = 0; i < codes.length(); i++) {
                if (Character.isLowerCase(codes.charAt(i))) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }

        /** Whether no unit waits any more. */
        public boolean resolved() {
            return firstWaiting().isEmpty();
        }

        /** How many units wait, per reason, in the order of {@link Reason}. */
        public Map<Reason, Integer> waiting() {
            int[] counts = new int[Reason.values().length];
            for (int i = 0; i < codes.length(); i++) {
                Reason r = Reason.ofCode(codes.charAt(i));
                if (r != null) {
                    counts[r.ordinal()]++;
                }
            }
            Map<Reason, Integer> waiting = new EnumMap<>(Reason.class);
            for (Reason r : Reason.values()) {
                if (counts[r.ordinal()] > 0) {
                    waiting.put(r, counts[r.ordinal()]);
                }
            }
            return waiting;
        }

        /** These units after a replay: those given went through, or were rejected again. */
        public Editor edit() {
            return new Editor(codes.toCharArray(), new ArrayList<>(details));
        }

        /** Changes the units of a letter that was replayed. */
        public static final class Editor {
            private final char[] codes;
            private final List<String> details;

            private Editor(char[] codes, List<String> details) {
                this.codes = codes;
                this.details = details;
            }

            /** The unit went through. */
            public Editor resolved(int unit) {
                codes[unit] = Character.toUpperCase(codes[unit]);
                return this;
            }

            /** The unit was rejected again, maybe for another reason. */
            public Editor rejected(int unit, Reason reason, String detail) {
                codes[unit] = reason.code();
                if (unit < details.size()) {
                    details.set(unit, cut(detail));
                }
                return this;
            }

            public Units done() {
                return new Units(new String(codes), details);
            }
        }

        /** A detail as a letter keeps it: on one line, at most {@link #DETAIL_LENGTH} characters. */
        static String cut(String detail) {
            if (detail == null) {
                return "";
            }
            char[] chars = detail.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                if (Character.isISOControl(chars[i])) {
                    chars[i] = ' ';
                }
            }
            String line = new String(chars);
            if (line.length() <= DETAIL_LENGTH) {
                return line;
            }
            int end = DETAIL_LENGTH - 1;
            if (Character.isHighSurrogate(line.charAt(end - 1))) {
                end--;
            }
            return line.substring(0, end) + "…";
        }

        /** A summary: a letter may have millions of units. */
        @Override
        public String toString() {
            return "Units[" + size() + " units, waiting " + waiting() + "]";
        }
    }
}
