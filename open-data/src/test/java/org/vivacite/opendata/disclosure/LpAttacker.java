package org.vivacite.opendata.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The attacker who uses linear programming: he knows what the {@link Attacker} knows (the published
 * rows of every release, the territory graph, the relations he forms: parent = Σ children, a month
 * or year = Σ its days) and that no consumption is negative, and uses every relation at once. For
 * each suppressed row he bounds its value: the least and the greatest value it can take while all
 * relations hold with non-negative values. A hierarchy relation whose parent has child areas
 * without a value among its parts is only "parent ≥ Σ parts".
 *
 * <p>A suppressed row whose connected part of unknowns (unknowns linked by relations) has no
 * relation with a published member can be anywhere from 0 up: every relation there is homogeneous,
 * so any multiple of a solution is one. He solves the others over neighbourhoods of the unknown value: the unknowns reached through relations,
 * the smallest relation touching the neighbourhood first, 64, then 256, then 512 of them (Commons Math's simplex), keeping only the relations whose
 * unknowns are all in the neighbourhood, until the connected part is exhausted or a larger
 * neighbourhood no longer narrows the bounds. Every bound he reports follows from what is published:
 * leaving relations out only widens them.
 */
final class LpAttacker {

    private static final int[] NEIGHBOURHOODS = {64, 256, 512};

    /** What he learns of a suppressed row: low ≤ value ≤ high (high infinite when unbounded). */
    record Interval(PublishedRow row, Attacker.Var var, double low, double high, boolean exact) {}

    private final Attacker attacker;
    private final List<PublishedRow> rows;
    private final List<Attacker.Relation> relations;
    private final double[] value;
    private final boolean[] known;
    private final List<List<Integer>> of = new ArrayList<>();

    /** @param attacker one that has {@link Attacker#attack() attacked} these rows */
    LpAttacker(Attacker attacker, List<PublishedRow> rows) {
        this.attacker = attacker;
        this.rows = rows;
        this.relations = attacker.relations();
        int n = attacker.vars().size();
        value = new double[n];
        known = new boolean[n];
        for (int v = 0; v < n; v++) {
            of.add(new ArrayList<>());
        }
        // what he has a row of; what the exact attacker solved rests on relations he assumed
        // (children cover their parent), which the programme weighs itself
        for (PublishedRow r : rows) {
            if (r.value() != null) {
                int v = attacker.varOf(r);
                known[v] = true;
                value[v] = r.value().doubleValue();
            }
        }
        for (int r = 0; r < relations.size(); r++) {
            for (int v : relations.get(r).vars()) {
                of.get(v).add(r);
            }
        }
        for (List<Integer> l : of) {
            l.sort(Comparator.comparingInt((Integer r) -> relations.get(r).vars().length)
                    .thenComparingInt(r -> r));
        }
    }

    /** The bounds of every suppressed row (each value once, the first row naming it). */
    List<Interval> attack() {
        return attack(r -> true);
    }

    /** The bounds of the suppressed rows {@code which} accepts. */
    List<Interval> attack(java.util.function.Predicate<PublishedRow> which) {
        Map<Integer, Interval> out = new LinkedHashMap<>();
        for (PublishedRow r : rows) {
            if (r.value() != null || r.slot() != null || !which.test(r)) {
                continue;
            }
            int u = attacker.varOf(r);
            if (out.containsKey(u)) {
                continue;
            }
            Attacker.Var var = attacker.vars().get(u);
            if (known[u]) {
                out.put(u, new Interval(r, var, value[u], value[u], true));
            } else if (!anchored().get(root(u))) {
                // no relation of its connected part has a known member: every relation there is
                // homogeneous, so any multiple of a solution is one, and the value is anywhere ≥ 0
                out.put(u, new Interval(r, var, 0, Double.POSITIVE_INFINITY, false));
            } else {
                out.put(u, bounds(r, var, u));
            }
        }
        return List.copyOf(out.values());
    }

    private int[] parent;
    private BitSet anchored;

    /** The roots of the connected parts of unknowns some relation of which has a known member. */
    private BitSet anchored() {
        if (anchored == null) {
            parent = new int[value.length];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            for (Attacker.Relation rel : relations) {
                int first = -1;
                for (int w : rel.vars()) {
                    if (!known[w]) {
                        if (first < 0) {
                            first = w;
                        } else {
                            parent[root(w)] = root(first);
                        }
                    }
                }
            }
            anchored = new BitSet(value.length);
            for (Attacker.Relation rel : relations) {
                int unknown = -1;
                boolean anyKnown = false;
                for (int w : rel.vars()) {
                    if (known[w]) {
                        anyKnown = true;
                    } else {
                        unknown = w;
                    }
                }
                if (anyKnown && unknown >= 0) {
                    anchored.set(root(unknown));
                }
            }
        }
        return anchored;
    }

    private int root(int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private Interval bounds(PublishedRow row, Attacker.Var var, int u) {
        double[] b = range(Map.of(u, 1L));
        return new Interval(row, var, b[0], b[1], false);
    }

    /**
     * {least, greatest} of Σ coefficient × value over the attacker's values ({@link
     * Attacker#vars()} indices), such as a year minus the months that tile it: the published ones
     * are constants, the others range over what every relation and non-negativity allow.
     */
    double[] bound(Map<Integer, Long> expression) {
        double constant = 0;
        Map<Integer, Long> unknowns = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> e : expression.entrySet()) {
            if (known[e.getKey()]) {
                constant += e.getValue() * value[e.getKey()];
            } else if (e.getValue() != 0) {
                unknowns.put(e.getKey(), e.getValue());
            }
        }
        if (unknowns.isEmpty()) {
            return new double[] {constant, constant};
        }
        double[] b = range(unknowns);
        return new double[] {b[0] + constant, b[1] + constant};
    }

    /** {min, max} of Σ coefficient × unknown, over neighbourhoods grown from its unknowns. */
    private double[] range(Map<Integer, Long> objective) {
        List<Integer> reached = new ArrayList<>();
        BitSet in = new BitSet(value.length);
        // the smallest relation touching the neighbourhood first
        PriorityQueue<int[]> next =
                new PriorityQueue<>(Comparator.<int[]>comparingInt(e -> e[1]).thenComparingInt(e -> e[2]));
        BitSet queued = new BitSet(relations.size());
        int[] order = {0};
        java.util.function.IntConsumer add = w -> {
            in.set(w);
            reached.add(w);
            for (int r : of.get(w)) {
                if (!queued.get(r)) {
                    queued.set(r);
                    next.add(new int[] {r, relations.get(r).vars().length, order[0]++});
                }
            }
        };
        objective.keySet().forEach(add::accept);
        double[] last = null;
        for (int cap : NEIGHBOURHOODS) {
            boolean exhausted = true;
            grow:
            while (!next.isEmpty()) {
                for (int w : relations.get(next.peek()[0]).vars()) {
                    if (!known[w] && !in.get(w)) {
                        if (reached.size() >= cap) {
                            exhausted = false;
                            break grow;
                        }
                        add.accept(w);
                    }
                }
                next.poll();
            }
            double[] b = solve(objective, reached, in);
            if (exhausted || (last != null && last[0] == b[0] && last[1] == b[1])) {
                return b;
            }
            last = b;
        }
        return last;
    }

    /** {min, max} of the objective over the relations whose unknowns are all reached. */
    private double[] solve(Map<Integer, Long> objective, List<Integer> reached, BitSet in) {
        Map<Integer, Integer> column = new HashMap<>();
        for (int v : reached) {
            column.put(v, column.size());
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> constants = new ArrayList<>();
        List<Boolean> equations = new ArrayList<>();
        double scale = 1;
        BitSet seen = new BitSet(relations.size());
        for (int v : reached) {
            for (int r : of.get(v)) {
                if (seen.get(r)) {
                    continue;
                }
                seen.set(r);
                Attacker.Relation rel = relations.get(r);
                double[] a = new double[column.size()];
                double c = 0;
                boolean inside = true;
                for (int i = 0; i < rel.vars().length; i++) {
                    int w = rel.vars()[i];
                    if (known[w]) {
                        c -= rel.coefs()[i] * value[w];
                    } else if (in.get(w)) {
                        a[column.get(w)] += rel.coefs()[i];
                    } else {
                        inside = false;
                    }
                }
                if (inside) {
                    rows.add(a);
                    constants.add(c);
                    equations.add(rel.covered());
                    scale = Math.max(scale, Math.abs(c));
                }
            }
        }
        // Σ coef × unknown = c, or total − Σ parts ≥ c when the parts do not cover the parent
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            constraints.add(new LinearConstraint(
                    rows.get(i), equations.get(i) ? Relationship.EQ : Relationship.GEQ, constants.get(i) / scale));
        }
        double[] coefficients = new double[column.size()];
        objective.forEach((v, k) -> coefficients[column.get(v)] += k);
        return new double[] {
            optimum(coefficients, constraints, GoalType.MINIMIZE) * scale,
            optimum(coefficients, constraints, GoalType.MAXIMIZE) * scale
        };
    }

    private double optimum(double[] objective, List<LinearConstraint> constraints, GoalType goal) {
        try {
            return new SimplexSolver()
                    .optimize(
                            new MaxIter(100_000),
                            new LinearObjectiveFunction(objective, 0),
                            new LinearConstraintSet(constraints),
                            goal,
                            new NonNegativeConstraint(true))
                    .getValue();
        } catch (UnboundedSolutionException e) {
            return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
    }
}
