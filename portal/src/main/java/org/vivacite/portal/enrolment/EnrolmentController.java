package org.vivacite.portal.enrolment;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.portal.Enrolments;

/**
 * {@code POST /api/me/enrolment {code}}: the authenticated person redeems the code printed for
 * their dwelling, within the {@link RedemptionRate} of their account and of their address (the
 * request's remote address: behind a reverse proxy, the server's forwarded-headers setting makes it
 * the client's).
 */
@RestController
public class EnrolmentController {

    private final StoreEnrolments enrolments;
    private final RedemptionRate rate;

    public EnrolmentController(StoreEnrolments enrolments, RedemptionRate rate) {
        this.enrolments = enrolments;
        this.rate = rate;
    }

    record Request(String code) {}

    @PostMapping("/api/me/enrolment")
    ResponseEntity<Map<String, Object>> enrol(
            Principal principal, HttpServletRequest http, @RequestBody Request request) {
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("error", "log in first: an enrolment links your account to a dwelling"));
        }
        Optional<Duration> wait = rate.take(principal.getName(), http.getRemoteAddr());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(Map.of(
                            "error",
                            "code: too many tries from this account or address; try again in " + seconds + " s"));
        }
        Enrolments.Enrolment e = enrolments.redeem(principal.getName(), request.code());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("dwelling", e.dwelling(), "from", e.from().toString()));
    }

    @ExceptionHandler(EnrolmentException.class)
    ResponseEntity<Map<String, String>> refused(EnrolmentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
