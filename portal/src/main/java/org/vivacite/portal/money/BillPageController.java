package org.vivacite.portal.money;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalException;

/**
 * {@code GET /me/bill}: the logged-in person's bill-like breakdown of a fluid over the days they
 * choose (by default this month so far, today included), one table per dwelling ({@link Bills}). A
 * refused input answers 400 with the message on the page and the form as it was filled.
 */
@Controller
class BillPageController {

    static final List<String> FLUIDS = List.of("electricity", "gas", "water", "heat");

    private final Bills bills;
    private final PersonalData data;

    BillPageController(Bills bills, PersonalData data) {
        this.bills = bills;
        this.data = data;
    }

    @GetMapping("/me/bill")
    String bill(
            Authentication authentication,
            @RequestParam(required = false) String fluid,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model,
            HttpServletResponse response) {
        LocalDate today = data.now().atZone(data.zone()).toLocalDate();
        String f = fluid == null || fluid.isBlank() ? "electricity" : fluid.strip();
        String first = from == null || from.isBlank() ? today.withDayOfMonth(1).toString() : from.strip();
        String last = to == null || to.isBlank() ? today.toString() : to.strip();
        model.addAttribute("fluids", FLUIDS);
        model.addAttribute("fluid", f);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        try {
            if (!FLUIDS.contains(f)) {
                throw new MoneyException("fluid: '" + f + "' is none of " + FLUIDS);
            }
            LocalDate start = date("from", first);
            LocalDate end = date("to", last);
            if (end.isBefore(start)) {
                throw new MoneyException("to: " + end + " is before from: " + start);
            }
            model.addAttribute(
                    "bills",
                    bills.of(
                            Identity.of(authentication).subject(),
                            f,
                            start.atStartOfDay(data.zone()).toInstant(),
                            end.plusDays(1).atStartOfDay(data.zone()).toInstant()));
        } catch (MoneyException | PersonalException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
        }
        return "bill";
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new MoneyException(name + ": '" + value + "' is not a date (2026-05-01)");
        }
    }
}
