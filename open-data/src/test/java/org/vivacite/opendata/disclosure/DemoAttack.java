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
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Protection.Status;
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
        Map<String, BigDecimal> truth = primaryTruth(data.resolve("releases"));
        long suppressed = rows.stream().filter(r -> r.value() == null).count();
        System.out.printf("%d suppressed rows, %d of them primary (private audit records)%n", suppressed, truth.size());

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
        for (LpAttacker.Interval i : new LpAttacker(exact, rows).attack(r -> truth.containsKey(key(r)))) {
            double v = truth.get(key(i.row())).doubleValue();
            if (v > 0) {
                reaches.add(new AttackTest.Reach(i.row(), (v - i.low()) / v, (i.high() - v) / v));
            }
            if (++done[0] % 1000 == 0) {
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

    /** The value of every primary-suppressed cell of every release, by row key. */
    private static Map<String, BigDecimal> primaryTruth(Path releases) throws IOException {
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
                    if (!r.get("protection").equals(Status.PRIMARY.code)) {
                        continue;
                    }
                    out.put(
                            String.join(
                                    "|",
                                    folder.getFileName().toString(),
                                    r.get("dataset"),
                                    r.get("area"),
                                    LocalDate.parse(r.get("period_start")).toString(),
                                    r.get("slot"),
                                    r.get("fluid"),
                                    r.get("sector")),
                            new BigDecimal(r.get("consumption")));
                }
            }
        }
        return out;
    }
}
