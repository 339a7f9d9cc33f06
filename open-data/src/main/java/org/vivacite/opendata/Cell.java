package org.vivacite.opendata;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalTime;

/**
 * One cell of a dataset: what the active delivery points of an area consumed of a fluid in a
 * period, for one sector. The aggregation views compute every field but {@code protection}, which
 * disclosure control sets; nothing but the protected cells ever leaves the private store.
 *
 * @param slot the half hour of the day a load-profile cell averages, null in other datasets
 * @param total the sum, in {@link Fluid#unit}
 * @param deliveryPoints active delivery points: those with a non-zero consumption in the period
 * @param largest the largest single delivery point's share of {@code total} (dominance rule)
 * @param floorArea the floor area (m²) of the delivery points' dwellings or buildings, null when
 *     not known for all of them
 * @param degreeDays heating degree-days of the period (base 18 °C), null for non-heating fluids or
 *     when unknown
 */
public record Cell(
        Dataset dataset,
        Area area,
        Period period,
        LocalTime slot,
        Fluid fluid,
        Sector sector,
        BigDecimal total,
        int deliveryPoints,
        BigDecimal largest,
        BigDecimal floorArea,
        BigDecimal degreeDays,
        Protection protection) {

    private static final MathContext MC = MathContext.DECIMAL64;

    /** Identifies the cell across releases: everything but the values. */
    public record Key(Dataset dataset, String area, Period period, LocalTime slot, Fluid fluid, Sector sector) {}

    public Key key() {
        return new Key(dataset, area.iri(), period, slot, fluid, sector);
    }

    /**
     * Identifies the cell's series across releases: its key without the period, so that a release
     * finds what earlier releases published for the same area, slot, fluid and sector.
     */
    public record SeriesKey(Dataset dataset, String area, LocalTime slot, Fluid fluid, Sector sector) {}

    public SeriesKey seriesKey() {
        return new SeriesKey(dataset, area.iri(), slot, fluid, sector);
    }

    public Cell with(Protection p) {
        return new Cell(
                dataset, area, period, slot, fluid, sector, total, deliveryPoints, largest, floorArea, degreeDays, p);
    }

    public BigDecimal meanPerDeliveryPoint() {
        return deliveryPoints == 0 ? null : total.divide(BigDecimal.valueOf(deliveryPoints), MC);
    }

    public BigDecimal perFloorArea() {
        return floorArea == null || floorArea.signum() == 0 ? null : total.divide(floorArea, MC);
    }

    public BigDecimal perDegreeDay() {
        return degreeDays == null || degreeDays.signum() == 0 ? null : total.divide(degreeDays, MC);
    }
}
