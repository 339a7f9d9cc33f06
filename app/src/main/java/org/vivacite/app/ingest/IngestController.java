package org.vivacite.app.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.source.IngestGate;

/**
 * {@code POST /ingest/{format}}: the body to the pipeline, answered once it is committed. The
 * gateway is the holder of the bearer token (SecurityConfiguration lets only gateways in).
 *
 * <ul>
 *   <li>202 {@code {"accepted": n, "rejected": m, "rejections": [...]}};
 *   <li>400 (problem JSON) for an unknown format or a body that cannot be read at all;
 *   <li>413 past {@code vivacite.ingest.max-payload};
 *   <li>503 with {@code Retry-After} when the store failed, or when this build has no pipeline.
 * </ul>
 */
@RestController
class IngestController {

    static final String SOURCE = "http";

    /** Seconds a gateway should wait before sending again after a 503. */
    static final long RETRY_AFTER_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(IngestController.class);

    private final ObjectProvider<Ingest> ingest;
    private final MeterRegistry registry;
    private final long maxPayload;
    private final Clock clock = Clock.systemUTC();
    private volatile IngestGate gate;

    IngestController(ObjectProvider<Ingest> ingest, MeterRegistry registry, IngestSourcesProperties.Ingest settings) {
        this.ingest = ingest;
        this.registry = registry;
        this.maxPayload = settings.maxPayload().toBytes();
    }

    @PostMapping("/ingest/{format}")
    ResponseEntity<?> ingest(@PathVariable String format, HttpServletRequest request, Principal gateway)
            throws IOException {
        Format parsed;
        try {
            parsed = Format.of(format);
        } catch (DecodeException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        IngestGate port = gate();
        if (port == null) {
            return retryLater("this server has no ingest pipeline yet");
        }
        long declared = request.getContentLengthLong();
        if (declared > maxPayload) {
            port.refused(SOURCE);
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPayload + 1));
        }
        if (body.length > maxPayload) {
            port.refused(SOURCE);
            return tooLarge();
        }
        String requestId = request.getHeader("X-Request-Id");
        Envelope envelope = new Envelope(
                parsed,
                SOURCE,
                gateway.getName(),
                requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId,
                clock.instant(),
                body,
                null);
        Outcome outcome;
        try {
            outcome = port.accept(envelope);
        } catch (RuntimeException e) {
            if (IngestGate.isUnreadable(e)) {
                return problem(HttpStatus.BAD_REQUEST, IngestGate.reason(e));
            }
            LOG.warn("{} from gateway {} not stored, told to retry: {}", parsed.id(), gateway.getName(), e.toString());
            return retryLater("the store is unavailable: send again later");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
    }

    private IngestGate gate() {
        IngestGate g = gate;
        if (g == null) {
            Ingest port = ingest.getIfAvailable();
            if (port == null) {
                return null;
            }
            g = new IngestGate(port, registry);
            gate = g;
        }
        return g;
    }

    private ResponseEntity<ProblemDetail> tooLarge() {
        return problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "the body is larger than " + maxPayload + " bytes (vivacite.ingest.max-payload)");
    }

    private static ResponseEntity<ProblemDetail> retryLater(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
