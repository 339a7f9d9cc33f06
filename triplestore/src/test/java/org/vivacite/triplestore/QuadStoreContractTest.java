package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store adapter must have. Each adapter's test extends this class (through
 * {@link EmbeddedStoreContractTest} for embedded ones) and says how to open its store; the same
 * assertions then run against every engine.
 */
public abstract class QuadStoreContractTest {

    protected static final String G1 = "http://localhost:8080/graph/private/aaaa";
    protected static final String G2 = "http://localhost:8080/graph/private/bbbb";

    private static final String SAMPLE = """
            @prefix ex: <http://example.org/> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:obs1 ex:value 123.456 ;
                ex:time "2026-01-15T01:00:00+01:00"^^xsd:dateTime ;
                ex:label "relevé"@fr , "reading"@en , "plain" ;
                ex:count 7 ;
                ex:flag true ;
                ex:result [ ex:unit ex:M3 ] .
            """;

    private static final String WITHOUT_BLANK_NODES = """
            <http://example.org/obs2> <http://example.org/value> 0.245 ;
                <http://example.org/time> "2026-01-16T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
            """;

    protected QuadStore store;

    /** Opens a store of the adapter under test, empty. */
    protected abstract QuadStore openEmpty();

    /** Opens the same store again, after {@link QuadStore#close()}. */
    protected abstract QuadStore reopen();

    /** The adapter kind under test. */
    protected abstract String kind();

