package org.vivacite.opendata.disclosure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Sector;

/**
 * An attacker who sees only what releases publish: their rows, and the public territory graph (the
 * areas and what each is part of). He works out every value he can as a linear combination of
 * published values, and reports each as a {@link Finding}; the test, which knows the truth, says
 * which findings are breaches. What he tries:
 *
 * <ul>
 *   <li>small cells: a published row with fewer contributors than the rules allow;
 *   <li>dominance: every value he has is a guess of its largest contributor;
 *   <li>parent minus children and sibling differencing: parent = Σ children (he assumes the children
 *       cover the parent), also through sums he forms himself (a commune's day = Σ its districts'
 *       days, a district's month = Σ its days);
 *   <li>period differencing: a month or year = Σ the days that tile it (year − days, month − days);
 *   <li>a generic linear solver: any relation with one unknown is solved, repeatedly, with what was
 *       solved before; what stays unknown in a relation gives him the sum of its unknowns;
 *   <li>release differencing: the same series in two releases with overlapping periods (the rolling
 *       year moved on): the difference of the two values.
 * </ul>
 */
final class Attacker {

    /** What a value is of: an area's fluid and sector over a period. */
    record Var(String area, Period period, LocalTime slot, Fluid fluid, Sector sector) {}

    /**
     * A value the attacker obtained: {@code value} = Σ coefficient × published row value.
     *
     * @param target what he believes it is, null for a sum or difference of several
     * @param expression published row index → coefficient
     * @param count the published count, for a published row
     */
    record Finding(String how, Var target, Map<Integer, Long> expression, BigDecimal value, Integer count) {}

    /**
     * Σ coefs × vars = 0; {@code covered}: every child area of a hierarchy relation's parent is
     * among its parts, so that it is an equation (else the parent is at least the sum of its parts).
     */
    record Relation(String how, int[] vars, long[] coefs, boolean covered) {}

    private final List<PublishedRow> rows;
    private final Map<String, Area> territory = new HashMap<>();
    private final DisclosureRules rules;

    private final Map<Var, Integer> ids = new LinkedHashMap<>();
    private final List<Var> vars = new ArrayList<>();
    private final List<Map<Integer, Long>> known = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();
    private final Set<List<Integer>> signatures = new HashSet<>();

    Attacker(List<PublishedRow> rows, Collection<Area> territory, DisclosureRules rules) {
        this.rows = rows;
        territory.forEach(a -> this.territory.put(a.iri(), a));
        this.rules = rules;
    }

    List<Finding> attack() {
        List<Finding> findings = new ArrayList<>();
        readRows(findings);
        periodRelations();
        hierarchyRelations();
        periodRelations();
        solve(findings);
        groupSums(findings);
        releaseDifferences(findings);
        return findings;
    }

    private int var(Var v) {
        Integer id = ids.get(v);
        if (id == null) {
            id = vars.size();
            ids.put(v, id);
            vars.add(v);
            known.add(null);
        }
        return id;
    }

    private void readRows(List<Finding> findings) {
        for (int i = 0; i < rows.size(); i++) {
            PublishedRow r = rows.get(i);
            int v = var(new Var(r.area(), r.period(), r.slot(), r.fluid(), r.sector()));
            if (r.value() == null || known.get(v) != null) {
                continue;
            }
            known.set(v, Map.of(i, 1L));
            findings.add(new Finding("published", vars.get(v), Map.of(i, 1L), r.value(), r.count()));
            int min = r.sector().households() ? rules.minHouseholds() : rules.minContributors();
            if (r.count() != null
                    && r.count() < min
                    && !r.dataset().equals(org.vivacite.opendata.Dataset.PUBLIC_BUILDINGS_MONTHLY)) {
                findings.add(new Finding("small cell", vars.get(v), Map.of(i, 1L), r.value(), r.count()));
            }
        }
    }

    private void relation(String how, int total, List<Integer> parts) {
        relation(how, total, parts, true);
    }

    private void relation(String how, int total, List<Integer> parts, boolean covered) {
        List<Integer> sig = new ArrayList<>();
        sig.add(total);
        sig.addAll(new TreeSet<>(parts));
        if (parts.isEmpty() || !signatures.add(sig)) {
            return;
        }
        int[] vs = new int[parts.size() + 1];
        long[] cs = new long[parts.size() + 1];
        vs[0] = total;
        cs[0] = 1;
        for (int i = 0; i < parts.size(); i++) {
            vs[i + 1] = parts.get(i);
            cs[i + 1] = -1;
        }
        relations.add(new Relation(how, vs, cs, covered));
    }

