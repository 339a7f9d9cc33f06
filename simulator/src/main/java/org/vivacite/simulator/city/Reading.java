package org.vivacite.simulator.city;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.vivacite.simulator.meters.Meter;

/**
 * What a device reports at an instant.
 *
 * @param raw for a register, the raw value its wire format carries (Wh, litres, kWh or allocation
 *     units), already wrapped at the register's size
 * @param instant for a sensor its value in °C; for a Linky meter the power drawn then, W
 * @param leaking for a water meter whose pipe leaks then, how long it has leaked; null otherwise
 */
public record Reading(Meter meter, Instant time, long raw, double instant, Duration leaking) {

    /** A reading of a device that sees no leak. */
    public Reading(Meter meter, Instant time, long raw, double instant) {
        this(meter, time, raw, instant, null);
    }

    /** The value in the quantity's canonical unit (kWh, m³, allocation units, °C), as the platform stores it. */
    public BigDecimal value() {
        if (!meter.device().register()) {
            return BigDecimal.valueOf(instant);
        }
        return BigDecimal.valueOf(raw)
                .multiply(BigDecimal.valueOf(meter.device().registerUnit))
                .stripTrailingZeros();
    }
}
