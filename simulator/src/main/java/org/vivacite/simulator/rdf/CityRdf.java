package org.vivacite.simulator.rdf;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Dwelling;
import org.vivacite.simulator.wmbus.DataRecords;

/**
 * The demo city's readings as RDF in the platform's ontology (docs/ontology.md): {@link
 * #observation}, a reading as a SOSA observation in its device's private graph, under the IRIs the
 * ingest pipeline gives it. The territory and dwellings are not written here: the demo writes them
 * as national-format files ({@link org.vivacite.simulator.territory.TerritoryFiles}) that {@code
 * territory import} reads, and its devices are registered as any city's are.
 *
 * <p>Not thread-safe: it remembers each device's IRIs.
 */
public final class CityRdf {

    private static final QuantityRegistry QUANTITIES = QuantityRegistry.standard();
    private static final Node SOSA_OBSERVATION = NodeFactory.createURI(Namespaces.SOSA + "Observation");
    private static final Node SAREF_MEASUREMENT = NodeFactory.createURI(Namespaces.SAREF + "Measurement");
    private static final Node SOSA_MADE_BY = NodeFactory.createURI(Namespaces.SOSA + "madeBySensor");
    private static final Node SOSA_PROPERTY = NodeFactory.createURI(Namespaces.SOSA + "observedProperty");
    private static final Node SOSA_FOI = NodeFactory.createURI(Namespaces.SOSA + "hasFeatureOfInterest");
    private static final Node SOSA_RESULT = NodeFactory.createURI(Namespaces.SOSA + "hasSimpleResult");
    private static final Node SOSA_RESULT_TIME = NodeFactory.createURI(Namespaces.SOSA + "resultTime");
    private static final Node SAREF_UNIT = NodeFactory.createURI(Namespaces.SAREF + "isMeasuredIn");

    private final String base;
    private final Map<Integer, DeviceNodes> devices = new HashMap<>();

    /** What every observation of one device shares. */
    private record DeviceNodes(Node graph, Node meter, Node feature, Node quantity, Node unit, String observations) {}

    public CityRdf(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    /**
     * The observation of a reading, shaped as docs/ontology.md's worked example, in the device's
     * private graph: {@code {base}obs/{meter pseudonym}/{quantity}/{instant}}, its value in the
     * quantity's canonical unit, its result time in the city's local time with its offset.
     */
    public void observation(Reading r, Pseudonyms pseudonyms, Consumer<Quad> out) {
        Meter m = r.meter();
        DeviceNodes d = devices.computeIfAbsent(
                m.index(),
                i -> new DeviceNodes(
                        graphOf(pseudonyms, m),
                        meter(pseudonyms, m),
                        featureOfInterest(pseudonyms, m),
                        vc(m.device().quantity),
                        NodeFactory.createURI(
                                QUANTITIES.get(m.device().quantity).canonicalUnitIri()),
                        base + "obs/" + meterKey(pseudonyms, m) + "/" + m.device().quantity + "/"));
        Node g = d.graph();
        Node obs = NodeFactory.createURI(d.observations() + r.time());
        out.accept(Quad.create(g, obs, RDF.type.asNode(), SOSA_OBSERVATION));
        out.accept(Quad.create(g, obs, RDF.type.asNode(), SAREF_MEASUREMENT));
        out.accept(Quad.create(g, obs, SOSA_MADE_BY, d.meter()));
        out.accept(Quad.create(g, obs, SOSA_PROPERTY, d.quantity()));
        out.accept(Quad.create(g, obs, SOSA_FOI, d.feature()));
        out.accept(Quad.create(
                g, obs, SOSA_RESULT, NodeFactory.createLiteralDT(r.value().toPlainString(), XSDDatatype.XSDdecimal)));
        out.accept(Quad.create(g, obs, SAREF_UNIT, d.unit()));
        out.accept(Quad.create(
                g,
                obs,
                SOSA_RESULT_TIME,
                NodeFactory.createLiteralDT(
                        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                r.time().atZone(DemoCity.ZONE)),
                        XSDDatatype.XSDdateTime)));
    }

