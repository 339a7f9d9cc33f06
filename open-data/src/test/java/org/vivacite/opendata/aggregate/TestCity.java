package org.vivacite.opendata.aggregate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * A small city written into a real private store the way the platform writes one: a territory
 * graph, dwellings and meters in private graphs, derived consumption observations going through
 * {@link MeterDayRollups} (daily consumption only, as the application rolls up), in large batches. Tests add what they need and then {@link #flush()}.
 */
public final class TestCity implements AutoCloseable {

    public static final String BASE = "http://test.example/";
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final String TERRITORY = BASE + "graph/territory";

    public final QuadStore store;
    private final MeterDayRollups rollups;
    private final List<Quad> territory = new ArrayList<>();
    private final List<Quad> pending = new ArrayList<>();
    private final java.util.Map<Node, Node> spaces = new java.util.HashMap<>();
    /** The space (dwelling or plant room) each meter is in. */
    private final java.util.Map<Node, Node> containers = new java.util.HashMap<>();

    /** A city written into a store through rollups of its own, journalled in {@code journal}. */
    public TestCity(QuadStore store, Path journal) {
        this(
                store,
                new MeterDayRollups(
                        store,
                        ZONE,
                        journal,
                        MeterDayRollups.Selection.dailyConsumption(org.vivacite.ontology.QuantityRegistry.standard())));
    }

    /** A city written through the given rollups of the store (a server's, say). */
    public TestCity(QuadStore store, MeterDayRollups rollups) {
        this.store = store;
        this.rollups = rollups;
    }

    public static Node iri(String s) {
        return NodeFactory.createURI(s.startsWith("http") ? s : BASE + s);
    }

    public static Node vc(String local) {
        return NodeFactory.createURI(Namespaces.VC + local);
    }

    private void t(Node s, Node p, Node o) {
        territory.add(Quad.create(iri(TERRITORY), s, p, o));
    }

    /** An area of a level class ({@code District}…), with its code typed by {@code codeType}. */
    public Node area(String path, String levelClass, String code, String codeType, Node parent) {
        Node a = iri(path);
        t(a, RDF.type.asNode(), levelClass.startsWith("http") ? iri(levelClass) : vc(levelClass));
        t(a, RDFS.label.asNode(), NodeFactory.createLiteralLang("Area " + code, "fr"));
        t(
                a,
                iri(Namespaces.SKOS + "notation"),
                NodeFactory.createLiteralDT(code, NodeFactory.getType(Namespaces.VC + codeType)));
        if (parent != null) {
            t(a, vc("partOf"), parent);
        }
        return a;
    }

    public Node building(String rnb, Node street, String sector, boolean individual, String floorArea) {
        return building("id/building/" + rnb, rnb, street, sector, individual, floorArea);
    }

    /** A building at {@code path} (relative to the base, or an absolute IRI) whose RNB id is {@code rnb}. */
    public Node building(String path, String rnb, Node street, String sector, boolean individual, String floorArea) {
        Node b = area(path, Namespaces.S4BLDG + "Building", rnb, "RnbId", street);
        t(b, vc("use"), vc(sector));
        t(b, vc("floorArea"), NodeFactory.createLiteralDT(floorArea, XSDDatatype.XSDdecimal));
        if (individual) {
            t(b, vc("publishIndividually"), NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
        }
        return b;
    }

    /** A meter in a dwelling of the building (or in its plant room when {@code dwellingArea} is null). */
    public Node meter(String id, Node building, String dwellingArea) {
        Node g = graph(id);
        Node meter = iri("meter/" + id);
        Node space = iri((dwellingArea == null ? "space/" : "dwelling/") + id);
        List<Quad> q = new ArrayList<>();
        q.add(Quad.create(g, space, RDF.type.asNode(), vc(dwellingArea == null ? "BuildingSpace" : "Dwelling")));
        q.add(Quad.create(g, space, iri(Namespaces.S4BLDG + "isSpaceOf"), building));
        if (dwellingArea != null) {
            q.add(Quad.create(
                    g, space, vc("floorArea"), NodeFactory.createLiteralDT(dwellingArea, XSDDatatype.XSDdecimal)));
        }
        q.add(Quad.create(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), space));
        store.add(q);
        // a plant-room meter observes its building, a dwelling's meter the dwelling (CityRdf's shape)
        spaces.put(meter, dwellingArea == null ? building : space);
        containers.put(meter, space);
        return meter;
    }

    /**
     * Another meter in the space of {@code sameSpaceAs} (the same dwelling or plant room): the new
     * meter of a replacement, or a second meter of the same fluid. Described in its own graph.
     */
    public Node meterBeside(String id, Node sameSpaceAs) {
        Node meter = iri("meter/" + id);
        Node space = containers.get(sameSpaceAs);
        store.add(List.of(Quad.create(graph(id), meter, iri(Namespaces.S4BLDG + "isContainedIn"), space)));
        spaces.put(meter, spaces.get(sameSpaceAs));
        containers.put(meter, space);
        return meter;
    }

    private static Node graph(String meterId) {
        return iri("graph/private/" + meterId);
    }

    public void writeTerritory() {
        store.add(territory);
        rollups.territoryChanged();
    }

    /** Writes the same territory graph into the public store, which holds it too (GraphNames). */
    public void writeTerritoryInto(QuadStore publicStore) {
        publicStore.add(territory);
    }

    /** A derived consumption of {@code quantity} over {@code [start, start + length)}, in the meter's graph. */
    public void consumption(Node meter, String quantity, Instant start, Duration length, String value) {
        consumption(meter, quantity, start, length, value, "");
    }

    /**
     * A derived consumption whose observation IRI ends with {@code reading}: another reading of
     * the same interval, counted beside the first (a rollup's later part, when it arrives after a
     * {@link #flush()}).
     */
    public void consumption(Node meter, String quantity, Instant start, Duration length, String value, String reading) {
        String id = meter.getURI().substring(meter.getURI().lastIndexOf('/') + 1);
        Node g = graph(id);
        Node feature = spaces.get(meter);
        String duration = length.equals(Duration.ofDays(1)) || length.toHours() >= 23 && length.toHours() <= 25
                ? "P1D"
                : length.toString();
        Node obs = iri("obs/" + id + "/" + quantity + "/" + start + "/" + duration + reading);
        Node interval = iri("id/interval/" + start + "/" + duration);
        List<Quad> q = new ArrayList<>();
        q.add(Quad.create(g, obs, RDF.type.asNode(), iri(Namespaces.SOSA + "Observation")));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "madeBySensor"), meter));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "observedProperty"), vc(quantity)));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "hasFeatureOfInterest"), feature));
        q.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(value, XSDDatatype.XSDdecimal)));
        q.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "resultTime"),
                NodeFactory.createLiteralDT(start.plus(length).toString(), XSDDatatype.XSDdateTime)));
        q.add(Quad.create(g, obs, iri(Namespaces.SOSA + "phenomenonTime"), interval));
        pending.addAll(q);
        if (pending.size() >= 100_000) {
            rollups.write(pending);
            pending.clear();
        }
    }

    /**
     * An instantaneous observation of {@code quantity} at {@code at}, in the meter's graph, as the
     * pipeline writes a meter's alarm ({@code vc:waterMeterLeakAlarm}…) or a sample.
     */
    public void sample(Node meter, String quantity, Instant at, String value) {
        String id = meter.getURI().substring(meter.getURI().lastIndexOf('/') + 1);
        Node g = graph(id);
        Node obs = iri("obs/" + id + "/" + quantity + "/" + at);
        pending.add(Quad.create(g, obs, RDF.type.asNode(), iri(Namespaces.SOSA + "Observation")));
        pending.add(Quad.create(g, obs, iri(Namespaces.SOSA + "madeBySensor"), meter));
        pending.add(Quad.create(g, obs, iri(Namespaces.SOSA + "observedProperty"), vc(quantity)));
        pending.add(Quad.create(g, obs, iri(Namespaces.SOSA + "hasFeatureOfInterest"), spaces.get(meter)));
        pending.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(value, XSDDatatype.XSDdecimal)));
        pending.add(Quad.create(
                g,
                obs,
                iri(Namespaces.SOSA + "resultTime"),
                NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime)));
    }

    /** A day's consumption, from the local midnight that begins it. */
    public void daily(Node meter, String quantity, LocalDate day, String value) {
        daily(meter, quantity, day, value, "");
    }

    /** {@link #daily} as another reading of the day ({@link #consumption(Node, String, Instant, Duration, String, String)}). */
    public void daily(Node meter, String quantity, LocalDate day, String value, String reading) {
        Instant start = day.atStartOfDay(ZONE).toInstant();
        consumption(
                meter,
                quantity,
                start,
                Duration.between(start, day.plusDays(1).atStartOfDay(ZONE).toInstant()),
                value,
                reading);
    }

    /** Merges every rollup's parts into one, as publication does first in the application. */
    public void consolidate() {
        flush();
        rollups.consolidate();
    }

    public void flush() {
        if (!pending.isEmpty()) {
            rollups.write(pending);
            pending.clear();
        }
        rollups.flush();
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Override
    public void close() {
        rollups.close();
    }
}
