package org.vivacite.portal.advice;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The advice's thresholds and assumptions ({@code vivacite.portal.advice.*}, docs/portal.md#advice-meadvice).
 *
 * @param heatingSavingPerDegree the share of heating saved by one degree less indoors (ADEME: about 7 %)
 * @param heatingMinimum the least estimated heating, in the fluid's unit over the last 30 days, worth a tip
 * @param hotWaterSaving the share of hot water an efficient shower head saves (an assumption of the configuration)
 * @param hotWaterMinimumShare the least share of the year's gas or heat that hot water must be to be worth a tip
 * @param baseLoadReference the night base load, in watts, above which the standby tip is given
 * @param shiftableShare the share of a household's electricity whose time of use can be moved (an
 *     electric water heater on its off-peak contact, washing machine, dishwasher): an assumption,
 *     whose source {@code shiftableSource} names
 * @param shiftableSource where {@code shiftableShare} comes from, shown on the page
 * @param peakMinimumEuros the least saving, in euros, a peak-hour or Tempo tip must be worth
 * @param districtMargin how far above the district's homes per degree-day (a share: 0.2 = 20 %) a
 *     home's consumption must be for the degree-day tip
 */
@ConfigurationProperties("vivacite.portal.advice")
public record AdviceProperties(
        @DefaultValue("0.07") BigDecimal heatingSavingPerDegree,
        @DefaultValue("30") BigDecimal heatingMinimum,
        @DefaultValue("0.2") BigDecimal hotWaterSaving,
        @DefaultValue("0.1") BigDecimal hotWaterMinimumShare,
        @DefaultValue("100") BigDecimal baseLoadReference,
        @DefaultValue("0.15") BigDecimal shiftableShare,

        @DefaultValue("ADEME, household electricity by use: hot water and washing, order of magnitude")
        String shiftableSource,

        @DefaultValue("1") BigDecimal peakMinimumEuros,
        @DefaultValue("0.2") BigDecimal districtMargin) {

    /** The defaults, as if nothing were configured. */
    public static AdviceProperties defaults() {
        return new AdviceProperties(
                new BigDecimal("0.07"),
                new BigDecimal("30"),
                new BigDecimal("0.2"),
                new BigDecimal("0.1"),
                new BigDecimal("100"),
                new BigDecimal("0.15"),
                "ADEME, household electricity by use: hot water and washing, order of magnitude",
                BigDecimal.ONE,
                new BigDecimal("0.2"));
    }
}
