package org.vivacite.portal.money;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tariff and emission-factor timelines the bills read, under {@code vivacite.money.*}
 * (docs/configuration.md, docs/portal.md "Money and carbon"). Each file is a Spring resource
 * location ({@code classpath:…} or {@code file:…}); the defaults are the files shipped under {@code
 * tariffs/} in the portal module. The registry holds no subscribed power of a dwelling, so every
 * dwelling has the power configured here, and the option and off-peak hours configured here until
 * its household gives its own ({@link ContractStore}).
 *
 * @param electricityOption {@code base}, {@code hphc} (peak/off-peak) or {@code tempo}
 * @param subscribedKva the subscribed power ({@code P_SOUSCRITE} of the tariff files), kVA
 * @param offPeakHours the delivery point's off-peak windows for {@code hphc}, local time, {@code
 *     HH:mm-HH:mm} (Tempo's are always 22:00-06:00)
 * @param dailyOffPeakShare the share of a day's electricity counted off-peak when only daily
 *     amounts are known (no consent to half hours): an estimate, said so on the bill
 * @param electricityBase the regulated base tariff, CRE's {@code Option_Base.csv} format
 * @param electricityHphc the regulated peak/off-peak tariff, CRE's {@code Option_HPHC.csv} format
 * @param electricityTempo the regulated Tempo tariff, CRE's {@code Option_Tempo.csv} format
 * @param tempoCalendar the Tempo day colours as RTE publishes them: {@code date;colour}
 * @param gas gas price per kWh (PCS) and yearly subscription
 * @param gasCalorificValue kWh PCS per m³ per period
 * @param water yearly fixed part, price per m³ and sanitation per m³
 * @param heat district heat yearly subscription and price per kWh
 * @param emissionFactors kg CO2e per kWh per fluid and use, with their source
 * @param emissionUse the use whose factors are applied ({@code heating} by default)
 * @param pcsPerPci kWh PCS in a kWh PCI of natural gas, to apply a factor given per kWh PCI
 */
@ConfigurationProperties("vivacite.money")
public record MoneyProperties(
        @DefaultValue("base") String electricityOption,
        @DefaultValue("6") int subscribedKva,
        @DefaultValue("22:00-06:00") List<String> offPeakHours,
        @DefaultValue("0.3") BigDecimal dailyOffPeakShare,
        @DefaultValue("classpath:tariffs/trve-base.csv") String electricityBase,
        @DefaultValue("classpath:tariffs/trve-hphc.csv") String electricityHphc,
        @DefaultValue("classpath:tariffs/trve-tempo.csv") String electricityTempo,

        @DefaultValue("classpath:tariffs/tempo-calendar.csv")
        String tempoCalendar,

        @DefaultValue("classpath:tariffs/gas.csv") String gas,

        @DefaultValue("classpath:tariffs/gas-calorific-value.csv")
        String gasCalorificValue,

        @DefaultValue("classpath:tariffs/water.csv") String water,
        @DefaultValue("classpath:tariffs/heat.csv") String heat,

        @DefaultValue("classpath:tariffs/emission-factors.csv")
        String emissionFactors,

        @DefaultValue("heating") String emissionUse,
        @DefaultValue("1.11") BigDecimal pcsPerPci) {

    /** The defaults, as if nothing were configured. */
    public static MoneyProperties defaults() {
        return new MoneyProperties(
                "base",
                6,
                List.of("22:00-06:00"),
                new BigDecimal("0.3"),
                "classpath:tariffs/trve-base.csv",
                "classpath:tariffs/trve-hphc.csv",
                "classpath:tariffs/trve-tempo.csv",
                "classpath:tariffs/tempo-calendar.csv",
                "classpath:tariffs/gas.csv",
                "classpath:tariffs/gas-calorific-value.csv",
                "classpath:tariffs/water.csv",
                "classpath:tariffs/heat.csv",
                "classpath:tariffs/emission-factors.csv",
                "heating",
                new BigDecimal("1.11"));
    }

    /** The same with another electricity option, power, off-peak hours and Tempo calendar. */
    public MoneyProperties withElectricity(String option, int kva, List<String> offPeak, String calendar) {
        return new MoneyProperties(
                option,
                kva,
                offPeak,
                dailyOffPeakShare,
                electricityBase,
                electricityHphc,
                electricityTempo,
                calendar,
                gas,
                gasCalorificValue,
                water,
                heat,
                emissionFactors,
                emissionUse,
                pcsPerPci);
    }
}
