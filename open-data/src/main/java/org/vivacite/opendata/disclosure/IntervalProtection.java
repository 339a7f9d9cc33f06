package org.vivacite.opendata.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.vivacite.opendata.Protection.Rule;
import org.vivacite.opendata.Protection.Status;
import org.vivacite.opendata.disclosure.ProtectionRun.Kind;
import org.vivacite.opendata.disclosure.ProtectionRun.Node;
import org.vivacite.opendata.disclosure.ProtectionRun.Relation;

/**
 * Interval protection (τ-ARGUS, sdcTable): for every primary-suppressed cell of value v, an attacker
 * who knows every published value, that no value is negative and every relation of the run at once
 * (linear programming) must not be able to exclude any value of [v(1 − p), v(1 + p)], p the
 * protection level. Otherwise more published cells are hidden.
 *
 * <p>Each cell is proven by the cheapest proof that holds: its hidden connected part has no
 * published member in any relation (all of it times 1 ± p is a solution); a rectangle of four hidden
 * cells can move by ±p·v together; else a linear programme over a neighbourhood of the cell, the
 * hidden cells reached through relations, the smallest relation first, 32, then 256, then 1 024 of
 * them (Commons Math's simplex is dense: a larger programme would take seconds). Every hidden cell
 * outside the neighbourhood is held at its true value, which only narrows what the programme finds:
 * a neighbourhood in which the cell can move by ±p·v proves that the whole graph lets it. A cell not
 * proven in the largest neighbourhood, or in its whole connected part when that is smaller (then
 * the check is exact), gets more cells hidden around it: by the least consumption hidden, the
 * smallest published cell near it at least as large as what its interval misses, else the largest
 * ones below that.
 */
final class IntervalProtection {

    private static final int[] NEIGHBOURHOODS = {32, 256, 1024};
    private static final double TOLERANCE = 1e-9;

    private final List<Node> nodes;
    private final List<Relation> relations;
    private final int[][] memberOf;
    private final double level;
    /** Primary cells already proven: hiding more cells never narrows an interval. */
    private final BitSet proven = new BitSet();

    /**
     * Primary cells checked in an earlier round with nothing near them left to hide, and the
     * relations their check read: while no member of those relations is hidden, checking them again
     * would solve the same programmes to the same answer.
     */
    private final Map<Integer, Stuck> stuck = new HashMap<>();

    private record Stuck(boolean exact, int[] relations) {}

    /** The nodes hidden when the last round started: what was hidden since marks relations changed. */
    private final BitSet hiddenBefore = new BitSet();

    /** Linear programmes solved and the time the check took, for the log. */
    long programmes;

    long nanos;
    /** Cells hidden for intervals, in every round. */
    int hiddenInAll;

    /** Primary cells of this round whose range is proven short of ±p, with nothing left to hide near them. */
    int unresolved;

    Node lastUnresolved;
    /**
     * Primary cells of this round not proven within the largest neighbourhood, with nothing left to
     * hide near them: the check's limit (cells outside the neighbourhood held at their values), not
     * a proven leak.
     */
    int unproven;

    Node lastUnproven;