    /** A month or year of an area = Σ its days, when day values (rows or sums) tile it. */
    private void periodRelations() {
        Set<Period> longPeriods = new TreeSet<>();
        Map<List<Object>, TreeMap<LocalDate, Integer>> days = new HashMap<>();
        for (Var v : List.copyOf(vars)) {
            if (v.slot() != null) {
                continue;
            }
            if (v.period().step() == Step.DAY) {
                days.computeIfAbsent(List.of(v.area(), v.fluid(), v.sector()), k -> new TreeMap<>())
                        .put(v.period().start(), ids.get(v));
            } else {
                longPeriods.add(v.period());
            }
        }
        for (Map.Entry<List<Object>, TreeMap<LocalDate, Integer>> e : days.entrySet()) {
            String area = (String) e.getKey().get(0);
            Fluid fluid = (Fluid) e.getKey().get(1);
            Sector sector = (Sector) e.getKey().get(2);
            for (Period p : longPeriods) {
                List<Integer> parts = new ArrayList<>();
                for (LocalDate d = p.start(); d.isBefore(p.end()); d = d.plusDays(1)) {
                    Integer day = e.getValue().get(d);
                    if (day == null) {
                        parts = null;
                        break;
                    }
                    parts.add(day);
                }
                if (parts != null) {
                    relation("period", var(new Var(area, p, null, fluid, sector)), parts);
                }
            }
        }
    }

    /** parent = Σ children, level by level from buildings up, forming the parents he has no row of. */
    private void hierarchyRelations() {
        Map<String, Set<String>> childAreas = new HashMap<>();
        territory.values().forEach(a -> {
            if (a.parent() != null) {
                childAreas.computeIfAbsent(a.parent(), k -> new HashSet<>()).add(a.iri());
            }
        });
        for (TerritorialLevel level : TerritorialLevel.values()) {
            Map<Var, List<Integer>> groups = new TreeMap<>(java.util.Comparator.comparing(Var::toString));
            for (Var v : List.copyOf(vars)) {
                Area a = territory.get(v.area());
                if (a == null || a.level() != level || a.parent() == null) {
                    continue;
                }
                groups.computeIfAbsent(
                                new Var(a.parent(), v.period(), v.slot(), v.fluid(), v.sector()),
                                k -> new ArrayList<>())
                        .add(ids.get(v));
            }
            groups.forEach((parent, kids) -> {
                Set<String> present = new HashSet<>();
                kids.forEach(k -> present.add(vars.get(k).area()));
                boolean covered = present.equals(childAreas.getOrDefault(parent.area(), Set.of()));
                relation("parent minus children", var(parent), kids, covered);
            });
        }
    }

    private void solve(List<Finding> findings) {
        List<List<Integer>> of = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            of.add(new ArrayList<>());
        }
        int[] unknown = new int[relations.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r = 0; r < relations.size(); r++) {
            for (int v : relations.get(r).vars) {
                of.get(v).add(r);
                if (known.get(v) == null) {
                    unknown[r]++;
                }
            }
            if (unknown[r] == 1) {
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            if (unknown[r] != 1) {
                continue;
            }
            Relation rel = relations.get(r);
            int u = -1;
            long cu = 0;
            Map<Integer, Long> expr = new HashMap<>();
            for (int i = 0; i < rel.vars.length; i++) {
                Map<Integer, Long> e = known.get(rel.vars[i]);
                if (e == null) {
                    u = rel.vars[i];
                    cu = rel.coefs[i];
                    continue;
                }
                long c = rel.coefs[i];
                e.forEach((row, k) -> expr.merge(row, c * k, Long::sum));
            }
            // cu × u + Σ = 0 → u = −Σ / cu, with cu = ±1
            Map<Integer, Long> solved = new HashMap<>();
            long factor = -cu;
            expr.forEach((row, k) -> {
                if (k != 0) {
                    solved.put(row, k * factor);
                }
            });
            known.set(u, solved);
            findings.add(new Finding("solved (" + rel.how + ")", vars.get(u), solved, value(solved), null));
            for (int r2 : of.get(u)) {
                if (--unknown[r2] == 1) {
                    queue.add(r2);
                }
            }
        }
    }

