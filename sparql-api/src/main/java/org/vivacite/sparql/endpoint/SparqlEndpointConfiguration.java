package org.vivacite.sparql.endpoint;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.sparql.SparqlProperties;
import org.vivacite.triplestore.QuadStore;

/** Registers the SPARQL endpoint's servlet at {@code /sparql}, {@code /sparql/} and {@code /.well-known/void}. */
@Configuration
class SparqlEndpointConfiguration {

    @Bean
    ServletRegistrationBean<SparqlServlet> sparqlServlet(
            @Qualifier("publicStore") QuadStore store,
            SparqlProperties settings,
            @Value("${vivacite.base-iri}") String base) {
        ServletRegistrationBean<SparqlServlet> registration = new ServletRegistrationBean<>(
                new SparqlServlet(store, settings, base), "/sparql", "/sparql/", "/.well-known/void");
        registration.setName("sparql");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
