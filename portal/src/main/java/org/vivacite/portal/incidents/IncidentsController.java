package org.vivacite.portal.incidents;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.personal.PersonalData;

/**
 * {@code GET /me/incidents}: the incidents of the person's dwellings, ongoing and past, which rule
 * found each and with which numbers, the alarms the water meters reported themselves, what to do,
 * and what could not be checked and why.
 */
@Controller
class IncidentsController {

    private final Incidents incidents;
    private final PersonalData data;

    IncidentsController(Incidents incidents, PersonalData data) {
        this.incidents = incidents;
        this.data = data;
    }

    @GetMapping("/me/incidents")
    String page(Authentication authentication, Model model) {
        Identity person = Identity.of(authentication);
        model.addAttribute("person", person);
        model.addAttribute("reports", incidents.reports(person.subject(), data.now()));
        model.addAttribute("rules", incidents.rules());
        model.addAttribute("zone", data.zone());
        return "incidents";
    }
}
