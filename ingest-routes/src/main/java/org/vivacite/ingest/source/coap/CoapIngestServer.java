package org.vivacite.ingest.source.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.RetryLaterException;
import org.vivacite.ingest.deadletter.QuotaExceededException;
import org.vivacite.ingest.source.IngestGate;

/**
 * The CoAP server (Californium, DTLS by Scandium): {@code POST /ingest/senml} and {@code POST
 * /ingest/wmbus}, on plain CoAP and on CoAP over DTLS with pre-shared keys. Each request goes
 * through {@link CoapIngestRoute} and is answered after the port returned:
 *
 * <ul>
 *   <li>2.04 Changed, {@code {"accepted":n,"rejected":m}} (application/json);
 *   <li>4.00 Bad Request with the reason, when the payload cannot be read at all (it is kept in
 *       the dead-letter store);
 *   <li>4.15 Unsupported Content-Format for a content format the resource does not take;
 *   <li>4.29 Too Many Requests (RFC 8516), Max-Age the quota's retry-after, when the dead-letter
 *       store is at the gateway's quota or its total; Max-Age the seconds until the gateway has a
 *       token again, when it sends faster than its ingest rate: the device sends again later;
 *   <li>5.03 Service Unavailable, Max-Age 30 s, when the store failed: the device sends again.
 * </ul>
 *
 * <p>The gateway is the DTLS identity; on plain CoAP, the {@code gw} query parameter, else the
 * peer's address.
 */
public final class CoapIngestServer implements AutoCloseable {

    static final String SOURCE = "coap";

