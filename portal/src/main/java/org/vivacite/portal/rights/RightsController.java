package org.vivacite.portal.rights;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.portal.Enrolments;

/**
 * A person's rights over their data (GDPR art. 15–21), keyed by the authenticated principal's name
 * (the account's OIDC subject): {@code GET /api/me/export} (access and portability), {@code POST
 * /api/me/erasure} (erasure), {@code PATCH /api/me/dwelling} (rectification), {@code GET
 * /api/me/access-log} (who else read their data).
 */
@RestController
class RightsController {

    private final PersonalExport export;
    private final Erasure erasure;
    private final DwellingFacts facts;
    private final AccessLog accessLog;
    private final Enrolments enrolments;
    private final Clock clock;

    RightsController(
            PersonalExport export,
            Erasure erasure,
            DwellingFacts facts,
            AccessLog accessLog,
            Enrolments enrolments,
            Clock clock) {
        this.export = export;
        this.erasure = erasure;
        this.facts = facts;
        this.accessLog = accessLog;
        this.enrolments = enrolments;
        this.clock = clock;
    }

    /** An erasure request: {@code confirm} must say {@value Erasure#CONFIRMATION}; {@code dwelling} optional. */
    record ErasureRequest(String confirm, String dwelling) {}

    /** A rectification: the facts given are replaced, the others left. */
    record Rectification(String dwelling, Object floorArea, String heatingSystem) {}

    @Operation(
            summary = "Everything held about the person's dwellings since they live there: a zip of JSON-LD, CSV"
                    + " and a README of the terms (GDPR art. 15, 20)",
            responses = {
                @ApiResponse(responseCode = "200", description = "application/zip"),
                @ApiResponse(responseCode = "400", description = "enrolled in no dwelling")
            })
    @GetMapping("/api/me/export")
    void export(Principal principal, HttpServletResponse response) throws IOException {
        String subject = subject(principal);
        // refused before anything is written, so that a refusal is an answer of its own
        export.check(subject);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vivacite-my-data.zip\"");
        export.write(subject, response.getOutputStream());
        response.flushBuffer();
    }

    @Operation(
            summary = "Erases the person's data of their dwellings (GDPR art. 17); published anonymous aggregates stay",
            responses = {
                @ApiResponse(responseCode = "200", description = "what was erased, the proof kept"),
                @ApiResponse(responseCode = "400", description = "no confirmation, or not their dwelling")
            })
    @PostMapping("/api/me/erasure")
    Map<String, Object> erase(Principal principal, @RequestBody(required = false) ErasureRequest request) {
        List<Erasure.Erased> done = erasure.erase(
                subject(principal),
                request == null ? null : request.dwelling(),
                request == null ? null : request.confirm());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("erased", done);
        answer.put("published", Erasure.PUBLISHED);
        answer.put(
                "kept",
                "a proof of the erasure (who, when, what); your enrolment, so that you see what your meters send"
                        + " from now on; the log of reads of your data by others");
        return answer;
    }

    @Operation(
            summary = "Rectifies the dwelling's floor area and heating system (GDPR art. 16)",
            responses = {
                @ApiResponse(responseCode = "200", description = "the dwelling's facts now"),
                @ApiResponse(responseCode = "400", description = "a bad value, naming its field")
            })
    @PatchMapping("/api/me/dwelling")
    Map<String, Object> rectify(Principal principal, @RequestBody Rectification r) {
        return facts.rectify(subject(principal), r.dwelling(), r.floorArea(), r.heatingSystem());
    }

    @Operation(summary = "The reads of the person's data by others since they live there: who, role, when, what, why")
    @GetMapping("/api/me/access-log")
    List<Map<String, Object>> accessLog(Principal principal) {
        String subject = subject(principal);
        return enrolments.of(subject, clock.instant()).stream()
                .flatMap(e -> accessLog.of(List.of(e.dwelling()), e.from()).stream())
                .distinct()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", e.at().toString());
                    m.put("who", e.reader().name());
                    m.put("role", e.reader().role());
                    m.put("dwellings", e.dwellings());
                    m.put("what", e.what());
                    m.put("why", e.why());
                    return m;
                })
                .toList();
    }

    @ExceptionHandler(RightsException.class)
    ResponseEntity<Map<String, String>> refused(RightsException e) {
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

    private static String subject(Principal principal) {
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()) {
            throw new Unauthenticated();
        }
        return principal.getName();
    }
}
