package org.vivacite.opendata.disclosure;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.OpenDataException;

/**
 * What earlier releases published: for each series (a cell's key without its period), the cells
 * of every period they had, published or suppressed. The publisher builds it with {@link #of} from
 * the cells it reads back from the previous releases' files; a suppressed cell read back may have
 * no values (null total), only its protection.
 */
public interface PublishedHistory {

    /** The earlier cells of a series, oldest period first; empty when it was never released. */
    List<Cell> earlier(Cell.SeriesKey series);

    /** The earlier cell with exactly this key (same period), if a release had it. */
    default Optional<Cell> same(Cell.Key key) {
        return earlier(new Cell.SeriesKey(key.dataset(), key.area(), key.slot(), key.fluid(), key.sector())).stream()
                .filter(c -> c.period().equals(key.period()))
                .findFirst();
    }

    /** No earlier release: the first one. */
    static PublishedHistory none() {
        return series -> List.of();
    }

    /**
     * The history of the given cells of earlier releases, in any order. Every cell must carry its
     * protection. A key met twice (a cell republished by a later release) must carry the same
     * protection both times, since published figures are final.
     *
     * @throws OpenDataException when a cell has no protection or a key has two protections
     */
    static PublishedHistory of(Collection<Cell> earlierCells) {
        Map<Cell.SeriesKey, TreeMap<org.vivacite.opendata.Period, Cell>> bySeries = new HashMap<>();
        for (Cell c : earlierCells) {
            if (c.protection() == null) {
                throw new OpenDataException("earlier cell " + c.key() + " has no protection: a release publishes"
                        + " only protected cells, so the history must be read back from release files");
            }
            Cell before = bySeries.computeIfAbsent(c.seriesKey(), k -> new TreeMap<>())
                    .putIfAbsent(c.period(), c);
            if (before != null && !before.protection().equals(c.protection())) {
                throw new OpenDataException("earlier cell " + c.key() + " was released twice with different"
                        + " protections (" + before.protection() + ", " + c.protection() + ")");
            }
        }
        Map<Cell.SeriesKey, List<Cell>> frozen = new HashMap<>();
        bySeries.forEach((k, v) -> frozen.put(k, List.copyOf(v.values())));
        return series -> frozen.getOrDefault(series, List.of());
    }
}
