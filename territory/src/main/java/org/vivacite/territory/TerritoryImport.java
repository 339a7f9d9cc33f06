package org.vivacite.territory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphListenerBase;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.compose.DisjointUnion;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * Imports a territory from its files into both stores (docs/territory.md). Each file is recognised
 * by its content among the {@link TerritorySource} providers; the files are read in stage order into
 * a {@link TerritoryDraft}, the providers complete it, the result is checked against the SHACL
 * shapes of the territory model, then written all or nothing: the graph {@code {base}graph/territory}
 * of the public store and its copy in the private store (for joins), and the dwellings into their
 * private graphs. Nothing is written when any file or rule fails.
 *
 * <p>An import gives the whole territory. What the stores hold and the import no longer names (an
 * IRIS of an older millésime, a demolished building) is kept, marked {@code prov:invalidatedAtTime},
 * so that past observations still find the district they were in. Importing the same files twice
 * gives the same graphs.
 */
public final class TerritoryImport {

    /** How many bytes of a file its recognition sees. */
    static final int HEAD = 8192;

    private static final Node HAS_GEOMETRY = NodeFactory.createURI(Namespaces.GEO + "hasGeometry");
    private static final Node NOTATION = NodeFactory.createURI(Namespaces.SKOS + "notation");
    private static final Node INVALIDATED = NodeFactory.createURI(Namespaces.PROV + "invalidatedAtTime");
    private static final List<Node> COUNTED = List.of(
            VC.Metropolis.asNode(),
            VC.Commune.asNode(),
            VC.District.asNode(),
            VC.Street.asNode(),
            NodeFactory.createURI(Namespaces.S4BLDG + "Building"),
            VC.Dwelling.asNode());

    private final String base;
    private final QuadStore publicStore;
    private final QuadStore privateStore;
    private final List<TerritorySource> sources;
    private final Clock clock;
    private final GraphNames graphs;
    private final Pseudonyms pseudonyms;

    /**
     * An import with the providers registered in {@code META-INF/services}.
     *
     * @param pseudonyms the platform's, which dwelling IRIs are keyed with; null for an import
     *     without dwellings (a dwelling file is then refused)
     */
    public TerritoryImport(
            String base, QuadStore publicStore, QuadStore privateStore, Pseudonyms pseudonyms, Clock clock) {
        this(base, publicStore, privateStore, pseudonyms, clock, providers());
    }

    TerritoryImport(
            String base,
            QuadStore publicStore,
            QuadStore privateStore,
            Pseudonyms pseudonyms,
            Clock clock,
            List<TerritorySource> sources) {
        this.base = base;
        this.pseudonyms = pseudonyms;
        this.graphs = new GraphNames(base);
        this.publicStore = publicStore;
        this.privateStore = privateStore;
        this.clock = clock;
        this.sources = sources;
    }

    /** The registered providers, in stage order. */
    public static List<TerritorySource> providers() {
        List<TerritorySource> found = new ArrayList<>();
        ServiceLoader.load(TerritorySource.class, TerritoryImport.class.getClassLoader())
                .forEach(found::add);
        found.sort(Comparator.comparingInt(TerritorySource::stage).thenComparing(TerritorySource::kind));
        return List.copyOf(found);
    }

    /**
     * What an import did.
     *
     * @param files each file's name and the kind it was read as, in reading order
     * @param counts how many metropolises, communes, districts, streets, buildings and dwellings the
     *     territory now has (kept ones not counted)
     * @param kept how many areas and buildings are kept from earlier imports, marked invalidated
     * @param unplaced what the files name that could not be placed, by id
     * @param notes what else the readers said
     * @param changed whether the stores were written (an import of what they hold already writes nothing)
     */
    public record Report(
            Map<String, String> files,
            Map<String, Long> counts,
            long kept,
            List<TerritoryDraft.Unplaced> unplaced,
            List<String> notes,
            boolean changed) {}

    /**
     * Imports the files. Throws {@link TerritoryException} (one line: file, where, what) when a file
     * is not recognised or breaks a rule; nothing is written then.
     */
    public Report run(List<Path> files) throws IOException {
        Map<Path, TerritorySource> kinds = recognise(files);
        TerritoryDraft draft = new TerritoryDraft(base, pseudonyms);
        Origins origin = new Origins(draft);
        Map<String, String> read = new LinkedHashMap<>();
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparingInt(f -> kinds.get(f).stage()));
        Set<TerritorySource> used = new LinkedHashSet<>();
        for (Path file : ordered) {
            TerritorySource source = kinds.get(file);
            origin.from(file.getFileName().toString());
            source.read(file, draft);
            used.add(source);
            read.put(file.getFileName().toString(), source.kind());
        }
        used.stream().sorted(Comparator.comparingInt(TerritorySource::stage)).forEach(source -> {
            origin.from(source.kind());
            source.complete(draft);
        });
        origin.close();

