package org.vivacite.app.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.graph.GraphFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.ontology.Ontology;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.territory.TerritoryFiles;
import org.vivacite.territory.TerritoryImport;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * Loaded while the application context starts, before the web server accepts requests, so that
 * once {@code /actuator/health} answers the content is there. What the stores hold from the first start: the vocabulary in the public store (rewritten only
 * when the shipped ontology changed, since every TDB2 commit costs disk), and with {@code --demo}
 * the demo city's territory and dwellings, imported from its files in the national formats through
 * {@code territory import}, with the worked example of docs/ontology.md added to the territory in
 * both stores and the example's household only in the private store (the demo city's devices and
 * readings follow once the server is up: DemoFeed).
 */
@Component
class InitialContent implements InitializingBean {

    /** The pseudonymous key of the worked example's dwelling (examples/household.ttl). */
    static final String EXAMPLE_SUBJECT = "3f9a1c0e5b7d2a64";

    private static final Logger log = LoggerFactory.getLogger(InitialContent.class);
    private static final Node INVALIDATED = NodeFactory.createURI(Namespaces.PROV + "invalidatedAtTime");

    private final QuadStore privateStore;
    private final QuadStore publicStore;
    private final GraphNames graphs;
    private final VivaciteProperties properties;
    private final ObjectProvider<DemoCity> demoCity;
    private final Pseudonyms pseudonyms;

    InitialContent(
            @PrivateStore QuadStore privateStore,
            @PublicStore QuadStore publicStore,
            GraphNames graphs,
            VivaciteProperties properties,
            ObjectProvider<DemoCity> demoCity,
            Pseudonyms pseudonyms) {
        this.demoCity = demoCity;
        this.pseudonyms = pseudonyms;
        this.privateStore = privateStore;
        this.publicStore = publicStore;
        this.graphs = graphs;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        replaceIfChanged(publicStore, graphs.vocabulary(), Ontology.vocabulary().getGraph(), "vocabulary");
        if (properties.demo()) {
            DemoCity city = demoCity.getIfAvailable();
            if (city != null) {
                importDemoTerritory(city);
            }
            Graph territory = withExample(publicStore.read(graphs.territory()));
            replaceIfChanged(publicStore, graphs.territory(), territory, "demo territory");
            replaceIfChanged(privateStore, graphs.territory(), territory, "demo territory");
            replaceIfChanged(
                    privateStore,
                    graphs.privateGraph(EXAMPLE_SUBJECT),
                    read(Ontology.EXAMPLE_HOUSEHOLD),
                    "demo household");
            log.info(
                    "Demo data: the worked example of docs/ontology.md and the demo city's territory under {}",
                    properties.baseIri());
        }
    }

    /**
     * The demo city's territory goes in as a real city's does: the simulator writes it in the
     * national formats under {@code {data}/demo/territory} and {@code territory import} reads them
     * (with the platform's pseudonyms, so that its dwellings are the ones the meters report for).
     * A later start whose files come out the same imports nothing.
     */
    private void importDemoTerritory(DemoCity city) {
        Path dir = properties.data().resolve("demo").resolve("territory");
        boolean same = !publicStore.read(graphs.territory()).isEmpty()
                && TerritoryFiles.NAMES.stream()
                        .allMatch(
                                name -> sameContent(dir.resolve(name), TerritoryFiles.content(city.territory(), name)));
        if (same) {
            log.debug("The demo city's territory files in {} are the ones imported", dir);
            return;
        }
        try {
            List<Path> files = TerritoryFiles.write(city.territory(), dir);
            TerritoryImport.Report report = new TerritoryImport(
                            properties.baseIri(), publicStore, privateStore, pseudonyms, Clock.systemUTC())
                    .run(files);
            log.info(
                    "Demo city: territory imported from {} ({}; {} unplaced)",
                    dir,
                    report.counts(),
                    report.unplaced().size());
            if (!report.unplaced().isEmpty()) {
                throw new IllegalStateException("the demo city's territory files name what the import cannot place: "
                        + report.unplaced().get(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo city's territory files into " + dir, e);
        }
    }

    private static boolean sameContent(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).equals(text);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The territory with the worked example's district, street and building added; the metropolis
     * and commune both describe are the demo city's (one geometry each). The example is never marked
     * invalidated: the import does not know it, so it would take it for a feature gone.
     */
    private Graph withExample(Graph stored) {
        Graph example = read(Ontology.EXAMPLE_TERRITORY);
        Graph territory = GraphFactory.createDefaultGraph();
        Set<Node> exampleSubjects = new HashSet<>();
        example.find().forEach(t -> exampleSubjects.add(t.getSubject()));
        stored.find()
                .filterDrop(t -> exampleSubjects.contains(t.getSubject())
                        && t.getPredicate().equals(INVALIDATED))
                .forEach(territory::add);
        Set<Node> described = new HashSet<>();
        territory.find().forEach(t -> described.add(t.getSubject()));
        example.find().filterDrop(t -> described.contains(t.getSubject())).forEach(territory::add);
        return territory;
    }

    private Graph read(String resource) {
        Model model = Ontology.read(resource, properties.baseIri());
        return model.getGraph();
    }

    private static void replaceIfChanged(QuadStore store, String graphIri, Graph content, String what) {
        if (store.read(graphIri).isIsomorphicWith(content)) {
            log.debug("{} in the {} store is current", what, store.role());
            return;
        }
        store.replace(graphIri, content);
        log.info("Loaded the {} into <{}> of the {} store ({} triples)", what, graphIri, store.role(), content.size());
    }
}
