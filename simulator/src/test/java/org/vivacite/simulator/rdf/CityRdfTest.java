package org.vivacite.simulator.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
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
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;

class CityRdfTest {

    private static final String BASE = "http://localhost:8080/";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("a test key of 16 bytes or more".getBytes());

    private static DemoCity city;
    private static final Set<Device> kinds = EnumSet.noneOf(Device.class);
    private static final java.util.List<Quad> quads = new java.util.ArrayList<>();
    private static int readings;

    @BeforeAll
    static void observe() {
        city = DemoCity.generate(3, 400, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 5));
        CityRdf rdf = new CityRdf(BASE);
        city.simulation().run(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 3), Duration.ofDays(1), r -> {
            kinds.add(r.meter().device());
            readings++;
            rdf.observation(r, PSEUDONYMS, quads::add);
        });
    }

    @Test
    void observationsOfEveryKindOfDeviceConformToTheShapes() {
        assertThat(kinds).containsAll(EnumSet.allOf(Device.class));
        Graph all = GraphFactory.createDefaultGraph();
        quads.forEach(q -> all.add(q.asTriple()));

        ShapeReport report = new ShapeValidator().validate(all);

        assertThat(report.conforms()).as(report.toText()).isTrue();
        long typed = all.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(Namespaces.SOSA + "Observation"))
                .toList()
                .size();
        assertThat(typed).isEqualTo(readings);
    }

    @Test
    void observationsLiveInPseudonymousGraphsAndNeverNameASerialOrDwelling() {
        Set<String> iris = new HashSet<>();
        for (Quad q : quads) {
            assertThat(q.getGraph().getURI()).matches(".*/graph/private/[0-9a-f]{16}");
            for (Node n : new Node[] {q.getGraph(), q.getSubject(), q.getObject()}) {
                if (n.isURI()) {
                    iris.add(n.getURI());
                }
            }
        }
        for (Meter m : city.fleet().meters()) {
            assertThat(iris).noneMatch(iri -> iri.contains(m.id()));
        }
        city.territory().dwellings().forEach(d -> assertThat(iris).noneMatch(iri -> iri.contains(d.id())));
        // A dwelling's observations are about the dwelling the territory import keys with the same pseudonym.
        Meter dwellingMeter = city.fleet().meters().stream()
                .filter(m -> m.dwelling() != null)
                .findFirst()
                .orElseThrow();
        assertThat(new CityRdf(BASE)
                        .featureOfInterest(PSEUDONYMS, dwellingMeter)
                        .getURI())
                .isEqualTo(BASE + "dwelling/"
                        + PSEUDONYMS.of("dwelling", dwellingMeter.dwelling().id()));
    }

    @Test
    void aLeakingKamstrupWaterMeterReportsItsLeakAlarmAsThePipelineWritesIt() {
        Meter kam = city.fleet().of(Device.WATER_METER).stream()
                .filter(m -> m.manufacturer().equals("KAM") && m.dwelling() != null)
                .findFirst()
                .orElseThrow();
        java.time.Instant at =
                LocalDate.of(2026, 1, 10).atStartOfDay(DemoCity.ZONE).toInstant();
        CityRdf rdf = new CityRdf(BASE);
        java.util.List<Quad> out = new java.util.ArrayList<>();
        rdf.alarm(new org.vivacite.simulator.city.Reading(kam, at, 1000, 0, Duration.ofDays(5)), PSEUDONYMS, out::add);
        rdf.alarm(new org.vivacite.simulator.city.Reading(kam, at.plusSeconds(1800), 1000, 0), PSEUDONYMS, out::add);
        Graph g = GraphFactory.createDefaultGraph();
        out.forEach(q -> g.add(q.asTriple()));
        ShapeReport report = new ShapeValidator().validate(g);
        assertThat(report.conforms()).as(report.toText()).isTrue();
        Node result = NodeFactory.createURI(Namespaces.SOSA + "hasSimpleResult");
        var results = g.find(Node.ANY, result, Node.ANY).toList();
        assertThat(results).hasSize(1); // the reading without a leak reports none
        assertThat(results.get(0).getSubject().getURI())
                .isEqualTo(BASE + "obs/" + PSEUDONYMS.of("meter", "KAM-" + kam.id()) + "/waterMeterLeakAlarm/" + at);
        assertThat(results.get(0).getObject().getLiteralLexicalForm()).isEqualTo("96"); // 4–7 days
    }
}
