package org.vivacite.portal.manager;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.portal.personal.Period;
import org.vivacite.portal.personal.PersonalException;

/**
 * {@code GET /api/manager/buildings} and {@code GET /api/manager/buildings/{id}/consumption}: a
 * building manager's buildings and their consumption, through {@link BuildingData}. The identity
 * chain lets only the {@code manager} role in (docs/identity.md); the subject is the principal's name.
 */
@RestController
class ManagerController {

    private final BuildingData data;

    ManagerController(BuildingData data) {
        this.data = data;
    }

    @Operation(
            summary = "The buildings assigned to the manager, with how many dwellings share their data now",
            responses = {
                @ApiResponse(responseCode = "200", description = "the buildings"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "403", description = "not a building manager")
            })
    @GetMapping(value = "/api/manager/buildings", produces = MediaType.APPLICATION_JSON_VALUE)
    List<BuildingData.Building> buildings(Principal principal) {
        return data.buildings(principal.getName());
    }

    @Operation(
            summary = "Consumption of one fluid in steps over a period in a building assigned to the manager",
            description = "The building's own meters, and each dwelling whose household consents now to"
                    + " share-with-building-manager, over the time its consent covers; every dwelling read is"
                    + " recorded in the household's access log. A step finer than a day needs the consent to"
                    + " fine data of each household read. Values are in the unit given (QUDT).",
            responses = {
                @ApiResponse(responseCode = "200", description = "the building's series and the sharing dwellings'"),
                @ApiResponse(responseCode = "400", description = "a parameter refused, named in 'error'"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description = "not a building manager, or a building not assigned to them")
            })
    @GetMapping(value = "/api/manager/buildings/{id}/consumption", produces = MediaType.APPLICATION_JSON_VALUE)
    BuildingData.Consumption consumption(
            Principal principal,
            @Parameter(description = "the building's identifier, as /api/manager/buildings gives it") @PathVariable
                    String id,
            @Parameter(description = "electricity, gas, water, heat, or heat-cost-allocation (EN 834 units)")
                    @RequestParam
                    String fluid,
            @Parameter(description = "PT30M, PT1H, P1D or P1M") @RequestParam(defaultValue = "P1D") String step,
            @Parameter(description = "ISO instant or local date; default: seven days before 'to'")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "ISO instant or local date (exclusive); default: now")
                    @RequestParam(required = false)
                    String to) {
        Period period = Period.of(from, to, data.now(), data.zone());
        return data.consumption(principal.getName(), id, fluid, step, period.from(), period.to());
    }

    @ExceptionHandler(ManagerException.NotAssigned.class)
    ResponseEntity<Map<String, String>> notAssigned(ManagerException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({ManagerException.class, PersonalException.class})
    ResponseEntity<Map<String, String>> refused(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
