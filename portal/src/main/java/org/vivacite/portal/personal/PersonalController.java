package org.vivacite.portal.personal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me/meters} and {@code GET /api/me/consumption}: the authenticated person's own
 * meters and consumption, through {@link PersonalData} (a personal view of their enrolments' graphs).
 * The subject is the principal's name, the token's {@code sub} (docs/identity.md).
 */
@RestController
class PersonalController {

    private final PersonalData data;

    PersonalController(PersonalData data) {
        this.data = data;
    }

    @Operation(
            summary = "The meters of the dwellings the person is enrolled in now: fluid and quantities",
            responses = {
                @ApiResponse(responseCode = "200", description = "the meters, by dwelling"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(value = "/api/me/meters", produces = MediaType.APPLICATION_JSON_VALUE)
    List<PersonalData.Meter> meters(Principal principal) {
        return data.meters(subject(principal));
    }

    @Operation(
            summary = "Consumption of one fluid in steps over a period, per dwelling the person is enrolled in now",
            description = "A step finer than a day needs the household's consent to fine data at that step or finer;"
                    + " a step without data is left out. Values are in the unit given (QUDT).",
            responses = {
                @ApiResponse(responseCode = "200", description = "a series per dwelling"),
                @ApiResponse(
                        responseCode = "400",
                        description = "a parameter refused, named in 'error' (a step finer than the consent names it)"),
                @ApiResponse(responseCode = "404", description = "a dwelling the person is not enrolled in"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(value = "/api/me/consumption", produces = MediaType.APPLICATION_JSON_VALUE)
    PersonalData.Consumption consumption(
            Principal principal,
            @Parameter(description = "electricity, gas, water, heat, or heat-cost-allocation (EN 834 units)")
                    @RequestParam
                    String fluid,
            @Parameter(description = "PT30M, PT1H, P1D or P1M") @RequestParam(defaultValue = "P1D") String step,
            @Parameter(description = "ISO instant or local date; default: seven days before 'to'")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "ISO instant or local date (exclusive); default: now")
                    @RequestParam(required = false)
                    String to,
            @Parameter(description = "one of the person's dwellings (IRI); default: all of them")
                    @RequestParam(required = false)
                    String dwelling) {
        Period period = Period.of(from, to, data.now(), data.zone());
        return data.consumption(subject(principal), dwelling, fluid, step, period.from(), period.to());
    }

    @ExceptionHandler(PersonalException.NotEnrolled.class)
    ResponseEntity<Map<String, String>> notEnrolled(PersonalException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(PersonalException.class)
    ResponseEntity<Map<String, String>> refused(PersonalException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static String subject(Principal principal) {
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()) {
            throw new PersonalException("log in first: /api/me is a person's own data");
        }
        return principal.getName();
    }
}