    /**
     * A relation left with several unknowns still gives their (signed) sum; one with none gives
     * its residual, what the children do not cover if the attacker's assumption that they do is
     * wrong (a commune's public cell minus its published buildings).
     */
    private void groupSums(List<Finding> findings) {
        for (Relation rel : relations) {
            int unknowns = 0;
            for (int v : rel.vars) {
                if (known.get(v) == null) {
                    unknowns++;
                }
            }
            if (unknowns == 0) {
                // parent minus children with every member known: what the children do not cover
                Map<Integer, Long> residual = new HashMap<>();
                for (int i = 0; i < rel.vars.length; i++) {
                    long c = rel.coefs[i];
                    known.get(rel.vars[i]).forEach((row, k) -> residual.merge(row, c * k, Long::sum));
                }
                residual.values().removeIf(k -> k == 0);
                if (!residual.isEmpty()) {
                    findings.add(new Finding("residual (" + rel.how + ")", null, residual, value(residual), null));
                }
                continue;
            }
            if (unknowns < 2 || unknowns == rel.vars.length) {
                continue;
            }
            // Σ_unknown c·u = −Σ_known c·k; reported as the sum of the unknown parts (total negated)
            Map<Integer, Long> expr = new HashMap<>();
            for (int i = 0; i < rel.vars.length; i++) {
                Map<Integer, Long> e = known.get(rel.vars[i]);
                if (e != null) {
                    long c = rel.coefs[i];
                    e.forEach((row, k) -> expr.merge(row, -c * k, Long::sum));
                }
            }
            boolean totalUnknown = known.get(rel.vars[0]) == null;
            Map<Integer, Long> sum = new HashMap<>();
            long sign = totalUnknown ? 1 : -1;
            expr.forEach((row, k) -> {
                if (k != 0) {
                    sum.put(row, k * sign);
                }
            });
            findings.add(
                    new Finding("sum of " + unknowns + " unknowns (" + rel.how + ")", null, sum, value(sum), null));
        }
    }

    private void releaseDifferences(List<Finding> findings) {
        Map<List<Object>, List<Integer>> series = new HashMap<>();
        for (int i = 0; i < vars.size(); i++) {
            Var v = vars.get(i);
            if (known.get(i) != null && v.period().step() != Step.DAY) {
                series.computeIfAbsent(
                                List.of(v.area(), String.valueOf(v.slot()), v.fluid(), v.sector()),
                                k -> new ArrayList<>())
                        .add(i);
            }
        }
        for (List<Integer> same : series.values()) {
            for (int a : same) {
                for (int b : same) {
                    Period pa = vars.get(a).period();
                    Period pb = vars.get(b).period();
                    if (pa.compareTo(pb) >= 0
                            || pa.step() != pb.step()
                            || !pa.start().isBefore(pb.end())
                            || !pb.start().isBefore(pa.end())) {
                        continue;
                    }
                    Map<Integer, Long> diff = new HashMap<>(known.get(b));
                    known.get(a).forEach((row, k) -> diff.merge(row, -k, Long::sum));
                    diff.values().removeIf(k -> k == 0);
                    findings.add(new Finding(
                            "release difference " + pb.label() + " − " + pa.label(), null, diff, value(diff), null));
                }
            }
        }
    }

    // ------------------------------------------------------------ for the LP attacker

    List<Var> vars() {
        return vars;
    }

    List<Relation> relations() {
        return relations;
    }

    /** The published rows a variable is known from, null when unknown. */
    Map<Integer, Long> known(int var) {
        return known.get(var);
    }

    /** The index of a value he has or forms, null when he has neither. */
    Integer varOf(Var v) {
        return ids.get(v);
    }

    Integer varOf(PublishedRow r) {
        return ids.get(new Var(r.area(), r.period(), r.slot(), r.fluid(), r.sector()));
    }

    BigDecimal value(Map<Integer, Long> expr) {
        BigDecimal v = BigDecimal.ZERO;
        for (Map.Entry<Integer, Long> e : expr.entrySet()) {
            v = v.add(rows.get(e.getKey()).value().multiply(BigDecimal.valueOf(e.getValue())));
        }
        return v;
    }
}
