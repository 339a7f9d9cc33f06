package org.vivacite.portal.history;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalException;

/**
 * {@code GET /me/history}: a chart and its table of the person's consumption by day, week, month or
 * year against a year earlier; {@code GET /me/history.csv}: what the page shows, as CSV.
 */
@Controller
class HistoryController {

    private final History history;
    private final PersonalData data;

    HistoryController(History history, PersonalData data) {
        this.history = history;
        this.data = data;
    }

    @GetMapping("/me/history")
    String page(
            Authentication authentication,
            @RequestParam(defaultValue = "electricity") String fluid,
            @RequestParam(defaultValue = "month") String view,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String dwelling,
            Model model,
            HttpServletResponse response) {
        String subject = Identity.of(authentication).subject();
        model.addAttribute("fluid", fluid);
        model.addAttribute("view", view);
        model.addAttribute("date", date);
        model.addAttribute("views", History.VIEWS);
        model.addAttribute("zone", data.zone());
        try {
            History.Chart chart = history.of(subject, dwelling, fluid, view, day(date));
            model.addAttribute("chart", chart);
            model.addAttribute("date", chart.start().toString());
        } catch (PersonalException e) {
            response.setStatus(e instanceof PersonalException.NotEnrolled ? 404 : 400);
            model.addAttribute("error", e.getMessage());
        }
        return "history";
    }

    @GetMapping("/me/history.csv")
    void csv(
            Authentication authentication,
            @RequestParam(defaultValue = "electricity") String fluid,
            @RequestParam(defaultValue = "month") String view,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String dwelling,
            HttpServletResponse response)
            throws IOException {
        History.Chart chart;
        try {
            chart = history.of(Identity.of(authentication).subject(), dwelling, fluid, view, day(date));
        } catch (PersonalException e) {
            response.sendError(e instanceof PersonalException.NotEnrolled ? 404 : 400, e.getMessage());
            return;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"consumption-" + chart.fluid() + "-" + chart.view() + "-" + chart.start()
                        + ".csv\"");
        Writer out = response.getWriter();
        try (CSVPrinter csv = CSVFormat.RFC4180
                .builder()
                .setHeader(
                        "from",
                        "to",
                        "value",
                        "value_a_year_earlier",
                        "unit",
                        "degree_days",
                        "degree_days_a_year_earlier",
                        "dwelling")
                .get()
                .print(out)) {
            for (History.Row r : chart.rows()) {
                csv.printRecord(
                        r.from(), r.to(), plain(r.value()), plain(r.lastYear()), chart.unit(), chart.dwelling());
            }
        }
    }

    private static String plain(java.math.BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    private LocalDate day(String date) {
        if (date == null || date.isBlank()) {
            return data.now().atZone(data.zone()).toLocalDate();
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new PersonalException("date: '" + date + "' is not a day (YYYY-MM-DD)");
        }
    }
}
