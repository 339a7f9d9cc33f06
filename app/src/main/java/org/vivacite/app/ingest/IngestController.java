package org.vivacite.app.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.vivacite.ingest.RetryLaterException;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.QuotaExceededException;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.ingest.source.IngestRate;

/**
 * {@code POST /ingest/{format}}: the body to the pipeline, answered once it is committed. The
 * gateway is the holder of the bearer token (SecurityConfiguration lets only gateways in).
 *
 * <ul>
 *   <li>202 {@code {"accepted": n, "rejected": m, "reasons": {...}, "rejections": [...]}};
 *   <li>400 (problem JSON) for an unknown format, or a body of which nothing can be read (kept in
 *       the dead-letter store: {@code deadLetterId});
 *   <li>413 past {@code vivacite.ingest.max-payload}: the body's head is kept in the dead-letter
 *       store, reason {@code too-large};
 *   <li>415 for a form ({@code multipart/form-data}, {@code application/x-www-form-urlencoded}):
 *       the body is the payload itself;
 *   <li>429 with {@code Retry-After} when the dead-letter store is at the gateway's quota or its
 *       total, or when the gateway sends faster than its rate ({@code vivacite.ingest.rate.*};
 *       {@code Retry-After} the seconds until it may send again): nothing of the body is kept, the
 *       gateway sends it again later;
 *   <li>503 with {@code Retry-After} when the store failed, or when this build has no pipeline.
 * </ul>
 */
@RestController
class IngestController {

    static final String SOURCE = "http";

    /** Seconds a gateway should wait before sending again after a 503. */
    static final long RETRY_AFTER_SECONDS = 30;

    /** What each format's body is, for the answer to a form. */
    private static final Map<Format, String> BODIES = Map.of(
            Format.WMBUS, "hex telegrams one per line (text/plain) or one binary telegram (application/octet-stream)",
            Format.TIC, "the TIC byte stream (application/octet-stream or text/plain)",
            Format.SENML, "a SenML pack (application/senml+json or application/senml+cbor)",
            Format.CSV, "the DSO CSV (text/csv)",
            Format.DATACONNECT, "the Data Connect meter_reading document (application/json)");

    private static final Logger LOG = LoggerFactory.getLogger(IngestController.class);

    private final ObjectProvider<Ingest> ingest;
    private final ObjectProvider<DeadLetterStore> deadLetters;
    private final MeterRegistry registry;
    private final IngestRate rate;
    private final long maxPayload;
    private final Clock clock = Clock.systemUTC();
    private volatile IngestGate gate;

    IngestController(
            ObjectProvider<Ingest> ingest,
            ObjectProvider<DeadLetterStore> deadLetters,
            MeterRegistry registry,
            IngestRate rate,
            IngestSourcesProperties.Ingest settings) {
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.rate = rate;
        this.maxPayload = Math.min(Integer.MAX_VALUE - 8, settings.maxPayload().toBytes());
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
        Optional<ResponseEntity<ProblemDetail>> form = form(parsed, request.getContentType());
        if (form.isPresent()) {
            return form.get();
        }
        IngestGate port = gate();
        if (port == null) {
            return retryLater("this server has no ingest pipeline yet");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) maxPayload + 1);
        }
        String requestId = request.getHeader("X-Request-Id");
        Envelope envelope = new Envelope(
                parsed,
                SOURCE,
                gateway.getName(),
                requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId,
                clock.instant(),
                body.length > maxPayload ? Arrays.copyOf(body, (int) maxPayload) : body,
                null);
        long declared = request.getContentLengthLong();
        boolean tooLarge = declared > maxPayload || body.length > maxPayload;
        Outcome outcome;
        try {
            outcome = tooLarge ? port.tooLarge(envelope, declared > maxPayload ? declared : -1) : port.accept(envelope);
        } catch (RetryLaterException e) {
            if (e instanceof QuotaExceededException) { // the rate logs its own refusals
                LOG.warn(
                        "{} from gateway {} refused, told to retry later: {}",
                        parsed.id(),
                        gateway.getName(),
                        e.getMessage());
            }
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
        } catch (RuntimeException e) {
            if (IngestGate.isUnreadable(e)) {
                return problem(HttpStatus.BAD_REQUEST, IngestGate.reason(e));
            }
            LOG.warn("{} from gateway {} not stored, told to retry: {}", parsed.id(), gateway.getName(), e.toString());
            return retryLater("the store is unavailable: send again later");
        }
        if (tooLarge) {
            return kept(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "the body is larger than " + maxPayload + " bytes (vivacite.ingest.max-payload): its first "
                            + envelope.payload().length + " bytes are kept in the dead-letter store",
                    outcome);
        }
        if (outcome.unreadable()) {
            Outcome.Rejection first = outcome.rejections().get(0);
            return kept(
                    HttpStatus.BAD_REQUEST,
                    "nothing of the " + parsed.id() + " body can be read (" + outcome.rejected() + " input"
                            + (outcome.rejected() == 1 ? "" : "s") + " undecodable, kept in the dead-letter store): "
                            + first.detail(),
                    outcome);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
    }

    /** A form is not a payload: 415 naming what the body should be. */
    private static Optional<ResponseEntity<ProblemDetail>> form(Format format, String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!type.getType().equals("multipart") && !type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return Optional.empty();
        }
        return Optional.of(problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST /ingest/" + format.id() + " takes the payload itself as its body, " + BODIES.get(format)
                        + ", not a " + type.getType() + "/" + type.getSubtype() + " form"));
    }

    private IngestGate gate() {
        IngestGate g = gate;
        if (g == null) {
            Ingest port = ingest.getIfAvailable();
            if (port == null) {
                return null;
            }
            g = new IngestGate(port, registry, deadLetters.getIfAvailable(), rate);
            gate = g;
        }
        return g;
    }

    /** A refusal whose payload is in the dead-letter store: the problem names the letter. */
    private static ResponseEntity<ProblemDetail> kept(HttpStatus status, String detail, Outcome outcome) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("deadLetterId", outcome.rejections().get(0).deadLetterId());
        problem.setProperty("rejected", outcome.rejected());
        return ResponseEntity.status(status).body(problem);
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
