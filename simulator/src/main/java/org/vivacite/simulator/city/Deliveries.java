package org.vivacite.simulator.city;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How gateways deliver wireless M-Bus telegrams: most on the day they are sent, one in 200 one to
 * three days late (a gateway that was offline), one in 300 twice (a gateway that resends). Seeded
 * by the reading, so the same reading is always delivered alike.
 */
public final class Deliveries {

    private final long seed;

    public Deliveries(long seed) {
        this.seed = seed ^ 0xDE11_7E57L;
    }

    /** Days the reading's delivery is late, 0 for most. */
    public int delayDays(Reading r) {
        long h = hash(r);
        return Math.floorMod(h, 200) == 0 ? 1 + (int) Math.floorMod(h >> 12, 3) : 0;
    }

    /** Whether the reading is delivered twice. */
    public boolean duplicated(Reading r) {
        return Math.floorMod(hash(r) >> 24, 300) == 0;
    }

    /** How many times the reading is delivered: 2 when duplicated, else 1. */
    public int copies(Reading r) {
        return duplicated(r) ? 2 : 1;
    }

    /** The local day the reading reaches the platform: its own, or a later one when late. */
    public LocalDate deliveryDay(Reading r, ZoneId zone) {
        return r.time().atZone(zone).toLocalDate().plusDays(delayDays(r));
    }

    private long hash(Reading r) {
        return Simulation.mix(seed + r.meter().index(), r.time().getEpochSecond());
    }
}
