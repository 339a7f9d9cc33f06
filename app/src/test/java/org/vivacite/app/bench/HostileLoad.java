package org.vivacite.app.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The misbehaving peers of the hardening issue's benchmark, each on its own thread until closed:
 *
 * <ul>
 *   <li>a gateway posting junk CSV rows (40 KB a body) to {@code /ingest/csv} as fast as it is
 *       answered, ignoring {@code Retry-After} (decoding each body takes long enough that it stays
 *       below the default ingest rate of 50 a second: about ten a second were measured);
 *   <li>a gateway trying to take over: it connects to the broker with the platform's client id,
 *       with the well-behaved gateway's, and as the platform's user, and publishes junk on other
 *       gateways' topics, in a loop;
 *   <li>four anonymous SPARQL clients: two post 8 MB {@code application/sparql-query} bodies of
 *       comment, two ask a catastrophic regular expression over a long literal.
 * </ul>
 *
 * Meanwhile {@code /actuator/health} is asked every 200 ms and each answer's time is kept.
 */
final class HostileLoad implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Map<Integer, Integer>> answers = new ConcurrentHashMap<>();
    private final List<Long> healthNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong healthNotUp = new AtomicLong();
    private volatile boolean running = true;

    HostileLoad(
            String http,
            String broker,
            String junkGateway,
            String junkToken,
            String takeoverGateway,
            String takeoverToken,
            String victimGateway,
            String platformClientId) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] junk = junkCsv();
        loop(
                "junk-gateway",
                () -> count(
                        "junk gateway POST /ingest/csv",
                        client.send(
                                        HttpRequest.newBuilder(URI.create(http + "/ingest/csv"))
                                                .header("Authorization", "Bearer " + junkToken)
                                                .timeout(Duration.ofSeconds(60))
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(junk))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()));
        loop("takeover-gateway", () -> {
            for (String id : new String[] {platformClientId, victimGateway, takeoverGateway + "/x"}) {
                count(
                        "takeover CONNECT as client id " + (id.equals(platformClientId) ? "of the platform" : id),
                        takeover(broker, takeoverGateway, takeoverToken, id, victimGateway));
            }
            count(
                    "takeover CONNECT as the platform's user",
                    takeover(
                            broker,
                            "vivacite-platform",
                            "guess-" + System.nanoTime(),
                            "vivacite-platform",
                            victimGateway));
            Thread.sleep(50);
        });
        String huge = "# " + "x".repeat(8 << 20) + "\nASK {}";
        for (int i = 0; i < 2; i++) {
            loop(
                    "sparql-oversized-" + i,
                    () -> count(
                            "anonymous 8 MB query body",
                            client.send(
                                            HttpRequest.newBuilder(URI.create(http + "/sparql"))
                                                    .header("Content-Type", "application/sparql-query")
                                                    .timeout(Duration.ofSeconds(120))
                                                    .POST(HttpRequest.BodyPublishers.ofString(huge))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()));
        }
        String catastrophic =
                "SELECT * WHERE { BIND(\"" + "a".repeat(64) + "\" AS ?s) FILTER(REGEX(?s, \"(.*){1,32000}[bc]\")) }";
        for (int i = 0; i < 2; i++) {
            loop(
                    "sparql-regex-" + i,
                    () -> count(
                            "anonymous catastrophic REGEX",
                            client.send(
                                            HttpRequest.newBuilder(URI.create(http + "/sparql?query="
                                                            + URLEncoder.encode(catastrophic, StandardCharsets.UTF_8)))
                                                    .timeout(Duration.ofSeconds(120))
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()));
        }
        loop("health", () -> {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(http + "/actuator/health"))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long spent = System.nanoTime() - t0;
            healthNanos.add(spent);
            if (r.statusCode() != 200) {
                healthNotUp.incrementAndGet();
                count("health not UP: " + r.body(), r.statusCode());
            }
            Thread.sleep(Math.max(0, 200 - spent / 1_000_000));
        });
    }

    /** One takeover attempt: CONNECT under {@code clientId}, and if let in, junk on the victim's topic. */
    private static int takeover(String broker, String user, String password, String clientId, String victim) {
        try {
            MqttClient c = new MqttClient(broker, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            try {
                c.connect(options);
            } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
                c.close();
                return refused.getReasonCode();
            }
            try {
                c.publish(
                        "vivacite/ingest/wmbus/" + victim, new MqttMessage("junk".getBytes(StandardCharsets.US_ASCII)));
            } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
                // refused publication: counted as connected all the same
            }
            c.disconnect();
            c.close();
            return 0;
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        }
    }

    /** Junk rows under the DSO CSV header: 40 KB, each row a unit to reject. */
    private static byte[] junkCsv() {
        Random random = new Random(17);
        StringBuilder s = new StringBuilder("usage_point_id,start,end,value,unit\n");
        while (s.length() < 40_000) {
            s.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36))
                    .append(",not-a-time,,")
                    .append(random.nextInt())
                    .append(",x\n");
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private interface Step {
        void run() throws Exception;
    }

    private void loop(String name, Step step) {
        Thread t = new Thread(
                () -> {
                    while (running) {
                        try {
                            step.run();
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            count(name + " failed: " + e.getClass().getSimpleName(), -1);
                        }
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private void count(String what, int status) {
        answers.computeIfAbsent(what, k -> new ConcurrentHashMap<>()).merge(status, 1, Integer::sum);
    }

    /** What the misbehaving peers were answered, by status or MQTT reason code, and health's times. */
    String report() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(answers)
                .forEach((what, byStatus) ->
                        s.append(String.format(Locale.ROOT, "  %s: %s%n", what, new TreeMap<>(byStatus))));
        long[] h;
        synchronized (healthNanos) {
            h = healthNanos.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(h);
        if (h.length > 0) {
            s.append(String.format(
                    Locale.ROOT,
                    "  /actuator/health: %d answers, %d not UP, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    h.length,
                    healthNotUp.get(),
                    h[h.length / 2] / 1e6,
                    h[(int) Math.min(h.length - 1, Math.floor(h.length * 0.99))] / 1e6,
                    h[h.length - 1] / 1e6));
        }
        return s.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
