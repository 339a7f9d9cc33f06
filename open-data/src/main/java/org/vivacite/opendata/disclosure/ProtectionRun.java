package org.vivacite.opendata.disclosure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Protection.Rule;
import org.vivacite.opendata.Protection.Status;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.disclosure.PrimaryRules.Category;

/** One run of {@link DisclosureControl#protect}: the relation graph and its fixpoint. */
final class ProtectionRun {

    private static final System.Logger LOG = System.getLogger(DisclosureControl.class.getName());

    enum Kind {
        CANDIDATE,
        SUPPORT,
        /** A sum of cells an attacker can form, such as a district's month from its days. */
        VIRTUAL,
        /** What a parent has that its children's cells do not: never published, always hidden. */
        REMAINDER
    }

    /** What a cell measures, whatever its dataset: two nodes of one measure are equal. */
    record Measure(String area, Period period, LocalTime slot, Fluid fluid, Sector sector, boolean profile) {}

    /** The days, months, … of one area, fluid and sector (no slot, not the load profile). */
    record Series(String area, Fluid fluid, Sector sector) {}

    static final class Node {
        final int id;
        final Kind kind;
        final Dataset dataset;
        final Measure measure;
        final BigDecimal total;
        /** Contributors, a lower bound for virtual nodes. */
        final long count;
        /** Contributors, an upper bound (remainders use it). */
        final long countHigh;
        /** Largest contributor, an upper bound for virtual nodes; null when unknown. */
        final BigDecimal largest;

        final Category category;
        int candidate = -1;
        Status status;
        Rule rule = Rule.NONE;
        /** Republished with an earlier release's values: known, and never hidden again. */
        Cell earlier;
        /** A support cell an earlier release published: known to everyone. */
        boolean knownEarlier;
        /** Only individually published public buildings contribute to it: exempt, like them. */
        boolean onlyPublicBuildings;

        Node(
                int id,
                Kind kind,
                Dataset dataset,
                Measure measure,
                BigDecimal total,
                long count,
                long countHigh,
                BigDecimal largest,
                Category category) {
            this.id = id;
            this.kind = kind;
            this.dataset = dataset;
            this.measure = measure;
            this.total = total == null ? BigDecimal.ZERO : total;
            this.count = count;
            this.countHigh = countHigh;
            this.largest = largest;
            this.category = category;
        }

        boolean published() {
            return (kind == Kind.CANDIDATE && status == Status.PUBLISHED) || knownEarlier;
        }

        boolean hideable() {
            return kind == Kind.CANDIDATE
                    && status == Status.PUBLISHED
                    && category != Category.PUBLIC_BUILDING
                    && earlier == null;
        }

        boolean suppressedCandidate() {
            return kind == Kind.CANDIDATE && status != Status.PUBLISHED;
        }
    }

    /** total = Σ parts. {@code overlapping}: parts of a period relation, whose contributors repeat. */
    record Relation(int id, int total, int[] parts, boolean overlapping) {}

    private final PrimaryRules primary;
    private final Map<String, Area> areas;
    private final List<Cell> candidates;
    private final List<Cell> support;
    private final PublishedHistory history;
    private final boolean full;

    private final List<Node> nodes = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();
    private final Map<Measure, Node> byMeasure = new HashMap<>();
    private final Map<Series, TreeMap<LocalDate, Node>> days = new HashMap<>();
    private final Map<Series, TreeMap<LocalDate, Node>> months = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final List<Cell> publicBuildings = new ArrayList<>();
    private final Set<List<Integer>> relationSignatures = new HashSet<>();

    ProtectionRun(
            PrimaryRules primary,
            Map<String, Area> territory,
            List<Cell> candidates,
            List<Cell> support,
            PublishedHistory history,
            boolean full) {
        this.primary = primary;
        this.areas = new LinkedHashMap<>(territory);
        this.candidates = candidates;
        this.support = support;
        this.history = history == null ? PublishedHistory.none() : history;
        this.full = full;
    }

    List<Cell> run() {
        addNodes();
        primaryRules();
        if (full) {
            releaseDifferences();
            buildRelations();
            secondary();
        }
        return output();
    }

    // ---------------------------------------------------------------- nodes

