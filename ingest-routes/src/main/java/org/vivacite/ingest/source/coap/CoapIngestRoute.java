package org.vivacite.ingest.source.coap;

import java.util.Objects;
import org.apache.camel.builder.RouteBuilder;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.source.IngestGate;

/**
 * CoAP to the port: {@link CoapIngestServer}'s resources send each request's {@link Envelope} to
 * {@code direct:ingest-coap}, which answers the {@link org.vivacite.ingest.Outcome} (or fails with
 * the port's exception). camel-coap 4.17 is not used for the server: it always answers 2.05, binds
 * every interface and does not expose the DTLS peer's identity.
 */
public final class CoapIngestRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "ingest-coap";

    /** Where the server sends envelopes. */
    public static final String ENDPOINT = "direct:ingest-coap";

    private final IngestGate gate;

    public CoapIngestRoute(IngestGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .process(exchange -> exchange.getMessage()
                        .setBody(gate.accept(exchange.getIn().getMandatoryBody(Envelope.class))));
    }
}
