package org.vivacite.portal.money;

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
import org.vivacite.portal.personal.Period;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalException;

/**
 * {@code GET /api/me/bill}: the authenticated person's bill-like breakdown of a fluid over a period,
 * one per dwelling with a meter of the fluid ({@link Bills}, through their personal view).
 */
@RestController
class BillController {

    private final Bills bills;
    private final PersonalData data;

    BillController(Bills bills, PersonalData data) {
        this.bills = bills;
        this.data = data;
    }

    @Operation(
            summary = "What a fluid's consumption over a period costs and emits, line by line, per dwelling",
            description = "Subscription pro rata of the days, energy (or water and sanitation) per tariff period and"
                    + " price period, taxes when the tariff gives prices without them, total with taxes, kg CO2e,"
                    + " from the tariff and emission-factor timelines of the configuration (docs/portal.md)."
                    + " Notes say what is estimated or not covered.",
            responses = {
                @ApiResponse(responseCode = "200", description = "a bill per dwelling with a meter of the fluid"),
                @ApiResponse(responseCode = "400", description = "a parameter refused, named in 'error'"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(value = "/api/me/bill", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Bill> bill(
            Principal principal,
            @Parameter(description = "electricity, gas, water or heat") @RequestParam String fluid,
            @Parameter(description = "ISO instant or local date; default: seven days before 'to'")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "ISO instant or local date (exclusive); default: now")
                    @RequestParam(required = false)
                    String to) {
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()) {
            throw new PersonalException("log in first: /api/me is a person's own data");
        }
        Period period = Period.of(from, to, data.now(), data.zone());
        return bills.of(principal.getName(), fluid, period.from(), period.to());
    }

    @ExceptionHandler(PersonalException.NotEnrolled.class)
    ResponseEntity<Map<String, String>> notEnrolled(PersonalException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({PersonalException.class, MoneyException.class})
    ResponseEntity<Map<String, String>> refused(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
