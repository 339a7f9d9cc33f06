package org.vivacite.app.stores;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.ontology.Ontology;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.rdf.CityRdf;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * Loaded while the application context starts, before the web server accepts requests, so that
 * once {@code /actuator/health} answers the content is there. What the stores hold from the first start: the vocabulary in the public store (rewritten only
 * when the shipped ontology changed, since every TDB2 commit costs disk), and with {@code --demo}
 * the worked example of docs/ontology.md and the demo city's territory in both stores, the example's
 * household only in the private store (the demo city's households and readings follow once the
 * server is up: DemoFeed).
 */
@Component
class InitialContent implements InitializingBean {

    /** The pseudonymous key of the worked example's dwelling (examples/household.ttl). */
    static final String EXAMPLE_SUBJECT = "3f9a1c0e5b7d2a64";

    private static final Logger log = LoggerFactory.getLogger(InitialContent.class);

    private final QuadStore privateStore;
    private final QuadStore publicStore;
    private final GraphNames graphs;
    private final VivaciteProperties properties;
    private final ObjectProvider<DemoCity> demoCity;

    InitialContent(
            @PrivateStore QuadStore privateStore,
            @PublicStore QuadStore publicStore,
            GraphNames graphs,
            VivaciteProperties properties,
            ObjectProvider<DemoCity> demoCity) {
        this.demoCity = demoCity;
        this.privateStore = privateStore;
        this.publicStore = publicStore;
        this.graphs = graphs;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        replaceIfChanged(publicStore, graphs.vocabulary(), Ontology.vocabulary().getGraph(), "vocabulary");
        if (properties.demo()) {
            Graph territory = read(Ontology.EXAMPLE_TERRITORY);
            DemoCity city = demoCity.getIfAvailable();
            if (city != null) {
                territory = withDemoCity(territory, city);
            }
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
     * The demo city's territory with the worked example's district, street and building added; the
     * metropolis and communes both describe are the demo city's (one geometry each).
     */
    private Graph withDemoCity(Graph example, DemoCity city) {
        Graph territory = GraphFactory.createDefaultGraph();
        new CityRdf(properties.baseIri()).territory(city.territory(), StreamRDFLib.graph(territory));
        java.util.Set<Node> described = new java.util.HashSet<>();
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
