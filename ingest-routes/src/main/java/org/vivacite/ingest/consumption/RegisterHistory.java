package org.vivacite.ingest.consumption;

import java.time.Instant;
import java.util.List;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ontology.Quantity;

/** Where the deriver finds the readings of a register it has not seen since it started: the private store. */
@FunctionalInterface
public interface RegisterHistory {

    /** The meter's readings of the register (no tariff period) with {@code from <= time <= to}. */
    List<RegisterPoint> load(MeterNodes meter, Quantity register, Instant from, Instant to);
}
