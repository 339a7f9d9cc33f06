package org.vivacite.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One value a decoder read from a payload, before it is matched with the meter registry and
 * mapped to an observation.
 *
 * @param meterId the device's wire identifier: wM-Bus identification number (8 digits), Linky
 *     serial (ADCO/ADSC, 12 digits), delivery point (PRM, 14 digits) for DSO exports, SenML name
 * @param manufacturer the wM-Bus FLAG code, or null where the format has none
 * @param quantity the registry's name of the quantity (quantities.ttl), e.g. {@code waterVolume}
 * @param value the value in the quantity's canonical unit (kWh, m³, °C, W…)
 * @param time when the value was true (a register's reading time, an interval's beginning), or
 *     null when the payload carries no time (the receiver's clock is then used)
 * @param interval the interval an amount or average belongs to (from {@code time}), or null
 * @param tariffPeriod the tariff period of a per-period register (TIC: HCHC, EASF01…), or null
 */
public record DecodedReading(
        String meterId,
        String manufacturer,
        String quantity,
        BigDecimal value,
        Instant time,
        Duration interval,
        String tariffPeriod) {

    /** A register or instantaneous value. */
    public static DecodedReading at(
            String meterId, String manufacturer, String quantity, BigDecimal value, Instant time) {
        return new DecodedReading(meterId, manufacturer, quantity, value, time, null, null);
    }
}
