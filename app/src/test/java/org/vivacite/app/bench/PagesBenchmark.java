package org.vivacite.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.identity.Browser;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.consent.PersonalConsents;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The citizen's pages over real HTTP (issue 20: "p95 under 300 ms for every page of a household
 * with a year of 30-min data"): the real server ({@link VivaciteServer}, not the demo) on a loopback
 * port with a temporary data folder; into its private store (LMDB), through its own rollups as the
 * pipeline writes, one household with a year of half-hourly electricity (register every half hour,
 * hourly and daily consumption derived, as {@code PersonalBenchmark} in the portal writes them) and
 * {@code others} households of daily data; an account enrolled in the household's dwelling since a
 * year ago, with a consent to half hours; logged in through the embedded OIDC provider's form like a
 * browser (session cookie kept). Then each page of the citizen's navigation (the sections of the
 * {@code me} fragment of {@code templates/fragments.html}, read from the classpath), the history's
 * year and day views, and {@code /}: after 5 warm-up requests, {@code runs} requests, one at a time,
 * redirects not followed; median and p95 of the wall time and of the JVM's CPU time (server and
 * client share the JVM). A page that answers anything but 200 is printed with its status and not
 * timed; 404 is printed "missing". Each page's last answer is kept in {@code target/pages-bench/} to
 * see what was timed. Usage: benchmarks/pages.sh [others, default 50] [runs, default 30].
 */
public final class PagesBenchmark {

    static final ZoneId ZONE = IngestParts.ZONE;
    static final String PASSWORD = "correct horse battery";
    static final String SOSA = Namespaces.SOSA;
    static final String VC = Namespaces.VC;
    static final String TIME = Namespaces.TIME;
    static final int WARM_UP = 5;

