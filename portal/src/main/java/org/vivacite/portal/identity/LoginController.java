package org.vivacite.portal.identity;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /login}: the embedded provider's form, or, with an external provider, a redirect to
 * it (through the OIDC login that {@code /oauth2/authorization/vivacite} starts).
 */
@Controller
class LoginController {

    private final IdentityProperties properties;

    LoginController(IdentityProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login() {
        return properties.external() ? "redirect:" + IdentityConfiguration.LOGIN_START : "login";
    }
}
