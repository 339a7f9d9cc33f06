package org.vivacite.ingest.mapping;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sys.JenaSystem;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * Maps readings of registered meters to SOSA/SAREF observations in the meter's private graph,
 * shaped as docs/ontology.md's worked example (which the demo city writes too, so both meet):
 *
 * <ul>
 *   <li>observation IRIs are deterministic, {@code {base}obs/{meter pseudonym}/{quantity}/{instant}}
 *       ({@code …/{tariff period}/{instant}} for a per-period register, {@code …/{start}/{duration}}
 *       for an interval), so a redelivered reading is the same triples and is kept once;
 *   <li>an interval amount points to a shared {@code {base}id/interval/{start}/{duration}}; a day
 *       running from one local midnight to the next is {@code P1D}, whatever its hours;
 *   <li>provenance: each observation {@code prov:wasGeneratedBy} the receipt of its message, a
 *       {@code prov:Activity} with the gateway ({@code prov:wasAssociatedWith}), the receipt time
 *       ({@code prov:endedAtTime}), the message id ({@code dct:identifier}) and the signal strength
 *       ({@code vc:signalStrength}, dBm).
 * </ul>
 *
 * Pseudonyms are those of the simulator's {@code CityRdf}: {@code meter:{manufacturer}-{id}},
 * {@code dwelling:{id}}, {@code building:{rnb}}.
 */
public final class ObservationMapper {

