package org.vivacite.triplestore.rollup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.vocabulary.SOSA;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.SelectResult;

/**
 * Maintains {@code vc:MeterDayRollup}s as readings arrive: for each new observation in a write,
 * the rollup of its meter, quantity and local day gains its value and one to its count, in the
 * same transaction as the observation itself ({@link QuadStore#apply}). An observation already in
 * the store, or twice in one write, counts once, so re-deliveries change nothing. Each rollup links
 * to every territorial unit of the observation's feature of interest ({@code vc:inArea}), so
 * territorial sums read rollups without joining through the territory.
 *
 * <p>Use it as the private store's only writer of observations (for instance as the committer of a
 * {@link org.vivacite.triplestore.BatchingWriter}): it reads current rollups before writing them.
 */
public final class MeterDayRollups {

    private static final int VALUES_CHUNK = 500;
    private static final String VC_NS = org.vivacite.ontology.vocabulary.Namespaces.VC;

    private final QuadStore store;
    private final ZoneId zone;
    private final Map<Node, List<Node>> areasOfFeature = new ConcurrentHashMap<>();

    /**
     * @param zone the time zone whose calendar days the rollups follow (Europe/Paris for a French city)
     */
    public MeterDayRollups(QuadStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** Forgets cached territory links, after the territory graph changed. */
    public void territoryChanged() {
        areasOfFeature.clear();
    }

    /** Writes the quads, and updates the rollups of the observations among them, in one transaction. */
    public void write(Collection<Quad> quads) {
        Map<Node, Reading> readings = readings(quads);
        readings.keySet().removeAll(existing(readings.keySet()));

        Map<Node, Delta> deltas = new LinkedHashMap<>();
        for (Reading r : readings.values()) {
            deltas.computeIfAbsent(r.rollup(zone), k -> new Delta(r)).add(r.value());
        }
        Map<Node, Current> current = current(deltas.keySet());
        List<Node> unknownFeatures = deltas.values().stream()
                .map(d -> d.first.feature())
                .filter(f -> !areasOfFeature.containsKey(f))
                .distinct()
                .toList();
        areasOfFeature.putAll(areas(unknownFeatures));

        List<Quad> remove = new ArrayList<>();
        List<Quad> add = new ArrayList<>(quads);
        deltas.forEach((rollup, delta) -> {
            Reading r = delta.first;
            Node g = r.graph();
            Current now = current.get(rollup);
            BigDecimal sum = delta.sum;
            long count = delta.count;
            if (now != null) {
                remove.add(Quad.create(g, rollup, VC_valueSum, now.sum()));
                remove.add(Quad.create(g, rollup, VC_valueCount, now.count()));
                sum = sum.add(new BigDecimal(now.sum().getLiteralLexicalForm()));
                count += Long.parseLong(now.count().getLiteralLexicalForm());
            } else {
                add.add(Quad.create(g, rollup, RDF.type.asNode(), VC.MeterDayRollup.asNode()));
                add.add(Quad.create(g, rollup, VC.rollupOf.asNode(), r.meter()));
                add.add(Quad.create(g, rollup, VC.rollupQuantity.asNode(), r.quantity()));
                add.add(Quad.create(
                        g,
                        rollup,
                        VC.day.asNode(),
                        NodeFactory.createLiteralDT(r.day(zone).toString(), XSDDatatype.XSDdate)));
                for (Node area : areasOfFeature.getOrDefault(r.feature(), List.of())) {
                    add.add(Quad.create(g, rollup, VC.inArea.asNode(), area));
                }
            }
            add.add(Quad.create(g, rollup, VC_valueSum, decimal(sum)));
            add.add(Quad.create(
                    g,
                    rollup,
                    VC_valueCount,
                    NodeFactory.createLiteralDT(Long.toString(count), XSDDatatype.XSDinteger)));
        });
        store.apply(remove, add);
    }

    private static final Node VC_valueSum = VC.valueSum.asNode();
    private static final Node VC_valueCount = VC.valueCount.asNode();

    /** A complete observation found among the quads. */
    record Reading(Node graph, Node observation, Node meter, Node quantity, Node feature, BigDecimal value, Node time) {

        LocalDate day(ZoneId zone) {
            String lexical = time.getLiteralLexicalForm();
            try {
                return OffsetDateTime.parse(lexical).atZoneSameInstant(zone).toLocalDate();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(lexical).atZone(zone).toLocalDate();
            }
        }

        Node rollup(ZoneId zone) {
            String q = quantity.getURI();
            return NodeFactory.createURI(
                    meter.getURI() + "/rollup/" + q.substring(q.lastIndexOf('#') + 1) + "/" + day(zone));
        }
    }

    private record Current(Node sum, Node count) {}

    private static final class Delta {
        final Reading first;
        BigDecimal sum = BigDecimal.ZERO;
        long count;

        Delta(Reading first) {
            this.first = first;
        }

        void add(BigDecimal value) {
            sum = sum.add(value);
            count++;
        }
    }

    private static Map<Node, Reading> readings(Collection<Quad> quads) {
        Map<Node, Map<Node, Node>> bySubject = new HashMap<>();
        Map<Node, Node> graphOf = new HashMap<>();
        Set<Node> observations = new HashSet<>();
        for (Quad q : quads) {
            if (q.getPredicate().equals(RDF.type.asNode()) && q.getObject().equals(SOSA.Observation.asNode())) {
                observations.add(q.getSubject());
                graphOf.put(q.getSubject(), q.getGraph());
            }
            bySubject.computeIfAbsent(q.getSubject(), k -> new HashMap<>()).put(q.getPredicate(), q.getObject());
        }
        Map<Node, Reading> readings = new LinkedHashMap<>();
        for (Node o : observations) {
            Map<Node, Node> p = bySubject.get(o);
            Node meter = p.get(SOSA.madeBySensor.asNode());
            Node quantity = p.get(SOSA.observedProperty.asNode());
            Node feature = p.get(SOSA.hasFeatureOfInterest.asNode());
            Node value = p.get(SOSA.hasSimpleResult.asNode());
            Node time = p.get(SOSA.resultTime.asNode());
            if (meter == null
                    || quantity == null
                    || feature == null
                    || value == null
                    || time == null
                    || !value.isLiteral()
                    || !meter.isURI()
                    || !quantity.isURI()) {
                continue; // not a complete reading: the shapes reject it elsewhere; it has no rollup
            }
            BigDecimal v;
            try {
                v = new BigDecimal(value.getLiteralLexicalForm());
            } catch (NumberFormatException notANumber) {
                continue;
            }
            readings.put(o, new Reading(graphOf.get(o), o, meter, quantity, feature, v, time));
        }
        return readings;
    }

    private Set<Node> existing(Collection<Node> observations) {
        Set<Node> found = new HashSet<>();
        for (List<Node> chunk : chunks(observations)) {
            SelectResult r =
                    store.select("SELECT ?o { VALUES ?o { " + iris(chunk) + " } ?o a <" + SOSA.NS + "Observation> }");
            r.rows().forEach(row -> found.add(row.get("o")));
        }
        return found;
    }

    private Map<Node, Current> current(Collection<Node> rollups) {
        Map<Node, Current> found = new HashMap<>();
        for (List<Node> chunk : chunks(rollups)) {
            SelectResult r = store.select("SELECT ?r ?sum ?count { VALUES ?r { " + iris(chunk) + " } ?r <" + VC_NS
                    + "valueSum> ?sum ; <" + VC_NS + "valueCount> ?count }");
            r.rows().forEach(row -> found.put(row.get("r"), new Current(row.get("sum"), row.get("count"))));
        }
        return found;
    }

    /** Every territorial unit a feature belongs to: its building (for a dwelling), then up by vc:partOf. */
    private Map<Node, List<Node>> areas(Collection<Node> features) {
        Map<Node, List<Node>> areas = new HashMap<>();
        for (List<Node> chunk : chunks(features)) {
            SelectResult r = store.select("SELECT DISTINCT ?f ?a { VALUES ?f { " + iris(chunk) + " } "
                    + "{ ?f <https://saref.etsi.org/saref4bldg/isSpaceOf>/<" + VC_NS + "partOf>* ?a } UNION { ?f <"
                    + VC_NS
                    + "partOf>+ ?a } }");
            r.rows()
                    .forEach(row -> areas.computeIfAbsent(row.get("f"), k -> new ArrayList<>())
                            .add(row.get("a")));
        }
        features.forEach(f -> areas.putIfAbsent(f, List.of()));
        return areas;
    }

    private static List<List<Node>> chunks(Collection<Node> nodes) {
        List<Node> all = new ArrayList<>(nodes);
        List<List<Node>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += VALUES_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + VALUES_CHUNK)));
        }
        return chunks;
    }

    /** IRIs written into a query are only ever IRIs of the store's own nodes, checked here. */
    private static String iris(List<Node> nodes) {
        return nodes.stream()
                .peek(n -> {
                    if (!n.isURI() || n.getURI().matches(".*[<>\"{}|^`\\\\\\s].*")) {
                        throw new IllegalArgumentException("not a plain IRI: " + n);
                    }
                })
                .map(n -> "<" + n.getURI() + ">")
                .collect(Collectors.joining(" "));
    }

    /**
     * In canonical form: TDB2 keeps "1.10" and "1.1" as different stored terms but returns "1.1"
     * for both, so a sum written non-canonically could not be removed by the value read back.
     */
    private static Node decimal(BigDecimal d) {
        return NodeFactory.createLiteralDT(
                org.apache.jena.sparql.expr.nodevalue.XSDFuncOp.canonicalDecimalStr(d), XSDDatatype.XSDdecimal);
    }
}
