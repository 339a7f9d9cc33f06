package org.vivacite.portal.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.vivacite.portal.alerts.Alerts;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.targets.Targets;

/**
 * The citizen's dashboard: the page at {@code /me} (and at {@code /} for a person logged in), with
 * their alerts and the progress toward their targets (when the application has them), and
 * {@code GET /api/me/dashboard}, the same figures in JSON, which the page's script reads every
 * minute ({@code vivacite.portal.dashboard.refresh}) to update them without a reload.
 */
@Controller
class DashboardController {

    private final Dashboard dashboard;
    private final ObjectProvider<Targets> targets;
    private final ObjectProvider<Alerts> alerts;
    private final Duration refresh;

    DashboardController(
            Dashboard dashboard,
            ObjectProvider<Targets> targets,
            ObjectProvider<Alerts> alerts,
            @Value("${vivacite.portal.dashboard.refresh:PT1M}") Duration refresh) {
        this.dashboard = dashboard;
        this.targets = targets;
        this.alerts = alerts;
        this.refresh = refresh;
    }

    @GetMapping({"/", "/me"})
    String page(Authentication authentication, Model model) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return "home";
        }
        Identity person = Identity.of(authentication);
        model.addAttribute("person", person);
        model.addAttribute("dwellings", dashboard.of(person.subject()));
        model.addAttribute("zone", dashboard.zone());
        model.addAttribute("refresh", refresh);
        Targets t = targets.getIfAvailable();
        model.addAttribute("progress", t == null ? List.of() : t.progress(person.subject()));
        Alerts a = alerts.getIfAvailable();
        model.addAttribute("alerts", a == null ? List.of() : a.current(person.subject()));
        return "dashboard";
    }

    @Operation(
            summary = "The person's dashboard: per dwelling and fluid, today, this month and this year (unit, euros,"
                    + " kg CO2e) and the latest step read",
            responses = {
                @ApiResponse(responseCode = "200", description = "the dashboard, by dwelling"),
                @ApiResponse(
                        responseCode = "401",
                        description = "no session and no valid bearer token",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(value = "/api/me/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Dashboard.Dwelling> json(Authentication authentication) {
        return dashboard.of(Identity.of(authentication).subject());
    }
}
