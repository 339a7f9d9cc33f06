package org.vivacite.ingest.source.mqtt;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * A {@code paho-mqtt5} endpoint whose consumer is {@link AckAfterCommitConsumer}: camel-paho-mqtt5
 * 4.17's own consumer sets its Paho callback only after connecting, so the messages a resumed
 * session brings at once are dropped by Paho (unacknowledged with manual acknowledgements, and
 * acknowledged, so lost, without them).
 */
final class AckAfterCommitEndpoint extends PahoMqtt5Endpoint {

    private final AtomicReference<MqttIngestRoute.Status> status;

    AckAfterCommitEndpoint(
            String topic,
            PahoMqtt5Component component,
            PahoMqtt5Configuration configuration,
            AtomicReference<MqttIngestRoute.Status> status) {
        super("paho-mqtt5:" + topic, topic, component, configuration);
        this.status = status;
    }

    /** Where its consumer records whether it is subscribed. */
    AtomicReference<MqttIngestRoute.Status> status() {
        return status;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        AckAfterCommitConsumer consumer = new AckAfterCommitConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    MqttConnectionOptions connectionOptions() {
        return createMqttConnectionOptions();
    }

    /** In memory: the platform keeps nothing of its own between connections (the broker keeps the session). */
    MemoryPersistence persistence() {
        return new MemoryPersistence();
    }
}
