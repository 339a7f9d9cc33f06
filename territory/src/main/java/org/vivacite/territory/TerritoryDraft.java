package org.vivacite.territory;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;

/**
 * The territory an import is building, before anything is written: the public territory graph
 * (areas, streets, buildings, geometries) and the private facts (dwellings), plus what could not
 * be placed. Readers add to it in stage order; the import validates it and writes it all or nothing.
 */
public final class TerritoryDraft {

    /** Something a file names that the import could not place, reported by id, never guessed. */
    public record Unplaced(String file, String id, String why) {}

    private final String base;
    private final Model territory = ModelFactory.createDefaultModel();
    private final Model dwellings = ModelFactory.createDefaultModel();
    private final List<Unplaced> unplaced = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public TerritoryDraft(String base) {
        this.base = base;
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
