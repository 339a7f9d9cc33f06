package org.vivacite.opendata.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.InformationLoss;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.opendata.catalog.Catalog;
import org.vivacite.opendata.catalog.CatalogSettings;
import org.vivacite.opendata.release.Publisher;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * How publication time grows with the city: for each size, a synthetic city of that many
 * households (electricity, gas for half of them; offices and public buildings beside) with a year
 * of daily consumption already rolled up — the rollups written straight into an LMDB private store,
 * in the shape {@code MeterDayRollups} gives them, since generating the readings themselves would
 * take far longer than publishing — then two publications into a TDB2 public store (the second one checked against the first), timed. No
 * half-hourly load curves: the load-profile dataset stays empty.
 *
 * <p>Usage: {@code benchmarks/publish-scale.sh [households…]} (default 2000 10000).
 */
public final class PublishBenchmark {

    static final String BASE = "http://bench.example/";
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final String VC = Namespaces.VC;

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args.length == 0 ? new String[] {"2000", "10000"} : args) {
            sizes.add(Integer.parseInt(a));
        }
        LocalDate today = LocalDate.now(ZONE);
        for (int households : sizes) {
            Path dir = Files.createTempDirectory("publish-bench-");
            try (QuadStore privateStore = QuadStores.open("lmdb", "private", dir.resolve("private"));
                    QuadStore publicStore = QuadStores.open("tdb2", "public", dir.resolve("public"))) {
                long t = System.nanoTime();
                long rollups = generate(privateStore, households, today);
                double generated = (System.nanoTime() - t) / 1e9;
                Publisher publisher = new Publisher(
                        new AggregationViews(
                                privateStore,
                                new AggregationViews.Settings(
                                        BASE, ZONE, new BigDecimal("11.2"), day -> Optional.of(BigDecimal.TEN))),
                        publicStore,
                        ReleaseFolders.of(dir),
                        new Catalog(CatalogSettings.defaults(BASE)),
                        new Publisher.Settings(BASE, ZONE, DisclosureRules.DEFAULTS, CatalogSettings.ETALAB_2_0),
                        Clock.system(ZONE));
                for (String run : List.of("first", "second")) {
                    Publisher.Result r = publisher.publish();
                    System.out.printf(
                            Locale.ROOT,
                            "%d households: %d rollups written in %.0f s; %s publish %.1f s, %d cells, %d published%n",
                            households,
                            rollups,
                            generated,
                            run,
                            r.took().toMillis() / 1000.0,
                            r.cells(),
                            r.published());
                    for (ReleaseSummary s : r.releases()) {
                        System.out.printf(
                                Locale.ROOT,
                                "  %s: %d cells, %d published%n",
                                s.dataset().id,
                                s.cells(),
                                s.published());
                    }
                    for (InformationLoss l : r.loss()) {
                        StringBuilder shares = new StringBuilder();
                        l.consumption()
                                .forEach((f, c) -> shares.append(String.format(
                                        Locale.ROOT,
                                        " %s %.1f %%",
                                        f.code,
                                        c.share().doubleValue() * 100)));
                        System.out.printf(
                                Locale.ROOT,
                                "  loss %s %s: %d of %d cells confidential (%.1f %%); consumption hidden:%s%n",
                                l.dataset().id,
                                l.level().name().toLowerCase(Locale.ROOT),
                                l.suppressed(),
                                l.cells(),
                                l.cellShare().doubleValue() * 100,
                                shares);
                    }
                }
            } finally {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static Node iri(String path) {
        return NodeFactory.createURI(BASE + path);
    }

    private static Node vc(String local) {
        return NodeFactory.createURI(VC + local);
    }

    private static Node typed(String lexical, String datatype) {
        return NodeFactory.createLiteralDT(lexical, NodeFactory.getType(datatype));
    }

    /** Territory, meters and a year of rollups; returns the number of rollups. */
    static long generate(QuadStore store, int households, LocalDate today) {
        Node territory = iri("graph/territory");
        List<Quad> t = new ArrayList<>();
        Node metropolis = iri("id/metropolis/200040715");
        area(t, territory, metropolis, "Metropolis", "200040715", "SirenCode", null);
        List<Meter> meters = new ArrayList<>();
        int communes = Math.max(1, households / 5000);
        int perDistrict = 500;
        int districts = Math.max(1, households / perDistrict);
        int household = 0;
        for (int d = 0; d < districts; d++) {
            String insee = String.format(Locale.ROOT, "38%03d", d % communes);
            Node commune = iri("id/commune/" + insee);
            if (d < communes) {
                area(t, territory, commune, "Commune", insee, "InseeCommuneCode", metropolis);
            }
            String iris = insee + String.format(Locale.ROOT, "%04d", d);
            Node district = iri("id/district/" + iris);
            area(t, territory, district, "District", iris, "IrisCode", commune);
            for (int s = 0; s < perDistrict / 100; s++) {
                String ban = insee + String.format(Locale.ROOT, "_%04d", d * 10 + s);
                Node street = iri("id/street/" + ban);
                area(t, territory, street, "Street", ban, "BanStreetCode", district);
                for (int b = 0; b < 10; b++) {
                    List<Node> up = List.of(street, district, commune, metropolis);
                    Node building = building(t, territory, street, "residential", false, "B" + d + "S" + s + "N" + b);
                    for (int h = 0; h < 10 && household < households; h++, household++) {
                        meters.add(new Meter(
                                "e" + household, building, up, "electricityEnergyConsumed", 5 + household % 9));
                        if (household % 2 == 0) {
                            meters.add(
                                    new Meter("g" + household, building, up, "gasVolumeConsumed", 1.5 + household % 3));
                        }
                    }
                }
                if (s == 0) {
                    List<Node> up = List.of(street, district, commune, metropolis);
                    Node office = building(t, territory, street, "tertiary", false, "O" + d);
                    for (int o = 0; o < 4; o++) {
                        meters.add(new Meter("o" + d + "_" + o, office, up, "electricityEnergyConsumed", 40 + o * 10));
                    }
                    Node hall = building(t, territory, street, "public", d % 2 == 0, "P" + d);
                    meters.add(new Meter("p" + d, hall, up, "electricityEnergyConsumed", 80));
                }
            }
        }
        store.add(t);
        List<Quad> q = new ArrayList<>();
        for (Meter m : meters) {
            Node g = iri("graph/private/" + m.id);
            Node space = iri("space/" + m.id);
            q.add(Quad.create(g, space, NodeFactory.createURI(Namespaces.S4BLDG + "isSpaceOf"), m.building));
            q.add(Quad.create(g, space, vc("floorArea"), typed("60", XSDDatatype.XSDdecimal.getURI())));
            q.add(Quad.create(
                    g, iri("meter/" + m.id), NodeFactory.createURI(Namespaces.S4BLDG + "isContainedIn"), space));
        }
        store.add(q);
        q.clear();
        long rollups = 0;
        for (LocalDate day = today.minusYears(1).minusDays(1); day.isBefore(today); day = day.plusDays(1)) {
            double season = 1 + 0.4 * Math.cos((day.getDayOfYear() - 15) * 2 * Math.PI / 365);
            for (Meter m : meters) {
                Node g = iri("graph/private/" + m.id);
                Node r = iri("meter/" + m.id + "/rollup/" + m.quantity + "/" + day);
                Node part = iri("meter/" + m.id + "/rollup/" + m.quantity + "/" + day + "/part/bench");
                q.add(Quad.create(g, r, RDF.type.asNode(), vc("MeterDayRollup")));
                q.add(Quad.create(g, r, vc("rollupOf"), iri("meter/" + m.id)));
                q.add(Quad.create(g, r, vc("rollupQuantity"), vc(m.quantity)));
                q.add(Quad.create(g, r, vc("day"), typed(day.toString(), XSDDatatype.XSDdate.getURI())));
                q.add(Quad.create(g, r, vc("inArea"), m.building));
                for (Node a : m.up) {
                    q.add(Quad.create(g, r, vc("inArea"), a));
                }
                q.add(Quad.create(g, r, vc("rollupPart"), part));
                long h = (day.toEpochDay() * 31 + m.id.hashCode()) * 0x9E3779B97F4A7C15L;
                double value = m.mean * season * (0.8 + ((h >>> 11) % 1000) / 2500.0);
                q.add(Quad.create(
                        g,
                        part,
                        vc("valueSum"),
                        typed(String.format(Locale.ROOT, "%.3f", value), XSDDatatype.XSDdecimal.getURI())));
                q.add(Quad.create(g, part, vc("valueCount"), typed("1", XSDDatatype.XSDinteger.getURI())));
                rollups++;
                if (q.size() >= 400_000) {
                    store.add(q);
                    q.clear();
                }
            }
        }
        store.add(q);
        return rollups;
    }

    record Meter(String id, Node building, List<Node> up, String quantity, double mean) {}

    private static void area(List<Quad> t, Node g, Node a, String cls, String code, String codeType, Node parent) {
        t.add(Quad.create(g, a, RDF.type.asNode(), vc(cls)));
        t.add(Quad.create(g, a, RDFS.label.asNode(), NodeFactory.createLiteralLang(cls + " " + code, "fr")));
        t.add(Quad.create(g, a, NodeFactory.createURI(Namespaces.SKOS + "notation"), typed(code, VC + codeType)));
        if (parent != null) {
            t.add(Quad.create(g, a, vc("partOf"), parent));
        }
    }

    private static Node building(List<Quad> t, Node g, Node street, String use, boolean individual, String id) {
        String rnb = String.format(Locale.ROOT, "%-12s", id).replace(' ', 'X');
        Node b = iri("id/building/" + rnb);
        t.add(Quad.create(g, b, RDF.type.asNode(), NodeFactory.createURI(Namespaces.S4BLDG + "Building")));
        t.add(Quad.create(g, b, RDFS.label.asNode(), NodeFactory.createLiteralLang("Building " + id, "fr")));
        t.add(Quad.create(g, b, NodeFactory.createURI(Namespaces.SKOS + "notation"), typed(rnb, VC + "RnbId")));
        t.add(Quad.create(g, b, vc("partOf"), street));
        t.add(Quad.create(g, b, vc("use"), vc(use)));
        t.add(Quad.create(g, b, vc("floorArea"), typed("1200", XSDDatatype.XSDdecimal.getURI())));
        if (individual) {
            t.add(Quad.create(g, b, vc("publishIndividually"), typed("true", XSDDatatype.XSDboolean.getURI())));
        }
        return b;
    }
}
