package org.vivacite.portal.consent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who consent receipts name as the controller of the data (Kantara {@code piiControllers}, {@code
 * policyUrl}), under {@code vivacite.portal.consent-receipts.*} (docs/consent.md). A key left empty
 * takes the open-data catalogue's value (its publisher, contact point and home page), which is the
 * same organisation; the address defaults to the demo city's, Grenoble-Alpes Métropole's seat.
 *
 * @param controllerName the organisation's name
 * @param controllerContact whom to contact (its data protection officer)
 * @param controllerAddress its postal address
 * @param controllerEmail its e-mail address
 * @param policyUrl its privacy policy
 */
@ConfigurationProperties("vivacite.portal.consent-receipts")
public record ReceiptProperties(
        String controllerName,
        String controllerContact,
        @DefaultValue("3 rue Malakoff, 38000 Grenoble") String controllerAddress,
        String controllerEmail,
        String policyUrl) {

    /** The controller of these settings, each empty one taken from {@code fallback}. */
    public ConsentReceipts.Controller controller(ConsentReceipts.Controller fallback) {
        return new ConsentReceipts.Controller(
                or(controllerName, fallback.name()),
                or(controllerContact, fallback.contact()),
                or(controllerAddress, fallback.address()),
                or(controllerEmail, fallback.email()),
                or(policyUrl, fallback.policyUrl()));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
