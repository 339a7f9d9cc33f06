package org.vivacite.opendata.cube;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;

/**
 * The terms the Data Cube and the CSV on the Web metadata share, so that a CSV column and a cube
 * measure can never disagree on what they mean.
 */
final class CubeTerms {

    static final String SDMX_DIMENSION = "http://purl.org/linked-data/sdmx/2009/dimension#";
    static final String SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    static final String REF_AREA = SDMX_DIMENSION + "refArea";
    static final String REF_PERIOD = SDMX_DIMENSION + "refPeriod";
    static final String UNIT_MEASURE = SDMX_ATTRIBUTE + "unitMeasure";
    static final String FLUID = Namespaces.VC + "fluid";
    static final String SECTOR = Namespaces.VC + "sector";
    static final String TIME_OF_DAY = Namespaces.VC + "timeOfDay";
    static final String DISCLOSURE_STATUS = Namespaces.VC + "disclosureStatus";

    private CubeTerms() {}

    /**
     * A numeric value of a published cell: a measure of the values data set, or one of the ratios
     * the cube gives as optional attributes.
     *
     * @param measure whether it is a {@code qb:MeasureProperty}, which every observation of the
     *     values data set (every published cell) gives; otherwise an optional {@code
     *     qb:AttributeProperty} ({@code qb:componentRequired false}), given only when the cell has it
     */
    record Value(
            String localName, String csvColumn, boolean integer, boolean measure, Function<Cell, BigDecimal> value) {

        String iri() {
            return Namespaces.VC + localName;
        }
    }

    /** The numeric values, in CSV column order: the three measures, then the two ratios. */
    static final List<Value> VALUES = List.of(
            new Value("totalConsumption", "consumption", false, true, Cell::total),
            new Value(
                    "activeDeliveryPoints",
                    "active_delivery_points",
                    true,
                    true,
                    c -> BigDecimal.valueOf(c.deliveryPoints())),
            new Value(
                    "meanConsumptionPerDeliveryPoint",
                    "mean_per_delivery_point",
                    false,
                    true,
                    Cell::meanPerDeliveryPoint),
            new Value("consumptionPerFloorArea", "per_m2", false, false, Cell::perFloorArea),
            new Value("consumptionPerDegreeDay", "per_degree_day", false, false, Cell::perDegreeDay));

    /** A decimal as the cube and the CSV write it: plain, without trailing zeros. */
    static String decimal(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
