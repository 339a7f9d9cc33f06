package org.vivacite.ingest.consumption;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vivacite.ingest.mapping.MeterNodes;
import org.vivacite.ontology.Quantity;

/** Where the deriver finds the readings of registers it has not seen since it started: the private store. */
@FunctionalInterface
public interface RegisterHistory {

    /** A register of a meter whose readings from {@code from} on are wanted. */
    record Request(MeterNodes meter, Quantity register, Instant from) {}

    /** For each request, the meter's readings of the register (no tariff period) at or after its {@code from}. */
    Map<Request, List<RegisterPoint>> load(List<Request> requests);
}
