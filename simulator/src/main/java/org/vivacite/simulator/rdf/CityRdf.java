package org.vivacite.simulator.rdf;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Fleet;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.simulator.territory.Box;
import org.vivacite.simulator.territory.Territory;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Commune;
import org.vivacite.simulator.territory.Territory.District;
import org.vivacite.simulator.territory.Territory.Dwelling;
import org.vivacite.simulator.territory.Territory.Street;

/**
 * The demo city as RDF in the platform's ontology (docs/ontology.md), in a fixed order so that the
 * same city always gives the same bytes.
 *
 * <ul>
 *   <li>{@link #territory}: the public territory, for graph {@code {base}graph/territory}: the
 *       metropolis, communes, districts (IRIS), streets and buildings with their identifiers,
 *       uses, owners, heating, floor areas and WKT geometries. Generated codes say {@code
 *       dct:source vc:synthetic}; the metropolis and communes, whose codes are real, do not.
 *   <li>{@link #households}: the private part, one graph {@code {base}graph/private/{pseudonym}}
 *       per dwelling, and per building for building-level devices: the dwelling, its devices and
 *       the quantities they observe, under pseudonymous IRIs.
 *   <li>{@link #observation}: a reading as a SOSA observation in its device's private graph.
 * </ul>
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
    private final Node synthetic = vc("synthetic");
    private final Map<Integer, DeviceNodes> devices = new HashMap<>();

    /** What every observation of one device shares. */
    private record DeviceNodes(Node graph, Node meter, Node feature, Node quantity, Node unit, String observations) {}

    public CityRdf(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    public void territory(Territory t, StreamRDF out) {
        out.start();
        Namespaces.prefixes().getNsPrefixMap().forEach(out::prefix);
        Territory.Metropolis m = t.metropolis();
        Node metropolis = iri("id/metropolis/" + m.siren());
        area(out, metropolis, "Metropolis", m.name(), m.siren(), "SirenCode", null, m.box(), false);
        for (Commune c : t.communes()) {
            area(out, commune(c), "Commune", c.name(), c.insee(), "InseeCommuneCode", metropolis, c.box(), false);
        }
        for (District d : t.districts()) {
            area(out, district(d), "District", d.name(), d.iris(), "IrisCode", commune(d.commune()), d.box(), true);
        }
        for (Street s : t.streets()) {
            Node street = street(s);
            out.triple(Triple.create(street, RDF.type.asNode(), vc("Street")));
            out.triple(Triple.create(street, RDFS.label.asNode(), fr(s.name())));
            out.triple(Triple.create(street, skos("notation"), typed(s.code(), "BanStreetCode")));
            out.triple(Triple.create(street, dct("source"), synthetic));
            out.triple(Triple.create(street, vc("partOf"), district(s.district())));
            geometry(
                    out,
                    street,
                    String.format(
                            Locale.ROOT,
                            "LINESTRING(%.6f %.6f, %.6f %.6f)",
                            s.west(),
                            s.latitude(),
                            s.east(),
                            s.latitude()));
        }
        for (Building b : t.buildings()) {
            Node building = building(b);
            out.triple(
                    Triple.create(building, RDF.type.asNode(), NodeFactory.createURI(Namespaces.S4BLDG + "Building")));
            out.triple(Triple.create(building, RDF.type.asNode(), NodeFactory.createURI(Namespaces.GEO + "Feature")));
            out.triple(Triple.create(building, RDFS.label.asNode(), fr(b.label())));
            out.triple(Triple.create(building, skos("notation"), typed(b.rnb(), "RnbId")));
            out.triple(Triple.create(building, skos("notation"), typed(b.addressKey(), "BanAddressKey")));
            out.triple(Triple.create(building, dct("source"), synthetic));
            out.triple(Triple.create(building, vc("partOf"), street(b.street())));
            out.triple(Triple.create(building, vc("use"), vc(b.kind().sector.concept)));
            out.triple(Triple.create(building, vc("ownerKind"), vc(b.kind().owner.concept)));
            out.triple(Triple.create(building, vc("heatingSystem"), vc(b.heating().concept)));
            out.triple(Triple.create(building, vc("floorArea"), decimal(b.floorArea())));
            out.triple(Triple.create(
                    building,
                    vc("yearBuilt"),
                    NodeFactory.createLiteralDT(Integer.toString(b.yearBuilt()), XSDDatatype.XSDgYear)));
            if (b.publishIndividually()) {
                out.triple(Triple.create(
                        building,
                        vc("publishIndividually"),
                        NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean)));
            }
            geometry(out, building, b.footprint().wkt());
        }
        out.finish();
    }

    /** Emits the private quads of every dwelling and device, graph by graph. */
    public void households(Territory t, Fleet fleet, Pseudonyms pseudonyms, StreamRDF out) {
        out.start();
        for (Dwelling d : t.dwellings()) {
            Node g = privateGraph(pseudonyms, d.id(), true);
            Node dwelling = dwelling(pseudonyms, d);
            out.quad(Quad.create(g, dwelling, RDF.type.asNode(), vc("Dwelling")));
            out.quad(Quad.create(g, dwelling, s4bldg("isSpaceOf"), building(d.building())));
            out.quad(Quad.create(g, dwelling, vc("floorArea"), decimal(d.floorArea())));
            out.quad(Quad.create(
                    g,
                    dwelling,
                    vc("occupants"),
                    NodeFactory.createLiteralDT(Integer.toString(d.occupants()), XSDDatatype.XSDinteger)));
            out.quad(Quad.create(g, dwelling, vc("heatingSystem"), vc(d.heating().concept)));
            out.quad(Quad.create(g, dwelling, dct("source"), synthetic));
        }
        for (Meter m : fleet.meters()) {
            Node g = graphOf(pseudonyms, m);
            Node meter = meter(pseudonyms, m);
            Node space;
            if (m.dwelling() != null) {
                space = dwelling(pseudonyms, m.dwelling());
            } else {
                space = iri("space/" + pseudonyms.of("building", m.building().rnb()));
                out.quad(Quad.create(g, space, RDF.type.asNode(), s4bldg("BuildingSpace")));
                out.quad(Quad.create(g, space, s4bldg("isSpaceOf"), building(m.building())));
                out.quad(Quad.create(g, space, RDFS.label.asNode(), NodeFactory.createLiteralLang("plant room", "en")));
            }
            out.quad(Quad.create(g, meter, RDF.type.asNode(), deviceClass(m.device())));
            out.quad(Quad.create(g, meter, RDF.type.asNode(), NodeFactory.createURI(Namespaces.SOSA + "Sensor")));
            out.quad(Quad.create(g, meter, RDF.type.asNode(), s4bldg("BuildingDevice")));
            out.quad(Quad.create(
                    g, meter, NodeFactory.createURI(Namespaces.SOSA + "observes"), vc(m.device().quantity)));
            out.quad(Quad.create(g, meter, s4bldg("isContainedIn"), space));
        }
        out.finish();
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

    private Node deviceClass(Device device) {
        String c = device.ontologyClass;
        if (c.contains(":")) {
            return NodeFactory.createURI(Namespaces.prefixes().expandPrefix(c));
        }
        return vc(c);
    }

    private void area(
            StreamRDF out,
            Node area,
            String type,
            String label,
            String code,
            String datatype,
            Node parent,
            Box box,
            boolean syntheticCode) {
        out.triple(Triple.create(area, RDF.type.asNode(), vc(type)));
        out.triple(Triple.create(area, RDFS.label.asNode(), fr(label)));
        out.triple(Triple.create(area, skos("notation"), typed(code, datatype)));
        if (syntheticCode) {
            out.triple(Triple.create(area, dct("source"), synthetic));
        }
        if (parent != null) {
            out.triple(Triple.create(area, vc("partOf"), parent));
        }
        geometry(out, area, box.wkt());
    }

    private void geometry(StreamRDF out, Node feature, String wkt) {
        Node geometry = NodeFactory.createURI(feature.getURI() + "/geometry");
        out.triple(Triple.create(feature, NodeFactory.createURI(Namespaces.GEO + "hasGeometry"), geometry));
        out.triple(Triple.create(geometry, RDF.type.asNode(), NodeFactory.createURI(Namespaces.GEO + "Geometry")));
        out.triple(Triple.create(
                geometry,
                NodeFactory.createURI(Namespaces.GEO + "asWKT"),
                NodeFactory.createLiteralDT(
                        wkt,
                        org.apache.jena.datatypes.TypeMapper.getInstance()
                                .getSafeTypeByName(Namespaces.GEO + "wktLiteral"))));
    }

    private Node commune(Commune c) {
        return iri("id/commune/" + c.insee());
    }

    private Node district(District d) {
        return iri("id/district/" + d.iris());
    }

    private Node street(Street s) {
        return iri("id/street/" + s.code());
    }

    private Node iri(String path) {
        return NodeFactory.createURI(base + path);
    }

    private static Node vc(String local) {
        return NodeFactory.createURI(Namespaces.VC + local);
    }

    private static Node skos(String local) {
        return NodeFactory.createURI(Namespaces.SKOS + local);
    }

    private static Node dct(String local) {
        return NodeFactory.createURI(Namespaces.DCT + local);
    }

    private static Node s4bldg(String local) {
        return NodeFactory.createURI(Namespaces.S4BLDG + local);
    }

    private static Node fr(String text) {
        return NodeFactory.createLiteralLang(text, "fr");
    }

    private static Node typed(String code, String datatype) {
        return NodeFactory.createLiteralDT(
                code, org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(Namespaces.VC + datatype));
    }

    private static Node decimal(double value) {
        return NodeFactory.createLiteralDT(
                java.math.BigDecimal.valueOf(value)
                        .setScale(1, java.math.RoundingMode.HALF_UP)
                        .toPlainString(),
                XSDDatatype.XSDdecimal);
    }
}
