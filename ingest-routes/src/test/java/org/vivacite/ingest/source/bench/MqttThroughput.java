package org.vivacite.ingest.source.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.mqtt.EmbeddedMqttBroker;
import org.vivacite.ingest.source.mqtt.MqttIngestRoute;
import org.vivacite.ingest.source.mqtt.MqttSourceSettings;

/**
 * Not a test: {@code main} measures the MQTT source alone (embedded broker, route, a port that
 * takes {@code commitMillis} per call), from a gateway's publish to the port's return, at a given
 * rate. Arguments: messages, messages per second, commit millis, concurrency. Results go to
 * docs/benchmarks.md.
 */
public final class MqttThroughput {

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int commitMillis = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 8;

        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(messages);
        Ingest port = new Ingest() {
            @Override
            public Outcome accept(Envelope envelope) {
                try {
                    Thread.sleep(commitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                long sent = ByteBuffer.wrap(envelope.payload()).getLong();
                latencies.add(System.nanoTime() - sent);
                done.countDown();
                return new Outcome(1, 0, List.of());
            }
        };
        Path dir = Files.createTempDirectory("mqtt-bench");
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start("127.0.0.1", 0, dir, null)) {
            DefaultCamelContext camel = new DefaultCamelContext();
            camel.addRoutes(new MqttIngestRoute(
                    MqttSourceSettings.of(broker.url()).withConcurrency(concurrency),
                    new IngestGate(port, new SimpleMeterRegistry()),
                    (s, o, t, p, r) -> {},
                    Clock.systemUTC()));
            camel.start();
            MqttAsyncClient gateway = new MqttAsyncClient(broker.url(), "bench-gw", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setReceiveMaximum(1000);
            gateway.connect(options).waitForCompletion(10_000);

            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < messages; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                byte[] payload =
                        ByteBuffer.allocate(64).putLong(System.nanoTime()).array();
                MqttMessage m = new MqttMessage(payload);
                m.setQos(1);
                gateway.publish("vivacite/ingest/wmbus/gw-" + (i % 50), m);
            }
            boolean all = done.await(120, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted =
                    latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "messages %d (all: %s) at %d/s offered, commit %d ms, concurrency %d: %.0f msg/s taken,"
                            + " publish->commit p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    messages,
                    all,
                    rate,
                    commitMillis,
                    concurrency,
                    sorted.length / seconds,
                    pct(sorted, 0.50),
                    pct(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
            gateway.disconnect().waitForCompletion(5_000);
            gateway.close();
            camel.stop();
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private MqttThroughput() {}
}
