package org.vivacite.ingest.source.mqtt;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a message that the port failed on delivered again. MQTT redelivers an unacknowledged QoS 1
 * message only when the session is resumed, so after a failure this stops the route (the client
 * disconnects, keeping its persistent session) and starts it again (the client reconnects with
 * {@code cleanStart=false}; the broker sends every unacknowledged message again). The wait before
 * that doubles with each failure in a row, from the first backoff to the longest, and falls back
 * to the first after a success; failures while a resume is pending are folded into it.
 *
 * <p>It is also the consumer's exception handler, so a failed delivery is logged once, in one line,
 * without its payload; a subscription the consumer could not renew after a reconnection is
 * resumed the same way.
 */
final class MqttSessionRetry implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSessionRetry.class);

    private final CamelContext context;
    private final String routeId;
    private final long firstMillis;
    private final long maxMillis;
    private final AtomicLong nextMillis;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;

    MqttSessionRetry(CamelContext context, String routeId, Duration first, Duration max) {
        this.context = context;
        this.routeId = routeId;
        this.firstMillis = Math.max(1, first.toMillis());
        this.maxMillis = Math.max(firstMillis, max.toMillis());
        this.nextMillis = new AtomicLong(firstMillis);
    }

    /** A delivery went through: the next failure waits the first backoff again. */
    void succeeded() {
        nextMillis.set(firstMillis);
    }

    @Override
    public void handleException(Throwable exception) {
        handleException("MQTT consumer failed", null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange == null) {
            LOG.warn("{}; the MQTT session will be resumed", message);
        } else {
            LOG.warn(
                    "MQTT message on '{}' not acknowledged, it will be delivered again: {}",
                    exchange.getIn().getHeader("CamelMqttTopic", String.class),
                    exception == null ? message : exception.toString());
        }
        scheduleResume();
    }

    private void scheduleResume() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = nextMillis.getAndUpdate(w -> Math.min(maxMillis, w * 2));
        scheduler().schedule(this::resume, wait, TimeUnit.MILLISECONDS);
    }

    private void resume() {
        try {
            if (!context.isStarted() || context.isStopping()) {
                return;
            }
            context.getRouteController().stopRoute(routeId, 10, TimeUnit.SECONDS);
            context.getRouteController().startRoute(routeId);
            LOG.info("MQTT session resumed: unacknowledged messages come again");
            pending.set(false);
        } catch (Exception e) {
            pending.set(false);
            LOG.warn("MQTT session could not be resumed, trying again: {}", e.toString());
            scheduleResume();
        }
    }

    private ScheduledExecutorService scheduler() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            synchronized (this) {
                if (scheduler == null) {
                    scheduler = context.getExecutorServiceManager()
                            .newSingleThreadScheduledExecutor(this, "vivacite-mqtt-session-retry");
                }
                s = scheduler;
            }
        }
        return s;
    }
}
