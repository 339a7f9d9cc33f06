package org.vivacite.ingest.senml;

import java.util.List;
import org.vivacite.ingest.DecodedReading;

/** What a SenML pack gave: the readings mapped, and the valid records no mapping knows. */
public record SenmlResult(List<DecodedReading> readings, List<UnmappedRecord> unmapped) {

    public SenmlResult {
        readings = List.copyOf(readings);
        unmapped = List.copyOf(unmapped);
    }
}
