package org.vivacite.opendata.disclosure;

import java.math.BigDecimal;
import java.time.LocalTime;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection.PublicStatus;
import org.vivacite.opendata.Sector;

/** One row as a release file shows it: a suppressed row has no value and no count. */
record PublishedRow(
        String release,
        String area,
        String parent,
        TerritorialLevel level,
        Dataset dataset,
        Period period,
        LocalTime slot,
        Fluid fluid,
        Sector sector,
        BigDecimal value,
        Integer count,
        PublicStatus status) {

    static PublishedRow of(String release, Cell c) {
        boolean published = c.protection().published();
        return new PublishedRow(
                release,
                c.area().iri(),
                c.area().parent(),
                c.area().level(),
                c.dataset(),
                c.period(),
                c.slot(),
                c.fluid(),
                c.sector(),
                published ? c.total() : null,
                published ? c.deliveryPoints() : null,
                c.protection().publicStatus());
    }
}
