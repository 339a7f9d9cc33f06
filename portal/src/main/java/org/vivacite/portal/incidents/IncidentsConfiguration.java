package org.vivacite.portal.incidents;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The incidents of a person's dwellings ({@link Incidents}, also an alert source) and their page
 * {@code /me/incidents}; the rules' thresholds are {@code vivacite.incidents.*}. The application
 * imports it beside the personal API, whose {@code PersonalData} it reads.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(IncidentsProperties.class)
public class IncidentsConfiguration {}
