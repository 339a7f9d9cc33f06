package org.vivacite.app.personal;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.vivacite.portal.incidents.IncidentsConfiguration;

/**
 * The portal's incidents (page {@code /me/incidents} and alert source) over the personal API's
 * {@code PersonalData} ({@link PersonalConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import(IncidentsConfiguration.class)
class IncidentsSetup {}
