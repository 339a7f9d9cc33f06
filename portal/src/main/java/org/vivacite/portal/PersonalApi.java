package org.vivacite.portal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.vivacite.portal.advice.AdviceProperties;
import org.vivacite.portal.consent.ReceiptProperties;
import org.vivacite.portal.enrolment.EnrolmentProperties;
import org.vivacite.portal.enrolment.RedemptionRate;

/**
 * The personal API's controllers (enrolment, consents and receipts, meters and consumption, the
 * rights: export, erasure, rectification, access log) for the application to import beside {@code
 * IdentityConfiguration}, whose chain authenticates {@code /api/me/**}. The application provides
 * what they work on, over its private store: a {@code StoreEnrolments}, {@code PersonalConsents},
 * {@code ConsentReceipts}, {@code PersonalData}, {@code PersonalExport}, {@code Erasure}, {@code
 * DwellingFacts}, {@code AccessLog} and a {@code Clock}.
 */
@Configuration
@ComponentScan(
        basePackages = {
            "org.vivacite.portal.advice",
            "org.vivacite.portal.enrolment",
            "org.vivacite.portal.consent",
            "org.vivacite.portal.dashboard",
            "org.vivacite.portal.history",
            "org.vivacite.portal.personal",
            "org.vivacite.portal.rights"
        })
@EnableConfigurationProperties({EnrolmentProperties.class, ReceiptProperties.class, AdviceProperties.class})
public class PersonalApi {

    /** How often codes may be tried ({@code vivacite.portal.enrolment.*}). */
    @Bean
    RedemptionRate redemptionRate(EnrolmentProperties properties) {
        return properties.rate();
    }
}
