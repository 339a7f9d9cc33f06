package org.vivacite.ingest.wmbus;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.vivacite.ingest.DecodedReading;

/**
 * A plug-in that reads the telegrams of some meters, typically manufacturer-specific ones (CI
 * {@code A0}–{@code B7}) that no standard decoder can read.
 *
 * <p>Registered in {@code META-INF/services/org.vivacite.ingest.wmbus.WMBusDriver}. Call order:
 * the no-argument constructor (without side effects), then {@link #init(Map)} once, then {@link
 * #accepts} and {@link #decode} for each telegram. The {@link WmbusDecoder} asks its drivers, in
 * the order loaded, before its own standard decoding; the first that accepts a telegram decodes
 * it. A driver may instead, or also, read the manufacturer-specific records of standard telegrams
 * ({@link #readsManufacturerData}), after the decoder has decrypted them.
 */
public interface WMBusDriver {

    /** Receives the driver's settings once, before any telegram; does nothing by default. */
    default void init(Map<String, String> settings) {}

    /**
     * @param manufacturer FLAG code of the meter (three capital letters)
     * @param deviceType EN 13757-3 device type (0x07 water, 0x04 heat…)
     * @param ci the CI field of the transport layer, after any extended link layer
     * @return false by default: a driver that only reads the manufacturer-specific parts of standard
     *     telegrams ({@link #readsManufacturerData}) decodes no telegram of its own
     */
    default boolean accepts(String manufacturer, int deviceType, int ci) {
        return false;
    }

    /**
     * Reads an accepted telegram; by default none is accepted, and this is never called.
     *
     * @throws org.vivacite.ingest.DecodeException when the telegram cannot be read; its message
     *     names the meter and the rule broken, never the payload or a key
     */
    default List<DecodedReading> decode(WmbusTelegram telegram, MeterKeys keys, ZoneId zone) {
        throw new UnsupportedOperationException("reads manufacturer data of standard telegrams only");
    }

    /**
     * Whether this driver reads the manufacturer-specific parts of these meters' standard telegrams
     * (CI 72, 78, 7A, 79), which the decoder itself decrypts and reads. False by default.
     *
     * @param version the meter's version byte: layouts often change with it
     */
    default boolean readsManufacturerData(String manufacturer, int deviceType, int version) {
        return false;
    }

    /**
     * Readings from the manufacturer-specific parts of an accepted standard telegram; they replace
     * the decoder's readings of the same quantities. Empty by default, and when the data does not
     * have the layout the driver knows.
     *
     * @param time the telegram's date and time from its standard records, or null
     */
    default List<DecodedReading> decodeManufacturerData(
            WmbusTelegram telegram, ManufacturerData data, java.time.Instant time) {
        return List.of();
    }
}
