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
 */
@ConfigurationProperties("vivacite.portal.advice")
public record AdviceProperties(
        @DefaultValue("0.07") BigDecimal heatingSavingPerDegree,
        @DefaultValue("30") BigDecimal heatingMinimum,
        @DefaultValue("0.2") BigDecimal hotWaterSaving,
        @DefaultValue("0.1") BigDecimal hotWaterMinimumShare,
        @DefaultValue("100") BigDecimal baseLoadReference) {}
