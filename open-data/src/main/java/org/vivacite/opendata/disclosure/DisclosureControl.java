package org.vivacite.opendata.disclosure;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Protection;

/**
 * Sets the {@link Protection} of every cell a release would publish (docs/open-data.md, "Disclosure
 * control"), so that no household's consumption, and no aggregate of fewer contributors than the
 * rules allow, can be read or worked out from what is published, this release and the earlier ones.
 *
 * <ol>
 *   <li><b>Primary rules</b> ({@link DisclosureRules}): a household cell needs {@code minHouseholds}
 *       active delivery points, or in a series dataset the series minimum of its step and span; a
 *       business cell (tertiary, industry, public but not an individual building) needs {@code
 *       minContributors}; no single contributor may exceed {@code dominanceShare} of a cell
 *       (households too when {@code dominanceForHouseholds}). Cells of {@code
 *       PUBLIC_BUILDINGS_MONTHLY} are community-owned buildings flagged for individual publication:
 *       published with rule {@code PUBLIC_BUILDING}.
 *   <li><b>Release differencing</b>: a cell whose key an earlier release published for the same
 *       period is republished <em>unchanged</em>, with the earlier values and protection: published
 *       figures are final, a late reading does not change them. A cell whose series an earlier
 *       release published for an overlapping, different period (the rolling year moved on) is
 *       suppressed ({@code RELEASE_DIFFERENCE}) unless the aggregate of the days only in the new
 *       period, and that of the days only in the old, each pass the primary rules; their daily cells
 *       must be among the candidates or the support, else the cell is suppressed.
 *   <li><b>Secondary suppression</b> over the linear relations "total = Σ parts" the published
 *       cells satisfy: hierarchy (parent area = Σ child areas, with a hidden remainder when the
 *       children's cells do not cover the parent), periods (a month or year = Σ the cells that tile
 *       it), and individually published public buildings (their commune's or district's public cell =
 *       Σ flagged buildings + the hidden remainder of the others). Until nothing changes: every value
 *       an attacker can solve from a relation with a single unknown (repeatedly, using what he solved)
 *       must not be a suppressed cell, nor a hidden aggregate that breaks a primary rule; and where a
 *       relation's total is known and two or more parts are not, their sum must pass the primary
 *       rules. Otherwise one more published cell is hidden ({@code COMPLEMENTARY}): the smallest of
 *       the relation, parts before the total, else one of the cells the attacker used to solve it.
 *   <li><b>Interval protection</b> ({@link IntervalProtection}): every primary-suppressed cell of value v
 *       must keep a range, deducible from everything published with non-negativity and every
 *       relation at once, that contains [v(1 − p), v(1 + p)], p the {@code protectionLevel}; else more
 *       cells are hidden ({@code COMPLEMENTARY}), and exact recovery is checked again.
 * </ol>
 *
 * <p>Deterministic: the same input in the same order gives the same output.
 */
public final class DisclosureControl {

    private final DisclosureRules rules;
    private final Map<String, Area> territory;

    /** Disclosure control over the areas the cells name (enough when no public building is published). */
    public DisclosureControl(DisclosureRules rules) {
        this(rules, List.of());
    }

    /**
     * Disclosure control over a territory: the public territory graph's areas, so that it finds the
     * commune of a public building (building → street → district → commune) and the child areas
     * that have no cell.
     */
    public DisclosureControl(DisclosureRules rules, Collection<Area> territory) {
        if (rules == null) {
            throw new OpenDataException("disclosure control needs its rules");
        }
        this.rules = rules;
        Map<String, Area> areas = new LinkedHashMap<>();
        for (Area a : territory) {
            areas.put(a.iri(), a);
        }
        this.territory = areas;
    }

    public DisclosureRules rules() {
        return rules;
    }

    /**
     * Protects the cells of one release.
     *
     * @param candidates the cells of every dataset of the release, without protection, each key once
     * @param support cells computed but never published, used only to check relations: the monthly
     *     cells of every public building, daily cells at commune and metropolis level, and the daily
     *     cells of the days earlier rolling years covered
     * @param previous what earlier releases published ({@link PublishedHistory#none()} for the first)
     * @return every candidate, in the order given, with its protection; a candidate an earlier release
     *     published for the same period is that earlier cell
     * @throws OpenDataException when a key is given twice, a public building cannot be placed in
     *     the territory, or a cell cannot be protected: a relation gives it away and none of the
     *     cells that could hide it may be hidden (published by an earlier release, or public
     *     buildings published individually); the message names the cell and the relation, and the
     *     release must be refused
     */
    public List<Cell> protect(List<Cell> candidates, List<Cell> support, PublishedHistory previous) {
        return new ProtectionRun(new PrimaryRules(rules), territory, candidates, support, previous, true).run();
    }

    /**
     * Only the primary rules and the public-building exemption, without release differencing or
     * secondary suppression: what a naive publisher would do. For tests and diagnostics, never for
     * a release.
     */
    List<Cell> protectPrimaryOnly(List<Cell> candidates) {
        return new ProtectionRun(
                        new PrimaryRules(rules), territory, candidates, List.of(), PublishedHistory.none(), false)
                .run();
    }
}
