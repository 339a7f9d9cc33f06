package org.vivacite.portal.money;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalException;

/**
 * {@code GET /me/bill}: the logged-in person's bill-like breakdown of a fluid over the days they
 * choose (by default this month so far, today included), one table per dwelling ({@link Bills}). A
 * refused input answers 400 with the message on the page and the form as it was filled. {@code
 * POST /me/bill/contract}: the person says which electricity option (and off-peak hours) a dwelling
 * of theirs is on ({@link ContractStore}); its bills, dashboard, targets and advice are then priced
 * with it.
 */
@Controller
class BillPageController {

    static final List<String> FLUIDS = List.of("electricity", "gas", "water", "heat");

    private final Bills bills;
    private final PersonalData data;
    private final Billing billing;
    private final ObjectProvider<ContractStore> contracts;

    BillPageController(Bills bills, PersonalData data, Billing billing, ObjectProvider<ContractStore> contracts) {
        this.bills = bills;
        this.data = data;
        this.billing = billing;
        this.contracts = contracts;
    }

    /** A contract form as shown: the dwelling's contract, or what was sent when it was refused. */
    record ContractForm(String option, String offPeakHours) {}

    @PostMapping("/me/bill/contract")
    String contract(
            Authentication authentication,
            @RequestParam(required = false) String dwelling,
            @RequestParam(required = false) String option,
            @RequestParam(required = false) String offPeakHours,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model,
            HttpServletResponse response) {
        String subject = Identity.of(authentication).subject();
        try {
            ContractStore store = contracts.getIfAvailable();
            if (store == null) {
                throw new MoneyException("this platform keeps no contract: every dwelling has the configured option");
            }
            boolean mine = data.meters(subject).stream()
                    .anyMatch(m -> m.dwelling().equals(dwelling) && "electricity".equals(m.fluid()));
            if (!mine) {
                throw new MoneyException("dwelling: '" + dwelling + "' is none of your dwellings with electricity");
            }
            Tariffs.Contract contract = Tariffs.Contract.parse(option, offPeakHours);
            LocalDate tempoDay = billing.tempoDay(data.now());
            if (contract.option() == Tariffs.Option.TEMPO
                    && billing.tariffs().colour(tempoDay).isEmpty()) {
                throw new MoneyException("option: Tempo prices each day by its colour, and the Tempo calendar"
                        + " (vivacite.money.tempo-calendar) has none for " + tempoDay);
            }
            store.set(subject, dwelling, contract);
        } catch (MoneyException e) {
            String page = bill(authentication, "electricity", from, to, model, response);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("contractError", e.getMessage());
            model.addAttribute("contractDwelling", dwelling);
            @SuppressWarnings("unchecked")
            Map<String, ContractForm> forms = (Map<String, ContractForm>) model.getAttribute("contracts");
            if (forms.containsKey(dwelling)) {
                forms.put(dwelling, new ContractForm(option, offPeakHours));
            }
            return page;
        }
        return "redirect:/me/bill?fluid=electricity&contract" + day("from", from) + day("to", to);
    }

    /** {@code &name=value} for a day {@code YYYY-MM-DD}, else nothing (the page's default). */
    private static String day(String name, String value) {
        return value != null && value.strip().matches("\\d{4}-\\d{2}-\\d{2}") ? "&" + name + "=" + value.strip() : "";
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
        model.addAttribute("canChoose", contracts.getIfAvailable() != null);
        Map<String, ContractForm> forms = new HashMap<>();
        String subject = Identity.of(authentication).subject();
        data.meters(subject).stream()
                .filter(m -> "electricity".equals(m.fluid()))
                .forEach(m -> {
                    Tariffs.Contract c = billing.contract(subject, m.dwelling());
                    forms.put(m.dwelling(), new ContractForm(c.option().code(), c.offPeakHours()));
                });
        model.addAttribute("contracts", forms);
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
