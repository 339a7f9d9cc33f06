package org.vivacite.ontology.shacl;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.Ontology;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.SAREF;
import org.vivacite.ontology.vocabulary.SOSA;
import org.vivacite.ontology.vocabulary.VC;

/**
 * The shapes accept the worked example and reject each kind of bad data with a message that
 * names the resource and what is wrong. Each rejection starts from the valid example and changes
 * one thing, so a violation can only come from that change.
 */
class ShapeValidatorTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ShapeValidator VALIDATOR = new ShapeValidator();
    private static final String READING = BASE + "obs/b7e24d19a0c3f5e8/waterVolume/2026-01-15T00:00:00Z";
    private static final String CONSUMPTION =
            BASE + "obs/b7e24d19a0c3f5e8/waterVolumeConsumed/2026-01-15T00:00:00Z/P1D";

    private Model data;

    @BeforeEach
    void loadWorkedExample() {
        data = ModelFactory.createDefaultModel();
        data.add(Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE));
        data.add(Ontology.read(Ontology.EXAMPLE_HOUSEHOLD, BASE));
    }

    @Test
    void workedExampleConforms() {
        ShapeReport report = VALIDATOR.validate(data);
        assertThat(report.conforms()).as(report.toText()).isTrue();
    }

    @Test
    void workedExampleHasWhatTheShapesTarget() {
        // The conforming example must exercise every shape, or "conforms" would prove little.
        for (Resource type : java.util.List.of(
                SOSA.Observation,
                SAREF.WaterMeter,
                VC.Dwelling,
                SAREF.Building,
                VC.Street,
                VC.District,
                VC.Commune,
                VC.Metropolis)) {
            assertThat(data.listResourcesWithProperty(org.apache.jena.vocabulary.RDF.type, type)
                            .hasNext())
                    .as("example has a " + type)
                    .isTrue();
        }
    }

    @Test
    void rejectsObservationWithoutUnit() {
        data.removeAll(obs(READING), SAREF.isMeasuredIn, null);
        assertRejected(READING, "exactly one unit");
    }

    @Test
    void rejectsObservationWithoutObservedProperty() {
        data.removeAll(obs(READING), SOSA.observedProperty, null);
        assertRejected(READING, "exactly one observed property");
    }

    @Test
    void rejectsValueThatIsNotANumber() {
        replace(READING, SOSA.hasSimpleResult, data.createTypedLiteral("twelve", XSDDatatype.XSDdecimal));
        assertRejected(READING, "is not a number");
    }

    @Test
    void rejectsValueGivenAsAString() {
        replace(READING, SOSA.hasSimpleResult, data.createLiteral("123.456"));
        assertRejected(READING, "is not a number");
    }

    @Test
    void rejectsTimestampWithoutTimeZone() {
        replace(READING, SOSA.resultTime, data.createTypedLiteral("2026-01-15T01:00:00", XSDDatatype.XSDdateTime));
        assertRejected(READING, "with a time zone");
    }

    @Test
    void acceptsTimestampsInUtcAndWithOffset() {
        replace(READING, SOSA.resultTime, data.createTypedLiteral("2026-01-15T00:00:00Z", XSDDatatype.XSDdateTime));
        assertThat(VALIDATOR.validate(data).conforms()).isTrue();
        replace(
                READING,
                SOSA.resultTime,
                data.createTypedLiteral("2026-07-15T02:00:00+02:00", XSDDatatype.XSDdateTime));
        assertThat(VALIDATOR.validate(data).conforms()).isTrue();
    }

    @Test
    void rejectsNegativeCumulativeRegister() {
        replace(READING, SOSA.hasSimpleResult, data.createTypedLiteral("-3.5", XSDDatatype.XSDdecimal));
        assertRejected(READING, "has negative value");
    }

    @Test
    void acceptsNegativeValueOfAnInstantaneousQuantity() {
        // An outdoor temperature below zero is fine: the register rule applies to registers only.
        replace(READING, SOSA.observedProperty, vc("outdoorTemperature"));
        replace(READING, SAREF.isMeasuredIn, unit("DEG_C"));
        replace(READING, SOSA.hasSimpleResult, data.createTypedLiteral("-3.5", XSDDatatype.XSDdecimal));
        ShapeReport report = VALIDATOR.validate(data);
        assertThat(report.conforms()).as(report.toText()).isTrue();
    }

    @Test
    void rejectsUnknownQuantity() {
        replace(READING, SOSA.observedProperty, vc("waterVolumn"));
        assertRejected(READING, "not a quantity of the registry");
    }

    @Test
    void rejectsUnitThatIsNotTheCanonicalUnit() {
        replace(READING, SAREF.isMeasuredIn, unit("L"));
        assertRejected(READING, "is not the canonical unit");
    }

    @Test
    void rejectsIntervalAmountWithoutInterval() {
        data.removeAll(obs(CONSUMPTION), SOSA.phenomenonTime, null);
        assertRejected(CONSUMPTION, "needs sosa:phenomenonTime");
    }

    @Test
    void rejectsAMeterContainedInAWholeBuilding() {
        // SAREF4BLDG: a building device is contained in a building space, not in the building itself.
        Resource meter = data.getResource(BASE + "meter/b7e24d19a0c3f5e8");
        meter.removeAll(SAREF.isContainedIn);
        meter.addProperty(SAREF.isContainedIn, data.getResource(BASE + "id/building/EX4MP1E2B1DG"));
        assertRejected(meter.getURI(), "exactly one building space");
    }

    @Test
    void rejectsMeterObservingAnUnknownQuantity() {
        Resource meter = data.getResource(BASE + "meter/b7e24d19a0c3f5e8");
        meter.addProperty(SOSA.observes, vc("leakiness"));
        assertRejected(meter.getURI(), "only quantities of the registry");
    }

    @Test
    void rejectsDistrictWhoseIrisCodeIsNotInItsCommune() {
        Resource district = data.getResource(BASE + "id/district/381859901");
        Property notation = ResourceFactory.createProperty(Namespaces.SKOS, "notation");
        district.removeAll(notation);
        district.addProperty(notation, data.createTypedLiteral("384219901", VC.IrisCode.getURI()));
        // Its street's code (38185_…) now disagrees with the district too: both are reported.
        String street = BASE + "id/street/38185_x001";
        assertRejected(district.getURI(), "does not start with the INSEE code", street);
        assertRejected(street, "does not start with the commune code of its district", district.getURI());
    }

    @Test
    void rejectsBuildingWithMalformedRnbId() {
        Resource building = data.getResource(BASE + "id/building/EX4MP1E2B1DG");
        Property notation = ResourceFactory.createProperty(Namespaces.SKOS, "notation");
        building.getModel().remove(building, notation, data.createTypedLiteral("EX4MP1E2B1DG", VC.RnbId.getURI()));
        building.addProperty(notation, data.createTypedLiteral("EX4MP1E2B1DO", VC.RnbId.getURI())); // O is not allowed
        assertRejected(building.getURI(), "exactly one RNB identifier");
    }

    @Test
    void reportIsReadable() {
        data.removeAll(obs(READING), SAREF.isMeasuredIn, null);
        String text = VALIDATOR.validate(data).toText();
        assertThat(text)
                .isEqualTo("<" + READING + "> saref:isMeasuredIn: "
                        + "an observation needs exactly one unit (saref:isMeasuredIn, a QUDT unit)");
    }

    private void assertRejected(String focus, String messagePart, String... alsoRejected) {
        ShapeReport report = VALIDATOR.validate(data);
        assertThat(report.conforms()).isFalse();
        assertThat(report.violations()).as(report.toText()).anySatisfy(v -> {
            assertThat(v.focusNode()).isEqualTo(focus);
            assertThat(v.message()).contains(messagePart);
        });
        assertThat(report.violations())
                .as("only the changed resource breaks a rule: " + report.toText())
                .allSatisfy(v -> assertThat(v.focusNode()).isIn(concat(focus, alsoRejected)));
    }

    private static java.util.List<String> concat(String first, String... rest) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(rest));
        all.add(first);
        return all;
    }

    private Resource obs(String iri) {
        return data.getResource(iri);
    }

    private void replace(String subject, Property p, RDFNode value) {
        Resource s = data.getResource(subject);
        s.removeAll(p);
        s.addProperty(p, value);
    }

    private static Resource vc(String local) {
        return ResourceFactory.createResource(Namespaces.VC + local);
    }

    private static Resource unit(String local) {
        return ResourceFactory.createResource(Namespaces.UNIT + local);
    }
}
