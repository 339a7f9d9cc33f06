package org.vivacite.ingest.source.mqtt;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.Suspendable;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes with manual acknowledgements: the PUBACK (QoS 1) is sent from the exchange's
 * completion, so only when the route completed without an exception; a failed exchange leaves the
 * message unacknowledged, for the broker to send again when the session resumes. Paho 1.2.5 would
 * otherwise acknowledge a message even when {@code messageArrived} throws.
 *
 * <p>The callback is in place before the client connects, so the messages a resumed session brings
 * at once reach the route. After any reconnection the consumer subscribes again: the broker may
 * have lost the session (another client took the client id, the session expired), and Paho does
 * not subscribe by itself. Whether it is subscribed is kept in the route's {@link
 * MqttIngestRoute.Status}.
 *
 * <p>When the route stops (the server stops, or the session is resumed), the client disconnects
 * only after the messages in flight completed and were acknowledged: Camel suspends the consumer
 * first, while it waits for them (its shutdown timeout), and a message arriving meanwhile is left
 * unacknowledged, for the broker to send again. Acknowledging after the client closed would fail
 * (Paho throws a {@code NullPointerException}) and bring the message again.
 */
final class AckAfterCommitConsumer extends DefaultConsumer implements ShutdownAware, Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(AckAfterCommitConsumer.class);
    /** Longer than Paho's own connection timeout (30 s by default). */
    private static final long TIMEOUT_MILLIS = 60_000;

    private final AtomicReference<MqttIngestRoute.Status> status;
    private volatile MqttAsyncClient client;
    /** Suspended while the route stops: new messages are left unacknowledged, not processed. */
    private volatile boolean draining;

    AckAfterCommitConsumer(AckAfterCommitEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.status = endpoint.status();
    }

    @Override
    public AckAfterCommitEndpoint getEndpoint() {
        return (AckAfterCommitEndpoint) super.getEndpoint();
    }

    /** The client stays connected until the messages in flight are done, and acknowledged. */
    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return true;
    }

    @Override
    public int getPendingExchangesSize() {
        return 0; // what is in flight is in Camel's inflight repository; the rest waits at the broker
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        draining = true;
    }

    @Override
    protected void doSuspend() throws Exception {
        draining = true;
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        draining = false;
        super.doResume();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        draining = false;
        var config = getEndpoint().getConfiguration();
        MqttAsyncClient c = new MqttAsyncClient(
                config.getBrokerUrl(), config.getClientId(), getEndpoint().persistence());
        c.setManualAcks(true);
        c.setCallback(new Callback(c));
        client = c;
        try {
            c.connect(getEndpoint().connectionOptions()).waitForCompletion(TIMEOUT_MILLIS);
            IMqttToken subscribed = c.subscribe(subscription(), null, null, new MqttProperties());
            subscribed.waitForCompletion(TIMEOUT_MILLIS);
            int code = reasonCode(subscribed);
            if (code >= 0x80) {
                throw new IllegalStateException(refused(code));
            }
        } catch (MqttException | RuntimeException e) {
            client = null;
            c.close(true);
            status.set(MqttIngestRoute.Status.down("cannot subscribe at " + config.getBrokerUrl() + ": " + e));
            throw e;
        }
        subscribedNow();
    }

    @Override
    protected void doStop() throws Exception {
        MqttAsyncClient c = client;
        client = null;
        status.set(MqttIngestRoute.Status.down("stopped"));
        if (c != null) {
            try {
                if (c.isConnected()) {
                    // No unsubscribe: the persistent session keeps the subscription and what is unacknowledged.
                    c.disconnect().waitForCompletion(TIMEOUT_MILLIS);
                }
            } finally {
                c.close(true);
            }
        }
        super.doStop();
    }

    private MqttSubscription[] subscription() {
        return new MqttSubscription[] {
            new MqttSubscription(
                    getEndpoint().getTopic(), getEndpoint().getConfiguration().getQos())
        };
    }

    private void subscribedNow() {
        String url = getEndpoint().getConfiguration().getBrokerUrl();
        status.set(MqttIngestRoute.Status.up("subscribed to " + getEndpoint().getTopic() + " at " + url));
        LOG.debug("Subscribed to {} at {}", getEndpoint().getTopic(), url);
    }

    private String refused(int code) {
        return "the broker refused the subscription to " + getEndpoint().getTopic() + " (reason code 0x"
                + Integer.toHexString(code) + ")";
    }

    private static int reasonCode(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** Not subscribed again: resume the session from scratch, with the route's backoff. */
    private void resubscriptionFailed(String why, Throwable cause) {
        status.set(MqttIngestRoute.Status.down(why));
        getExceptionHandler().handleException("MQTT subscription not renewed: " + why, cause);
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient own;

        Callback(MqttAsyncClient own) {
            this.own = own;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (draining) {
                LOG.debug("MQTT message {} on '{}' left unacknowledged: the route is stopping", message.getId(), topic);
                return;
            }
            Exchange exchange = createExchange(true);
            PahoMqtt5Message in = new PahoMqtt5Message(exchange.getContext(), message);
            in.setBody(message.getPayload());
            in.setHeader(PahoMqtt5Constants.MQTT_TOPIC, topic);
            in.setHeader(PahoMqtt5Constants.MQTT_QOS, message.getQos());
            in.setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, message.getProperties());
            exchange.setIn(in);
            int id = message.getId();
            int qos = message.getQos();
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange done) {
                    if (!own.isConnected()) {
                        // past the shutdown timeout, or the connection was lost: the broker sends it again
                        LOG.info("MQTT message {} on '{}' not acknowledged: the client is not connected", id, topic);
                        return;
                    }
                    try {
                        own.messageArrivedComplete(id, qos);
                    } catch (MqttException | RuntimeException e) { // Paho throws NullPointerException once closed
                        // Not acknowledged: the broker sends it again; writes are idempotent.
                        LOG.warn("MQTT acknowledgement of message {} on '{}' not sent: {}", id, topic, e.toString());
                    }
                }
            });
            getAsyncProcessor().process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    getExceptionHandler()
                            .handleException("MQTT message not processed", exchange, exchange.getException());
                }
                releaseExchange(exchange, false);
            });
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!reconnect || client != own) {
                return; // the first connection subscribes in doStart; a stopped client no more
            }
            LOG.info("MQTT connection to {} back: subscribing again", serverUri);
            try {
                own.subscribe(
                        subscription(),
                        null,
                        new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                int code = reasonCode(token);
                                if (code < 0x80) {
                                    subscribedNow();
                                } else {
                                    resubscriptionFailed(refused(code), null);
                                }
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                resubscriptionFailed("subscribing again at " + serverUri + " failed: " + e, e);
                            }
                        },
                        new MqttProperties());
            } catch (MqttException e) {
                resubscriptionFailed("subscribing again at " + serverUri + " failed: " + e, e);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getReasonString() != null
                    ? response.getReasonString()
                    : response.getException() != null
                            ? response.getException().toString()
                            : "reason code 0x" + Integer.toHexString(response.getReturnCode());
            status.set(MqttIngestRoute.Status.down(
                    "connection to " + getEndpoint().getConfiguration().getBrokerUrl() + " lost: " + why));
            LOG.warn("MQTT connection lost: {}", why);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
