package org.vivacite.portal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.vivacite.portal.consent.ReceiptProperties;
import org.vivacite.portal.enrolment.EnrolmentProperties;
import org.vivacite.portal.enrolment.RedemptionRate;

/**
 * The personal API's controllers (enrolment, consents and receipts, meters and consumption) for
 * the application to import beside {@code IdentityConfiguration}, whose chain authenticates {@code
 * /api/me/**}. The application provides what they work on, over its private store: a {@code
 * StoreEnrolments}, {@code PersonalConsents}, {@code ConsentReceipts} and {@code PersonalData}.
 */
@Configuration
@ComponentScan(
        basePackages = {"org.vivacite.portal.enrolment", "org.vivacite.portal.consent", "org.vivacite.portal.personal"})
@EnableConfigurationProperties({EnrolmentProperties.class, ReceiptProperties.class})
public class PersonalApi {

    /** How often codes may be tried ({@code vivacite.portal.enrolment.*}). */
    @Bean
    RedemptionRate redemptionRate(EnrolmentProperties properties) {
        return properties.rate();
    }
}
