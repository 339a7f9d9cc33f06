package org.vivacite.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.vivacite.portal.identity.IdentityConfiguration;
import org.vivacite.portal.pages.PagesConfiguration;
import org.vivacite.sparql.SparqlApi;
import org.vivacite.triplestore.StoreProperties;

/** The Spring Boot application that {@code vivacite serve} starts. */
// Gateways and operators authenticate with bearer tokens (security.SecurityConfiguration); people
// log in through OIDC (portal's IdentityConfiguration), whose accounts are its own.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties({VivaciteProperties.class, StoreProperties.class})
@Import({SparqlApi.class, IdentityConfiguration.class, PagesConfiguration.class})
public class VivaciteServer {}
