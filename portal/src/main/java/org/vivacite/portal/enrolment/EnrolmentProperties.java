package org.vivacite.portal.enrolment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often enrolment codes may be tried, under {@code vivacite.portal.enrolment.*}
 * (docs/consent.md): token buckets of {@link RedemptionRate}, one per account and one per client
 * address, each refilling its size over {@code period}.
 *
 * @param perAccount tries of one account in a period
 * @param perAddress tries from one client address in a period (a help desk enrols several households)
 * @param period the time an empty bucket takes to refill
 */
@ConfigurationProperties("vivacite.portal.enrolment")
public record EnrolmentProperties(
        @DefaultValue("5") long perAccount,
        @DefaultValue("30") long perAddress,
        @DefaultValue("1h") Duration period) {

    /** The rate these settings describe; a setting out of range is refused naming its key. */
    public RedemptionRate rate() {
        try {
            return new RedemptionRate(
                    new RedemptionRate.Limit(perAccount, period), new RedemptionRate.Limit(perAddress, period));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "vivacite.portal.enrolment.per-account, per-address, period: " + e.getMessage(), e);
        }
    }
}
