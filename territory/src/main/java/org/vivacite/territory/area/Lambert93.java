package org.vivacite.territory.area;

import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * Lambert-93 (EPSG:2154, the projection IGN delivers its files in) to WGS 84 longitude, latitude,
 * with Apache SIS. The CRS is defined by its published parameters (RGF93 on GRS 1980, Lambert
 * conformal conic on the 44° and 49° parallels, origin 3° E 46.5° N at 700 000 m, 6 600 000 m), since
 * SIS looks EPSG codes up only in the EPSG database, which is not free software and not bundled;
 * RGF93 and WGS 84 coincide at the metre level, so the datum shift is the identity, as IGN gives it.
 */
final class Lambert93 {

    static final String WKT = """
            PROJCS["RGF93 / Lambert-93",
              GEOGCS["RGF93",
                DATUM["Reseau_Geodesique_Francais_1993",
                  SPHEROID["GRS 1980", 6378137, 298.257222101],
                  TOWGS84[0, 0, 0, 0, 0, 0, 0]],
                PRIMEM["Greenwich", 0],
                UNIT["degree", 0.0174532925199433]],
              PROJECTION["Lambert_Conformal_Conic_2SP"],
              PARAMETER["standard_parallel_1", 49],
              PARAMETER["standard_parallel_2", 44],
              PARAMETER["latitude_of_origin", 46.5],
              PARAMETER["central_meridian", 3],
              PARAMETER["false_easting", 700000],
              PARAMETER["false_northing", 6600000],
              UNIT["metre", 1],
              AXIS["X", EAST],
              AXIS["Y", NORTH]]""";

    /** Where Lambert-93 coordinates of metropolitan France lie, in metres (with a margin). */
    static final Envelope BOUNDS = new Envelope(-400_000, 1_400_000, 5_900_000, 7_300_000);

    private static final MathTransform TO_WGS84;

    static {
        try {
            CoordinateReferenceSystem lambert93 = CRS.fromWKT(WKT);
            TO_WGS84 = CRS.findOperation(lambert93, CommonCRS.WGS84.normalizedGeographic(), null)
                    .getMathTransform();
        } catch (FactoryException e) {
            throw new IllegalStateException("Apache SIS cannot build the Lambert-93 to WGS 84 operation", e);
        }
    }

    private Lambert93() {}

    /** A copy of the geometry with every coordinate in WGS 84 (longitude, latitude). */
    static Geometry toWgs84(Geometry lambert93) {
        Geometry copy = lambert93.copy();
        copy.apply(new CoordinateSequenceFilter() {
            private final double[] point = new double[2];

            @Override
            public void filter(CoordinateSequence seq, int i) {
                point[0] = seq.getX(i);
                point[1] = seq.getY(i);
                try {
                    TO_WGS84.transform(point, 0, point, 0, 1);
                } catch (TransformException e) {
                    throw new IllegalArgumentException("cannot reproject " + seq.getCoordinate(i), e);
                }
                seq.setOrdinate(i, 0, point[0]);
                seq.setOrdinate(i, 1, point[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
