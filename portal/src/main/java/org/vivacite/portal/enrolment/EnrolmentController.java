package org.vivacite.portal.enrolment;

import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.portal.Enrolments;

/** {@code POST /api/me/enrolment {code}}: the authenticated person redeems the code printed for their dwelling. */
@RestController
class EnrolmentController {

    private final StoreEnrolments enrolments;

    EnrolmentController(StoreEnrolments enrolments) {
        this.enrolments = enrolments;
    }

    record Request(String code) {}

    @PostMapping("/api/me/enrolment")
    ResponseEntity<Map<String, Object>> enrol(Principal principal, @RequestBody Request request) {
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("error", "log in first: an enrolment links your account to a dwelling"));
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
