package org.vivacite.opendata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One immutable release of a dataset: its protected cells and what it was made with.
 *
 * @param id the release's name in IRIs and folders, such as {@code 2026-11-29T041200Z}
 * @param issued when it was made
 * @param coverageStart the first day its cells cover
 * @param coverageEnd the day after the last day its cells cover
 * @param rules the disclosure parameters it used
 */
public record Release(
        Dataset dataset,
        String id,
        Instant issued,
        LocalDate coverageStart,
        LocalDate coverageEnd,
        DisclosureRules rules,
        List<Cell> cells) {

    /** The public named graph of the release: {@code {base}graph/open/{dataset}/{release}}. */
    public String graph(String base) {
        return base + "graph/open/" + dataset.id + "/" + id;
    }

    /** The IRI of the release as a dataset: {@code {base}id/dataset/{dataset}/{release}}. */
    public String iri(String base) {
        return base + "id/dataset/" + dataset.id + "/" + id;
    }
}
