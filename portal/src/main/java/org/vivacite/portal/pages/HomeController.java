package org.vivacite.portal.pages;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vivacite.portal.identity.Identity;

/**
 * {@code GET /}: what the platform is and where its open doors are (open data, the catalogue, the
 * SPARQL endpoint), and the login; for a person logged in, who they are and the logout.
 */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication authentication, Model model) {
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            model.addAttribute("person", Identity.of(authentication));
        }
        return "home";
    }
}
