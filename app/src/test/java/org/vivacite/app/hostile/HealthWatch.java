package org.vivacite.app.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks {@code /actuator/health} every 200 ms, each time with a one-second time-out, while a hostile
 * load runs: every answer that is late, or not 200, is a miss, named with its time.
 */
final class HealthWatch implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(LIMIT).build();
    private final URI health;
    private final List<String> misses = new CopyOnWriteArrayList<>();
    private final AtomicInteger asked = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    HealthWatch(int port) {
        this.health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        this.thread = new Thread(this::run, "health-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(health).timeout(LIMIT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    misses.add("answered " + r.statusCode() + ": " + r.body());
                }
            } catch (java.io.IOException e) {
                misses.add("no answer within " + LIMIT.toMillis() + " ms: " + e);
            } catch (InterruptedException e) {
                return;
            }
            asked.incrementAndGet();
            long spent = (System.nanoTime() - start) / 1_000_000;
            try {
                Thread.sleep(Math.max(0, 200 - spent));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How many times health was asked so far. */
    int asked() {
        return asked.get();
    }

    /** The answers that were late or not UP. */
    List<String> misses() {
        return List.copyOf(misses);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