        Graph old = publicStore.read(graphs.territory());
        Graph territory = draft.territory().getGraph();
        keep(territory, old);
        List<Quad> dwellings = dwellingQuads(draft.dwellings(), origin.subjects());
        Changes changes = changes(old, territory, dwellings);
        validate(
                territory,
                draft.dwellings(),
                origin.subjects(),
                old.isEmpty()
                        ? null
                        : changes.reach(territory, draft.dwellings().getGraph()));
        boolean changed = write(old, changes);
        long kept = territory.find(Node.ANY, INVALIDATED, Node.ANY).toList().size();
        return new Report(read, counts(territory, draft.dwellings()), kept, draft.unplaced(), draft.notes(), changed);
    }

    private Map<Path, TerritorySource> recognise(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new TerritoryException("no file to import");
        }
        Map<Path, TerritorySource> kinds = new LinkedHashMap<>();
        for (Path file : files) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(HEAD);
            } catch (NoSuchFileException e) {
                throw new TerritoryException(file + ": no such file");
            }
            String name = file.getFileName().toString();
            List<TerritorySource> matching =
                    sources.stream().filter(s -> s.recognises(name, head)).toList();
            if (matching.isEmpty()) {
                throw new TerritoryException(name + ": not a territory file this import knows; it reads "
                        + sources.stream().map(TerritorySource::kind).collect(Collectors.joining(", ")));
            }
            if (matching.size() > 1) {
                throw new TerritoryException(name + ": could be any of "
                        + matching.stream().map(TerritorySource::kind).collect(Collectors.joining(", ")));
            }
            kinds.put(file, matching.get(0));
        }
        return kinds;
    }

    /**
     * Which file (or kind, for what a reader completes) first described each subject of the draft,
     * for the errors of validation: noted as the triples are added, not by scanning the draft.
     */
    private static final class Origins extends GraphListenerBase {

        private final Map<Node, String> subjects = new HashMap<>();
        private final List<Graph> watched;
        private String current;

        Origins(TerritoryDraft draft) {
            watched = List.of(draft.territory().getGraph(), draft.dwellings().getGraph());
            watched.forEach(g -> g.getEventManager().register(this));
        }

        void from(String what) {
            current = what;
        }

        Map<Node, String> subjects() {
            return subjects;
        }

        void close() {
            watched.forEach(g -> g.getEventManager().unregister(this));
        }

        @Override
        protected void addEvent(Triple t) {
            subjects.putIfAbsent(t.getSubject(), current);
        }

        @Override
        protected void deleteEvent(Triple t) {}
    }

    /**
     * Adds to the new territory every feature of the old one it no longer names (with its
     * geometry), marked invalidated now unless it was already.
     */
    private void keep(Graph territory, Graph old) {
        Set<Node> gone = new HashSet<>();
        old.find(Node.ANY, NOTATION, Node.ANY).forEach(t -> {
            if (!territory.contains(t.getSubject(), Node.ANY, Node.ANY)) {
                gone.add(t.getSubject());
            }
        });
        Node now = NodeFactory.createLiteralDT(
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), XSDDatatype.XSDdateTime);
        for (Node feature : gone) {
            old.find(feature, Node.ANY, Node.ANY).forEach(territory::add);
            old.find(feature, HAS_GEOMETRY, Node.ANY)
                    .forEach(g -> old.find(g.getObject(), Node.ANY, Node.ANY).forEach(territory::add));
            if (!old.contains(feature, INVALIDATED, Node.ANY)) {
                territory.add(Triple.create(feature, INVALIDATED, now));
            }
        }
    }

    /**
     * Validates the territory and the dwellings against the shapes: all of it on a first import,
     * else only the {@code focus} nodes (what changes and what reaches it), the rest having been
     * validated when it was written.
     */
    private static void validate(Graph territory, Model dwellings, Map<Node, String> origin, List<Node> focus) {
        // A view, not a copy: the two are millions of triples for a big city. A disjoint one (every
        // private subject is a dwelling, as dwellingQuads checked), so it need not remember every
        // triple it returns to drop duplicates, as Union does on each find.
        Graph data = new DisjointUnion(territory, dwellings.getGraph());
        ShapeReport report =
                focus == null ? new ShapeValidator().validate(data) : new ShapeValidator().validate(data, focus);
        if (!report.conforms()) {
            ShapeReport.Violation first = report.violations().get(0);
            String from = origin.getOrDefault(NodeFactory.createURI(first.focusNode()), "the stored territory");
            int more = report.violations().size() - 1;
            throw new TerritoryException(from + ", " + first + (more > 0 ? " (and " + more + " more)" : ""));
        }
    }

    private List<Quad> dwellingQuads(Model dwellings, Map<Node, String> origin) {
        String prefix = base + "dwelling/";
        List<Quad> quads = new ArrayList<>();
        dwellings.getGraph().find().forEach(t -> {
            Node s = t.getSubject();
            if (!s.isURI() || !s.getURI().startsWith(prefix)) {
                throw new TerritoryException(origin.getOrDefault(s, "dwellings") + ", " + s
                        + ": private facts must be about a dwelling <" + prefix + "{key}>");
            }
            String key = s.getURI().substring(prefix.length());
            quads.add(Quad.create(NodeFactory.createURI(graphs.privateGraph(key)), t));
        });
        return quads;
    }

    /**
     * What an import changes in the stores: the public territory graph's triples to remove and to
     * add, the private store's (its territory copy and the dwellings). Only what changed is written:
     * the public store's text index makes every written triple cost. The territory has no blank
     * nodes, so a graph is unchanged when neither side has a triple the other lacks.
     */
    private record Changes(List<Quad> publicRemove, List<Quad> publicAdd, List<Quad> remove, List<Quad> add) {

        boolean publicChanged() {
            return !publicRemove.isEmpty() || !publicAdd.isEmpty();
        }

        /**
         * The nodes the changes touch (subjects and IRI objects of every triple added or removed),
         * with whatever reaches them in two steps (a building reaches its district through its
         * street): the focus nodes whose shapes may see the change, sorted.
         */
        List<Node> reach(Graph territory, Graph dwellings) {
            Set<Node> touched = new HashSet<>();
            for (List<Quad> quads : List.of(publicRemove, publicAdd, remove, add)) {
                for (Quad q : quads) {
                    touched.add(q.getSubject());
                    if (q.getObject().isURI()) {
                        touched.add(q.getObject());
                    }
                }
            }
            Set<Node> focus = new HashSet<>(touched);
            for (int step = 0; step < 2; step++) {
                Set<Node> next = new HashSet<>();
                for (Node n : touched) {
                    for (Graph g : List.of(territory, dwellings)) {
                        g.find(Node.ANY, Node.ANY, n).forEach(t -> next.add(t.getSubject()));
                    }
                }
                next.removeAll(focus);
                focus.addAll(next);
                touched = next;
            }
            return focus.stream().sorted(Comparator.comparing(Node::toString)).toList();
        }
    }

    private Changes changes(Graph old, Graph territory, List<Quad> dwellings) {
        Node graph = NodeFactory.createURI(graphs.territory());
        Graph privateOld = privateStore.read(graphs.territory());
        List<Quad> remove = difference(graph, privateOld, territory);
        List<Quad> add = difference(graph, territory, privateOld);
        Set<Quad> stored = privateStore.contained(dwellings);
        if (stored.size() < dwellings.size()) {
            remove.addAll(storedDwellings(dwellings));
            add.addAll(dwellings);
        }
        return new Changes(difference(graph, old, territory), difference(graph, territory, old), remove, add);
    }

    /**
     * Writes the public store, then the private one (its territory copy and the dwellings in one
     * transaction); if the private write fails, the public store gets its old territory back.
     */
    private boolean write(Graph old, Changes changes) {
        if (!changes.publicChanged() && changes.add().isEmpty()) {
            return false;
        }
        if (changes.publicChanged()) {
            publicStore.apply(changes.publicRemove(), changes.publicAdd());
        }
        if (!changes.add().isEmpty()) {
            try {
                privateStore.apply(changes.remove(), changes.add());
            } catch (RuntimeException e) {
                if (changes.publicChanged()) {
                    publicStore.replace(graphs.territory(), old);
                }
                throw e;
            }
        }
        return true;
    }

    /** The triples of {@code from} that {@code other} lacks, as quads of {@code graph}. */
    private static List<Quad> difference(Node graph, Graph from, Graph other) {
        List<Quad> out = new ArrayList<>();
        from.find().filterDrop(other::contains).forEach(t -> out.add(new Quad(graph, t)));
        return out;
    }

    /** What the private store holds about the dwellings the import describes, to be replaced. */
    private List<Quad> storedDwellings(List<Quad> dwellings) {
        Set<Node> subjects = new HashSet<>();
        dwellings.forEach(q -> subjects.add(q.getSubject()));
        List<Quad> stored = new ArrayList<>();
        privateStore
                .select("SELECT ?g ?d ?p ?o WHERE { GRAPH ?g { ?d a <" + VC.Dwelling.getURI() + "> ; ?p ?o } }")
                .rows()
                .forEach(row -> {
                    if (subjects.contains(row.get("d"))) {
                        stored.add(Quad.create(row.get("g"), row.get("d"), row.get("p"), row.get("o")));
                    }
                });
        return stored;
    }

    private static Map<String, Long> counts(Graph territory, Model dwellings) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Node type : COUNTED) {
            Graph g = type.equals(VC.Dwelling.asNode()) ? dwellings.getGraph() : territory;
            long n = g.find(Node.ANY, RDF.type.asNode(), type)
                    .filterKeep(t -> !g.contains(t.getSubject(), INVALIDATED, Node.ANY))
                    .toList()
                    .size();
            counts.put(type.getLocalName(), n);
        }
        return counts;
    }
}