    /**
     * The leak alarm a Kamstrup water meter reports with a reading while its pipe leaks
     * ({@link Reading#leaking}), as the ingest pipeline writes it from the meter's info codes:
     * {@code {base}obs/{meter pseudonym}/waterMeterLeakAlarm/{instant}}, the lower bound of the
     * meter's duration class in hours. Nothing for another reading.
     */
    public void alarm(Reading r, Pseudonyms pseudonyms, Consumer<Quad> out) {
        Meter m = r.meter();
        if (r.leaking() == null
                || m.device() != Device.WATER_METER
                || !m.manufacturer().equals("KAM")) {
            return;
        }
        String quantity = "waterMeterLeakAlarm";
        Node g = graphOf(pseudonyms, m);
        Node obs = NodeFactory.createURI(base + "obs/" + meterKey(pseudonyms, m) + "/" + quantity + "/" + r.time());
        out.accept(Quad.create(g, obs, RDF.type.asNode(), SOSA_OBSERVATION));
        out.accept(Quad.create(g, obs, RDF.type.asNode(), SAREF_MEASUREMENT));
        out.accept(Quad.create(g, obs, SOSA_MADE_BY, meter(pseudonyms, m)));
        out.accept(Quad.create(g, obs, SOSA_PROPERTY, vc(quantity)));
        out.accept(Quad.create(g, obs, SOSA_FOI, featureOfInterest(pseudonyms, m)));
        out.accept(Quad.create(
                g,
                obs,
                SOSA_RESULT,
                NodeFactory.createLiteralDT(
                        Integer.toString(DataRecords.kamstrupLeakHours(r.leaking())), XSDDatatype.XSDdecimal)));
        out.accept(Quad.create(
                g,
                obs,
                SAREF_UNIT,
                NodeFactory.createURI(QUANTITIES.get(quantity).canonicalUnitIri())));
        out.accept(Quad.create(
                g,
                obs,
                SOSA_RESULT_TIME,
                NodeFactory.createLiteralDT(
                        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                r.time().atZone(DemoCity.ZONE)),
                        XSDDatatype.XSDdateTime)));
    }

    /** The private graph of a device: its dwelling's, or its building's for a building-level device. */
    public Node graphOf(Pseudonyms pseudonyms, Meter m) {
        return m.dwelling() != null
                ? privateGraph(pseudonyms, m.dwelling().id(), true)
                : privateGraph(pseudonyms, m.building().rnb(), false);
    }

    public Node meter(Pseudonyms pseudonyms, Meter m) {
        return iri("meter/" + meterKey(pseudonyms, m));
    }

    private static String meterKey(Pseudonyms pseudonyms, Meter m) {
        return pseudonyms.of("meter", m.manufacturer() + "-" + m.id());
    }

    public Node dwelling(Pseudonyms pseudonyms, Dwelling d) {
        return iri("dwelling/" + pseudonyms.of("dwelling", d.id()));
    }

    /** The feature of interest of a device's observations: its dwelling, or its building. */
    public Node featureOfInterest(Pseudonyms pseudonyms, Meter m) {
        return m.dwelling() != null ? dwelling(pseudonyms, m.dwelling()) : building(m.building());
    }

    public Node building(Building b) {
        return iri("id/building/" + b.rnb());
    }

    private Node privateGraph(Pseudonyms pseudonyms, String id, boolean dwelling) {
        return iri("graph/private/" + pseudonyms.of(dwelling ? "dwelling" : "building", id));
    }

    private Node iri(String path) {
        return NodeFactory.createURI(base + path);
    }

    private static Node vc(String local) {
        return NodeFactory.createURI(Namespaces.VC + local);
    }
}
