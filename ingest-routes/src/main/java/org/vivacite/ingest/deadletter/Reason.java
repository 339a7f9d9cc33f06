package org.vivacite.ingest.deadletter;

import java.util.Locale;

/**
 * Why an input was not written: the dead-letter store's categories, counted per source at
 * /actuator/prometheus. A letter on disk names each of its units' reasons by {@link #code()}, the
 * position in this list: values are only ever added at the end.
 */
public enum Reason {
    /** Cannot be read: truncated, garbage, bad CRC or checksum, wrong types, malformed. */
    UNDECODABLE,
    /** A wireless M-Bus telegram that does not decrypt with its meter's key. */
    WRONG_KEY,
    /** An encrypted telegram of a meter whose key the platform does not hold. */
    MISSING_KEY,
    /** A format the platform cannot read, such as a manufacturer-specific telegram without a driver. */
    UNSUPPORTED,
    /** From a meter the registry does not know at that time: quarantined, replayed once it is registered. */
    UNKNOWN_METER,
    /** Read, but a value the shapes refuse (negative register, impossible value…). */
    INVALID_VALUE,
    /** A time further in the future than a gateway's clock may be ahead ({@code vivacite.ingest.future-margin}). */
    FUTURE_TIME,
    /** An observation the store already holds with another value. */
    CONFLICTING_VALUE,
    /** Larger than the platform takes in one message. */
    TOO_LARGE,
    /** A format name no decoder has (an MQTT topic, an inbox folder). */
    UNKNOWN_FORMAT,
    /**
     * From a gateway the registry does not let report that meter (its {@code gateways} column): it
     * cannot write, nor block with a value of its own, another gateway's meter.
     */
    FOREIGN_GATEWAY;

    /** The reason's one-letter code in a letter on disk: {@code a} for the first value, {@code b}… */
    public char code() {
        return (char) ('a' + ordinal());
    }

    /** The reason of a code, or null for any other character. */
    static Reason ofCode(char code) {
        int i = code - 'a';
        return i >= 0 && i < values().length ? values()[i] : null;
    }

    /** The name used on the command line and in metrics: lower case with hyphens. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Reason of(String id) {
        for (Reason r : values()) {
            if (r.id().equalsIgnoreCase(id) || r.name().equalsIgnoreCase(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reason '" + id + "': expected one of "
                + java.util.Arrays.stream(values()).map(Reason::id).toList());
    }
}