    IntervalProtection(List<Node> nodes, List<Relation> relations, int[][] memberOf, double level) {
        this.nodes = nodes;
        this.relations = relations;
        this.level = level;
        // each node's relations, the smaller first: the neighbourhood grows through them in that order
        this.memberOf = new int[memberOf.length][];
        for (int i = 0; i < memberOf.length; i++) {
            this.memberOf[i] = Arrays.stream(memberOf[i])
                    .boxed()
                    .sorted(Comparator.comparingInt(
                                    (Integer r) -> relations.get(r).parts().length)
                            .thenComparingInt(r -> r))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
    }

    /** One round: checks every primary cell not proven yet; returns how many cells it hid. */
    int round() {
        long start = System.nanoTime();
        BitSet touched = new BitSet(relations.size());
        int hidden = 0;
        unresolved = 0;
        unproven = 0;
        BitSet closed = closedParts();
        BitSet changed = changedRelations();
        for (Node x : nodes) {
            if (x.kind != Kind.CANDIDATE
                    || x.status != Status.PRIMARY
                    || x.onlyPublicBuildings
                    || x.total.signum() <= 0
                    || proven.get(x.id)
                    || anyTouched(x.id, touched)) {
                continue;
            }
            if (closed.get(x.id)) {
                proven.set(x.id);
                stuck.remove(x.id);
                continue;
            }
            Stuck before = stuck.get(x.id);
            if (before != null && !anyChanged(before.relations(), changed)) {
                count(x, before.exact());
                continue;
            }
            Check c = check(x);
            if (c.holds) {
                proven.set(x.id);
                stuck.remove(x.id);
                continue;
            }
            List<Node> victims = victims(c);
            if (victims.isEmpty()) {
                stuck.put(x.id, new Stuck(c.exact(), read(x, c.neighbourhood)));
                count(x, c.exact());
                continue;
            }
            stuck.remove(x.id);
            for (Node v : victims) {
                v.status = Status.SECONDARY;
                v.rule = Rule.COMPLEMENTARY;
                hidden++;
                for (int r : memberOf[v.id]) {
                    touched.set(r);
                }
            }
            for (int s : c.neighbourhood) {
                for (int r : memberOf[s]) {
                    touched.set(r);
                }
            }
        }
        nanos += System.nanoTime() - start;
        hiddenInAll += hidden;
        return hidden;
    }

    int proven() {
        return proven.cardinality();
    }

    private void count(Node x, boolean exact) {
        if (exact) {
            unresolved++;
            lastUnresolved = x;
        } else {
            unproven++;
            lastUnproven = x;
        }
    }

    /** The relations with a member hidden since the last round started. */
    private BitSet changedRelations() {
        BitSet changed = new BitSet(relations.size());
        for (Node n : nodes) {
            if (!n.published() && !hiddenBefore.get(n.id)) {
                hiddenBefore.set(n.id);
                for (int r : memberOf[n.id]) {
                    changed.set(r);
                }
            }
        }
        return changed;
    }

    private static boolean anyChanged(int[] read, BitSet changed) {
        for (int r : read) {
            if (changed.get(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The relations whose members' status a check of x read: those of the cells its programmes
     * reached (growth, programme, cells to hide), and those of the members of x's relations (the
     * rectangle's corners).
     */
    private int[] read(Node x, int[] neighbourhood) {
        BitSet read = new BitSet(relations.size());
        for (int n : neighbourhood) {
            for (int r : memberOf[n]) {
                read.set(r);
            }
        }
        for (int r : memberOf[x.id]) {
            for (int m : members(relations.get(r))) {
                for (int r2 : memberOf[m]) {
                    read.set(r2);
                }
            }
        }
        return read.stream().toArray();
    }

    /**
     * The hidden nodes of the connected parts (hidden nodes linked by relations) no relation of which
     * has a published member: every relation there is homogeneous in hidden values, so that all of
     * them times (1 ± p) is a solution too, and no interval in them is narrower than ±p.
     */
    private BitSet closedParts() {
        int[] parent = new int[nodes.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (Relation r : relations) {
            int first = -1;
            for (int m : members(r)) {
                if (!nodes.get(m).published()) {
                    if (first < 0) {
                        first = m;
                    } else {
                        parent[root(parent, m)] = root(parent, first);
                    }
                }
            }
        }
        BitSet open = new BitSet(nodes.size());
        for (Relation r : relations) {
            boolean anyPublished = false;
            for (int m : members(r)) {
                anyPublished |= nodes.get(m).published();
            }
            if (anyPublished) {
                for (int m : members(r)) {
                    if (!nodes.get(m).published()) {
                        open.set(root(parent, m));
                    }
                }
            }
        }
        BitSet closed = new BitSet(nodes.size());
        for (Node n : nodes) {
            if (!n.published() && !open.get(root(parent, n.id))) {
                closed.set(n.id);
            }
        }
        return closed;
    }

    private static int[] members(Relation r) {
        int[] m = Arrays.copyOf(r.parts(), r.parts().length + 1);
        m[r.parts().length] = r.total();
        return m;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private boolean anyTouched(int node, BitSet touched) {
        for (int r : memberOf[node]) {
            if (touched.get(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param neighbourhood the hidden nodes of the last programme, in the order reached
     * @param depth their distance from the cell, in relations
     * @param missing how much of ±p·v the interval misses, in the cell's unit
     */
    /**
     * @param exact whether the neighbourhood was the cell's whole connected part: then a range short
     *     of ±p is a proven leak, else only the check's limit
     */
    private record Check(boolean holds, int[] neighbourhood, int[] depth, double missing, boolean exact) {}

    private Check check(Node x) {
        double v = x.total.doubleValue();
        if (rectangle(x, level * v)) {
            return new Check(true, null, null, 0, true);
        }
        Growth g = new Growth(x.id);
        double[] range = null;
        boolean exhausted = false;
        for (int cap : NEIGHBOURHOODS) {
            exhausted = g.grow(cap);
            range = range(x, v, g.reached, g.in);
            if (range[1] >= level * (1 - TOLERANCE) && range[0] <= -level * (1 - TOLERANCE)) {
                return new Check(true, null, null, 0, true);
            }
            if (exhausted) {
                break;
            }
        }
        int[] s = g.reached.stream().mapToInt(Integer::intValue).toArray();
        int[] depth = g.depths.stream().mapToInt(Integer::intValue).toArray();
        double missing = Math.max(level - range[1], level + range[0]) * v;
        return new Check(false, s, depth, missing, exhausted);
    }

    /** Relations of more members than this are not searched for a rectangle's corners. */
    private static final int CORNER_RELATION = 64;

    /**
     * A quick proof before any programme: a rectangle, four hidden cells x, y, z, w that can move by
     * ±δ = p·v together with every relation still holding (x and y in one relation, x and z in
     * another, w with y in a third and with z in a fourth: a district's day, its neighbour's same
     * day, its other day of the month, the neighbour's other day), y, z and w each at least δ.
     */
    private boolean rectangle(Node x, double delta) {
        for (int r1 : memberOf[x.id]) {
            Relation a = relations.get(r1);
            if (a.parts().length >= CORNER_RELATION) {
                continue;
            }
            for (int r2 : memberOf[x.id]) {
                Relation b = relations.get(r2);
                if (r2 == r1 || b.parts().length >= CORNER_RELATION) {
                    continue;
                }
                for (int y : members(a)) {
                    if (!corner(y, x.id, delta)) {
                        continue;
                    }
                    int sy = -coefficient(a, x.id) * coefficient(a, y);
                    for (int z : members(b)) {
                        if (z == y || !corner(z, x.id, delta)) {
                            continue;
                        }
                        int sz = -coefficient(b, x.id) * coefficient(b, z);
                        for (int r3 : memberOf[y]) {
                            Relation c = relations.get(r3);
                            if (r3 == r1 || c.parts().length >= CORNER_RELATION) {
                                continue;
                            }
                            for (int w : members(c)) {
                                if (w == z || w == x.id || w == y || !corner(w, x.id, delta)) {
                                    continue;
                                }
                                int sw = -sy * coefficient(c, y) * coefficient(c, w);
                                if (balanced(new int[] {x.id, y, z, w}, new int[] {1, sy, sz, sw})) {
                                    return true;
                                }
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private boolean corner(int n, int x, double delta) {
        Node node = nodes.get(n);
        return n != x && !node.published() && node.total.doubleValue() >= delta;
    }

    private static int coefficient(Relation r, int n) {
        return r.total() == n ? 1 : -1;
    }

    /** Whether moving these nodes by sign × δ keeps every relation of theirs. */
    private boolean balanced(int[] corners, int[] signs) {
        for (int n : corners) {
            for (int r : memberOf[n]) {
                Relation rel = relations.get(r);
                int sum = 0;
                for (int i = 0; i < corners.length; i++) {
                    if (rel.total() == corners[i]) {
                        sum += signs[i];
                    }
                }
                for (int p : rel.parts()) {
                    for (int i = 0; i < corners.length; i++) {
                        if (p == corners[i]) {
                            sum -= signs[i];
                        }
                    }
                }
                if (sum != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A neighbourhood that grows through the smallest relation touching it first (a commune's day,
     * with its districts' days, before a district's year, with its 365 days), so that it holds the
     * short cycles that let a cell move.
     */
    private final class Growth {
        final List<Integer> reached = new ArrayList<>();
        final List<Integer> depths = new ArrayList<>();
        final Set<Integer> in = new HashSet<>();
        /** {relation, depth, members, order}: the smaller relation first, then the earlier reached. */
        final PriorityQueue<int[]> next =
                new PriorityQueue<>(Comparator.<int[]>comparingInt(e -> e[2]).thenComparingInt(e -> e[3]));

        final Set<Integer> queued = new HashSet<>();
        int order;

        Growth(int start) {
            add(start, 0);
        }

        /** Grows up to {@code cap} nodes; whether the connected part is exhausted. */
        boolean grow(int cap) {
            while (!next.isEmpty()) {
                int[] e = next.peek();
                Relation rel = relations.get(e[0]);
                if (!add(rel.total(), e[1] + 1, cap)) {
                    return false;
                }
                for (int p : rel.parts()) {
                    if (!add(p, e[1] + 1, cap)) {
                        return false;
                    }
                }
                next.poll();
            }
            return true;
        }

        /** Adds a hidden node; false when the neighbourhood is full. */
        private boolean add(int n, int depth, int cap) {
            if (nodes.get(n).published() || in.contains(n)) {
                return true;
            }
            if (reached.size() >= cap) {
                return false;
            }
            add(n, depth);
            return true;
        }

        private void add(int n, int depth) {
            in.add(n);
            reached.add(n);
            depths.add(depth);
            for (int r : memberOf[n]) {
                if (queued.add(r)) {
                    next.add(new int[] {r, depth, relations.get(r).parts().length + 1, order++});
                }
            }
        }
    }

    /**
     * The range of the cell's change, as a share of its value, when the reached nodes move and
     * every other node keeps its value: {min, max}, each within [−p, p].
     */
    private double[] range(Node x, double v, List<Integer> reached, Set<Integer> in) {
        // a relation with a single movable member holds it still: propagate that first
        Set<Integer> fixed = new HashSet<>();
        Map<Integer, Integer> movable = new LinkedHashMap<>();
        ArrayDeque<Integer> single = new ArrayDeque<>();
        for (int n : reached) {
            for (int r : memberOf[n]) {
                if (!movable.containsKey(r)) {
                    int m = in.contains(relations.get(r).total()) ? 1 : 0;
                    for (int p : relations.get(r).parts()) {
                        m += in.contains(p) ? 1 : 0;
                    }
                    movable.put(r, m);
                    if (m == 1) {
                        single.add(r);
                    }
                }
            }
        }
        while (!single.isEmpty()) {
            int r = single.poll();
            if (movable.get(r) != 1) {
                continue;
            }
            int u = member(relations.get(r), in, fixed);
            if (u < 0) {
                continue;
            }
            fixed.add(u);
            for (int r2 : memberOf[u]) {
                movable.computeIfPresent(r2, (k, m) -> {
                    if (m == 2) {
                        single.add(k);
                    }
                    return m - 1;
                });
            }
        }
        if (fixed.contains(x.id)) {
            return new double[] {0, 0};
        }
        // y = the change as a share of v, y ≥ −(value)/v; the simplex wants z = y − lower ≥ 0
        Map<Integer, Integer> column = new HashMap<>();
        List<Double> lower = new ArrayList<>();
        for (int n : reached) {
            if (!fixed.contains(n)) {
                column.put(n, lower.size());
                lower.add(n == x.id ? -level : -Math.max(0, nodes.get(n).total.doubleValue()) / v);
            }
        }
        int size = lower.size();
        List<LinearConstraint> constraints = new ArrayList<>();
        for (Map.Entry<Integer, Integer> m : movable.entrySet()) {
            if (m.getValue() < 2) {
                continue;
            }
            Relation rel = relations.get(m.getKey());
            double[] a = new double[size];
            Integer t = column.get(rel.total());
            if (t != null) {
                a[t] += 1;
            }
            for (int p : rel.parts()) {
                Integer c = column.get(p);
                if (c != null) {
                    a[c] -= 1;
                }
            }
            double rhs = 0;
            for (int c = 0; c < size; c++) {
                rhs -= a[c] * lower.get(c);
            }
            constraints.add(new LinearConstraint(a, Relationship.EQ, rhs));
        }
        int target = column.get(x.id);
        double[] unit = new double[size];
        unit[target] = 1;
        constraints.add(new LinearConstraint(unit, Relationship.LEQ, 2 * level));
        programmes += 2;
        return new double[] {
            optimum(unit, constraints, GoalType.MINIMIZE, target, 0) - level,
            optimum(unit, constraints, GoalType.MAXIMIZE, target, 0) - level
        };
    }

    /** The optimum of the target column, or {@code otherwise} when the simplex fails (which proves nothing). */
    private static double optimum(
            double[] objective, List<LinearConstraint> constraints, GoalType goal, int target, double otherwise) {
        try {
            return new SimplexSolver()
                    .optimize(
                            new MaxIter(100_000),
                            new LinearObjectiveFunction(objective, 0),
                            new LinearConstraintSet(constraints),
                            goal,
                            new NonNegativeConstraint(true))
                    .getPoint()[target];
        } catch (MathIllegalStateException e) {
            return otherwise;
        }
    }

    private static int member(Relation r, Set<Integer> in, Set<Integer> fixed) {
        if (in.contains(r.total()) && !fixed.contains(r.total())) {
            return r.total();
        }
        for (int p : r.parts()) {
            if (in.contains(p) && !fixed.contains(p)) {
                return p;
            }
        }
        return -1;
    }

    /**
     * The published cells to hide for a cell whose interval is too narrow: among the hideable members
     * of the relations of the nearest reached nodes that have any, the smallest at least as large as
     * what the interval misses, or the largest ones below it that add up to it, whichever hides less
     * consumption (at most 8 per round).
     */
    private List<Node> victims(Check c) {
        int maxDepth = 0;
        for (int d : c.depth) {
            maxDepth = Math.max(maxDepth, d);
        }
        for (int depth = 0; depth <= maxDepth; depth++) {
            List<Node> candidates = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < c.neighbourhood.length; i++) {
                if (c.depth[i] != depth) {
                    continue;
                }
                for (int r : memberOf[c.neighbourhood[i]]) {
                    Relation rel = relations.get(r);
                    candidate(rel.total(), seen, candidates);
                    for (int p : rel.parts()) {
                        candidate(p, seen, candidates);
                    }
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            candidates.sort(Comparator.comparing((Node n) -> n.total).thenComparingInt(n -> n.id));
            Node single = null;
            for (Node n : candidates) {
                if (n.total.doubleValue() >= c.missing) {
                    single = n;
                    break;
                }
            }
            List<Node> below = new ArrayList<>();
            double sum = 0;
            for (int i = candidates.size() - 1; i >= 0 && below.size() < 8 && sum < c.missing; i--) {
                Node n = candidates.get(i);
                if (n.total.doubleValue() < c.missing) {
                    below.add(n);
                    sum += n.total.doubleValue();
                }
            }
            if (single != null && (sum < c.missing || single.total.doubleValue() <= sum)) {
                return List.of(single);
            }
            return below;
        }
        return List.of();
    }

    private void candidate(int n, Set<Integer> seen, List<Node> out) {
        Node node = nodes.get(n);
        if (node.hideable() && node.total.signum() > 0 && seen.add(n)) {
            out.add(node);
        }
    }
}