    static {
        // Jena first: its vocabulary classes read before its initialisation come out null (RDF.Alt),
        // and then every later use of Jena in the JVM fails.
        JenaSystem.init();
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** {@code rdf:type}, {@code sosa:Observation}, {@code sosa:hasSimpleResult}: what the pipeline looks observations up by. */
    public static final Node TYPE = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    public static final Node OBSERVATION = sosa("Observation");
    static final Node MEASUREMENT = saref("Measurement");
    static final Node MADE_BY = sosa("madeBySensor");
    static final Node PROPERTY = sosa("observedProperty");
    static final Node FOI = sosa("hasFeatureOfInterest");
    public static final Node RESULT = sosa("hasSimpleResult");
    static final Node RESULT_TIME = sosa("resultTime");
    static final Node PHENOMENON_TIME = sosa("phenomenonTime");
    static final Node UNIT = saref("isMeasuredIn");
    static final Node TARIFF_PERIOD = vc("tariffPeriod");
    static final Node GENERATED_BY = prov("wasGeneratedBy");
    public static final Node DERIVED_FROM = prov("wasDerivedFrom");
    static final Node COVERS_GAP = vc("coversGap");

    private final String base;
    private final Pseudonyms pseudonyms;
    private final QuantityRegistry quantities;
    private final ZoneId zone;
    private final Map<String, MeterNodes> nodes = new ConcurrentHashMap<>();

    public ObservationMapper(String base, Pseudonyms pseudonyms, QuantityRegistry quantities, ZoneId zone) {
        this.base = base;
        this.pseudonyms = pseudonyms;
        this.quantities = quantities;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public QuantityRegistry quantities() {
        return quantities;
    }

    /** The base IRI of the IRIs it mints. */
    public String base() {
        return base;
    }

    /** The private IRIs of a meter. */
    public MeterNodes nodes(RegisteredMeter m) {
        String cacheKey = m.manufacturer() + "-" + m.meterId() + "|" + m.dwellingOrBuilding() + "|" + m.dwellingKey();
        return nodes.computeIfAbsent(cacheKey, k -> {
            String pseudonym = pseudonyms.of("meter", m.manufacturer() + "-" + m.meterId());
            Node graph;
            Node foi;
            if (m.buildingLevel()) {
                graph = iri("graph/private/" + pseudonyms.of("building", m.dwellingOrBuilding()));
                foi = iri("id/building/" + m.dwellingOrBuilding());
            } else {
                String dwelling = dwellingKey(m);
                graph = iri("graph/private/" + dwelling);
                foi = iri("dwelling/" + dwelling);
            }
            return new MeterNodes(m, graph, iri("meter/" + pseudonym), foi, pseudonym);
        });
    }

    /**
     * The pseudonym of a dwelling meter's dwelling: the one found at its BAN address, else that of
     * its dwelling id.
     */
    public String dwellingKey(RegisteredMeter m) {
        return m.dwellingKey() != null ? m.dwellingKey() : pseudonyms.of("dwelling", m.dwellingOrBuilding());
    }

    /** The IRI {@code {base}{path}}. */
    public Node node(String path) {
        return iri(path);
    }

    /**
     * The description of a registered meter in its graph: its classes, what it observes, the
     * space it is in (its dwelling, in its building; or its building's plant room).
     */
    public void describe(RegisteredMeter m, Consumer<Quad> out) {
        MeterNodes n = nodes(m);
        Node g = n.graph();
        Node space;
        if (m.buildingLevel()) {
            space = iri("space/" + pseudonyms.of("building", m.dwellingOrBuilding()));
            out.accept(Quad.create(g, space, TYPE, s4bldg("BuildingSpace")));
            out.accept(Quad.create(g, space, s4bldg("isSpaceOf"), n.featureOfInterest()));
            out.accept(Quad.create(
                    g,
                    space,
                    NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label"),
                    NodeFactory.createLiteralLang("plant room", "en")));
        } else {
            space = n.featureOfInterest();
            out.accept(Quad.create(g, space, TYPE, vc("Dwelling")));
            if (m.building() != null) {
                out.accept(Quad.create(g, space, s4bldg("isSpaceOf"), iri("id/building/" + m.building())));
            }
        }
        out.accept(Quad.create(g, n.node(), TYPE, deviceClass(m)));
        out.accept(Quad.create(g, n.node(), TYPE, sosa("Sensor")));
        out.accept(Quad.create(g, n.node(), TYPE, s4bldg("BuildingDevice")));
        if (m.quantity() != null && quantities.find(m.quantity()).isPresent()) {
            out.accept(Quad.create(
                    g,
                    n.node(),
                    sosa("observes"),
                    NodeFactory.createURI(quantities.get(m.quantity()).iri())));
        }
        out.accept(Quad.create(g, n.node(), s4bldg("isContainedIn"), space));
    }

    private static Node deviceClass(RegisteredMeter m) {
        String device = m.device() == null ? "" : m.device();
        if (device.endsWith("sensor") || m.fluid().equals("none")) {
            return saref("Sensor");
        }
        if (device.equals("heat-cost-allocator")) {
            return vc("HeatCostAllocator");
        }
        return switch (m.fluid()) {
            case "electricity" -> vc("ElectricityMeter");
            case "gas" -> vc("GasMeter");
            case "water" -> NodeFactory.createURI(Namespaces.S4WATR + "WaterMeter");
            default -> vc("HeatMeter");
        };
    }

    /** The IRI of a reading's observation. */
    public Node observationIri(MeterNodes n, DecodedReading r) {
        StringBuilder s = new StringBuilder(base)
                .append("obs/")
                .append(n.pseudonym())
                .append('/')
                .append(r.quantity());
        if (r.tariffPeriod() != null) {
            s.append('/').append(r.tariffPeriod());
        }
        s.append('/').append(r.time());
        if (r.interval() != null) {
            s.append('/').append(duration(r.time(), r.interval()));
        }
        return NodeFactory.createURI(s.toString());
    }

    /** The quads of a reading's observation (its value already in the quantity's canonical unit). */
    public Node observation(MeterNodes n, DecodedReading r, Node receipt, Consumer<Quad> out) {
        Quantity q = quantities.get(r.quantity());
        Node g = n.graph();
        Node obs = observationIri(n, r);
        common(g, obs, n, q, r.value(), out);
        if (r.tariffPeriod() != null) {
            out.accept(Quad.create(g, obs, TARIFF_PERIOD, NodeFactory.createLiteralString(r.tariffPeriod())));
        }
        if (r.interval() != null) {
            Instant end = r.time().plus(r.interval());
            out.accept(Quad.create(g, obs, PHENOMENON_TIME, interval(g, r.time(), end, out)));
            out.accept(Quad.create(g, obs, RESULT_TIME, dateTime(end)));
        } else {
            out.accept(Quad.create(g, obs, RESULT_TIME, dateTime(r.time())));
        }
        if (receipt != null) {
            out.accept(Quad.create(g, obs, GENERATED_BY, receipt));
        }
        return obs;
    }

    /**
     * The quads of a consumption derived from two readings of a register: an interval amount of
     * the register's consumption quantity, {@code prov:wasDerivedFrom} both readings, marked
     * {@code vc:coversGap true} when readings between them are missing.
     */
    public Node consumption(
            MeterNodes n,
            Quantity consumption,
            Instant start,
            Instant end,
            BigDecimal value,
            boolean gap,
            List<Node> derivedFrom,
            Consumer<Quad> out) {
        Node g = n.graph();
        Node obs = consumptionIri(n, consumption, start, end);
        common(g, obs, n, consumption, value, out);
        out.accept(Quad.create(g, obs, PHENOMENON_TIME, interval(g, start, end, out)));
        out.accept(Quad.create(g, obs, RESULT_TIME, dateTime(end)));
        for (Node from : derivedFrom) {
            out.accept(Quad.create(g, obs, DERIVED_FROM, from));
        }
        if (gap) {
            out.accept(Quad.create(g, obs, COVERS_GAP, NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean)));
        }
        return obs;
    }

    /** The IRI of a derived consumption. */
    public Node consumptionIri(MeterNodes n, Quantity consumption, Instant start, Instant end) {
        return NodeFactory.createURI(base + "obs/" + n.pseudonym() + "/" + consumption.notation() + "/" + start + "/"
                + duration(start, Duration.between(start, end)));
    }

    /** The receipt of a message, in a graph: the activity observations point to with {@code prov:wasGeneratedBy}. */
    public Node receipt(Envelope e, Node graph, Consumer<Quad> out) {
        Node receipt = iri("receipt/" + receiptKey(e));
        out.accept(Quad.create(graph, receipt, TYPE, prov("Activity")));
        if (e.gateway() != null) {
            Node gateway = iri("gateway/" + encode(e.gateway()));
            out.accept(Quad.create(graph, receipt, prov("wasAssociatedWith"), gateway));
            out.accept(Quad.create(graph, gateway, TYPE, prov("Agent")));
        }
        out.accept(Quad.create(graph, receipt, prov("endedAtTime"), dateTime(e.receivedAt())));
        if (e.messageId() != null) {
            out.accept(Quad.create(graph, receipt, dct("identifier"), NodeFactory.createLiteralString(e.messageId())));
        }
        if (e.rssi() != null) {
            out.accept(Quad.create(
                    graph,
                    receipt,
                    vc("signalStrength"),
                    NodeFactory.createLiteralDT(e.rssi().toString(), XSDDatatype.XSDinteger)));
        }
        return receipt;
    }

    private static String receiptKey(Envelope e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((e.source() + "\n" + e.gateway() + "\n" + e.messageId() + "\n" + e.receivedAt() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(e.payload());
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }

    private void common(Node g, Node obs, MeterNodes n, Quantity q, BigDecimal value, Consumer<Quad> out) {
        out.accept(Quad.create(g, obs, TYPE, OBSERVATION));
        out.accept(Quad.create(g, obs, TYPE, MEASUREMENT));
        out.accept(Quad.create(g, obs, MADE_BY, n.node()));
        out.accept(Quad.create(g, obs, PROPERTY, NodeFactory.createURI(q.iri())));
        out.accept(Quad.create(g, obs, FOI, n.featureOfInterest()));
        out.accept(Quad.create(g, obs, RESULT, decimal(value)));
        out.accept(Quad.create(g, obs, UNIT, NodeFactory.createURI(q.canonicalUnitIri())));
    }

    /** The shared interval resource {@code {base}id/interval/{start}/{duration}} and its instants. */
    private Node interval(Node g, Instant start, Instant end, Consumer<Quad> out) {
        String duration = duration(start, Duration.between(start, end));
        Node interval = iri("id/interval/" + start + "/" + duration);
        Node begin = iri("id/instant/" + start);
        Node finish = iri("id/instant/" + end);
        out.accept(Quad.create(g, interval, TYPE, time("Interval")));
        out.accept(Quad.create(g, interval, time("hasBeginning"), begin));
        out.accept(Quad.create(g, interval, time("hasEnd"), finish));
        out.accept(Quad.create(
                g, interval, time("hasXSDDuration"), NodeFactory.createLiteralDT(duration, XSDDatatype.XSDduration)));
        for (Node instant : List.of(begin, finish)) {
            String stamp = instant == begin ? start.toString() : end.toString();
            out.accept(Quad.create(g, instant, TYPE, time("Instant")));
            out.accept(Quad.create(
                    g,
                    instant,
                    time("inXSDDateTimeStamp"),
                    NodeFactory.createLiteralDT(stamp, XSDDatatype.XSDdateTimeStamp)));
        }
        return interval;
    }

    /**
     * An interval's ISO 8601 duration as its IRI spells it: {@code P1D} (or {@code PnD}) for whole
     * local days, from one local midnight to another, whatever their hours; otherwise hours and
     * minutes ({@code PT30M}, {@code PT1H}).
     */
    public String duration(Instant start, Duration length) {
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = start.plus(length).atZone(zone);
        if (s.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && e.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(s.toLocalDate(), e.toLocalDate());
            if (days > 0) {
                return "P" + days + "D";
            }
        }
        return length.toString();
    }

    /** A time as {@code xsd:dateTime} in the city's local time, with its offset and seconds. */
    public Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(LOCAL.format(t.atZone(zone)), XSDDatatype.XSDdateTime);
    }

    private static Node decimal(BigDecimal v) {
        return NodeFactory.createLiteralDT(v.stripTrailingZeros().toPlainString(), XSDDatatype.XSDdecimal);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    private Node iri(String path) {
        return NodeFactory.createURI(base + path);
    }

    private static Node vc(String local) {
        return NodeFactory.createURI(Namespaces.VC + local);
    }

    private static Node sosa(String local) {
        return NodeFactory.createURI(Namespaces.SOSA + local);
    }

    private static Node saref(String local) {
        return NodeFactory.createURI(Namespaces.SAREF + local);
    }

    private static Node s4bldg(String local) {
        return NodeFactory.createURI(Namespaces.S4BLDG + local);
    }

    private static Node prov(String local) {
        return NodeFactory.createURI(Namespaces.PROV + local);
    }

    private static Node time(String local) {
        return NodeFactory.createURI(Namespaces.TIME + local);
    }

    private static Node dct(String local) {
        return NodeFactory.createURI(Namespaces.DCT + local);
    }
}