    /** Seconds a device should wait before sending again after a 5.03. */
    static final long RETRY_AFTER_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(CoapIngestServer.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapServer server;
    private final Endpoint plain;
    private final Endpoint secure;
    private final ProducerTemplate template;

    private CoapIngestServer(CoapServer server, Endpoint plain, Endpoint secure, ProducerTemplate template) {
        this.server = server;
        this.plain = plain;
        this.secure = secure;
        this.template = template;
    }

    /**
     * Starts listening. The Camel context must hold a started {@link CoapIngestRoute}.
     *
     * @throws IllegalStateException when a port cannot be bound
     */
    public static CoapIngestServer start(CoapSourceSettings settings, CamelContext camel, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Configuration config = Configuration.createStandardWithoutFile();
        CoapServer server = new CoapServer(config);
        Endpoint plain = null;
        Endpoint secure = null;
        if (settings.plainHost() != null) {
            plain = CoapEndpoint.builder()
                    .setConfiguration(config)
                    .setInetSocketAddress(new InetSocketAddress(settings.plainHost(), settings.plainPort()))
                    .build();
            server.addEndpoint(plain);
        }
        if (settings.secureHost() != null) {
            AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
            settings.pskKeys().forEach(keys::setKey);
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .setAddress(new InetSocketAddress(settings.secureHost(), settings.securePort()))
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                    .setAdvancedPskStore(keys)
                    .build();
            secure = CoapEndpoint.builder()
                    .setConfiguration(config)
                    .setConnector(new DTLSConnector(dtls))
                    .build();
            server.addEndpoint(secure);
        }
        ProducerTemplate template = camel.createProducerTemplate();
        CoapResource ingest = new CoapResource("ingest");
        ingest.add(new IngestResource(
                Format.SENML,
                Set.of(
                        MediaTypeRegistry.APPLICATION_SENML_JSON,
                        MediaTypeRegistry.APPLICATION_SENML_CBOR,
                        MediaTypeRegistry.APPLICATION_JSON,
                        MediaTypeRegistry.UNDEFINED),
                template,
                clock));
        ingest.add(new IngestResource(
                Format.WMBUS,
                Set.of(
                        MediaTypeRegistry.TEXT_PLAIN,
                        MediaTypeRegistry.APPLICATION_OCTET_STREAM,
                        MediaTypeRegistry.UNDEFINED),
                template,
                clock));
        server.add(ingest);
        try {
            server.start();
        } catch (IllegalStateException e) {
            server.destroy();
            throw new IllegalStateException("cannot start the CoAP server (" + settings + "): " + e.getMessage(), e);
        }
        CoapIngestServer started = new CoapIngestServer(server, plain, secure, template);
        LOG.info(
                "CoAP ingest listening{}{}",
                plain == null ? "" : " at coap://" + plain.getAddress().getHostString() + ":" + started.plainPort(),
                secure == null
                        ? ""
                        : " and coaps://" + secure.getAddress().getHostString() + ":" + started.securePort());
        return started;
    }

    /** The plain CoAP port, or -1. */
    public int plainPort() {
        return plain == null ? -1 : plain.getAddress().getPort();
    }

    /** The DTLS port, or -1. */
    public int securePort() {
        return secure == null ? -1 : secure.getAddress().getPort();
    }

    @Override
    public void close() {
        server.destroy();
        try {
            template.stop();
        } catch (RuntimeException e) {
            LOG.debug("producer template did not stop cleanly", e);
        }
    }

    private static final class IngestResource extends CoapResource {
        private final Format format;
        private final Set<Integer> contentFormats;
        private final ProducerTemplate template;
        private final Clock clock;

        IngestResource(Format format, Set<Integer> contentFormats, ProducerTemplate template, Clock clock) {
            super(format.id());
            this.format = format;
            this.contentFormats = contentFormats;
            this.template = template;
            this.clock = clock;
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            int contentFormat = exchange.getRequestOptions().getContentFormat();
            if (!contentFormats.contains(contentFormat)) {
                exchange.respond(
                        ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                        "/ingest/" + format.id() + " does not take content format " + contentFormat);
                return;
            }
            var request = exchange.advanced().getRequest();
            Envelope envelope = new Envelope(
                    format,
                    SOURCE,
                    gateway(exchange),
                    request.getTokenString(),
                    clock.instant(),
                    request.getPayload() == null ? new byte[0] : request.getPayload(),
                    null);
            Outcome outcome;
            try {
                outcome = template.requestBody(CoapIngestRoute.ENDPOINT, envelope, Outcome.class);
            } catch (CamelExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                Optional<RetryLaterException> later = IngestGate.retryLater(cause);
                if (later.isPresent()) {
                    if (later.get() instanceof QuotaExceededException) { // the rate logs its own refusals
                        LOG.warn(
                                "CoAP {} from {} refused, device told to retry later: {}",
                                format.id(),
                                envelope.gateway(),
                                later.get().getMessage());
                    }
                    exchange.setMaxAge(later.get().retryAfterSeconds());
                    exchange.respond(ResponseCode.TOO_MANY_REQUESTS, later.get().getMessage());
                } else if (IngestGate.isUnreadable(cause)) {
                    exchange.respond(ResponseCode.BAD_REQUEST, IngestGate.reason(cause));
                } else {
                    LOG.warn(
                            "CoAP {} from {} not stored, device told to retry: {}",
                            format.id(),
                            envelope.gateway(),
                            cause.toString());
                    exchange.setMaxAge(RETRY_AFTER_SECONDS);
                    exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "store unavailable, send again later");
                }
                return;
            }
            if (outcome.unreadable()) {
                exchange.respond(
                        ResponseCode.BAD_REQUEST, outcome.rejections().get(0).detail());
                return;
            }
            String body = "{\"accepted\":" + outcome.accepted() + ",\"rejected\":" + outcome.rejected() + "}";
            exchange.respond(
                    ResponseCode.CHANGED, body.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.APPLICATION_JSON);
        }

        private static String gateway(CoapExchange exchange) {
            Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
            if (peer instanceof PreSharedKeyIdentity psk) {
                return psk.getIdentity();
            }
            String gw = exchange.getQueryParameter("gw");
            if (gw != null && !gw.isBlank()) {
                return gw;
            }
            return exchange.getSourceAddress().getHostAddress();
        }
    }
}