    @BeforeEach
    void openStore() {
        store = openEmpty();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- writing and reading graphs ----

    @Test
    void opensEmptyAndHealthy() {
        assertThat(store.kind()).isEqualTo(kind());
        assertThat(store.role()).isEqualTo("private");
        assertThat(store.statistics()).isEmpty();
        assertThat(store.health().up()).isTrue();
    }

    @Test
    void readsBackWhatWasAddedTermForTerm() {
        Graph sample = parse(SAMPLE);
        store.add(G1, sample);
        assertThat(store.read(G1).isIsomorphicWith(sample)).isTrue();
    }

    @Test
    void findsTheTriplesOfOneGraphMatchingThePatterns() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse(WITHOUT_BLANK_NODES + "<http://example.org/obs1> <http://example.org/value> 9 ."));
        Node obs1 = NodeFactory.createURI("http://example.org/obs1");
        Node value = NodeFactory.createURI("http://example.org/value");
        Node time = NodeFactory.createURI("http://example.org/time");
        Graph found = store.find(
                G1,
                List.of(
                        Triple.create(obs1, value, Node.ANY),
                        Triple.create(Node.ANY, NodeFactory.createURI("http://example.org/count"), Node.ANY),
                        Triple.create(NodeFactory.createURI("http://example.org/obs2"), Node.ANY, Node.ANY)));
        assertThat(found.isIsomorphicWith(parse("""
                        <http://example.org/obs1> <http://example.org/value> 123.456 ;
                            <http://example.org/count> 7 .
                        """)))
                .as("only G1's triples, not obs2 nor G2's value of obs1")
                .isTrue();
        assertThat(store.find(G2, List.of(Triple.create(obs1, Node.ANY, Node.ANY)))
                        .size())
                .isEqualTo(1);
        assertThat(store.find(
                                G1,
                                List.of(
                                        Triple.create(
                                                Node.ANY,
                                                time,
                                                NodeFactory.createLiteralDT(
                                                        "2026-01-15T01:00:00+01:00", XSDDatatype.XSDdateTime)),
                                        Triple.create(
                                                Node.ANY,
                                                time,
                                                NodeFactory.createLiteralString("2026-01-15T01:00:00+01:00"))))
                        .isIsomorphicWith(parse("<http://example.org/obs1> <http://example.org/time>"
                                + " \"2026-01-15T01:00:00+01:00\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .")))
                .as("a literal object is matched with its datatype, in the graph asked only")
                .isTrue();
        assertThatThrownBy(() ->
                        store.find(G1, List.of(Triple.create(NodeFactory.createLiteralString("x"), value, Node.ANY))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IRIs or ANY");
        assertThatThrownBy(() -> store.find(G1, List.of(Triple.create(obs1, value, NodeFactory.createBlankNode()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IRIs or ANY");
    }

    @Test
    void readsOnlyTheTriplesOfTheGivenPredicatesOfOneGraph() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse(WITHOUT_BLANK_NODES));
        Graph some = store.read(G1, Set.of("http://example.org/value", "http://example.org/label"));
        assertThat(some.isIsomorphicWith(parse("""
                        <http://example.org/obs1> <http://example.org/value> 123.456 ;
                            <http://example.org/label> "relevé"@fr , "reading"@en , "plain" .
                        """))).isTrue();
        assertThat(store.read(G1, Set.of("http://example.org/none")).isEmpty()).isTrue();
        assertThat(store.read("http://localhost:8080/graph/private/none", Set.of("http://example.org/value"))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void addingTheSameTriplesTwiceKeepsOneCopy() {
        Graph triples = parse(WITHOUT_BLANK_NODES);
        store.add(G1, triples);
        store.add(G1, triples);
        store.add(G1, parse(WITHOUT_BLANK_NODES));
        assertThat(store.statistics()).containsEntry(G1, 2L);
        assertThat(store.read(G1).isIsomorphicWith(triples)).isTrue();
    }

    @Test
    void doublesKeepTheirValue() {
        // TDB2 stores doubles by value and may hand back another lexical form ("1.5e0" for "1.5E0"):
        // the platform writes xsd:decimal values, which every adapter returns term for term.
        store.add(
                G1,
                parse(
                        "<http://example.org/s> <http://example.org/p> \"1.5E0\"^^<http://www.w3.org/2001/XMLSchema#double> ."));
        Node object = store.read(G1).find().next().getObject();
        assertThat(object.getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#double");
        assertThat(((Number) object.getLiteralValue()).doubleValue()).isEqualTo(1.5);
    }

    @Test
    void replaceSwapsOneGraphAndLeavesOthers() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse(SAMPLE));
        Graph replacement = parse("<http://example.org/a> <http://example.org/b> <http://example.org/c> .");
        store.replace(G1, replacement);
        assertThat(store.read(G1).isIsomorphicWith(replacement)).isTrue();
        assertThat(store.read(G2).isIsomorphicWith(parse(SAMPLE))).isTrue();
    }

    @Test
    void containedFindsExactlyTheQuadsThatAreThere() {
        Node s = NodeFactory.createURI("http://example.org/s");
        Node p = NodeFactory.createURI("http://example.org/p");
        Node g1 = NodeFactory.createURI(G1);
        Node g2 = NodeFactory.createURI(G2);
        Quad there = Quad.create(g1, s, p, NodeFactory.createLiteralDT("1.5", XSDDatatype.XSDdecimal));
        Quad iri = Quad.create(g1, s, p, NodeFactory.createURI("http://example.org/o"));
        store.add(List.of(there, iri));
        Quad otherGraph = Quad.create(g2, s, p, iri.getObject());
        Quad otherValue = Quad.create(g1, s, p, NodeFactory.createLiteralDT("2.5", XSDDatatype.XSDdecimal));
        Quad otherSubject = Quad.create(g1, p, p, iri.getObject());
        assertThat(store.contained(List.of(there, iri, otherGraph, otherValue, otherSubject)))
                .containsExactlyInAnyOrder(there, iri);
        assertThat(store.contained(List.of())).isEmpty();
    }

    @Test
    void quadsAcrossGraphsAreAddedInOneCall() {
        Node s = NodeFactory.createURI("http://example.org/s");
        Node p = NodeFactory.createURI("http://example.org/p");
        store.add(List.of(
                Quad.create(NodeFactory.createURI(G1), s, p, NodeFactory.createLiteralString("one")),
                Quad.create(NodeFactory.createURI(G2), s, p, NodeFactory.createLiteralString("two")),
                Quad.create(NodeFactory.createURI(G2), s, p, NodeFactory.createLiteralString("three"))));
        assertThat(store.statistics()).isEqualTo(Map.of(G1, 1L, G2, 2L));
    }

    @Test
    void applyRemovesAndAddsInOneCall() {
        Node s = NodeFactory.createURI("http://example.org/s");
        Node p = NodeFactory.createURI("http://example.org/sum");
        Node g1 = NodeFactory.createURI(G1);
        store.add(List.of(
                Quad.create(g1, s, p, integer(1)),
                Quad.create(g1, s, NodeFactory.createURI("http://example.org/keep"), s)));
        store.apply(
                List.of(Quad.create(g1, s, p, integer(1))),
                List.of(Quad.create(g1, s, p, integer(3)), Quad.create(NodeFactory.createURI(G2), s, p, integer(3))));
        assertThat(store.ask("ASK { GRAPH <" + G1 + "> { <http://example.org/s> <http://example.org/sum> 3 } }"))
                .isTrue();
        assertThat(store.ask("ASK { GRAPH <" + G1 + "> { <http://example.org/s> <http://example.org/sum> 1 } }"))
                .isFalse();
        assertThat(store.statistics()).isEqualTo(Map.of(G1, 2L, G2, 1L));
    }

    @Test
    void quadsOutsideANamedGraphAreRefused() {
        Node s = NodeFactory.createURI("http://example.org/s");
        assertThatThrownBy(() -> store.add(List.of(Quad.create(Quad.defaultGraphIRI, s, s, s))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("named graphs only");
    }

    @Test
    void dropRemovesOneGraph() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse(WITHOUT_BLANK_NODES));
        store.drop(G1);
        store.drop("http://example.org/never-there");
        assertThat(store.statistics()).isEqualTo(Map.of(G2, 2L));
    }

    @Test
    void statisticsCountTriplesPerNamedGraph() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse("<http://example.org/a> <http://example.org/b> 1, 2 ."));
        assertThat(store.statistics()).isEqualTo(Map.of(G1, (long) parse(SAMPLE).size(), G2, 2L));
    }

    @Test
    void statisticsSeeEveryGraphAlsoAfterReopening() {
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 1; i <= 12; i++) {
            String graph = "http://localhost:8080/graph/private/s" + i;
            StringBuilder turtle = new StringBuilder();
            for (int j = 0; j < i; j++) {
                turtle.append("<http://example.org/s")
                        .append(i)
                        .append("> <http://example.org/p> ")
                        .append(j)
                        .append(" .\n");
            }
            store.add(graph, parse(turtle.toString()));
            expected.put(graph, (long) i);
        }
        assertThat(store.statistics()).isEqualTo(expected);
        store.close();
        store = reopen();
        assertThat(store.statistics()).as("after reopening").isEqualTo(expected);
    }

    @Test
    void readOfAnUnknownGraphIsEmpty() {
        assertThat(store.read("http://example.org/none").isEmpty()).isTrue();
    }

    @Test
    void dataSurviveClosingAndReopening() {
        store.add(G1, parse(SAMPLE));
        store.close();
        store = reopen();
        assertThat(store.read(G1).isIsomorphicWith(parse(SAMPLE))).isTrue();
    }

    @Test
    void closedStoreIsDownAndRefusesWork() {
        store.close();
        assertThat(store.health().up()).isFalse();
        assertThat(store.health().detail()).contains("closed");
        assertThatThrownBy(() -> store.add(G1, parse(SAMPLE)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("private store")
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.select("SELECT * { ?s ?p ?o }")).isInstanceOf(StoreException.class);
    }

    // ---- SPARQL ----

    @Test
    void queriesSeeNamedGraphsAndTheirUnionAsDefaultGraph() {
        store.add(G1, parse(WITHOUT_BLANK_NODES));
        store.add(G2, parse("<http://example.org/a> <http://example.org/b> 1, 2, 3 ."));
        SelectResult graphs =
                store.select("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g");
        assertThat(graphs.vars()).containsExactly("g", "n");
        assertThat(graphs.rows())
                .extracting(r -> r.get("g").getURI() + "=" + r.get("n").getLiteralLexicalForm())
                .containsExactly(G1 + "=2", G2 + "=3");
        SelectResult union = store.select("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }");
        assertThat(union.rows().get(0).get("n").getLiteralValue()).isEqualTo(5);
    }

    @Test
    void selectReturnsTermsExactlyAndLeavesUnboundVariablesOut() {
        store.add(G1, parse(WITHOUT_BLANK_NODES));
        SelectResult result = store.select("""
                SELECT ?v ?missing { <http://example.org/obs2> <http://example.org/value> ?v
                OPTIONAL { <http://example.org/obs2> <http://example.org/nope> ?missing } }""");
        assertThat(result.rows()).hasSize(1);
        Node v = result.rows().get(0).get("v");
        assertThat(v.getLiteralLexicalForm()).isEqualTo("0.245");
        assertThat(v.getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#decimal");
        assertThat(result.rows().get(0)).doesNotContainKey("missing");
    }

    @Test
    void askConstructAndDescribeWork() {
        store.add(G1, parse(WITHOUT_BLANK_NODES));
        assertThat(store.ask("ASK { ?s <http://example.org/value> 0.245 }")).isTrue();
        assertThat(store.ask("ASK { ?s <http://example.org/value> 1.0 }")).isFalse();
        Graph built = store.construct(
                "CONSTRUCT { ?s <http://example.org/copy> ?v } WHERE { ?s <http://example.org/value> ?v }");
        assertThat(built.size()).isEqualTo(1);
        Graph described = store.construct("DESCRIBE <http://example.org/obs2>");
        assertThat(described.isIsomorphicWith(parse(WITHOUT_BLANK_NODES))).isTrue();
    }

    @Test
    void updatesRunInTheStore() {
        store.update("""
                INSERT DATA { GRAPH <%s> { <http://example.org/a> <http://example.org/p> 1, 2 }
                              GRAPH <%s> { <http://example.org/b> <http://example.org/p> 3 } }""".formatted(G1, G2));
        store.update("DELETE WHERE { GRAPH <%s> { <http://example.org/a> <http://example.org/p> 2 } }".formatted(G1));
        assertThat(store.statistics()).isEqualTo(Map.of(G1, 1L, G2, 1L));
    }

    @Test
    void badQueriesAreClearErrors() {
        assertThatThrownBy(() -> store.select("SELEKT * { ?s ?p ?o }"))
                .isInstanceOf(QueryException.class)
                .hasMessageStartingWith("SPARQL query does not parse: ");
        assertThatThrownBy(() -> store.select("ASK { ?s ?p ?o }"))
                .isInstanceOf(QueryException.class)
                .hasMessage("expected a SELECT query, got ASK");
        assertThatThrownBy(() -> store.update("INSERT DATA { <a> }"))
                .isInstanceOf(QueryException.class)
                .hasMessageStartingWith("SPARQL update does not parse: ");
    }

    // ---- backup and restore ----

    @Test
    void backupRestoresTheStoreAsItWas() {
        store.add(G1, parse(SAMPLE));
        store.add(G2, parse(WITHOUT_BLANK_NODES));
        ByteArrayOutputStream backup = new ByteArrayOutputStream();
        store.backup(backup);
        Map<String, Long> before = store.statistics();

        store.drop(G1);
        store.add("http://localhost:8080/graph/private/cccc", parse(WITHOUT_BLANK_NODES));
        store.restore(new ByteArrayInputStream(backup.toByteArray()));

        assertThat(store.statistics()).isEqualTo(before);
        assertThat(store.read(G1).isIsomorphicWith(parse(SAMPLE))).isTrue();
    }

    @Test
    void restoreRefusesWhatIsNotNQuads() {
        assertThatThrownBy(() -> store.restore(new ByteArrayInputStream("not n-quads at all".getBytes())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not valid N-Quads");
    }

    // ---- personal views: a household sees its own graph and the territory, nothing else ----

    private static final String TERRITORY = "http://localhost:8080/graph/territory";
    private static final String HOUSEHOLDS = """
            @prefix vc: <https://w3id.org/vivacite/ontology#> .
            @prefix s4bldg: <https://saref.etsi.org/saref4bldg/> .
            @prefix sosa: <http://www.w3.org/ns/sosa/> .
            <http://localhost:8080/dwelling/%1$s> a vc:Dwelling ;
                s4bldg:isSpaceOf <http://localhost:8080/id/building/B1> .
            <http://localhost:8080/obs/%1$s/1> a sosa:Observation ;
                sosa:hasFeatureOfInterest <http://localhost:8080/dwelling/%1$s> ;
                sosa:hasSimpleResult %2$s .
            """;

    private void loadTwoHouseholdsInOneBuilding() {
        store.add(G1, parse(HOUSEHOLDS.formatted("aaaa", "11.5")));
        store.add(G2, parse(HOUSEHOLDS.formatted("bbbb", "99.5")));
        store.add(TERRITORY, parse("""
                <http://localhost:8080/id/building/B1> a <https://saref.etsi.org/saref4bldg/Building> ;
                    <https://w3id.org/vivacite/ontology#partOf> <http://localhost:8080/id/street/S1> ."""));
    }

    private PersonalView viewOfA() {
        loadTwoHouseholdsInOneBuilding();
        // Sanity: the store itself does hold household B, so an empty answer below means isolation.
        assertThat(store.ask("ASK { GRAPH <" + G2 + "> { ?s ?p 99.5 } }")).isTrue();
        return PersonalView.of(store, G1, TERRITORY);
    }

    private static Set<String> values(SelectResult result, String var) {
        return result.rows().stream()
                .filter(r -> r.containsKey(var))
                .map(r -> r.get(var))
                .map(n -> n.isLiteral() ? n.getLiteralLexicalForm() : n.toString())
                .collect(Collectors.toSet());
    }

    @Test
    void personalViewListsOnlyItsOwnGraphs() {
        PersonalView view = viewOfA();
        assertThat(values(view.select("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"), "g"))
                .containsExactlyInAnyOrder(G1, TERRITORY);
    }

    @Test
    void personalViewIgnoresFromNamedAnotherHousehold() {
        PersonalView view = viewOfA();
        assertThat(view.select("SELECT * FROM NAMED <" + G2 + "> { GRAPH <" + G2 + "> { ?s ?p ?o } }")
                        .rows())
                .isEmpty();
        assertThat(view.select("SELECT ?o FROM NAMED <" + G2 + "> { GRAPH ?g { ?s ?p ?o } }")
                        .rows())
                .isEmpty();
    }

    @Test
    void personalViewIgnoresFromAnotherHousehold() {
        PersonalView view = viewOfA();
        assertThat(values(
                        view.select(
                                "SELECT ?v FROM <" + G2 + "> { ?s <http://www.w3.org/ns/sosa/hasSimpleResult> ?v }"),
                        "v"))
                .doesNotContain("99.5");
    }

    @Test
    void personalViewUnionDefaultGraphHoldsOnlyItsOwnData() {
        PersonalView view = viewOfA();
        assertThat(values(view.select("SELECT ?v { ?s <http://www.w3.org/ns/sosa/hasSimpleResult> ?v }"), "v"))
                .containsExactly("11.5");
    }

    @Test
    void personalViewDescribesNothingOfAnotherHousehold() {
        PersonalView view = viewOfA();
        assertThat(view.construct("DESCRIBE <http://localhost:8080/dwelling/bbbb>")
                        .isEmpty())
                .isTrue();
        assertThat(view.construct("DESCRIBE ?d { ?d a <https://w3id.org/vivacite/ontology#Dwelling> }")
                        .find()
                        .toList())
                .allSatisfy(t -> assertThat(t.toString()).doesNotContain("bbbb"));
    }

    @Test
    void personalViewPropertyPathsThroughTheSharedBuildingFindOnlyItsOwnDwelling() {
        PersonalView view = viewOfA();
        SelectResult neighbours = view.select("""
                SELECT ?v { <http://localhost:8080/id/building/B1> ^<https://saref.etsi.org/saref4bldg/isSpaceOf>/
                            ^<http://www.w3.org/ns/sosa/hasFeatureOfInterest>/<http://www.w3.org/ns/sosa/hasSimpleResult>* ?v }""");
        assertThat(values(neighbours, "v")).noneMatch(v -> v.contains("bbbb") || v.contains("99.5"));
        assertThat(values(neighbours, "v")).anyMatch(v -> v.contains("11.5"));
    }

    private static final String SIMPLE_RESULT = "http://www.w3.org/ns/sosa/hasSimpleResult";

    private PersonalView viewOfAsResults() {
        loadTwoHouseholdsInOneBuilding();
        assertThat(store.ask("ASK { GRAPH <" + G2 + "> { ?s ?p 99.5 } }")).isTrue();
        return PersonalView.of(
                store, List.of(G1, TERRITORY), Set.of(SIMPLE_RESULT, "https://w3id.org/vivacite/ontology#partOf"));
    }

    @Test
    void personalViewOfSomePredicatesHoldsOnlyThemAndOnlyFromItsOwnGraphs() {
        PersonalView view = viewOfAsResults();
        assertThat(values(view.select("SELECT ?p ?o { ?s ?p ?o }"), "o"))
                .containsExactlyInAnyOrder("11.5", "http://localhost:8080/id/street/S1");
        assertThat(values(view.select("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"), "g"))
                .containsExactlyInAnyOrder(G1, TERRITORY);
        assertThat(view.select("SELECT ?v FROM <" + G2 + "> FROM NAMED <" + G2 + "> { { ?s <" + SIMPLE_RESULT
                                + "> ?v } UNION { GRAPH ?g { ?s <" + SIMPLE_RESULT + "> ?v } } }")
                        .rows())
                .isEmpty();
        assertThat(view.construct("DESCRIBE <http://localhost:8080/obs/bbbb/1>").isEmpty())
                .isTrue();
        assertThatThrownBy(() -> view.select("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("SERVICE execution disabled");
    }

    @Test
    void personalViewsJoinedHoldBothGraphByGraphAndStillOnlyTheirOwn() {
        loadTwoHouseholdsInOneBuilding();
        PersonalView results = PersonalView.matching(
                store, List.of(G1), List.of(Triple.create(Node.ANY, NodeFactory.createURI(SIMPLE_RESULT), Node.ANY)));
        PersonalView streets = PersonalView.matching(
                store,
                List.of(G1, TERRITORY),
                List.of(Triple.create(
                        Node.ANY, NodeFactory.createURI("https://w3id.org/vivacite/ontology#partOf"), Node.ANY)));
        PersonalView both = PersonalView.union(List.of(results, streets));
        assertThat(values(both.select("SELECT ?o { ?s ?p ?o }"), "o"))
                .containsExactlyInAnyOrder("11.5", "http://localhost:8080/id/street/S1");
        assertThat(values(both.select("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"), "g"))
                .containsExactlyInAnyOrder(G1, TERRITORY);
        assertThat(both.select("SELECT ?v FROM <" + G2 + "> FROM NAMED <" + G2 + "> { { ?s <" + SIMPLE_RESULT
                                + "> ?v } UNION { GRAPH ?g { ?s <" + SIMPLE_RESULT + "> ?v } } }")
                        .rows())
                .isEmpty();
    }

    @Test
    void personalViewRefusesService() {
        PersonalView view = viewOfA();
        assertThatThrownBy(() -> view.select("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("SERVICE execution disabled"); // refused, not merely unreachable
    }

    private static Node integer(long i) {
        return NodeFactory.createLiteralDT(String.valueOf(i), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger);
    }

    @Test
    void personalViewStopsAQueryThatRunsOverItsTimeLimit() {
        PersonalView view = viewOfA().withTimeout(java.time.Duration.ofMillis(50));
        // A cross product of every triple with itself, six times over: far more than 50 ms of work.
        assertThatThrownBy(() -> view.select(
                        "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("time limit");
        assertThat(view.select("SELECT ?s { ?s a <https://w3id.org/vivacite/ontology#Dwelling> }")
                        .rows())
                .hasSize(1);
    }

    protected static Graph parse(String turtle) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(turtle, Lang.TURTLE).parse(g);
        return g;
    }
}
