package org.vivacite.opendata.disclosure;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Protection.Status;
import org.vivacite.opendata.Sector;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreProperties;
import org.vivacite.triplestore.tdb2.Tdb2Provider;

/**
 * The attacker suite on a real data folder (the demo city's, kept by {@code KEEP_DATA=DIR
 * benchmarks/publish.sh}): every public output (the CSV files of every release and the public
 * store's open-data graphs, which the SPARQL endpoint serves), attacked by the exact-recovery and
 * the LP attacker, judged against the release's private audit record. Prints the primary cells the
 * exact attacker recovers and the narrowest range the LP attacker deduces for a primary cell;
 * exits 1 when a primary cell is recovered or bounded within the protection level. Run through
 * {@code benchmarks/attack.sh DATA}, with the server stopped.
 */
public final class DemoAttack {

    private DemoAttack() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        double level = args.length > 1 ? Double.parseDouble(args[1]) : 0.10;
        int dailySample = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        DisclosureRules rules = DisclosureRules.DEFAULTS;
        long t0 = System.nanoTime();
        List<PublishedRow> rows;
        Map<String, Area> territory;
        try (QuadStore store =
                new Tdb2Provider().open("public", new StoreProperties.Role("tdb2", data.resolve("public"), null))) {
            String base = base(store);
            territory = AttackPublishedOutputsTest.publicTerritory(store, base);
            rows = AttackPublishedOutputsTest.fromCsvFiles(data.resolve("open-data"), territory);
            List<PublishedRow> sparql = AttackPublishedOutputsTest.fromSparql(store, territory, base);
            if (!new HashSet<>(sparql).equals(new HashSet<>(rows))) {
                throw new IllegalStateException("the public store and the CSV files disagree: " + sparql.size()
                        + " rows against " + rows.size());
            }
            System.out.printf(
                    "read %d rows of %d releases (CSV files = public store), %d areas, base %s: %d ms%n",
                    rows.size(),
                    rows.stream().map(PublishedRow::release).distinct().count(),
                    territory.size(),
                    base,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        Map<String, BigDecimal> confidential = new HashMap<>();
        Map<String, BigDecimal> truth = primaryTruth(data.resolve("releases"), confidential);
        long suppressed = rows.stream().filter(r -> r.value() == null).count();
        System.out.printf("%d suppressed rows, %d of them primary (private audit records)%n", suppressed, truth.size());
        Set<String> onlyPublicBuildings = onlyPublicBuildings(rows, territory, confidential);
        int exempt = 0;
        for (PublishedRow r : rows) {
            if (truth.containsKey(key(r)) && exempt(r, onlyPublicBuildings)) {
                truth.remove(key(r));
                exempt++;
            }
        }
        System.out.printf(
                "%d primary cells are made only of flagged public buildings, whose own cells are published: not"
                        + " judged%n",
                exempt);

        long t1 = System.nanoTime();
        Attacker exact = new Attacker(rows, territory.values(), rules);
        List<Attacker.Finding> findings = exact.attack();
        Map<Attacker.Var, PublishedRow> primaryRows = new HashMap<>();
        for (PublishedRow r : rows) {
            if (truth.containsKey(key(r))) {
                primaryRows.putIfAbsent(exact.vars().get(exact.varOf(r)), r);
            }
        }
        int recovered = 0;
        for (Attacker.Finding f : findings) {
            if (!f.how().equals("published") && primaryRows.containsKey(f.target())) {
                recovered++;
                if (recovered <= 10) {
                    System.out.println("  exact recovery of a primary cell: " + f.how() + " " + f.target());
                }
            }
        }
        System.out.printf(
                "exact-recovery attacker: %d findings, %d primary cells recovered: %d ms%n",
                findings.size(), recovered, (System.nanoTime() - t1) / 1_000_000);

        long t2 = System.nanoTime();
        List<AttackTest.Reach> reaches = new ArrayList<>();
        int[] done = {0};
        // every primary cell longer than a day; of the daily ones, a seeded sample: the simplex takes
        // seconds per cell at the demo's size, and its 48 000 hidden days would take a day
        java.util.Random random = new java.util.Random(20261207);
        Set<String> judged = new HashSet<>();
        long daily = 0;
        long allDaily = countDaily(rows, truth);
        for (PublishedRow r : rows) {
            String k = key(r);
            if (!truth.containsKey(k)) {
                continue;
            }
            if (r.period().step() != Step.DAY) {
                judged.add(k);
            } else {
                daily++;
                if (random.nextInt(1_000_000) < dailySample * 1_000_000L / Math.max(1, allDaily)) {
                    judged.add(k);
                }
            }
        }
        System.out.printf(
                "LP attacker on %d primary cells: every one longer than a day, and a seeded sample of the %d daily"
                        + " ones%n",
                judged.size(), daily);
        for (LpAttacker.Interval i : new LpAttacker(exact, rows).attack(r -> judged.contains(key(r)))) {
            double v = truth.get(key(i.row())).doubleValue();
            if (v > 0) {
                reaches.add(new AttackTest.Reach(i.row(), (v - i.low()) / v, (i.high() - v) / v));
            }
            if (++done[0] % 50 == 0) {
                System.out.printf(
                        "  %d primary cells bounded: %d s%n", done[0], (System.nanoTime() - t2) / 1_000_000_000);
            }
        }
        reaches.sort(java.util.Comparator.comparingDouble(AttackTest.Reach::narrowest));
        long narrow =
                reaches.stream().filter(r -> r.narrowest() < level * (1 - 1e-6)).count();
        System.out.printf(
                "LP attacker: %d primary cells with a positive value bounded, %d within ±%.2f: %d s%n",
                reaches.size(), narrow, level, (System.nanoTime() - t2) / 1_000_000_000);
        reaches.stream().limit(10).forEach(r -> System.out.println("  " + r));
        System.exit(recovered > 0 || narrow > 0 ? 1 : 0);
    }

    /** The city's base IRI: its territory graph is {@code {base}graph/territory}. */
    private static String base(QuadStore store) {
        for (Map<String, Node> row : store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
                .rows()) {
            String g = row.get("g").getURI();
            if (g.endsWith("graph/territory")) {
                return g.substring(0, g.length() - "graph/territory".length());
            }
        }
        throw new IllegalStateException("no territory graph in the public store");
    }

    private static long countDaily(List<PublishedRow> rows, Map<String, BigDecimal> truth) {
        return rows.stream()
                .filter(r -> r.period().step() == Step.DAY && truth.containsKey(key(r)))
                .count();
    }

    /** (area, month, fluid) of a public-sector cell. */
    /** A month of an area and fluid in one release: each release is judged on its own rows. */
    private static String month(String release, String area, LocalDate month, Fluid fluid) {
        return release + "|" + area + "|" + month.withDayOfMonth(1) + "|" + fluid.code;
    }

    /**
     * The (area, month, fluid) whose public consumption is exactly the sum of the flagged public
     * buildings' published months under the area: what the attacker learns of such a cell, or of a
     * day of it, he learns from those buildings' own rows.
     */
    private static Set<String> onlyPublicBuildings(
            List<PublishedRow> rows, Map<String, Area> territory, Map<String, BigDecimal> confidential) {
        // a cell republished hidden has its value in the audit record of the release that first hid it
        Map<String, BigDecimal> anyRelease = new HashMap<>();
        confidential.forEach((k, v) -> anyRelease.putIfAbsent(k.substring(k.indexOf('|') + 1), v));
        java.util.function.Function<PublishedRow, BigDecimal> value = r -> r.value() != null
                ? r.value()
                : confidential.getOrDefault(key(r), anyRelease.get(key(r).substring(key(r).indexOf('|') + 1)));
        Map<String, BigDecimal> buildings = new HashMap<>();
        Map<String, BigDecimal> totals = new HashMap<>();
        Map<String, Integer> days = new HashMap<>();
        for (PublishedRow r : rows) {
            if (r.sector() != Sector.PUBLIC || r.slot() != null) {
                continue;
            }
            BigDecimal v = value.apply(r);
            if (r.dataset() == Dataset.PUBLIC_BUILDINGS_MONTHLY) {
                for (Area a = territory.get(r.area()); a != null && a.parent() != null; ) {
                    a = territory.get(a.parent());
                    if (a != null) {
                        buildings.merge(month(r.release(), a.iri(), r.period().start(), r.fluid()), v, BigDecimal::add);
                    }
                }
            } else if (v != null && r.period().step() == Step.MONTH) {
                totals.put(month(r.release(), r.area(), r.period().start(), r.fluid()), v);
            } else if (v != null && r.period().step() == Step.DAY) {
                String m = month(r.release(), r.area(), r.period().start(), r.fluid());
                days.merge(m, 1, Integer::sum);
                if (days.get(m) == r.period().start().lengthOfMonth()) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (PublishedRow d : rows) {
                        if (d.dataset() == r.dataset()
                                && d.release().equals(r.release())
                                && d.area().equals(r.area())
                                && d.fluid() == r.fluid()
                                && d.sector() == Sector.PUBLIC
                                && d.period().step() == Step.DAY
                                && d.period()
                                        .start()
                                        .withDayOfMonth(1)
                                        .equals(r.period().start().withDayOfMonth(1))) {
                            sum = sum.add(value.apply(d));
                        }
                    }
                    totals.putIfAbsent(m, sum);
                }
            }
        }
        Set<String> out = new HashSet<>();
        totals.forEach((m, total) -> {
            BigDecimal b = buildings.get(m);
            if (b != null && b.subtract(total).abs().compareTo(new BigDecimal("0.001")) <= 0) {
                out.add(m);
            }
        });
        return out;
    }

