package org.vivacite.ingest.source.mqtt;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
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
 * at once reach the route.
 */
final class AckAfterCommitConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AckAfterCommitConsumer.class);

    private volatile MqttClient client;

    AckAfterCommitConsumer(AckAfterCommitEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public AckAfterCommitEndpoint getEndpoint() {
        return (AckAfterCommitEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        var config = getEndpoint().getConfiguration();
        MqttClient c = new MqttClient(
                config.getBrokerUrl(), config.getClientId(), getEndpoint().persistence());
        c.setManualAcks(true);
        c.setCallback(new Callback(c));
        try {
            c.connect(getEndpoint().connectionOptions());
            c.subscribe(getEndpoint().getTopic(), config.getQos());
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        client = c;
        LOG.debug("Subscribed to {} at {}", getEndpoint().getTopic(), config.getBrokerUrl());
    }

    @Override
    protected void doStop() throws Exception {
        MqttClient c = client;
        client = null;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    // No unsubscribe: the persistent session keeps the subscription and what is unacknowledged.
                    c.disconnect();
                }
            } finally {
                c.close(true);
            }
        }
        super.doStop();
    }

    private final class Callback implements MqttCallback {
        private final MqttClient own;

        Callback(MqttClient own) {
            this.own = own;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
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
                    try {
                        own.messageArrivedComplete(id, qos);
                    } catch (MqttException e) {
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
            if (reconnect) {
                LOG.info("MQTT connection to {} back", serverUri);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT connection lost: {}", response.getReasonString(), response.getException());
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
