package org.vivacite.portal.advice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.Set;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.portal.pages.compare.PublishedCells;

/**
 * The homes of a district (IRIS) as the newest release of the annual open data by district
 * publishes them: the residential cell's consumption per degree-day ({@code per_degree_day}, the
 * district's total over the year's heating degree-days) shared among its active delivery points.
 * Only a cell that disclosure control published is read (a confidential one has no figure), through
 * the compare page's {@link PublishedCells}; nothing here reads a store.
 *
 * @param area the district's IRI
 * @param label its name as published
 * @param households the active delivery points the cell counts
 * @param perDegreeDay the mean home's consumption per degree-day, in {@code unit}
 * @param unit the cell's QUDT unit IRI
 * @param release the release's identifier
 */
record DistrictLevel(String area, String label, int households, BigDecimal perDegreeDay, String unit, String release) {

    /**
     * The published level of a district's homes for a fluid, empty when there is no release yet, or
     * the cell is confidential, absent or has no value per degree-day.
     *
     * @throws OpenDataException when the release's file is not the one published (its checksum differs)
     */
    static Optional<DistrictLevel> of(ReleaseFolders releases, String district, String fluid) {
        return PublishedCells.of(releases, Set.of(district))
                .flatMap(p -> p.row(district, fluid)
                        .filter(r -> r.published()
                                && r.perDegreeDay() != null
                                && r.households() != null
                                && r.households() > 0)
                        .map(r -> new DistrictLevel(
                                district,
                                r.label(),
                                r.households(),
                                r.perDegreeDay().divide(BigDecimal.valueOf(r.households()), MathContext.DECIMAL64),
                                r.unit(),
                                p.release().id())));
    }
}
