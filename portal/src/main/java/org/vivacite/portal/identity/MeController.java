package org.vivacite.portal.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.portal.Enrolments;

/** {@code GET /api/me}: the person asking and the dwellings they are enrolled in now (contract). */
@RestController
class MeController {

    /** The person: {@code roles} by their claim names. */
    record Me(String subject, String name, List<String> roles, List<Dwelling> dwellings) {}

    /** A dwelling the person is enrolled in: {@code until} is null while they live there. */
    record Dwelling(
            String iri,
            Instant from,

            @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true)
            Instant until) {}

    private final Enrolments enrolments;
    private final Clock clock;

    /** Without an enrolment store, nobody is enrolled anywhere. */
    MeController(ObjectProvider<Enrolments> enrolments, ObjectProvider<Clock> clock) {
        this.enrolments = enrolments.getIfAvailable(() -> (subject, at) -> List.of());
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(
            summary = "The person logged in (page session or bearer token) and their dwellings now",
            responses = {
                @ApiResponse(responseCode = "200", description = "the person"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(value = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Me me(Authentication authentication) {
        Identity who = Identity.of(authentication);
        List<Dwelling> dwellings = enrolments.of(who.subject(), clock.instant()).stream()
                .map(e -> new Dwelling(e.dwelling(), e.from(), e.until()))
                .toList();
        return new Me(
                who.subject(),
                who.name(),
                who.roles().stream().sorted().map(Role::claim).toList(),
                dwellings);
    }
}
