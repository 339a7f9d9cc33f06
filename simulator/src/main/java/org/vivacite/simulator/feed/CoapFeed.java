package org.vivacite.simulator.feed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.vivacite.simulator.WireFormat;

/**
 * Posts each payload to the platform's CoAP ingest as a constrained sensor does: a confirmable
 * {@code POST coap://host:port/ingest/{format}} with the CoAP content-format of the payload's media
 * type, and the gateway it reports for as {@code ?gw=}. The platform has CoAP resources for SenML
 * (110 JSON, 112 CBOR) and wM-Bus (0 hex text, 42 bytes) only, so only those two formats are
 * accepted.
 *
 * <p>Californium's settings are built in memory: no {@code Californium3.properties} is written.
 */
public final class CoapFeed implements FeedSink {

    /** How long a request waits for its response by default, retransmissions included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String server;
    private final String gateway;
    private final CoapEndpoint endpoint;
    private final CoapClient client;

    public CoapFeed(URI coapServer) {
        this(coapServer, DEFAULT_TIMEOUT, null);
    }

    /**
     * @param coapServer e.g. {@code coap://localhost:5683}
     * @param timeout how long to wait for a response, retransmissions included
     * @param gateway the gateway id to name with {@code ?gw=}, as plain CoAP (no DTLS identity) has
     *     it, or null to send none (the platform then names the sender by its address)
     */
    public CoapFeed(URI coapServer, Duration timeout, String gateway) {
        this.gateway = gateway;
        String base = Objects.requireNonNull(coapServer, "coapServer").toString();
        this.server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        Configuration config =
                new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        this.endpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(0))
                .build();
        this.client = new CoapClient()
                .setEndpoint(endpoint)
                .setTimeout(timeout.toMillis())
                .useCONs();
    }

    @Override
    public void send(WireFormat format, String contentType, byte[] payload) {
        if (format != WireFormat.SENML && format != WireFormat.WMBUS) {
            throw new IllegalArgumentException("CoAP ingest takes senml and wmbus only, not " + format.path());
        }
        int contentFormat = contentFormat(contentType);
        String url = server + "/ingest/" + format.path();
        CoapResponse response;
        Request request = Request.newPost();
        request.setPayload(payload);
        request.getOptions().setContentFormat(contentFormat);
        try {
            request.setURI(url); // resolves the host name
            if (gateway != null) {
                request.getOptions().addUriQuery("gw=" + gateway);
            }
            response = client.advanced(request);
        } catch (IllegalArgumentException | ConnectorException | IOException e) {
            throw new FeedException("cannot POST to " + url + ": " + e.getMessage(), e);
        }
        if (response == null) {
            throw new FeedException("no response from " + url + " within " + client.getTimeout() + " ms");
        }
        if (!response.isSuccess()) {
            throw new FeedException("POST " + url + " answered " + response.getCode() + " "
                    + response.getCode().name() + reason(response));
        }
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }

    /** The CoAP content-format of a media type, parameters such as {@code charset} ignored. */
    static int contentFormat(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        int contentFormat = MediaTypeRegistry.parse(mediaType);
        if (contentFormat == MediaTypeRegistry.UNDEFINED) {
            throw new IllegalArgumentException("no CoAP content-format for media type '" + contentType + "'");
        }
        return contentFormat;
    }

    private static String reason(CoapResponse response) {
        String text = response.getResponseText();
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() <= 200 ? line : line.substring(0, 200) + "…");
    }
}
