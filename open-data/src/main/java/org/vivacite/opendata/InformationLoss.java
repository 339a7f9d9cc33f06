package org.vivacite.opendata;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vivacite.ontology.TerritorialLevel;

/**
 * What disclosure control cost a release, for one dataset at one territorial level: how many of its
 * cells are confidential, and what share of the consumption (per fluid, in the fluid's unit) they
 * hold. The share of cells can be counted in the public files; the share of consumption cannot, and
 * must not: with the published cells' sum, it gives the sum of the confidential ones, a cell's value
 * when only one is hidden. It goes to the operator only: the command's output and the release's
 * private audit record.
 *
 * @param cells the cells of the dataset at that level, published or not
 * @param suppressed how many of them are confidential
 * @param consumption per fluid, the consumption of all the cells and of the confidential ones; empty
 *     for the load profile, whose cells are averages, not parts of a total
 */
public record InformationLoss(
        Dataset dataset, TerritorialLevel level, int cells, int suppressed, Map<Fluid, Consumption> consumption) {

    private static final MathContext MC = MathContext.DECIMAL64;

    /** A fluid's consumption in the cells of a dataset at a level, and in the confidential ones. */
    public record Consumption(BigDecimal total, BigDecimal suppressed) {

        /** The confidential cells' share of the consumption, 0 to 1; 0 when there is none. */
        public BigDecimal share() {
            return total.signum() == 0 ? BigDecimal.ZERO : suppressed.divide(total, MC);
        }
    }

    public InformationLoss {
        consumption = consumption.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(consumption));
    }

    /** The confidential share of the cells, 0 to 1. */
    public BigDecimal cellShare() {
        return cells == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(suppressed).divide(BigDecimal.valueOf(cells), MC);
    }

    /**
     * The loss of a release, by dataset then level (finest first).
     *
     * @param candidates the cells as the views computed them, with their values
     * @param protectedCells the same cells, in the same order, with their protection ({@link
     *     org.vivacite.opendata.disclosure.DisclosureControl#protect})
     */
    public static List<InformationLoss> of(List<Cell> candidates, List<Cell> protectedCells) {
        if (candidates.size() != protectedCells.size()) {
            throw new OpenDataException("information loss: " + candidates.size() + " cells computed but "
                    + protectedCells.size() + " protected");
        }
        record Group(Dataset dataset, TerritorialLevel level) {}
        Map<Group, int[]> counts =
                new TreeMap<>(Comparator.comparing(Group::dataset).thenComparing(Group::level));
        Map<Group, Map<Fluid, BigDecimal[]>> sums = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            Cell c = candidates.get(i);
            Cell p = protectedCells.get(i);
            if (!c.key().equals(p.key())) {
                throw new OpenDataException(
                        "information loss: cell " + i + " is " + c.key() + " computed but " + p.key() + " protected");
            }
            boolean hidden = !p.protection().published();
            Group g = new Group(c.dataset(), c.area().level());
            int[] n = counts.computeIfAbsent(g, k -> new int[2]);
            n[0]++;
            n[1] += hidden ? 1 : 0;
            if (!c.dataset().profile() && c.total() != null) {
                BigDecimal[] s = sums.computeIfAbsent(g, k -> new EnumMap<>(Fluid.class))
                        .computeIfAbsent(c.fluid(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                s[0] = s[0].add(c.total());
                if (hidden) {
                    s[1] = s[1].add(c.total());
                }
            }
        }
        List<InformationLoss> out = new ArrayList<>();
        counts.forEach((g, n) -> {
            Map<Fluid, Consumption> consumption = new EnumMap<>(Fluid.class);
            sums.getOrDefault(g, Map.of()).forEach((f, s) -> consumption.put(f, new Consumption(s[0], s[1])));
            out.add(new InformationLoss(g.dataset(), g.level(), n[0], n[1], consumption));
        });
        return List.copyOf(out);
    }
}
