package org.vivacite.triplestore.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.SAREF;
import org.vivacite.ontology.vocabulary.SOSA;

/**
 * Synthetic register readings shaped exactly as docs/ontology.md's worked example: 8 triples per
 * observation, one private graph per dwelling, half-hourly readings. Deterministic: observation
 * {@code i} is meter {@code i % meters} at step {@code i / meters}.
 */
final class Observations {

    static final String BASE = "http://localhost:8080/";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final int meters;

    Observations(int meters) {
        this.meters = meters;
    }

    int meters() {
        return meters;
    }

    static String meter(int m) {
        return BASE + "meter/m" + m;
    }

    static String dwelling(int m) {
        return BASE + "dwelling/d" + m;
    }

    static String graph(int m) {
        return BASE + "graph/private/d" + m;
    }

    /** The 8 quads of observation {@code i}. */
    List<Quad> observation(long i) {
        int m = (int) (i % meters);
        long step = i / meters;
        Instant time = START.plus(30 * step, ChronoUnit.MINUTES);
        Node g = NodeFactory.createURI(graph(m));
        Node obs = NodeFactory.createURI(BASE + "obs/m" + m + "/waterVolume/" + time);
        List<Quad> q = new ArrayList<>(8);
        q.add(Quad.create(g, obs, RDF.type.asNode(), SOSA.Observation.asNode()));
        q.add(Quad.create(g, obs, RDF.type.asNode(), SAREF.Measurement.asNode()));
        q.add(Quad.create(g, obs, SOSA.madeBySensor.asNode(), NodeFactory.createURI(meter(m))));
        q.add(Quad.create(
                g, obs, SOSA.observedProperty.asNode(), NodeFactory.createURI(Namespaces.VC + "waterVolume")));
        q.add(Quad.create(g, obs, SOSA.hasFeatureOfInterest.asNode(), NodeFactory.createURI(dwelling(m))));
        q.add(Quad.create(
                g,
                obs,
                SOSA.hasSimpleResult.asNode(),
                NodeFactory.createLiteralDT(
                        String.format("%d.%03d", 100 + step / 100, step % 1000), XSDDatatype.XSDdecimal)));
        q.add(Quad.create(g, obs, SAREF.isMeasuredIn.asNode(), NodeFactory.createURI(Namespaces.UNIT + "M3")));
        q.add(Quad.create(
                g,
                obs,
                SOSA.resultTime.asNode(),
                NodeFactory.createLiteralDT(time.toString(), XSDDatatype.XSDdateTime)));
        return q;
    }

    /**
     * The territory the meters sit in, as the private store keeps it: 20 dwellings per building,
     * 5 buildings per street, 4 streets per district (IRIS), one commune.
     */
    List<Quad> territory() {
        Node g = NodeFactory.createURI(BASE + "graph/territory");
        Node partOf = NodeFactory.createURI(Namespaces.VC + "partOf");
        Node spaceOf = NodeFactory.createURI(Namespaces.S4BLDG + "isSpaceOf");
        List<Quad> q = new ArrayList<>();
        for (int m = 0; m < meters; m++) {
            int building = m / 20;
            int street = building / 5;
            int district = street / 4;
            q.add(Quad.create(
                    g,
                    NodeFactory.createURI(dwelling(m)),
                    spaceOf,
                    NodeFactory.createURI(BASE + "id/building/b" + building)));
            q.add(Quad.create(
                    g,
                    NodeFactory.createURI(BASE + "id/building/b" + building),
                    partOf,
                    NodeFactory.createURI(BASE + "id/street/s" + street)));
            q.add(Quad.create(
                    g,
                    NodeFactory.createURI(BASE + "id/street/s" + street),
                    partOf,
                    NodeFactory.createURI(BASE + "id/district/i" + district)));
            q.add(Quad.create(
                    g,
                    NodeFactory.createURI(BASE + "id/district/i" + district),
                    partOf,
                    NodeFactory.createURI(BASE + "id/commune/38185")));
            q.add(Quad.create(
                    g,
                    NodeFactory.createURI(BASE + "id/building/b" + building),
                    RDF.type.asNode(),
                    NodeFactory.createURI(Namespaces.S4BLDG + "Building")));
            q.add(Quad.create(
                    g,
                    NodeFactory.createURI(BASE + "id/district/i" + district),
                    RDF.type.asNode(),
                    NodeFactory.createURI(Namespaces.VC + "District")));
        }
        return q;
    }

    List<Quad> batch(long from, int count) {
        List<Quad> quads = new ArrayList<>(count * 8);
        for (long i = from; i < from + count; i++) {
            quads.addAll(observation(i));
        }
        return quads;
    }
}
