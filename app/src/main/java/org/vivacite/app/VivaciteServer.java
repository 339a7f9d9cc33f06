package org.vivacite.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.vivacite.sparql.SparqlApi;
import org.vivacite.triplestore.StoreProperties;

/** The Spring Boot application that {@code vivacite serve} starts. */
// No user database: callers authenticate with bearer tokens (security.SecurityConfiguration).
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties({VivaciteProperties.class, StoreProperties.class})
@Import(SparqlApi.class)
public class VivaciteServer {}
