package org.vivacite.simulator.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.meters.Meter;

class CityRdfTest {

    private static final String BASE = "http://localhost:8080/";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("a test key of 16 bytes or more".getBytes());

    private static DemoCity city;
    private static Graph territory;
    private static DatasetGraph households;

    @BeforeAll
    static void generate() {
        city = DemoCity.generate(3, 400, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 5));
        CityRdf rdf = new CityRdf(BASE);
        territory = GraphFactory.createDefaultGraph();
        rdf.territory(city.territory(), StreamRDFLib.graph(territory));
        households = DatasetGraphFactory.create();
        rdf.households(city.territory(), city.fleet(), PSEUDONYMS, StreamRDFLib.dataset(households));
    }

    @Test
    void theTerritoryAndTheDevicesConformToTheOntologysShapes() {
        Graph all = GraphFactory.createDefaultGraph();
        territory.find().forEach(all::add);
        households.find().forEachRemaining(q -> all.add(q.asTriple()));

        ShapeReport report = new ShapeValidator().validate(all);

        assertThat(report.conforms()).as(report.toText()).isTrue();
        // The shapes did look at the data: every device is a meter or sensor the shapes target.
        long meters = all.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(Namespaces.S4BLDG + "BuildingDevice"))
                .toList()
                .size();
        assertThat(meters).isEqualTo(city.fleet().meters().size());
    }

    @Test
    void observationsOfEveryKindOfDeviceConformToTheShapes() {
        CityRdf rdf = new CityRdf(BASE);
        Graph all = GraphFactory.createDefaultGraph();
        territory.find().forEach(all::add);
        households.find().forEachRemaining(q -> all.add(q.asTriple()));
        java.util.Set<org.vivacite.simulator.meters.Device> kinds =
                java.util.EnumSet.noneOf(org.vivacite.simulator.meters.Device.class);
        int[] observations = {0};
        city.simulation().run(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 3), java.time.Duration.ofDays(1), r -> {
            kinds.add(r.meter().device());
            observations[0]++;
            rdf.observation(r, PSEUDONYMS, q -> all.add(q.asTriple()));
        });
        assertThat(kinds).containsAll(java.util.EnumSet.allOf(org.vivacite.simulator.meters.Device.class));

        ShapeReport report = new ShapeValidator().validate(all);

        assertThat(report.conforms()).as(report.toText()).isTrue();
        long typed = all.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(Namespaces.SOSA + "Observation"))
                .toList()
                .size();
        assertThat(typed).isEqualTo(observations[0]);
    }

    @Test
    void generatedCodesSayTheyAreSyntheticAndRealOnesDoNot() {
        Node source = NodeFactory.createURI(Namespaces.DCT + "source");
        Node synthetic = NodeFactory.createURI(Namespaces.VC + "synthetic");
        assertThat(territory.contains(NodeFactory.createURI(BASE + "id/commune/38185"), source, Node.ANY))
                .isFalse();
        assertThat(territory.contains(NodeFactory.createURI(BASE + "id/metropolis/200040715"), source, Node.ANY))
                .isFalse();
        city.territory()
                .districts()
                .forEach(d -> assertThat(territory.contains(
                                NodeFactory.createURI(BASE + "id/district/" + d.iris()), source, synthetic))
                        .isTrue());
        city.territory()
                .buildings()
                .forEach(b -> assertThat(territory.contains(
                                NodeFactory.createURI(BASE + "id/building/" + b.rnb()), source, synthetic))
                        .isTrue());
    }

    @Test
    void privateDataLiveInPseudonymousGraphsAndNeverNameASerialOrDwelling() {
        Set<String> iris = new HashSet<>();
        households.find().forEachRemaining(q -> {
            assertThat(q.getGraph().getURI()).startsWith(BASE + "graph/private/");
            for (Node n : new Node[] {q.getGraph(), q.getSubject(), q.getObject()}) {
                if (n.isURI()) {
                    iris.add(n.getURI());
                }
            }
        });
        for (Meter m : city.fleet().meters()) {
            assertThat(iris).noneMatch(iri -> iri.contains(m.id()));
        }
        city.territory().dwellings().forEach(d -> assertThat(iris).noneMatch(iri -> iri.contains(d.id())));
        // And nothing private is in the territory.
        territory.find().forEach(t -> assertThat(t.getSubject().getURI()).doesNotContain("/dwelling/", "/meter/"));
        assertThat(households.listGraphNodes()).toIterable().hasSizeGreaterThan(400);
        Quad any = households.find().next();
        assertThat(any.getGraph().getURI()).matches(".*/graph/private/[0-9a-f]{16}");
    }
}
