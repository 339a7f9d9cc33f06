package org.vivacite.portal.manager;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.personal.PersonalException;

/**
 * {@code GET /manager/tertiary}: the tertiary-sector decree for a building manager's buildings
 * ({@link TertiaryReports}): each building subject to it with its years, reference and trajectory,
 * the others with why they are not subject; and {@code GET /manager/tertiary/operat.csv?building=}
 * a building's declaration as CSV. The identity chain lets only managers in; a building not
 * assigned to them answers 403, a refused one 400 naming it.
 */
@Controller
class TertiaryController {

    private final TertiaryReports reports;

    TertiaryController(TertiaryReports reports) {
        this.reports = reports;
    }

    @GetMapping("/manager/tertiary")
    String page(Authentication authentication, Model model) {
        String subject = Identity.of(authentication).subject();
        model.addAttribute("assessments", reports.all(subject));
        model.addAttribute("properties", reports.decree().properties());
        return "tertiary";
    }

    @GetMapping("/manager/tertiary/operat.csv")
    ResponseEntity<byte[]> operat(Authentication authentication, @RequestParam(required = false) String building) {
        String subject = Identity.of(authentication).subject();
        if (building == null || building.isBlank()) {
            throw new ManagerException("building: missing (the building's id, its RNB id)");
        }
        TertiaryDecree.Assessment a = reports.assess(subject, building.strip());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("operat-" + a.building().id() + ".csv")
                                .build()
                                .toString())
                .body(reports.operatCsv(a));
    }

    @ExceptionHandler(ManagerException.NotAssigned.class)
    ResponseEntity<String> notAssigned(ManagerException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_PLAIN)
                .body(e.getMessage());
    }

    @ExceptionHandler({ManagerException.class, PersonalException.class})
    ResponseEntity<String> refused(RuntimeException e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
