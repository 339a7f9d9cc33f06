package org.vivacite.app.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.ingest.IngestSources;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.meters.Meter;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The ingest targets of the ingest issue, on a real server started in this JVM:
 *
 * <ul>
 *   <li>{@code http}: encrypted wM-Bus telegrams of a simulated city posted in batches to
 *       {@code /ingest/wmbus} (private store TDB2), then the very quads the server wrote, in as
 *       many batches, straight into a fresh TDB2 store: readings per second of each and their ratio
 *       (target ≥ 60 %);
 *   <li>{@code mqtt}: one telegram per QoS 1 message published at a steady rate (1 000/s, by eight
 *       gateways side by side) through the embedded broker (private store LMDB, the default), while
 *       an operator looks up, every 100 ms, the observations still awaited: how long after its
 *       publication each reading is visible (p50, p99; target p99 ≤ 2 s);
 *   <li>{@code hostile}: the same measure at a city's everyday rate while misbehaving peers
 *       ({@link HostileLoad}: a gateway sending junk at full rate, one attempting takeovers, four
 *       anonymous SPARQL clients with oversized and catastrophic queries) run throughout the
 *       measured part, and {@code /actuator/health} is timed (targets: p99 ≤ 2 s, health ≤ 1 s).
 * </ul>
 *
 * The gateways' ingest rate is the default (50 payloads a second each), or twice a gateway's share
 * of the rate asked where that is more, so that the well-behaved gateways stay within it.
 *
 * Usage: {@code http [telegrams=40000] [batch=1000]}, {@code mqtt [seconds=30] [rate=1000]} or
 * {@code hostile [seconds=60] [rate=200]}.
 */
public final class IngestBenchmark {

    private static final String TOKEN = "bench-gateway-token-0123456789";

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "http";
        if (mode.equals("http")) {
            http(arg(args, 1, 40_000), arg(args, 2, 1_000));
        } else if (mode.equals("hostile")) {
            mqtt(arg(args, 1, 60), arg(args, 2, 200), true);
        } else {
            mqtt(arg(args, 1, 30), arg(args, 2, 1_000), false);
        }
        System.exit(0);
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    /** A simulated city's wM-Bus telegrams (water meters only, if asked), its registry and keys. */
    private record City(List<String> telegrams, String registry, Map<String, byte[]> keys) {}

    private static City city(int count, boolean waterOnly) {
        LocalDate from = LocalDate.of(2026, 1, 1);
        DemoCity city = DemoCity.generate(1, 2_000, from, from.plusDays(300));
        Payloads payloads = new Payloads(DemoCity.ZONE);
        Map<String, byte[]> keys = new HashMap<>();
        StringBuilder csv =
                new StringBuilder(org.vivacite.simulator.output.SimulationFolder.REGISTRY_HEADER).append('\n');
        for (Meter m : city.fleet().meters()) {
            if (m.device().wire == WireFormat.WMBUS) {
                keys.put(m.id(), m.key());
                csv.append(org.vivacite.simulator.output.SimulationFolder.registryRow(m, "group:bench"))
                        .append('\n');
            }
        }
        List<String> telegrams = new ArrayList<>();
        city.simulation().run(from, from.plusDays(200), Duration.ofDays(1), (Reading r) -> {
            boolean wanted = r.meter().device().wire == WireFormat.WMBUS
                    && (!waterOnly || r.meter().device() == Device.WATER_METER)
                    && r.meter().activeUntil() == null;
            if (wanted && telegrams.size() < count) {
                telegrams.add(Payloads.hex(payloads.telegram(r)));
            }
        });
        return new City(telegrams, csv.toString(), keys);
    }

