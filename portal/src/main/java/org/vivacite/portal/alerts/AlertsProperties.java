package org.vivacite.portal.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alerts, under {@code vivacite.portal.alerts.*} (docs/configuration.md); the mail
 * server is Spring Boot's {@code spring.mail.*}.
 *
 * @param period how often the alerts are looked for and the new ones e-mailed
 * @param from the sender of the alert e-mails
 * @param pageUrl the targets page's address, given in the e-mails; empty: {@code {base-iri}me/targets}
 */
@ConfigurationProperties("vivacite.portal.alerts")
public record AlertsProperties(
        @DefaultValue("PT15M") Duration period,
        @DefaultValue("vivacite@localhost") String from,
        String pageUrl) {}
