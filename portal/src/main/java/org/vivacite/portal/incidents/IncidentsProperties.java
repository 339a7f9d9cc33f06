package org.vivacite.portal.incidents;

import java.math.BigDecimal;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The incident rules' thresholds ({@code vivacite.incidents.*}, docs/configuration.md).
 *
 * @param lookBackDays how many past days the leak rules look at (up to yesterday)
 * @param noFlowLitresPerHour an hour whose volume is at most this counts as "no flow" for the
 *     24-hour rule (a meter's resolution, and a meter's own "leak limit")
 * @param nightFrom the start of the night, local time
 * @param nightTo the end of the night, local time (same day, after {@code nightFrom})
 * @param nightFlowLitresPerHour the night's mean flow above which a night counts as leaking
 * @param nights how many leaking nights in a row make a leak
 * @param abnormalFactor how many times the average of previous years makes a period abnormal
 * @param abnormalDays the period's length in days, ending yesterday
 * @param abnormalYears how many previous years the average is taken over (the law says three)
 */
@ConfigurationProperties("vivacite.incidents")
public record IncidentsProperties(
        @DefaultValue("30") int lookBackDays,
        @DefaultValue("2") BigDecimal noFlowLitresPerHour,
        @DefaultValue("01:00") LocalTime nightFrom,
        @DefaultValue("05:00") LocalTime nightTo,
        @DefaultValue("5") BigDecimal nightFlowLitresPerHour,
        @DefaultValue("3") int nights,
        @DefaultValue("2") BigDecimal abnormalFactor,
        @DefaultValue("30") int abnormalDays,
        @DefaultValue("3") int abnormalYears) {

    public IncidentsProperties {
        if (lookBackDays < 1 || abnormalDays < 1 || abnormalYears < 1 || nights < 1) {
            throw new IllegalArgumentException("vivacite.incidents: look-back-days, abnormal-days, abnormal-years"
                    + " and nights must be at least 1");
        }
        if (!nightTo.isAfter(nightFrom)) {
            throw new IllegalArgumentException(
                    "vivacite.incidents.night-to: " + nightTo + " is not after night-from: " + nightFrom);
        }
        if (noFlowLitresPerHour.signum() < 0 || nightFlowLitresPerHour.signum() < 0 || abnormalFactor.signum() <= 0) {
            throw new IllegalArgumentException("vivacite.incidents: no-flow-litres-per-hour and"
                    + " night-flow-litres-per-hour must not be negative, abnormal-factor must be positive");
        }
    }

    /** The defaults, as application.yml has them. */
    public static IncidentsProperties defaults() {
        return new IncidentsProperties(
                30,
                BigDecimal.valueOf(2),
                LocalTime.of(1, 0),
                LocalTime.of(5, 0),
                BigDecimal.valueOf(5),
                3,
                BigDecimal.valueOf(2),
                30,
                3);
    }
}
