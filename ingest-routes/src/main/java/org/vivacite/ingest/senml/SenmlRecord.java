package org.vivacite.ingest.senml;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A resolved SenML record (RFC 8428 §4.6): base name, time, unit, value and sum applied, the time
 * absolute. Exactly one of the four values, or none when the record has a sum only, is set.
 *
 * @param name the full name (base name + name)
 * @param unit the unit (the record's or the base unit), or null
 * @param value the numeric value (base value added), or null
 * @param stringValue the string value, or null
 * @param booleanValue the boolean value, or null
 * @param dataValue the data value (base64url, as sent), or null
 * @param sum the sum (base sum added), or null
 * @param time the absolute time
 * @param updateTime the maximum time before the next reading, in seconds, or null
 */
public record SenmlRecord(
        String name,
        String unit,
        BigDecimal value,
        String stringValue,
        Boolean booleanValue,
        String dataValue,
        BigDecimal sum,
        Instant time,
        BigDecimal updateTime) {}
