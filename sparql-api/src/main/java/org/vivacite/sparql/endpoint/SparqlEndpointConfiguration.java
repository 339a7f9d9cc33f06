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

    /**
     * The endpoint times its queries itself (vivacite.sparql.queries); Spring's per-request HTTP
     * observation would only add its cost to every query a partner sends.
     */
    @Bean
    io.micrometer.observation.ObservationPredicate noHttpObservationOfSparql() {
        return (name, context) ->
                !(context instanceof org.springframework.http.server.observation.ServerRequestObservationContext request
                        && request.getCarrier().getRequestURI().startsWith("/sparql"));
    }

    /** The public store's queries under the endpoint's limits, shared by every public read path. */
    @Bean
    PublicQueries publicQueries(@Qualifier("publicStore") QuadStore store, SparqlProperties settings) {
        return new PublicQueries(store, settings);
    }

    @Bean
    ServletRegistrationBean<SparqlServlet> sparqlServlet(
            PublicQueries queries,
            @Qualifier("publicStore") QuadStore store,
            SparqlProperties settings,
            @Value("${vivacite.base-iri}") String base,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> metrics) {
        ServletRegistrationBean<SparqlServlet> registration = new ServletRegistrationBean<>(
                new SparqlServlet(
                        queries,
                        store,
                        settings,
                        base,
                        metrics.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)),
                "/sparql",
                "/sparql/",
                "/.well-known/void");
        registration.setName("sparql");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
