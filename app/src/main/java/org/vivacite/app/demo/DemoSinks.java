package org.vivacite.app.demo;

import java.net.URI;
import org.vivacite.app.security.DemoGateway;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.feed.CoapFeed;
import org.vivacite.simulator.feed.FeedException;
import org.vivacite.simulator.feed.FeedSink;
import org.vivacite.simulator.feed.HttpFeed;
import org.vivacite.simulator.feed.MqttFeed;

/**
 * Where the demo's live deliveries go, as gateway {@code demo-city}: wM-Bus telegrams to the MQTT
 * broker, TIC frames over HTTP, SenML packs over CoAP (plain, on loopback, naming the gateway with
 * {@code ?gw=}); so every source is used all the time, by the gateway the registry lets report the
 * demo's devices.
 */
final class DemoSinks implements FeedSink {

    private final FeedSink mqtt;
    private final FeedSink http;
    private final FeedSink coap;

    /**
     * @param brokerUrl the embedded broker's URL, or null when the server has none (then MQTT is skipped: HTTP takes wM-Bus)
     * @param server the server's own base URL, e.g. {@code http://127.0.0.1:8080}
     * @param coapPort the plain CoAP port on loopback, or -1 (then HTTP takes SenML)
     */
    DemoSinks(String brokerUrl, String server, int coapPort, DemoGateway gateway) {
        this.http = new HttpFeed(URI.create(server), gateway.token());
        this.mqtt = brokerUrl == null ? null : new MqttFeed(brokerUrl, gateway.id(), gateway.token());
        // 30 s: while the demo derives its history, one of its transactions can hold the private
        // store's rollups for several seconds, and the pipeline answers after its own commit.
        this.coap = coapPort < 0
                ? null
                : new CoapFeed(
                        URI.create("coap://127.0.0.1:" + coapPort), java.time.Duration.ofSeconds(30), gateway.id());
    }

    @Override
    public void send(WireFormat format, String contentType, byte[] payload) {
        FeedSink to = switch (format) {
            case WMBUS -> mqtt != null ? mqtt : http;
            case SENML -> coap != null ? coap : http;
            default -> http;
        };
        to.send(format, contentType, payload);
    }

    @Override
    public void close() {
        FeedException first = null;
        for (FeedSink s : new FeedSink[] {mqtt, coap, http}) {
            if (s != null) {
                try {
                    s.close();
                } catch (FeedException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
