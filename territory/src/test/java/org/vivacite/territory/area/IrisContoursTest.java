package org.vivacite.territory.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.rdf.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.RealExtracts;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritoryException;

/** The IRIS readers on the real contours: WGS 84, Lambert-93 (declared or not) and GeoPackage agree. */
class IrisContoursTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A draft with Grenoble-Alpes Métropole's communes, ready for districts. */
    static TerritoryDraft draft() throws IOException {
        TerritoryDraft draft = new TerritoryDraft(RealExtracts.BASE);
        new EpciComposition().read(RealExtracts.MEMBERS, draft);
        return draft;
    }

    /** Each district's polygon, by IRIS code. */
    static Map<String, Geometry> polygons(TerritoryDraft draft) throws Exception {
        Map<String, Geometry> polygons = new TreeMap<>();
        for (Resource d : Areas.all(draft.territory(), VC.District)) {
            String wkt = d.getPropertyResourceValue(Areas.HAS_GEOMETRY)
                    .getProperty(Areas.AS_WKT)
                    .getString();
            polygons.put(Areas.code(d), new WKTReader().read(wkt));
        }
        return polygons;
    }

    /** The largest distance in metres between corresponding vertices (a local equirectangular approximation). */
    static double largestGapMetres(Map<String, Geometry> a, Map<String, Geometry> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        double gap = 0;
        for (String code : a.keySet()) {
            Coordinate[] x = a.get(code).getCoordinates();
            Coordinate[] y = b.get(code).getCoordinates();
            assertThat(y).as(code).hasSameSizeAs(x);
            for (int i = 0; i < x.length; i++) {
                double dx = (x[i].x - y[i].x) * 111_320 * Math.cos(Math.toRadians(x[i].y));
                double dy = (x[i].y - y[i].y) * 110_574;
                gap = Math.max(gap, Math.hypot(dx, dy));
            }
        }
        return gap;
    }

    @Test
    void lambert93AndWgs84GiveTheSamePolygonsWithinACentimetre() throws Exception {
        TerritoryDraft wgs84 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_WGS84, wgs84);
        TerritoryDraft lambert93 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_L93, lambert93);

        Map<String, Geometry> expected = polygons(wgs84);
        assertThat(expected).hasSize(84);
        assertThat(largestGapMetres(expected, polygons(lambert93))).isLessThan(0.01);
        // Reprojected, not passed through: Grenoble's polygons lie around 5.7° E, 45.2° N.
        Envelope grenoble = new Envelope(5.6, 5.9, 45.1, 45.3);
        assertThat(grenoble.contains(polygons(lambert93).get("381850101").getEnvelopeInternal()))
                .isTrue();
    }

    @Test
    void lambert93WithoutACrsMemberIsRecognisedFromItsCoordinates() throws Exception {
        ObjectNode collection = (ObjectNode) JSON.readTree(RealExtracts.IRIS_L93.toFile());
        collection.remove("crs");
        Path file = dir.resolve("contours_iris_2020_nocrs.geojson");
        JSON.writeValue(file.toFile(), collection);
        TerritoryDraft wgs84 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_WGS84, wgs84);
        TerritoryDraft guessed = draft();

        new IrisGeoJson().read(file, guessed);

        assertThat(largestGapMetres(polygons(wgs84), polygons(guessed))).isLessThan(0.01);
    }

    @Test
    void aGeoPackageInLambert93GivesTheSamePolygons() throws Exception {
        Path gpkg = GeoPackages.write(dir.resolve("CONTOURS-IRIS_3-0__GPKG_LAMB93_FXX_2020-01-01.gpkg"), null);
        byte[] head = Files.readAllBytes(gpkg);
        assertThat(new IrisGeoPackage().recognises(gpkg.getFileName().toString(), head))
                .isTrue();
        assertThat(new IrisGeoJson().recognises(gpkg.getFileName().toString(), head))
                .isFalse();
        TerritoryDraft wgs84 = draft();
        new IrisGeoJson().read(RealExtracts.IRIS_WGS84, wgs84);
        TerritoryDraft fromGpkg = draft();

        new IrisGeoPackage().read(gpkg, fromGpkg);

        assertThat(largestGapMetres(polygons(wgs84), polygons(fromGpkg))).isLessThan(0.01);
        Resource polygone = fromGpkg.territory().getResource(RealExtracts.BASE + "id/district/381850101");
        assertThat(polygone.getProperty(org.apache.jena.vocabulary.RDFS.label).getString())
                .isEqualTo("Polygone");
        assertThat(polygone.getProperty(org.apache.jena.vocabulary.DCTerms.valid)
                        .getString())
                .isEqualTo("2020");
    }

    @Test
    void aMalformedGeoPackageGetsItsFeature() throws Exception {
        Path gpkg = GeoPackages.write(dir.resolve("CONTOURS-IRIS_2020.gpkg"), "381850103");

        assertThatThrownBy(() -> new IrisGeoPackage().read(gpkg, draft()))
                .isInstanceOf(TerritoryException.class)
                .hasMessage("CONTOURS-IRIS_2020.gpkg, table contours_iris, feature 3 (CODE_IRIS 38185010):"
                        + " CODE_IRIS '38185010' is not an IRIS code (9 characters: commune code + 4 digits)");
    }

    @Test
    void contoursWithoutAYearInTheirNameAreRefused() throws Exception {
        Path file = Files.copy(RealExtracts.IRIS_WGS84, dir.resolve("contours.geojson"));
        ObjectNode collection = (ObjectNode) JSON.readTree(file.toFile());
        collection.put("name", "contours");
        JSON.writeValue(file.toFile(), collection);

        assertThatThrownBy(() -> new IrisGeoJson().read(file, draft()))
                .isInstanceOf(TerritoryException.class)
                .hasMessageStartingWith("contours.geojson, name: no millésime (year) in the file's name");
    }
}
