package org.vivacite.portal.manager;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
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
 * {@code GET /manager/heating}: a building manager's heating statements ({@link HeatingStatements}).
 * The form asks the building, the devices, the period and the building's heating cost; the answer is
 * the building summary and a statement per dwelling, with the statements as CSV ({@code
 * /manager/heating/statements.csv}) and each as a PDF ({@code /manager/heating/statement.pdf},
 * same parameters and {@code dwelling}). The identity chain lets only managers in; a building not
 * assigned to them answers 403, a refused input 400 with the message on the page and the form kept.
 */
@Controller
class HeatingController {

    private final HeatingStatements statements;
    private final StatementDocuments documents;

    HeatingController(HeatingStatements statements, MessageSource messages) {
        this.statements = statements;
        this.documents = new StatementDocuments(messages);
    }

    /** The form as filled, with the defaults: the first building, allocators, last month. */
    record Form(String building, String device, String from, String to, String cost) {}

    @GetMapping("/manager/heating")
    String page(
            Authentication authentication,
            @RequestParam(required = false) String building,
            @RequestParam(required = false) String device,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cost,
            Model model,
            HttpServletResponse response) {
        String subject = Identity.of(authentication).subject();
        List<BuildingData.Building> buildings = statements.buildings(subject);
        Form form = form(buildings, building, device, from, to, cost);
        model.addAttribute("buildings", buildings);
        model.addAttribute("devices", HeatingStatements.DEVICES);
        model.addAttribute("form", form);
        model.addAttribute("commonShare", statements.properties().commonShare());
        if (cost == null) {
            return "heating";
        }
        try {
            model.addAttribute("result", issue(subject, form));
        } catch (ManagerException.NotAssigned e) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("error", e.getMessage());
        } catch (ManagerException | PersonalException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
        }
        return "heating";
    }

    @GetMapping("/manager/heating/statements.csv")
    ResponseEntity<byte[]> csv(
            Authentication authentication,
            @RequestParam(required = false) String building,
            @RequestParam(required = false) String device,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cost) {
        String subject = Identity.of(authentication).subject();
        HeatingStatements.Statements s =
                issue(subject, form(statements.buildings(subject), building, device, from, to, cost));
        return file(
                documents.csv(s),
                new MediaType("text", "csv", StandardCharsets.UTF_8),
                "heating-" + s.building() + "-" + s.from() + "-" + s.to() + ".csv");
    }

    @GetMapping("/manager/heating/statement.pdf")
    ResponseEntity<byte[]> pdf(
            Authentication authentication,
            @RequestParam(required = false) String building,
            @RequestParam(required = false) String device,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cost,
            @RequestParam(required = false) String dwelling,
            Locale locale) {
        String subject = Identity.of(authentication).subject();
        HeatingStatements.Statements s =
                issue(subject, form(statements.buildings(subject), building, device, from, to, cost));
        HeatingStatements.Statement d = s.statements().stream()
                .filter(x -> x.key().equals(dwelling))
                .findFirst()
                .orElseThrow(() -> new ManagerException(
                        "dwelling: '" + dwelling + "' is no dwelling of building " + s.building()));
        return file(
                documents.pdf(s, d, locale),
                MediaType.APPLICATION_PDF,
                "heating-" + s.building() + "-" + d.key() + "-" + s.from() + "-" + s.to() + ".pdf");
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

    private Form form(
            List<BuildingData.Building> buildings,
            String building,
            String device,
            String from,
            String to,
            String cost) {
        LocalDate lastMonth = statements.today().withDayOfMonth(1).minusMonths(1);
        return new Form(
                blank(building) ? (buildings.isEmpty() ? "" : buildings.get(0).id()) : building.strip(),
                blank(device) ? HeatingStatements.DEVICES.get(0) : device.strip(),
                blank(from) ? lastMonth.toString() : from.strip(),
                blank(to) ? lastMonth.plusMonths(1).minusDays(1).toString() : to.strip(),
                cost == null ? "" : cost.strip());
    }

    private HeatingStatements.Statements issue(String subject, Form f) {
        return statements.issue(
                subject, f.building(), f.device(), date("from", f.from()), date("to", f.to()), cost(f.cost()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ManagerException(name + ": '" + value + "' is not a date (2026-01-31)");
        }
    }

    /** A cost in euros, with a point or a comma before the cents. */
    private static BigDecimal cost(String value) {
        try {
            return new BigDecimal(value.replaceAll("[\\s\\u00a0\\u202f]", "").replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new ManagerException("cost: '" + value + "' is not an amount of euros (12500.00)");
        }
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