    /**
     * A server whose gateways {@code bench0} … {@code bench15} hold tokens; the first {@code
     * trusted} of them form the group {@code bench} that the city's registry lets report its meters.
     * Each gateway may send {@code perGateway} payloads a second ({@code vivacite.ingest.rate.*},
     * burst as by default).
     */
    private static ConfigurableApplicationContext server(Path data, String privateKind, int trusted, long perGateway) {
        return new SpringApplication(VivaciteServer.class)
                .run(
                        "--vivacite.data=" + data,
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--vivacite.base-iri=http://localhost:8080/",
                        "--vivacite.store.private.kind=" + privateKind,
                        "--vivacite.security.operator-token=bench-operator-token-0123456789",
                        "--vivacite.security.gateway-tokens.bench=" + TOKEN,
                        "--vivacite.security.gateway-tokens.bench0=" + TOKEN + "0",
                        "--vivacite.security.gateway-tokens.bench1=" + TOKEN + "1",
                        "--vivacite.security.gateway-tokens.bench2=" + TOKEN + "2",
                        "--vivacite.security.gateway-tokens.bench3=" + TOKEN + "3",
                        "--vivacite.security.gateway-tokens.bench4=" + TOKEN + "4",
                        "--vivacite.security.gateway-tokens.bench5=" + TOKEN + "5",
                        "--vivacite.security.gateway-tokens.bench6=" + TOKEN + "6",
                        "--vivacite.security.gateway-tokens.bench7=" + TOKEN + "7",
                        "--vivacite.security.gateway-tokens.bench8=" + TOKEN + "8",
                        "--vivacite.security.gateway-tokens.bench9=" + TOKEN + "9",
                        "--vivacite.security.gateway-tokens.bench10=" + TOKEN + "10",
                        "--vivacite.security.gateway-tokens.bench11=" + TOKEN + "11",
                        "--vivacite.security.gateway-tokens.bench12=" + TOKEN + "12",
                        "--vivacite.security.gateway-tokens.bench13=" + TOKEN + "13",
                        "--vivacite.security.gateway-tokens.bench14=" + TOKEN + "14",
                        "--vivacite.security.gateway-tokens.bench15=" + TOKEN + "15",
                        "--vivacite.ingest.gateway-groups.bench=bench,"
                                + String.join(
                                        ",",
                                        java.util.stream.IntStream.range(0, trusted)
                                                .mapToObj(i -> "bench" + i)
                                                .toList()),
                        "--vivacite.ingest.rate.payloads-per-second=" + perGateway,
                        "--vivacite.mqtt.port=0",
                        "--vivacite.mqtt.concurrency=" + System.getProperty("mqtt.concurrency", "256"),
                        "--vivacite.coap.port=0",
                        "--vivacite.ingest.inbox=false",
                        "--logging.level.root=WARN",
                        "--logging.level.org.vivacite.ingest.pipeline=" + System.getProperty("pipeline.log", "WARN"));
    }

    private static void register(ConfigurableApplicationContext server, City city) {
        server.getBean(MeterKeyFile.class).add(city.keys());
        server.getBean(MeterRegistry.class).register(MeterCsv.parse(city.registry(), "bench"));
    }

