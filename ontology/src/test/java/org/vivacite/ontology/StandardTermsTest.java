package org.vivacite.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.SAREF;
import org.vivacite.ontology.vocabulary.SOSA;
import org.vivacite.ontology.vocabulary.VC;

/**
 * Every term in a standard namespace that the project uses, in any Turtle file, in any Turtle block
 * of its Markdown documentation, or as a Java vocabulary constant, is defined by the official
 * vocabulary (copies in src/test/resources/vocabularies). Nothing is invented in a namespace the
 * project does not own; every vc: term used is declared in vivacite.ttl or quantities.ttl.
 */
class StandardTermsTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final String BASE = "http://localhost:8080/";
    private static final Pattern TURTLE_BLOCK = Pattern.compile("```turtle\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern OWLXML_IRI = Pattern.compile("IRI=\"#([A-Za-z0-9_]+)\"");

    /** Standard namespace → the terms its official vocabulary defines. */
    private static final Map<String, Set<String>> DEFINED = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void loadOfficialVocabularies() throws IOException {
        define(Namespaces.SOSA, subjects("sosa.ttl", "ssn.ttl"));
        define(Namespaces.SSN, subjects("ssn.ttl"));
        define(Namespaces.SAREF, subjects("saref-core-v3.1.1.utf8-transcoded.ttl"));
        define(Namespaces.S4ENER, subjects("saref4ener-v1.1.2.ttl"));
        define(Namespaces.S4WATR, subjects("saref4watr-v1.1.1.ttl"));
        define(Namespaces.S4CITY, subjects("saref4city-v1.1.2.ttl"));
        define(Namespaces.S4BLDG, saref4bldgLocalNames());
        Set<String> qudtMentions = mentions("qudt-units-subset.ttl");
        define(Namespaces.QUDT, qudtMentions);
        define(Namespaces.UNIT, subjects("qudt-units-subset.ttl"));
        define(Namespaces.QUANTITYKIND, qudtMentions);
        define(Namespaces.GEO, subjects("geo.ttl"));
        define(Namespaces.QB, subjects("cube.ttl"));
        define(Namespaces.DCAT, subjects("dcat3.ttl"));
        Set<String> transcribed = transcribedTerms();
        define(Namespaces.PROV, transcribed);
        define(Namespaces.TIME, transcribed);
        define(Namespaces.DPV, transcribed);
        DEFINED.get(Namespaces.QUANTITYKIND).addAll(transcribed);
    }

    @Test
    void officialVocabulariesAreLoaded() {
        // Guards the test itself: a copy that failed to parse would make every check pass.
        assertThat(DEFINED.get(Namespaces.SOSA)).contains(Namespaces.SOSA + "madeBySensor");
        assertThat(DEFINED.get(Namespaces.SAREF)).contains(Namespaces.SAREF + "Meter");
        assertThat(DEFINED.get(Namespaces.S4BLDG)).contains(Namespaces.S4BLDG + "BuildingSpace");
        assertThat(DEFINED.get(Namespaces.UNIT)).contains(Namespaces.UNIT + "KiloW-HR");
        assertThat(DEFINED.get(Namespaces.UNIT)).doesNotContain(Namespaces.UNIT + "KiloWattHour");
        assertThat(DEFINED.get(Namespaces.GEO)).contains(Namespaces.GEO + "asWKT");
        assertThat(DEFINED.get(Namespaces.DCAT)).contains(Namespaces.DCAT + "Dataset");
        assertThat(DEFINED.get(Namespaces.QB)).contains(Namespaces.QB + "DataSet");
        assertThat(DEFINED.get(Namespaces.DPV)).contains(Namespaces.DPV + "ConsentWithdrawn");
    }

    @Test
    void projectTurtleIsFound() throws IOException {
        List<Source> sources = projectTurtle();
        assertThat(sources)
                .extracting(Source::name)
                .anyMatch(n -> n.endsWith("vivacite.ttl"))
                .anyMatch(n -> n.endsWith("shapes.ttl"))
                .anyMatch(n -> n.contains("docs/ontology.md"));
    }

    @Test
    void everyStandardTermInProjectTurtleExists() throws IOException {
        Set<String> unknown = new TreeSet<>();
        for (Source source : projectTurtle()) {
            for (String iri : iris(source)) {
                if (!exists(iri)) {
                    unknown.add(iri + "  (in " + source.name() + ")");
                }
            }
        }
        assertThat(unknown).as("terms not defined by the official vocabulary").isEmpty();
    }

    @Test
    void everyVivaciteTermInProjectTurtleIsDeclared() throws IOException {
        Model vocabulary = Ontology.vocabulary();
        Set<String> undeclared = new TreeSet<>();
        for (Source source : projectTurtle()) {
            for (String iri : iris(source)) {
                if (iri.startsWith(Namespaces.VC) && !declared(vocabulary, iri)) {
                    undeclared.add(iri + "  (in " + source.name() + ")");
                }
            }
        }
        assertThat(undeclared)
                .as("vc: terms used but not declared in vivacite.ttl or quantities.ttl")
                .isEmpty();
    }

    @Test
    void everyJavaVocabularyConstantExists() throws IllegalAccessException {
        Model vocabulary = Ontology.vocabulary();
        Set<String> wrong = new TreeSet<>();
        for (Class<?> type : List.of(SOSA.class, SAREF.class, VC.class)) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof Resource r) {
                    String iri = r.getURI();
                    boolean ok = iri.startsWith(Namespaces.VC) ? declared(vocabulary, iri) : exists(iri);
                    if (!ok) {
                        wrong.add(type.getSimpleName() + "." + field.getName() + " = " + iri);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aMisspelledTermWouldBeCaught() {
        assertThat(exists(Namespaces.SOSA + "madeBySensor")).isTrue();
        assertThat(exists(Namespaces.SOSA + "madeBySenser")).isFalse();
        assertThat(exists(Namespaces.SAREF + "WaterMeter")).isFalse(); // it lives in SAREF4WATR
        assertThat(exists(Namespaces.S4WATR + "WaterMeter")).isTrue();
    }

    private static boolean exists(String iri) {
        for (Map.Entry<String, Set<String>> e : DEFINED.entrySet()) {
            String local = iri.startsWith(e.getKey()) ? iri.substring(e.getKey().length()) : null;
            if (local != null && !local.contains("/")) {
                return local.isEmpty() || e.getValue().contains(iri); // a bare namespace names no term
            }
        }
        return true; // not a checked standard namespace
    }

    private static boolean declared(Model vocabulary, String iri) {
        return vocabulary
                .getGraph()
                .find(org.apache.jena.graph.NodeFactory.createURI(iri), Node.ANY, Node.ANY)
                .hasNext();
    }

    private static void define(String namespace, Set<String> terms) {
        DEFINED.computeIfAbsent(namespace, k -> new HashSet<>()).addAll(terms);
    }

    private static Set<String> subjects(String... files) {
        Set<String> terms = new HashSet<>();
        for (String file : files) {
            parse(file).find().forEach(t -> {
                if (t.getSubject().isURI()) {
                    terms.add(t.getSubject().getURI());
                }
            });
        }
        return terms;
    }

    private static Set<String> mentions(String file) {
        Set<String> terms = new HashSet<>();
        parse(file).find().forEach(t -> {
            for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                if (n.isURI()) {
                    terms.add(n.getURI());
                }
            }
        });
        return terms;
    }

    private static org.apache.jena.graph.Graph parse(String file) {
        Model model = ModelFactory.createDefaultModel();
        try (InputStream in = resource(file)) {
            RDFParser.source(in).lang(Lang.TURTLE).parse(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(model.size()).as(file).isGreaterThan(100);
        return model.getGraph();
    }

    /** SAREF4BLDG is available only as the pre-ETSI OWL/XML edition: its local names, in the ETSI namespace. */
    private static Set<String> saref4bldgLocalNames() throws IOException {
        String xml;
        try (InputStream in = resource("saref4bldg-w3id-v1.0.OWLXML.owl")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> terms = new HashSet<>();
        Matcher m = OWLXML_IRI.matcher(xml);
        while (m.find()) {
            terms.add(Namespaces.S4BLDG + m.group(1));
        }
        return terms;
    }

    private static Set<String> transcribedTerms() throws IOException {
        try (InputStream in = resource("w3c-recommendation-terms.txt")) {
            Set<String> terms = new HashSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(terms::add);
            return terms;
        }
    }

    private static InputStream resource(String file) {
        InputStream in = StandardTermsTest.class.getResourceAsStream("/vocabularies/" + file);
        assertThat(in).as("test resource vocabularies/" + file).isNotNull();
        return in;
    }

    record Source(String name, String turtle) {}

    /** The project's own Turtle: every .ttl outside build output and the official copies, and Markdown Turtle blocks. */
    static List<Source> projectTurtle() throws IOException {
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PROJECT)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = PROJECT.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".git/")
                        || rel.contains("/target/")
                        || rel.contains("/node_modules/")
                        || rel.contains("src/test/resources/vocabularies/")) {
                    continue;
                }
                if (rel.endsWith(".ttl")) {
                    sources.add(new Source(rel, Files.readString(p)));
                } else if (rel.endsWith(".md")) {
                    Matcher m = TURTLE_BLOCK.matcher(Files.readString(p));
                    int block = 0;
                    while (m.find()) {
                        sources.add(new Source(rel + " (turtle block " + ++block + ")", m.group(1)));
                    }
                }
            }
        }
        return sources;
    }

    private static Set<String> iris(Source source) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(source.turtle(), Lang.TURTLE).base(BASE).parse(model);
        Set<String> iris = new HashSet<>();
        model.getGraph().find().forEach((Triple t) -> {
            for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                if (n.isURI()) {
                    iris.add(n.getURI());
                } else if (n.isLiteral() && n.getLiteralDatatypeURI() != null) {
                    iris.add(n.getLiteralDatatypeURI());
                }
            }
        });
        return iris;
    }
}
