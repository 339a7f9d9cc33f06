package org.vivacite.portal.targets;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.alerts.AlertRecords;
import org.vivacite.portal.alerts.Alerts;
import org.vivacite.portal.identity.Identity;

/**
 * The targets page, {@code /me/targets}: the person's ceilings with how each stands (a progress bar
 * and the numbers), a form to set one and a button to remove each, the address alerts go to, and
 * their alerts. A form with a wrong field comes back with a message naming it, its values kept
 * (status 400).
 */
@Controller
class TargetsController {

    private final Targets targets;
    private final Alerts alerts;
    private final AlertRecords records;
    private final Enrolments enrolments;
    private final Clock clock;

    TargetsController(Targets targets, Alerts alerts, AlertRecords records, Enrolments enrolments, Clock clock) {
        this.targets = targets;
        this.alerts = alerts;
        this.records = records;
        this.enrolments = enrolments;
        this.clock = clock;
    }

    /** What the form was sent with, to show it again. */
    record Form(String dwelling, String fluid, String span, String measure, String ceiling) {
        static final Form EMPTY = new Form("", "electricity", "month", "amount", "");
    }

    @GetMapping("/me/targets")
    String page(Authentication authentication, Model model) {
        String subject = Identity.of(authentication).subject();
        rememberProviderAddress(subject, authentication);
        return show(subject, model, Form.EMPTY, null, null);
    }

    @PostMapping("/me/targets")
    String add(
            Authentication authentication,
            @RequestParam(required = false) String dwelling,
            @RequestParam(required = false) String fluid,
            @RequestParam(required = false) String span,
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String ceiling,
            Model model,
            HttpServletResponse response) {
        String subject = Identity.of(authentication).subject();
        try {
            targets.add(subject, dwelling, fluid, span, measure, ceiling);
        } catch (TargetsException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(subject, model, new Form(dwelling, fluid, span, measure, ceiling), e.field(), null);
        }
        return "redirect:/me/targets?set";
    }

    @PostMapping("/me/targets/remove")
    String remove(Authentication authentication, @RequestParam(required = false) String id) {
        targets.remove(Identity.of(authentication).subject(), id == null ? "" : id);
        return "redirect:/me/targets?removed";
    }

    @PostMapping("/me/targets/address")
    String address(
            Authentication authentication,
            @RequestParam(required = false) String email,
            Model model,
            HttpServletResponse response) {
        String subject = Identity.of(authentication).subject();
        try {
            records.setAddress(subject, email, "person");
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(subject, model, Form.EMPTY, "email", email);
        }
        return "redirect:/me/targets?address";
    }

    private String show(String subject, Model model, Form form, String error, String email) {
        model.addAttribute("progress", targets.progress(subject));
        model.addAttribute("alerts", alerts.current(subject));
        model.addAttribute(
                "dwellings",
                enrolments.of(subject, clock.instant()).stream()
                        .map(Enrolments.Enrolment::dwelling)
                        .distinct()
                        .toList());
        model.addAttribute("fluids", Targets.FLUIDS);
        model.addAttribute("measures", targets.priced() ? List.of("amount", "euros", "co2") : List.of("amount"));
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        Optional<String> address = alerts.address(subject);
        model.addAttribute("email", email != null ? email : address.orElse(""));
        model.addAttribute("hasAddress", address.isPresent());
        return "targets";
    }

    /** The {@code email} claim of an external provider, kept as the address unless the person set one. */
    private void rememberProviderAddress(String subject, Authentication authentication) {
        if (authentication.getPrincipal() instanceof OidcUser user
                && user.getEmail() != null
                && AlertRecords.valid(user.getEmail())) {
            Optional<AlertRecords.Address> set = records.address(subject);
            if (set.isEmpty()
                    || (set.get().source().equals("provider")
                            && !set.get().email().equals(user.getEmail()))) {
                records.setAddress(subject, user.getEmail(), "provider");
            }
        }
    }
}