    public static void main(String[] args) throws Exception {
        int others = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path data = Files.createTempDirectory("vivacite-pages-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String site = "http://127.0.0.1:" + port;
        String base = site + "/";
        String[] settings = {
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--vivacite.data=" + data,
            "--vivacite.base-iri=" + base,
            "--logging.level.root=WARN"
        };
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(VivaciteServer.class).run(settings)) {
            LocalDate first = LocalDate.now(ZONE).minusDays(365);
            long t0 = System.nanoTime();
            MeterDayRollups rollups = server.getBean(MeterDayRollups.class);
            long quads = household(rollups, base, "h0000", first, 365, true);
            for (int i = 1; i <= others; i++) {
                household(rollups, base, String.format("h%04d", i), first, 365, false);
            }
            rollups.flush();
            System.out.printf(
                    "loaded: the household (%d quads, a year of half hours) and %d others (daily) in %d s%n",
                    quads, others, (System.nanoTime() - t0) / 1_000_000_000);

            String dwelling = base + "dwelling/h0000";
            server.getBean(Accounts.class).put("ana", "Ana", Set.of(Role.CITIZEN), PASSWORD);
            StoreEnrolments enrolments = server.getBean(StoreEnrolments.class);
            String code = enrolments
                    .generate(
                            List.of(dwelling),
                            Duration.ofDays(1),
                            first.atStartOfDay(ZONE).toInstant())
                    .get(0)
                    .code();
            enrolments.redeem("ana", code);
            server.getBean(PersonalConsents.class)
                    .give("ana", dwelling, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);

            Browser browser = new Browser();
            HttpResponse<String> login = browser.logIn(site + "/login", "ana", PASSWORD);
            if (login.statusCode() != 200) {
                throw new IllegalStateException("login answered " + login.statusCode());
            }
            List<String> pages = new ArrayList<>();
            for (String section : navigation()) {
                pages.add(section.isEmpty() ? "/me" : "/me/" + section);
                if (section.equals("history")) {
                    pages.add("/me/history?view=year");
                    pages.add("/me/history?view=day&date=" + LocalDate.now(ZONE).minusDays(1));
                }
            }
            pages.add("/");
            System.out.printf("%d runs per page after %d of warm-up, load average %s%n", runs, WARM_UP, loadAverage());
            System.out.println(
                    "| page | status | kB | wall median (ms) | wall p95 (ms) | JVM CPU median (ms) | JVM CPU p95 (ms) |");
            System.out.println("|---|---|---|---|---|---|---|");
            Path kept = Files.createDirectories(Path.of("target/pages-bench"));
            for (String page : pages) {
                time(browser, site, page, runs, kept);
            }
            System.out.println("load average at the end: " + loadAverage());
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
    }

    /** The machine's load averages over 1, 5 and 15 minutes (Linux). */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** The sections of the citizen's navigation: the list in the {@code me} fragment. */
    static List<String> navigation() throws Exception {
        try (InputStream in = PagesBenchmark.class.getResourceAsStream("/templates/fragments.html")) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("th:fragment=\"me\\(current\\)\"[\\s\\S]*?\\$\\{ \\{([^}]*)\\} \\}")
                    .matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no list of sections in the 'me' fragment of fragments.html");
            }
            return Arrays.stream(m.group(1).split(","))
                    .map(s -> s.trim().replace("'", ""))
                    .toList();
        }
    }

    /** Warm-up, then {@code runs} GETs of one page; one line of the table. */
    static void time(Browser browser, String site, String page, int runs, Path kept) throws IOException {
        var jvm = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        int size = 0;
        String last = "";
        for (int i = 0; i < runs + WARM_UP; i++) {
            long p = jvm.getProcessCpuTime();
            long t = System.nanoTime();
            HttpResponse<String> r = browser.open(site + page, "Accept", "text/html");
            long elapsed = System.nanoTime() - t;
            long used = jvm.getProcessCpuTime() - p;
            if (r.statusCode() != 200) {
                String where =
                        r.headers().firstValue("Location").map(l -> " → " + l).orElse("");
                System.out.printf(
                        "| %s | %s | | | | | |%n",
                        page, r.statusCode() == 404 ? "missing (404)" : r.statusCode() + where);
                return;
            }
            last = r.body();
            size = last.getBytes(StandardCharsets.UTF_8).length;
            if (i >= WARM_UP) {
                wall[i - WARM_UP] = elapsed;
                cpu[i - WARM_UP] = used;
            }
        }
        Files.writeString(kept.resolve(page.replaceAll("[^A-Za-z0-9]+", "_") + ".html"), last);
        Arrays.sort(wall);
        Arrays.sort(cpu);
        int p95 = (int) Math.ceil(runs * 0.95) - 1;
        System.out.printf(
                "| %s | 200 | %d | %.1f | %.1f | %.1f | %.1f |%n",
                page, size / 1024, wall[runs / 2] / 1e6, wall[p95] / 1e6, cpu[runs / 2] / 1e6, cpu[p95] / 1e6);
    }

    /**
     * Writes one household as the portal's {@code PersonalBenchmark} does: a dwelling, its
     * electricity meter, the register every half hour (or every day when not {@code fine}), the
     * hourly consumption (when {@code fine}) and the daily one, with their intervals and provenance.
     */
    static long household(MeterDayRollups store, String base, String key, LocalDate first, int days, boolean fine) {
        Node g = iri(base + "graph/private/" + key);
        Node dwelling = iri(base + "dwelling/" + key);
        Node meter = iri(base + "meter/m" + key);
        Node receipt = iri(base + "receipt/msg-" + key);
        List<Quad> out = new ArrayList<>();
        out.add(new Quad(g, dwelling, RDF.type.asNode(), iri(VC + "Dwelling")));
        out.add(new Quad(g, meter, RDF.type.asNode(), iri(VC + "ElectricityMeter")));
        out.add(new Quad(g, meter, iri(SOSA + "observes"), iri(VC + "electricityEnergyWithdrawn")));
        out.add(new Quad(g, meter, iri(Namespaces.S4BLDG + "isContainedIn"), dwelling));
        BigDecimal index = new BigDecimal("10000.000");
        BigDecimal half = new BigDecimal("0.250");
        Instant start = first.atStartOfDay(ZONE).toInstant();
        Instant end = first.plusDays(days).atStartOfDay(ZONE).toInstant();
        Duration step = fine ? Duration.ofMinutes(30) : Duration.ofDays(1);
        long total = 0;
        for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
            Node o = iri(base + "obs/m" + key + "/electricityEnergyWithdrawn/" + t);
            observation(out, g, o, meter, dwelling, "electricityEnergyWithdrawn", index, t, receipt);
            if (fine && t.isBefore(end) && t.atZone(ZONE).getMinute() == 0) {
                amount(out, base, g, meter, dwelling, t, Duration.ofHours(1), half.add(half));
            }
            if (t.atZone(ZONE).toLocalTime().equals(LocalTime.MIDNIGHT) && t.isBefore(end)) {
                Instant next = t.atZone(ZONE)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(ZONE)
                        .toInstant();
                long halves = Duration.between(t, next).toMinutes() / 30;
                amount(
                        out,
                        base,
                        g,
                        meter,
                        dwelling,
                        t,
                        Duration.between(t, next),
                        half.multiply(BigDecimal.valueOf(halves)));
            }
            index = index.add(fine ? half : half.multiply(BigDecimal.valueOf(48)));
            if (out.size() > 100_000) {
                store.write(out);
                total += out.size();
                out.clear();
            }
        }
        store.write(out);
        return total + out.size();
    }

    private static void amount(
            List<Quad> out, String base, Node g, Node meter, Node dwelling, Instant t, Duration d, BigDecimal v) {
        String dur = d.toHours() >= 23 ? "P1D" : "PT1H";
        Node o = iri(base + "obs/" + meter.getLocalName() + "/electricityEnergyConsumed/" + t + "/" + dur);
        Instant e = t.plus(d);
        observation(out, g, o, meter, dwelling, "electricityEnergyConsumed", v, e, null);
        Node interval = iri(base + "id/interval/" + t + "/" + dur);
        out.add(new Quad(g, o, iri(SOSA + "phenomenonTime"), interval));
        out.add(new Quad(g, interval, RDF.type.asNode(), iri(TIME + "Interval")));
        out.add(new Quad(g, interval, iri(TIME + "hasBeginning"), instant(out, base, g, t)));
        out.add(new Quad(g, interval, iri(TIME + "hasEnd"), instant(out, base, g, e)));
        out.add(new Quad(
                g, interval, iri(TIME + "hasXSDDuration"), NodeFactory.createLiteralDT(dur, XSDDatatype.XSDduration)));
        out.add(new Quad(g, o, iri(Namespaces.PROV + "wasDerivedFrom"), iri(base + "obs/x/" + t)));
        out.add(new Quad(g, o, iri(Namespaces.PROV + "wasDerivedFrom"), iri(base + "obs/x/" + e)));
    }

    private static Node instant(List<Quad> out, String base, Node g, Instant t) {
        Node i = iri(base + "id/instant/" + t);
        out.add(new Quad(g, i, RDF.type.asNode(), iri(TIME + "Instant")));
        out.add(new Quad(
                g,
                i,
                iri(TIME + "inXSDDateTimeStamp"),
                NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp)));
        return i;
    }

    private static void observation(
            List<Quad> out,
            Node g,
            Node o,
            Node meter,
            Node dwelling,
            String quantity,
            BigDecimal v,
            Instant t,
            Node receipt) {
        out.add(new Quad(g, o, RDF.type.asNode(), iri(SOSA + "Observation")));
        out.add(new Quad(g, o, RDF.type.asNode(), iri(Namespaces.SAREF + "Measurement")));
        out.add(new Quad(g, o, iri(SOSA + "madeBySensor"), meter));
        out.add(new Quad(g, o, iri(SOSA + "observedProperty"), iri(VC + quantity)));
        out.add(new Quad(g, o, iri(SOSA + "hasFeatureOfInterest"), dwelling));
        out.add(new Quad(
                g,
                o,
                iri(SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(v.toPlainString(), XSDDatatype.XSDdecimal)));
        out.add(new Quad(g, o, iri(Namespaces.SAREF + "isMeasuredIn"), iri(Namespaces.UNIT + "KiloW-HR")));
        out.add(new Quad(
                g,
                o,
                iri(SOSA + "resultTime"),
                NodeFactory.createLiteralDT(
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(ZONE)), XSDDatatype.XSDdateTime)));
        if (receipt != null) {
            out.add(new Quad(g, o, iri(Namespaces.PROV + "wasGeneratedBy"), receipt));
        }
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