    /** A public-sector row every month of which is made only of flagged public buildings. */
    private static boolean exempt(PublishedRow r, Set<String> onlyPublicBuildings) {
        if (r.sector() != Sector.PUBLIC) {
            return false;
        }
        for (LocalDate m = r.period().start().withDayOfMonth(1);
                m.isBefore(r.period().end());
                m = m.plusMonths(1)) {
            if (!onlyPublicBuildings.contains(month(r.release(), r.area(), m, r.fluid()))) {
                return false;
            }
        }
        return true;
    }

    private static String key(PublishedRow r) {
        return String.join(
                "|",
                r.release(),
                r.dataset().id,
                r.area(),
                r.period().start().toString(),
                r.slot() == null ? "" : r.slot().toString(),
                r.fluid().code,
                r.sector().code);
    }

    /**
     * The value of every primary-suppressed cell of every release, by row key; every confidential
     * cell's value goes into {@code confidential}.
     */
    private static Map<String, BigDecimal> primaryTruth(Path releases, Map<String, BigDecimal> confidential)
            throws IOException {
        Map<String, BigDecimal> out = new HashMap<>();
        List<Path> folders;
        try (Stream<Path> s = Files.list(releases)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path folder : folders) {
            try (Reader in =
                    Files.newBufferedReader(folder.resolve("confidential-cells.csv"), StandardCharsets.UTF_8)) {
                for (CSVRecord r : CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
                    String key = String.join(
                            "|",
                            folder.getFileName().toString(),
                            r.get("dataset"),
                            r.get("area"),
                            LocalDate.parse(r.get("period_start")).toString(),
                            r.get("slot"),
                            r.get("fluid"),
                            r.get("sector"));
                    if (r.get("consumption").isEmpty()) {
                        continue; // republished hidden: judged in the release that first hid it
                    }
                    BigDecimal value = new BigDecimal(r.get("consumption"));
                    confidential.put(key, value);
                    if (r.get("protection").equals(Status.PRIMARY.code)) {
                        out.put(key, value);
                    }
                }
            }
        }
        return out;
    }
}