    /** A folder for the run's server, deleted when the JVM exits: its stores take hundreds of MB. */
    private static Path workDirectory() throws IOException {
        Path dir = Files.createTempDirectory("ingest-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(dir.toFile())));
        return dir;
    }

    private static void http(int count, int batch) throws Exception {
        City city = city(count, false);
        Path dir = workDirectory();
        long serverNanos;
        int accepted = 0;
        List<Quad> written = new ArrayList<>();
        long before;
        try (ConfigurableApplicationContext server = server(dir.resolve("data"), "tdb2", 16, 50)) {
            register(server, city);
            QuadStore store = server.getBean("privateStore", QuadStore.class);
            before = total(store);
            String port = server.getEnvironment().getProperty("local.server.port");
            HttpClient client = HttpClient.newHttpClient();
            URI url = URI.create("http://127.0.0.1:" + port + "/ingest/wmbus");
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < city.telegrams().size(); i += batch) {
                bodies.add(String.join(
                                "\n",
                                city.telegrams()
                                        .subList(i, Math.min(city.telegrams().size(), i + batch)))
                        .getBytes(StandardCharsets.US_ASCII));
            }
            long t0 = System.nanoTime();
            for (byte[] body : bodies) {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(url)
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
                }
                // readings taken: written, or withheld by consent
                accepted += Integer.parseInt(r.body().replaceAll(".*\"accepted\":(\\d+).*", "$1"))
                        + Integer.parseInt(r.body().replaceAll(".*\"withheld\":(\\d+).*", "$1"));
            }
            serverNanos = System.nanoTime() - t0;
            ByteArrayOutputStream nq = new ByteArrayOutputStream();
            store.backup(nq);
            DatasetGraph all = DatasetGraphFactory.createGeneral();
            RDFDataMgr.read(all, new ByteArrayInputStream(nq.toByteArray()), Lang.NQUADS);
            all.find().forEachRemaining(written::add);
            System.out.printf(
                    Locale.ROOT,
                    "HTTP → pipeline → TDB2: %d telegrams in %d batches, %d readings in %.1f s: %.0f readings/s%n",
                    city.telegrams().size(),
                    bodies.size(),
                    accepted,
                    serverNanos / 1e9,
                    accepted / (serverNanos / 1e9));
        }
        int batches = (city.telegrams().size() + batch - 1) / batch;
        int per = (written.size() + batches - 1) / batches;
        try (QuadStore fresh = QuadStores.open("tdb2", "private", dir.resolve("alone"))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < written.size(); i += per) {
                fresh.add(written.subList(i, Math.min(written.size(), i + per)));
            }
            long storeNanos = System.nanoTime() - t0;
            System.out.printf(
                    Locale.ROOT,
                    "TDB2 alone, the same %d quads (%d before the run: registry) in %d batches: %.1f s: %.0f readings/s%n",
                    written.size(),
                    before,
                    batches,
                    storeNanos / 1e9,
                    accepted / (storeNanos / 1e9));
            System.out.printf(
                    Locale.ROOT,
                    "ratio: %.0f %% of the store's own batch write rate%n",
                    100.0 * storeNanos / serverNanos);
        }
    }

    /**
     * The most awaited readings, the oldest first, the operator looks up per query: a reading
     * beyond them is seen later than it could be, so a small window can only make latencies
     * longer; it makes each query shorter (the private store serves one read or write at a time).
     */
    private static final int OPERATOR_WINDOW = Integer.getInteger("operator.window", 500);

    private static void mqtt(int seconds, int rate, boolean hostile) throws Exception {
        int count = seconds * rate;
        // A warm-up at the same rate first, not measured: a server runs warm, and the first
        // seconds of a fresh JVM (JIT compilation of the decoders, stores and broker) process a
        // fraction of the rate, whose backlog the measured run would otherwise carry throughout.
        int warmup = Integer.getInteger("warmup", 15) * rate;
        City city = city(warmup + count, true);
        Path dir = workDirectory();
        // eight gateways publish side by side, each at an eighth of the rate, as a city's do
        int gateways = Integer.getInteger("gateways", 8);
        // the default ingest rate (50 a second), or twice a gateway's share where that is more (1 000
        // a second by eight gateways): the well-behaved gateways stay within it, the limiter runs
        long perGateway = Math.max(50, 2L * rate / gateways);
        try (ConfigurableApplicationContext server =
                server(dir.resolve("data"), System.getProperty("store", "lmdb"), hostile ? 14 : 16, perGateway)) {
            register(server, city);
            QuadStore store = server.getBean("privateStore", QuadStore.class);
            String broker = server.getBean(IngestSources.class).embeddedBrokerUrl();
            long[] published = new long[city.telegrams().size()];
            long[] visible = new long[city.telegrams().size()];
            Arrays.fill(visible, -1);
            // what each telegram is expected to write: its observation, looked up by the operator
            List<Quad> expected = expectedObservations(server, city);
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(
                    () -> {
                        while (polling.get()) {
                            List<Integer> waiting = new ArrayList<>();
                            for (int i = 0; i < published.length && waiting.size() < OPERATOR_WINDOW; i++) {
                                if (published[i] != 0 && visible[i] < 0) {
                                    waiting.add(i);
                                }
                            }
                            java.util.Set<Quad> found = store.contained(
                                    waiting.stream().map(expected::get).toList());
                            long now = System.nanoTime();
                            for (int i : waiting) {
                                if (found.contains(expected.get(i))) {
                                    visible[i] = now;
                                }
                            }
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "operator-query");
            poller.start();
            publish(broker, city, published, 0, warmup, rate, gateways);
            long warmed = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Arrays.stream(visible, 0, warmup).anyMatch(v -> v < 0) && System.nanoTime() < warmed) {
                Thread.sleep(100);
            }
            HostileLoad attack = hostile
                    ? new HostileLoad(
                            "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"),
                            broker,
                            "bench14",
                            TOKEN + "14",
                            "bench15",
                            TOKEN + "15",
                            "bench0",
                            server.getEnvironment().getProperty("vivacite.mqtt.client-id", "vivacite-ingest"))
                    : null;
            publish(broker, city, published, warmup, warmup + count, rate, gateways);
            // the offered rate: from the first publication to the last (connections and the last
            // acknowledgements excluded)
            long first = Arrays.stream(published, warmup, warmup + count).min().orElseThrow();
            long last = Arrays.stream(published, warmup, warmup + count).max().orElseThrow();
            double publishSeconds = (last - first) / 1e9;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Arrays.stream(visible).anyMatch(v -> v < 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            polling.set(false);
            poller.join();
            if (attack != null) {
                attack.close();
                System.out.print("misbehaving peers, answered:\n" + attack.report());
            }
            double[] latencies = new double[visible.length];
            int seen = 0;
            for (int i = warmup; i < visible.length; i++) {
                if (visible[i] >= 0) {
                    latencies[seen++] = Math.max(0, visible[i] - published[i]) / 1e9;
                }
            }
            double[] sorted = Arrays.copyOf(latencies, seen);
            Arrays.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "MQTT: %d messages published in %.1f s (%.0f/s) after a warm-up of %d, %d readings seen by the operator%n",
                    count,
                    publishSeconds,
                    (count - 1) / publishSeconds,
                    warmup,
                    seen);
            // per second of the run: readings published, readings made visible, and those awaited
            StringBuilder timeline = new StringBuilder("second: published/visible (awaited)");
            for (long t = first; t <= last + Duration.ofSeconds(5).toNanos(); t += 1_000_000_000L) {
                long end = t + 1_000_000_000L;
                int out = 0;
                int in = 0;
                int awaited = 0;
                for (int i = warmup; i < visible.length; i++) {
                    out += published[i] >= t && published[i] < end ? 1 : 0;
                    in += visible[i] >= t && visible[i] < end ? 1 : 0;
                    awaited += published[i] < end && (visible[i] < 0 || visible[i] >= end) ? 1 : 0;
                }
                timeline.append(
                        String.format(Locale.ROOT, " %d: %d/%d (%d)", (t - first) / 1_000_000_000L, out, in, awaited));
            }
            System.out.println(timeline);
            if (seen > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "publication → visible: p50 %.2f s, p99 %.2f s, max %.2f s%n",
                        sorted[seen / 2],
                        sorted[(int) Math.min(seen - 1, Math.floor(seen * 0.99))],
                        sorted[seen - 1]);
            }
        }
    }

    /**
     * The QoS 1 messages a gateway may have unacknowledged, as an MQTT 5 client may up to the
     * broker's Receive Maximum: a gateway that waits for each PUBACK before the next publication
     * (1) offers at most one message per broker journal write.
     */
    private static final int IN_FLIGHT = Integer.getInteger("inflight", 16);

    /** Telegrams {@code [from, to)}, one per QoS 1 message, by gateways side by side at {@code rate} in all. */
    private static void publish(String broker, City city, long[] published, int from, int to, int rate, int gateways)
            throws Exception {
        List<Thread> publishers = new ArrayList<>();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        for (int g = 0; g < gateways; g++) {
            int gateway = g;
            Thread t = new Thread(
                    () -> {
                        // an open schedule: message k of the gateway at start + k × interval, so a
                        // late turn (a busy CPU) is caught up and the rate offered stays the one asked
                        long interval = Math.round(1e9 * gateways / rate);
                        Semaphore window = new Semaphore(IN_FLIGHT);
                        MqttConnectionOptions options = new MqttConnectionOptions();
                        options.setUserName("bench" + gateway);
                        options.setPassword((TOKEN + gateway).getBytes(StandardCharsets.UTF_8));
                        String topic = "vivacite/ingest/" + WireFormat.WMBUS.path() + "/bench" + gateway;
                        MqttActionListener acknowledged = new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                int[] reasons = token.getReasonCodes();
                                if (reasons != null && reasons.length > 0 && reasons[0] >= 0x80) {
                                    failures.add(new IllegalStateException(
                                            "broker refused a publication: 0x" + Integer.toHexString(reasons[0])));
                                }
                                window.release();
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                failures.add(new IllegalStateException("publication failed", e));
                                window.release();
                            }
                        };
                        try {
                            MqttAsyncClient client =
                                    new MqttAsyncClient(broker, "bench" + gateway, new MemoryPersistence());
                            client.connect(options).waitForCompletion(10_000);
                            long start = System.nanoTime() + interval * gateway / gateways;
                            for (int i = from + gateway, k = 0; i < to; i += gateways, k++) {
                                long wait = start + k * interval - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                published[i] = System.nanoTime();
                                window.acquire();
                                MqttMessage message =
                                        new MqttMessage(city.telegrams().get(i).getBytes(StandardCharsets.US_ASCII));
                                message.setQos(1);
                                client.publish(topic, message, null, acknowledged);
                            }
                            window.acquire(IN_FLIGHT); // every publication acknowledged
                            client.disconnect().waitForCompletion(5_000);
                            client.close();
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    },
                    "gateway-" + g);
            t.start();
            publishers.add(t);
        }
        for (Thread t : publishers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.peek();
        }
    }

    /** The observation (its rdf:type quad) each telegram should give, computed as the pipeline does. */
    private static List<Quad> expectedObservations(ConfigurableApplicationContext server, City city) {
        org.vivacite.ingest.wmbus.WmbusDecoder decoder = new org.vivacite.ingest.wmbus.WmbusDecoder(
                (m, id) -> java.util.Optional.ofNullable(city.keys().get(id)), DemoCity.ZONE);
        MeterRegistry registry = server.getBean(MeterRegistry.class);
        org.vivacite.ingest.mapping.ObservationMapper mapper =
                server.getBean(org.vivacite.ingest.mapping.ObservationMapper.class);
        List<Quad> expected = new ArrayList<>();
        for (String telegram : city.telegrams()) {
            org.vivacite.ingest.DecodedReading r = decoder.decode(telegram).get(0);
            org.vivacite.ingest.mapping.MeterNodes n = mapper.nodes(
                    registry.find(r.meterId(), r.manufacturer(), r.time()).orElseThrow());
            expected.add(Quad.create(
                    n.graph(),
                    mapper.observationIri(n, r),
                    org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/ns/sosa/Observation")));
        }
        return expected;
    }

    private static long total(QuadStore store) {
        return store.statistics().values().stream().mapToLong(Long::longValue).sum();
    }
}