    private void addNodes() {
        Set<Cell.Key> keys = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Cell c = candidates.get(i);
            if (!keys.add(c.key())) {
                throw new OpenDataException("candidate cell " + c.key() + " is given twice");
            }
            areas.putIfAbsent(c.area().iri(), c.area());
            Node n = addCell(c, Kind.CANDIDATE);
            n.candidate = i;
            if (full) {
                Optional<Cell> same = history.same(c.key());
                if (same.isPresent()) {
                    n.earlier = same.get();
                }
            }
        }
        for (Cell c : support) {
            areas.putIfAbsent(c.area().iri(), c.area());
            if (keys.contains(c.key())) {
                continue;
            }
            if (c.dataset() == Dataset.PUBLIC_BUILDINGS_MONTHLY) {
                publicBuildings.add(c);
                continue;
            }
            Node n = addCell(c, Kind.SUPPORT);
            n.knownEarlier = full
                    && history.same(c.key())
                            .map(e -> e.protection().published())
                            .orElse(false);
        }
        for (Area a : areas.values()) {
            if (a.parent() != null) {
                children.computeIfAbsent(a.parent(), k -> new ArrayList<>()).add(a.iri());
            }
        }
        children.values().forEach(l -> l.sort(Comparator.naturalOrder()));
    }

    private static Measure measure(Cell c) {
        return new Measure(
                c.area().iri(),
                c.period(),
                c.slot(),
                c.fluid(),
                c.sector(),
                c.dataset().profile());
    }

    private Node addCell(Cell c, Kind kind) {
        Measure m = measure(c);
        Node n = newNode(
                kind,
                c.dataset(),
                m,
                c.total(),
                c.deliveryPoints(),
                c.deliveryPoints(),
                c.largest(),
                PrimaryRules.category(c.dataset(), c.sector()));
        if (kind == Kind.SUPPORT && n.category == Category.PUBLIC_BUILDING) {
            throw new OpenDataException("support cell " + c.key() + " cannot be a public building here");
        }
        Node same = byMeasure.putIfAbsent(m, n);
        if (same != null) {
            byMeasure.put(m, same);
            relation(same.id, new int[] {n.id}, false);
        } else if (c.slot() == null && !c.dataset().profile()) {
            Series s = new Series(m.area(), m.fluid(), m.sector());
            if (c.period().step() == Step.DAY) {
                days.computeIfAbsent(s, k -> new TreeMap<>()).put(c.period().start(), n);
            } else if (c.period().step() == Step.MONTH) {
                months.computeIfAbsent(s, k -> new TreeMap<>()).put(c.period().start(), n);
            }
        }
        return n;
    }

    private Node newNode(
            Kind kind,
            Dataset dataset,
            Measure m,
            BigDecimal total,
            long count,
            long countHigh,
            BigDecimal largest,
            Category category) {
        Node n = new Node(nodes.size(), kind, dataset, m, total, count, countHigh, largest, category);
        nodes.add(n);
        return n;
    }

    // ---------------------------------------------------------------- primary

    private void primaryRules() {
        for (Node n : nodes) {
            if (n.kind != Kind.CANDIDATE) {
                continue;
            }
            if (n.earlier != null) {
                n.status = n.earlier.protection().status();
                n.rule = n.earlier.protection().rule();
                continue;
            }
            if (n.category == Category.PUBLIC_BUILDING) {
                n.status = Status.PUBLISHED;
                n.rule = Rule.PUBLIC_BUILDING;
                continue;
            }
            Rule r = primary.check(n.category, n.dataset, n.measure.period(), n.count, n.largest, n.total);
            n.status = r == Rule.NONE ? Status.PUBLISHED : Status.PRIMARY;
            n.rule = r;
        }
    }

    // ---------------------------------------------------------------- release differencing

    /**
     * A new cell is suppressed ({@code RELEASE_DIFFERENCE}) when an attacker could difference it with
     * what earlier releases published and learn more than an aggregate that passes the rules: its
     * series' earlier period that overlaps it (new − old = the days only in the new period − the
     * days only in the old, each set checked by {@link #passes}), and, for a month or a year,
     * earlier cells whose days have changed since they were published (a DSO value that replaced a
     * derived one, a late reading): the new cell counts the change, the earlier cells do not, so
     * their difference is the change, one household's. A changed day cannot be checked, like a
     * missing one.
     */
    private void releaseDifferences() {
        Map<Series, TreeSet<LocalDate>> changed = changedDays();
        for (Node n : nodes) {
            if (!n.hideable()) {
                continue;
            }
            Cell c = candidates.get(n.candidate);
            Period now = c.period();
            boolean differenced = isLong(n) && changedWithin(changed, n, now);
            for (Cell e : history.earlier(c.seriesKey())) {
                Period then = e.period();
                if (differenced) {
                    break;
                }
                if (!then.equals(now) && e.protection().published() && overlap(now, then)) {
                    differenced = !passes(n, c.area().iri(), now, then)
                            || !passes(n, c.area().iri(), then, now)
                            || !unchanged(n, e)
                            || changedWithin(changed, n, then);
                }
            }
            if (differenced) {
                n.status = Status.SECONDARY;
                n.rule = Rule.RELEASE_DIFFERENCE;
            }
        }
    }

    /**
     * The days of each series (area, fluid, sector) that a cell an earlier release published
     * covers, and whose value that cell no longer matches, in that area and every area above it
     * (whose cells sum it).
     */
    private Map<Series, TreeSet<LocalDate>> changedDays() {
        Map<Series, TreeSet<LocalDate>> out = new HashMap<>();
        for (Node n : nodes) {
            if (n.measure.slot() != null || n.measure.profile()) {
                continue;
            }
            Cell e = n.kind == Kind.CANDIDATE
                    ? n.earlier
                    : n.kind == Kind.SUPPORT && n.knownEarlier ? earlierCell(n) : null;
            if (e == null
                    || !e.protection().published()
                    || e.total() == null
                    || e.total().compareTo(n.total) == 0) {
                continue;
            }
            Period p = n.measure.period();
            for (String a = n.measure.area();
                    a != null;
                    a = areas.containsKey(a) ? areas.get(a).parent() : null) {
                TreeSet<LocalDate> days =
                        out.computeIfAbsent(new Series(a, n.measure.fluid(), n.measure.sector()), k -> new TreeSet<>());
                for (LocalDate d = p.start(); d.isBefore(p.end()); d = d.plusDays(1)) {
                    days.add(d);
                }
            }
        }
        return out;
    }

    private Cell earlierCell(Node n) {
        Measure m = n.measure;
        return history.same(new Cell.Key(n.dataset, m.area(), m.period(), m.slot(), m.fluid(), m.sector()))
                .orElse(null);
    }

    private static boolean changedWithin(Map<Series, TreeSet<LocalDate>> changed, Node n, Period p) {
        TreeSet<LocalDate> days = changed.get(new Series(n.measure.area(), n.measure.fluid(), n.measure.sector()));
        LocalDate first = days == null ? null : days.ceiling(p.start());
        return first != null && first.isBefore(p.end());
    }

    /**
     * Whether the days of an earlier cell's period, as they are now (daily candidates or support),
     * still sum to what it published; false when a day is missing (it cannot be checked).
     */
    private boolean unchanged(Node n, Cell earlier) {
        TreeMap<LocalDate, Node> daily = days.get(new Series(n.measure.area(), n.measure.fluid(), n.measure.sector()));
        if (daily == null || earlier.total() == null) {
            return false;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate d = earlier.period().start(); d.isBefore(earlier.period().end()); d = d.plusDays(1)) {
            Node day = daily.get(d);
            if (day == null) {
                return false;
            }
            sum = sum.add(day.total);
        }
        return sum.compareTo(earlier.total()) == 0;
    }

    private static boolean overlap(Period a, Period b) {
        return a.start().isBefore(b.end()) && b.start().isBefore(a.end());
    }

    /** Whether the days of {@code in} not in {@code out}, aggregated conservatively, pass the rules. */
    private boolean passes(Node n, String area, Period in, Period out) {
        TreeMap<LocalDate, Node> daily =
                days.getOrDefault(new Series(area, n.measure.fluid(), n.measure.sector()), new TreeMap<>());
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal largest = BigDecimal.ZERO;
        long count = 0;
        boolean any = false;
        for (LocalDate d = in.start(); d.isBefore(in.end()); d = d.plusDays(1)) {
            if (out.contains(d)) {
                continue;
            }
            Node day = daily.get(d);
            if (day == null) {
                return false; // cannot check: suppress
            }
            any = true;
            total = total.add(day.total);
            count = Math.max(count, day.count);
            largest = day.largest == null || largest == null ? null : largest.add(day.largest);
        }
        if (!any) {
            return true;
        }
        if (largest != null && largest.compareTo(total) > 0) {
            largest = total;
        }
        return primary.check(n.category, n.dataset, in, count, largest, total) == Rule.NONE;
    }

    // ---------------------------------------------------------------- relations

    private void relation(int total, int[] parts, boolean overlapping) {
        if (parts.length == 0) {
            return;
        }
        List<Integer> signature = new ArrayList<>(parts.length + 1);
        signature.add(total);
        int[] sorted = parts.clone();
        Arrays.sort(sorted);
        for (int p : sorted) {
            signature.add(p);
        }
        if (relationSignatures.add(signature)) {
            relations.add(new Relation(relations.size(), total, parts, overlapping));
        }
    }

    private void buildRelations() {
        int real = nodes.size();
        // (b) periods: a month or year = Σ the cells that tile it exactly
        for (int i = 0; i < real; i++) {
            Node n = nodes.get(i);
            if (byMeasure.get(n.measure) == n && isLong(n)) {
                periodRelations(n);
            }
        }
        // (a) hierarchy: parent = Σ children (+ remainder); children's months may be sums of days
        for (int i = 0; i < real; i++) {
            Node n = nodes.get(i);
            if (byMeasure.get(n.measure) == n) {
                hierarchy(n);
            }
        }
        // (c) public buildings published individually
        publicBuildingRelations();
        onlyPublicBuildingsDownwards();
    }

    /**
     * What only individually published public buildings make up, its parts do too: the areas and
     * the rest of an area (hierarchy), the days of a month (period). An attacker who works one of
     * them out learns a part of what those buildings publish by choice, nothing about anyone else.
     */
    private void onlyPublicBuildingsDownwards() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Relation r : relations) {
                if (!nodes.get(r.total).onlyPublicBuildings) {
                    continue;
                }
                for (int p : r.parts) {
                    Node part = nodes.get(p);
                    if (!part.onlyPublicBuildings) {
                        part.onlyPublicBuildings = true;
                        changed = true;
                    }
                }
            }
        }
    }

    private static boolean isLong(Node n) {
        return n.measure.slot() == null
                && !n.measure.profile()
                && n.measure.period().step() != Step.DAY;
    }

    private void periodRelations(Node n) {
        Series s = new Series(n.measure.area(), n.measure.fluid(), n.measure.sector());
        Period p = n.measure.period();
        int[] byDays = tileWithDays(s, p);
        if (byDays != null) {
            relation(n.id, byDays, true);
        }
        if (p.step() == Step.YEAR) {
            TreeMap<LocalDate, Node> ms = months.getOrDefault(s, new TreeMap<>());
            TreeMap<LocalDate, Node> ds = days.getOrDefault(s, new TreeMap<>());
            List<Integer> parts = new ArrayList<>();
            boolean usedMonth = false;
            LocalDate d = p.start();
            while (d.isBefore(p.end())) {
                Node m = ms.get(d);
                if (m != null && !m.measure.period().end().isAfter(p.end())) {
                    parts.add(m.id);
                    usedMonth = true;
                    d = m.measure.period().end();
                    continue;
                }
                Node day = ds.get(d);
                if (day == null) {
                    return;
                }
                parts.add(day.id);
                d = d.plusDays(1);
            }
            if (usedMonth) {
                relation(n.id, parts.stream().mapToInt(Integer::intValue).toArray(), true);
            }
        }
    }

    private int[] tileWithDays(Series s, Period p) {
        TreeMap<LocalDate, Node> ds = days.get(s);
        if (ds == null) {
            return null;
        }
        List<Integer> parts = new ArrayList<>();
        for (LocalDate d = p.start(); d.isBefore(p.end()); d = d.plusDays(1)) {
            Node day = ds.get(d);
            if (day == null) {
                return null;
            }
            parts.add(day.id);
        }
        return parts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The node of a measure: a cell, else (months and years) the sum of the area's daily cells as a
     * hidden virtual node related to them, else null.
     */
    private Node nodeOrSumOfDays(Measure m, Dataset dataset) {
        Node n = byMeasure.get(m);
        if (n != null || m.slot() != null || m.profile() || m.period().step() == Step.DAY) {
            return n;
        }
        int[] parts = tileWithDays(new Series(m.area(), m.fluid(), m.sector()), m.period());
        if (parts == null) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal largest = BigDecimal.ZERO;
        long count = 0;
        long high = 0;
        for (int p : parts) {
            Node d = nodes.get(p);
            total = total.add(d.total);
            count = Math.max(count, d.count);
            high += d.countHigh;
            largest = largest == null || d.largest == null ? null : largest.add(d.largest);
        }
        if (largest != null && largest.compareTo(total) > 0) {
            largest = total;
        }
        Node v = newNode(
                Kind.VIRTUAL, dataset, m, total, count, high, largest, PrimaryRules.category(dataset, m.sector()));
        byMeasure.put(m, v);
        relation(v.id, parts, true);
        return v;
    }

    private void hierarchy(Node parent) {
        List<String> kids = children.get(parent.measure.area());
        if (kids == null) {
            return;
        }
        List<Integer> parts = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        long countHigh = 0;
        for (String kid : kids) {
            Measure m = new Measure(
                    kid,
                    parent.measure.period(),
                    parent.measure.slot(),
                    parent.measure.fluid(),
                    parent.measure.sector(),
                    parent.measure.profile());
            Node child = nodeOrSumOfDays(m, parent.dataset);
            if (child != null) {
                parts.add(child.id);
                sum = sum.add(child.total);
                countHigh += child.countHigh;
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        BigDecimal rest = parent.total.subtract(sum);
        if (rest.signum() != 0) {
            long count = Math.max(1, parent.countHigh - countHigh);
            BigDecimal largest =
                    parent.largest == null || rest.signum() < 0 ? parent.largest : parent.largest.min(rest);
            Node r = newNode(
                    Kind.REMAINDER,
                    parent.dataset,
                    remainderMeasure(parent.measure),
                    rest,
                    count,
                    count,
                    largest,
                    PrimaryRules.category(parent.dataset, parent.measure.sector()));
            parts.add(r.id);
        }
        relation(parent.id, parts.stream().mapToInt(Integer::intValue).toArray(), false);
    }

    private static Measure remainderMeasure(Measure parent) {
        return new Measure(
                parent.area() + "#remainder",
                parent.period(),
                parent.slot(),
                parent.fluid(),
                parent.sector(),
                parent.profile());
    }

    /** Ancestors of an area, nearest first; fails if the chain stops short of a commune. */
    private List<String> ancestors(Cell building) {
        List<String> up = new ArrayList<>();
        Area a = building.area();
        boolean commune = false;
        while (a.parent() != null) {
            Area p = areas.get(a.parent());
            if (p == null) {
                break;
            }
            up.add(p.iri());
            commune |= p.level() == TerritorialLevel.COMMUNE;
            a = p;
        }
        if (!commune) {
            throw new OpenDataException(
                    "cannot place public building " + building.area().iri()
                            + " in its commune: its chain of parts stops at " + a.iri()
                            + "; construct DisclosureControl with the territory's areas");
        }
        return up;
    }

    private record Group(String ancestor, Period period, Fluid fluid) {}

    private void publicBuildingRelations() {
        Map<Group, List<Node>> flagged = new TreeMap<>(Comparator.comparing((Group g) -> g.ancestor)
                .thenComparing(g -> g.period)
                .thenComparing(g -> g.fluid));
        for (Node n : nodes) {
            if (n.kind != Kind.CANDIDATE || n.category != Category.PUBLIC_BUILDING) {
                continue;
            }
            for (String anc : ancestors(candidates.get(n.candidate))) {
                flagged.computeIfAbsent(new Group(anc, n.measure.period(), n.measure.fluid()), k -> new ArrayList<>())
                        .add(n);
            }
        }
        if (flagged.isEmpty()) {
            return;
        }
        Set<Measure> flaggedMeasures = new HashSet<>();
        flagged.values().forEach(l -> l.forEach(n -> flaggedMeasures.add(n.measure)));
        Map<Group, List<Cell>> others = new HashMap<>();
        for (Cell c : publicBuildings) {
            if (flaggedMeasures.contains(measure(c))) {
                continue;
            }
            for (String anc : ancestors(c)) {
                others.computeIfAbsent(new Group(anc, c.period(), c.fluid()), k -> new ArrayList<>())
                        .add(c);
            }
        }
        for (Map.Entry<Group, List<Node>> e : flagged.entrySet()) {
            Group g = e.getKey();
            Measure m = new Measure(g.ancestor, g.period, null, g.fluid, Sector.PUBLIC, false);
            Node whole = nodeOrSumOfDays(m, Dataset.MONTHLY_BY_COMMUNE);
            if (whole == null) {
                continue;
            }
            List<Integer> parts = new ArrayList<>();
            BigDecimal flaggedTotal = BigDecimal.ZERO;
            long flaggedCount = 0;
            for (Node b : e.getValue()) {
                parts.add(b.id);
                flaggedTotal = flaggedTotal.add(b.total);
                flaggedCount += b.count;
            }
            BigDecimal rest = whole.total.subtract(flaggedTotal);
            long count = 0;
            BigDecimal largest = BigDecimal.ZERO;
            BigDecimal known = BigDecimal.ZERO;
            for (Cell c : others.getOrDefault(g, List.of())) {
                count += c.deliveryPoints();
                known = known.add(c.total());
                largest = largest == null || c.largest() == null ? null : largest.max(c.largest());
            }
            BigDecimal residual = rest.subtract(known);
            if (residual.signum() != 0) {
                count += Math.max(1, whole.countHigh - flaggedCount - count);
                largest = largest == null ? null : largest.max(residual.abs());
            }
            if (count == 0 && rest.signum() == 0) {
                whole.onlyPublicBuildings = true;
                relation(whole.id, parts.stream().mapToInt(Integer::intValue).toArray(), false);
                continue;
            }
            Node r = newNode(
                    Kind.REMAINDER,
                    whole.dataset,
                    new Measure(
                            g.ancestor + "#unflagged-public-buildings", g.period, null, g.fluid, Sector.PUBLIC, false),
                    rest,
                    count,
                    count,
                    largest,
                    Category.BUSINESS);
            parts.add(r.id);
            relation(whole.id, parts.stream().mapToInt(Integer::intValue).toArray(), false);
        }
        longerPeriods(flagged, others);
    }

    /**
     * A year (any cell longer than a month) of an area above flagged buildings = its days before the
     * first whole month and after the last (when published as daily cells) + the flagged buildings'
     * months in between + the rest, the unflagged public buildings over those months: else the year
     * minus the flagged months gives the unflagged ones' sum away.
     */
    private void longerPeriods(Map<Group, List<Node>> flagged, Map<Group, List<Cell>> others) {
        Set<String> ancestors = new HashSet<>();
        flagged.keySet().forEach(g -> ancestors.add(g.ancestor));
        int real = nodes.size();
        for (int i = 0; i < real; i++) {
            Node n = nodes.get(i);
            Measure m = n.measure;
            if (byMeasure.get(m) != n
                    || !ancestors.contains(m.area())
                    || m.sector() != Sector.PUBLIC
                    || m.slot() != null
                    || m.profile()
                    || m.period().step() == Step.DAY
                    || m.period().step() == Step.MONTH) {
                continue;
            }
            LocalDate first = m.period().start().getDayOfMonth() == 1
                    ? m.period().start()
                    : m.period().start().withDayOfMonth(1).plusMonths(1);
            LocalDate last = m.period().end().withDayOfMonth(1);
            if (!first.isBefore(last)) {
                continue;
            }
            List<Integer> parts = new ArrayList<>();
            TreeMap<LocalDate, Node> ds =
                    days.getOrDefault(new Series(m.area(), m.fluid(), m.sector()), new TreeMap<>());
            BigDecimal rest = n.total;
            boolean tiled = true;
            for (LocalDate d = m.period().start(); d.isBefore(m.period().end()); d = d.plusDays(1)) {
                if (d.isBefore(first) || !d.isBefore(last)) {
                    Node day = ds.get(d);
                    if (day == null) {
                        tiled = false;
                        break;
                    }
                    parts.add(day.id);
                    rest = rest.subtract(day.total);
                }
            }
            if (!tiled) {
                continue;
            }
            Map<String, BigDecimal> unflagged = new HashMap<>();
            BigDecimal flaggedTotal = BigDecimal.ZERO;
            for (LocalDate month = first; month.isBefore(last); month = month.plusMonths(1)) {
                Group g = new Group(m.area(), new Period(month, Step.MONTH), m.fluid());
                for (Node b : flagged.getOrDefault(g, List.of())) {
                    parts.add(b.id);
                    flaggedTotal = flaggedTotal.add(b.total);
                }
                for (Cell c : others.getOrDefault(g, List.of())) {
                    unflagged.merge(c.area().iri(), c.total(), BigDecimal::add);
                }
            }
            rest = rest.subtract(flaggedTotal);
            long count = unflagged.size();
            BigDecimal largest =
                    unflagged.values().stream().max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
            BigDecimal residual = rest.subtract(unflagged.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            if (residual.signum() != 0) {
                count += 1;
                largest = largest.max(residual.abs());
            }
            // the same contributors run through the days and months: counted as a period's
            if (count == 0 && rest.signum() == 0) {
                relation(n.id, parts.stream().mapToInt(Integer::intValue).toArray(), true);
                continue;
            }
            Node r = newNode(
                    Kind.REMAINDER,
                    n.dataset,
                    new Measure(
                            m.area() + "#unflagged-public-buildings",
                            m.period(),
                            null,
                            m.fluid(),
                            Sector.PUBLIC,
                            false),
                    rest,
                    count,
                    count,
                    largest,
                    Category.BUSINESS);
            parts.add(r.id);
            relation(n.id, parts.stream().mapToInt(Integer::intValue).toArray(), true);
        }
    }

    // ---------------------------------------------------------------- secondary fixpoint

    /**
     * Exact recovery first, then interval protection, which may hide more cells; until neither
     * hides any.
     */
    private void secondary() {
        int[][] memberOf = membership(nodes.size());
        double level = primary.protectionLevel().doubleValue();
        IntervalProtection intervals = level > 0 ? new IntervalProtection(nodes, relations, memberOf, level) : null;
        int hidden;
        do {
            exactRecovery(memberOf);
            hidden = intervals == null ? 0 : intervals.round();
        } while (hidden > 0);
        if (intervals != null) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "disclosure control: interval protection ±{0}: {1} primary cells proven, {2} more cells hidden,"
                            + " {3} linear programmes, {4} ms",
                    primary.protectionLevel(),
                    intervals.proven(),
                    intervals.hiddenInAll,
                    intervals.programmes,
                    intervals.nanos / 1_000_000);
            if (intervals.unresolved > 0) {
                throw new OpenDataException("release refused, nothing published: "
                        + describe(intervals.lastUnresolved) + " (" + intervals.lastUnresolved.rule.code
                        + ") keeps a range an attacker can deduce narrower than ±" + primary.protectionLevel()
                        + " of its value"
                        + (intervals.unresolved > 1 ? " (and " + (intervals.unresolved - 1) + " more cells)" : "")
                        + ", and no published cell near it can be hidden");
            }
            if (intervals.unproven > 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "disclosure control: {0} primary cells (such as {1}) are not proven to keep ±{2} of their value"
                                + " within the largest neighbourhood the check solves, and no published cell near them"
                                + " can be hidden",
                        intervals.unproven,
                        describe(intervals.lastUnproven),
                        primary.protectionLevel());
            }
        }
    }

    private void exactRecovery(int[][] memberOf) {
        int n = nodes.size();
        while (true) {
            boolean[] known = new boolean[n];
            int[] derivedBy = new int[n];
            Arrays.fill(derivedBy, -1);
            for (Node node : nodes) {
                known[node.id] = node.published();
            }
            int[] unknown = new int[relations.size()];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (Relation r : relations) {
                int u = known[r.total] ? 0 : 1;
                for (int p : r.parts) {
                    if (!known[p]) {
                        u++;
                    }
                }
                unknown[r.id] = u;
                if (u == 1) {
                    queue.add(r.id);
                }
            }
            while (!queue.isEmpty()) {
                Relation r = relations.get(queue.poll());
                if (unknown[r.id] != 1) {
                    continue;
                }
                int u = known[r.total] ? -1 : r.total;
                if (u < 0) {
                    for (int p : r.parts) {
                        if (!known[p]) {
                            u = p;
                            break;
                        }
                    }
                }
                known[u] = true;
                derivedBy[u] = r.id;
                for (int r2 : memberOf[u]) {
                    if (--unknown[r2] == 1) {
                        queue.add(r2);
                    }
                }
            }
            // violations, in relation order: the cell the relation gives away, -1 for a sum of unknowns
            TreeMap<Integer, Integer> violations = new TreeMap<>();
            for (Node node : nodes) {
                int r = derivedBy[node.id];
                if (r < 0) {
                    continue;
                }
                if (node.onlyPublicBuildings) {
                    continue;
                }
                if (node.suppressedCandidate() || (node.kind != Kind.CANDIDATE && !passesOwnRule(node))) {
                    violations.putIfAbsent(r, node.id);
                }
            }
            for (Relation r : relations) {
                if (unknown[r.id] >= 2 && known[r.total] && !unknownSumPasses(r, known)) {
                    violations.putIfAbsent(r.id, -1);
                }
            }
            if (violations.isEmpty()) {
                break;
            }
            BitSet touched = new BitSet(relations.size());
            int hidden = 0;
            int unresolved = -1; // a violation no cell can close this round: the next round sees what was hidden
            for (int r : violations.keySet()) {
                if (touched.get(r)) {
                    continue;
                }
                int victim = victim(relations.get(r), known, derivedBy);
                if (victim < 0) {
                    unresolved = unresolved < 0 ? r : unresolved;
                    continue;
                }
                Node v = nodes.get(victim);
                v.status = Status.SECONDARY;
                v.rule = Rule.COMPLEMENTARY;
                hidden++;
                for (int r2 : memberOf[victim]) {
                    touched.set(r2);
                }
            }
            if (hidden == 0) { // violations remain and nothing is left to hide
                throw unprotectable(relations.get(unresolved), violations.get(unresolved), known);
            }
        }
    }

    private int[][] membership(int n) {
        int[] sizes = new int[n];
        for (Relation r : relations) {
            sizes[r.total]++;
            for (int p : r.parts) {
                sizes[p]++;
            }
        }
        int[][] of = new int[n][];
        for (int i = 0; i < n; i++) {
            of[i] = new int[sizes[i]];
        }
        int[] fill = new int[n];
        for (Relation r : relations) {
            of[r.total][fill[r.total]++] = r.id;
            for (int p : r.parts) {
                of[p][fill[p]++] = r.id;
            }
        }
        return of;
    }

    private boolean passesOwnRule(Node n) {
        return n.onlyPublicBuildings
                || primary.check(n.category, n.dataset, n.measure.period(), n.count, n.largest, n.total) == Rule.NONE;
    }

    /** Whether the sum of a relation's unknown parts, which an attacker learns, passes the rules. */
    private boolean unknownSumPasses(Relation r, boolean[] known) {
        if (nodes.get(r.total).onlyPublicBuildings) {
            return true; // a part of what the public buildings publish by choice
        }
        boolean onlyPublicBuildings = true;
        for (int p : r.parts) {
            onlyPublicBuildings &= known[p] || nodes.get(p).onlyPublicBuildings;
        }
        if (onlyPublicBuildings) {
            return true;
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal largest = BigDecimal.ZERO;
        long count = 0;
        Category category = null;
        for (int p : r.parts) {
            if (known[p]) {
                continue;
            }
            Node n = nodes.get(p);
            if (category == null || n.category == Category.HOUSEHOLD) {
                category = n.category;
            }
            total = total.add(n.total);
            if (r.overlapping) {
                count = Math.max(count, n.count);
                largest = largest == null || n.largest == null ? null : largest.add(n.largest);
            } else {
                count += n.count;
                largest = largest == null || n.largest == null ? null : largest.max(n.largest);
            }
        }
        if (largest != null && largest.compareTo(total) > 0) {
            largest = total;
        }
        Node whole = nodes.get(r.total);
        Category c = category == Category.PUBLIC_BUILDING ? Category.BUSINESS : category;
        return primary.check(c, whole.dataset, whole.measure.period(), count, largest, total) == Rule.NONE;
    }

    /**
     * The published cell to hide for a relation that leaks: the smallest hideable part, else the
     * smallest hideable cell of a relation the attacker used to solve one of its members, else its
     * total; -1 when there is none.
     */
    private int victim(Relation r, boolean[] known, int[] derivedBy) {
        int best = smallest(r.parts);
        if (best >= 0) {
            return best;
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        BitSet seen = new BitSet(relations.size());
        seen.set(r.id);
        enqueueDerivations(r, known, derivedBy, queue, seen);
        while (!queue.isEmpty()) {
            Relation q = relations.get(queue.poll());
            int b = smallest(q.parts);
            if (b < 0 && nodes.get(q.total).hideable()) {
                b = q.total;
            }
            if (b >= 0) {
                return b;
            }
            enqueueDerivations(q, known, derivedBy, queue, seen);
        }
        return nodes.get(r.total).hideable() ? r.total : -1;
    }

    private void enqueueDerivations(
            Relation r, boolean[] known, int[] derivedBy, ArrayDeque<Integer> queue, BitSet seen) {
        for (int p : r.parts) {
            int d = derivedBy[p];
            if (known[p] && d >= 0 && !seen.get(d)) {
                seen.set(d);
                queue.add(d);
            }
        }
        int d = derivedBy[r.total];
        if (known[r.total] && d >= 0 && !seen.get(d)) {
            seen.set(d);
            queue.add(d);
        }
    }

    private int smallest(int[] members) {
        int best = -1;
        for (int m : members) {
            Node n = nodes.get(m);
            if (!n.hideable()) {
                continue;
            }
            if (best < 0) {
                best = m;
                continue;
            }
            int c = n.total.compareTo(nodes.get(best).total);
            if (c < 0 || (c == 0 && m < best)) {
                best = m;
            }
        }
        return best;
    }

    /**
     * The refusal of a release: a relation gives a cell away (or the sum of its hidden cells breaks
     * a rule) and none of its cells, nor of those the attacker used to solve it, can be hidden: they
     * are fixed by an earlier release, or public buildings published individually.
     */
    private OpenDataException unprotectable(Relation r, int cell, boolean[] known) {
        String what;
        if (cell >= 0) {
            Node n = nodes.get(cell);
            Rule broken = n.suppressedCandidate()
                    ? n.rule
                    : primary.check(n.category, n.dataset, n.measure.period(), n.count, n.largest, n.total);
            what = describe(n) + " (" + broken.code + ") can be worked out";
        } else {
            List<String> unknown = new ArrayList<>();
            for (int p : r.parts) {
                if (!known[p]) {
                    unknown.add(describe(nodes.get(p)));
                }
            }
            what = "the sum of "
                    + (unknown.size() > 4 ? unknown.subList(0, 4) + " and " + (unknown.size() - 4) + " more" : unknown)
                    + " can be worked out and breaks the disclosure rules";
        }
        StringBuilder relation = new StringBuilder(describe(nodes.get(r.total))).append(" = ");
        for (int i = 0; i < r.parts.length && i < 4; i++) {
            relation.append(i > 0 ? " + " : "").append(describe(nodes.get(r.parts[i])));
        }
        if (r.parts.length > 4) {
            relation.append(" + … (").append(r.parts.length).append(" parts)");
        }
        return new OpenDataException("release refused, nothing published: " + what + " from the relation "
                + relation + ", and none of its cells can be hidden: they are fixed by an earlier release or are"
                + " public buildings published individually");
    }

    /** A node as the operator reads it: dataset, area, period, slot, fluid and sector. */
    private String describe(Node n) {
        Measure m = n.measure;
        String where = m.area() + " " + m.period().label() + (m.slot() == null ? "" : " " + m.slot()) + " "
                + m.fluid().code + " " + m.sector().code;
        return switch (n.kind) {
            case CANDIDATE, SUPPORT -> n.dataset.id + " cell " + where;
            case VIRTUAL -> "the sum of the daily cells of " + where;
            case REMAINDER -> "the rest of " + where;
        };
    }

    // ---------------------------------------------------------------- output

    private List<Cell> output() {
        List<Cell> out = new ArrayList<>(candidates.size());
        for (Node n : nodes) {
            if (n.kind != Kind.CANDIDATE) {
                continue;
            }
            if (n.earlier != null) {
                out.add(n.earlier);
                continue;
            }
            Protection p = n.status == Status.PUBLISHED && n.rule == Rule.NONE
                    ? Protection.PUBLISHED
                    : new Protection(n.status, n.rule);
            out.add(candidates.get(n.candidate).with(p));
        }
        return out;
    }
}
