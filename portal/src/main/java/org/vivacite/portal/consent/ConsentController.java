package org.vivacite.portal.consent;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.ConsentException;
import org.vivacite.ingest.consent.Purpose;

/**
 * {@code /api/me/consents} and {@code /api/me/receipts/{id}}: a person's consents, keyed by the
 * authenticated principal's name (the account's OIDC subject); {@code /api/consent-receipts/jwks}:
 * the public key receipts are signed with.
 */
@RestController
class ConsentController {

    /** The media type of a JWS in compact serialisation (RFC 7515). */
    static final MediaType JOSE = MediaType.parseMediaType("application/jose");

    private final PersonalConsents consents;
    private final ConsentReceipts receipts;

    ConsentController(PersonalConsents consents, ConsentReceipts receipts) {
        this.consents = consents;
        this.receipts = receipts;
    }

    /** What a person asks to consent to. */
    record Request(String purpose, String step, String dwelling, String from, String until) {}

    @GetMapping("/api/me/consents")
    List<Map<String, Object>> list(Principal principal) {
        Instant now = Instant.now();
        return consents.list(subject(principal)).stream().map(c -> json(c, now)).toList();
    }

    @PostMapping("/api/me/consents")
    ResponseEntity<Map<String, Object>> give(Principal principal, @RequestBody Request request) {
        PersonalConsents.Change change = consents.give(
                subject(principal),
                request.dwelling(),
                Purpose.of(request.purpose()),
                request.step() == null ? null : parse("step", request.step(), Duration::parse),
                request.from() == null ? null : parse("from", request.from(), Instant::parse),
                request.until() == null ? null : parse("until", request.until(), Instant::parse));
        return ResponseEntity.status(HttpStatus.CREATED).body(json(change));
    }

    @DeleteMapping("/api/me/consents/{id}")
    ResponseEntity<Map<String, Object>> withdraw(Principal principal, @PathVariable String id) {
        return consents.withdraw(subject(principal), id)
                .map(c -> ResponseEntity.ok(json(c)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/api/me/receipts/{id}")
    ResponseEntity<String> receipt(Principal principal, @PathVariable String id) {
        return consents.receipt(subject(principal), id)
                .map(r -> ResponseEntity.ok().contentType(JOSE).body(r.jws()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping(value = "/api/consent-receipts/jwks", produces = "application/jwk-set+json")
    Map<String, Object> keys() {
        return receipts.publicKeys();
    }

    @ExceptionHandler(ConsentException.class)
    ResponseEntity<Map<String, String>> refused(ConsentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(Unauthenticated.class)
    ResponseEntity<Map<String, String>> unauthenticated(Unauthenticated e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", e.getMessage()));
    }

    /** No authenticated person: the security configuration lets no such request reach here, but say so if one does. */
    static final class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("log in first: /api/me is a person's own data");
        }
    }

    static String subject(Principal principal) {
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()) {
            throw new Unauthenticated();
        }
        return principal.getName();
    }

    private static <T> T parse(String field, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (DateTimeParseException e) {
            throw new ConsentException(field + ": '" + value + "' is not an ISO 8601 "
                    + (field.equals("step") ? "duration (PT30M)" : "instant (2026-05-01T00:00:00Z)"));
        }
    }

    private static Map<String, Object> json(PersonalConsents.Change change) {
        Map<String, Object> m = json(change.consent(), Instant.now());
        m.put("receipt", change.receipt().id());
        return m;
    }

    static Map<String, Object> json(Consent c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("dwelling", c.dwelling());
        m.put("purpose", c.purpose().id());
        if (c.purpose() == Purpose.FINE_DATA) {
            m.put("step", c.step().toString());
        }
        m.put("from", c.from().toString());
        m.put("until", c.until().toString());
        m.put("status", c.status(now));
        if (c.withdrawn() != null) {
            m.put("withdrawn", c.withdrawn().toString());
        }
        m.put("source", c.fromRegistry() ? "meter-registry" : "person");
        return m;
    }
}
