package org.vivacite.sparql;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The SPARQL API as a Spring configuration for the application to import. Its controllers read
 * the bean {@code publicStore} (a {@link org.vivacite.triplestore.QuadStore} holding public graphs
 * only) and {@link org.vivacite.triplestore.GraphNames}; they never see the private store.
 */
@Configuration
@ComponentScan
@EnableConfigurationProperties(SparqlProperties.class)
public class SparqlApi {}
