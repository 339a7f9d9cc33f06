package org.vivacite.territory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.vivacite.ontology.Pseudonyms;

/**
 * The territory an import is building, before anything is written: the public territory graph
 * (areas, streets, buildings, geometries) and the private facts (dwellings), plus what could not
 * be placed. Readers add to it in stage order; the import validates it and writes it all or nothing.
 */
public final class TerritoryDraft {

    /** Something a file names that the import could not place, reported by id, never guessed. */
    public record Unplaced(String file, String id, String why) {}

    private final String base;
    // Jena's GraphMem2: faster adds and finds than the default in-memory graph, for millions of
    // triples read, validated and compared (docs/benchmarks.md).
    private final Model territory = ModelFactory.createModelForGraph(GraphMemFactory.createGraphMem2());
    private final Model dwellings = ModelFactory.createModelForGraph(GraphMemFactory.createGraphMem2());
    private final List<Unplaced> unplaced = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Pseudonyms pseudonyms;
    private final Map<Class<?>, Object> shared = new HashMap<>();

    public TerritoryDraft(String base) {
        this(base, null);
    }

    /** A draft whose private facts (dwellings) get IRIs keyed with the platform's {@code pseudonyms}. */
    public TerritoryDraft(String base, Pseudonyms pseudonyms) {
        this.base = base;
        this.pseudonyms = pseudonyms;
    }

    /**
     * The platform's pseudonyms, which dwelling IRIs are keyed with ({@code {base}dwelling/{pseudonym}}).
     *
     * @throws TerritoryException if the draft was made without them
     */
    public Pseudonyms pseudonyms() {
        if (pseudonyms == null) {
            throw new TerritoryException("this import has no pseudonymisation key: dwellings cannot be imported");
        }
        return pseudonyms;
    }

    /**
     * What the readers of one import share beyond the graphs (the BAN addresses a building reader
     * looks up, the IRIS polygons indexed once): the instance of {@code type}, made by {@code
     * create} on first use.
     */
    public <T> T shared(Class<T> type, Supplier<T> create) {
        Object value = shared.get(type);
        if (value == null) {
            value = create.get(); // which may itself ask for what it shares: no computeIfAbsent
            shared.put(type, value);
        }
        return type.cast(value);
    }

    /** The base IRI that {@code id/…} IRIs resolve against. */
    public String base() {
        return base;
    }

    /** The public graph {@code {base}graph/territory}. */
    public Model territory() {
        return territory;
    }

    /**
     * Private facts (dwellings), for the private store only: each triple goes to the private graph
     * of its subject, a dwelling {@code {base}dwelling/{key}}, into {@code {base}graph/private/{key}}.
     */
    public Model dwellings() {
        return dwellings;
    }

    public void unplaced(String file, String id, String why) {
        unplaced.add(new Unplaced(file, id, why));
    }

    public List<Unplaced> unplaced() {
        return List.copyOf(unplaced);
    }

    /** What the import report should say besides counts, e.g. how many features lay outside the territory. */
    public void note(String file, String text) {
        notes.add(file + ": " + text);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
