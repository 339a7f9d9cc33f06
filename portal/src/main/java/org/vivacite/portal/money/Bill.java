package org.vivacite.portal.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A bill-like breakdown of a fluid's consumption over a period, for one dwelling: the subscription
 * pro rata of the days, the energy (or water) per tariff period and price period, the taxes when
 * the tariff gives prices without them, the total with taxes, and the kilograms of CO2 equivalent.
 *
 * @param dwelling the dwelling (IRI), null for points priced on their own ({@link Prices})
 * @param fluid {@code electricity}, {@code gas}, {@code water} or {@code heat}
 * @param from the first day billed (local)
 * @param to the day after the last one billed
 * @param option the electricity option ({@code base}, {@code hphc}, {@code tempo}), null for the others
 * @param unit the unit of {@code quantity}: {@code kWh} (gas in kWh PCS, converted) or {@code m3}
 * @param quantity what was consumed over the points priced
 * @param lines the subscription lines first, then the consumption lines, by date
 * @param totalTtc euros with taxes: the sum of the lines, each rounded to the cent
 * @param totalHt euros without taxes when every line has them, else null
 * @param taxes {@code totalTtc - totalHt}, null when {@code totalHt} is
 * @param kgCo2e kilograms of CO2 equivalent, null when a day priced has no emission factor
 * @param emissionSources where the factors applied come from
 * @param notes what the reader must know: estimates, conversions, days without a tariff
 */
public record Bill(
        String dwelling,
        String fluid,
        LocalDate from,
        LocalDate to,
        String option,
        String unit,
        BigDecimal quantity,
        List<Line> lines,
        BigDecimal totalTtc,
        BigDecimal totalHt,
        BigDecimal taxes,
        BigDecimal kgCo2e,
        List<String> emissionSources,
        List<Note> notes) {

    /**
     * A line of the bill.
     *
     * @param item {@code subscription}, {@code energy}, {@code water} or {@code sanitation}
     * @param period the price period: {@code base}, {@code hc}, {@code hp}, {@code hc-blue} … {@code
     *     hp-red}; null for the subscription and single-price items
     * @param from the first day of the line (the tariff's period within the bill's)
     * @param to the day after its last day
     * @param quantity days (of the subscription, fractions for part days), kWh or m³
     * @param unit {@code day}, {@code kWh} or {@code m3}
     * @param unitPrice euros with taxes per unit; for the subscription, per year
     * @param amountHt euros without taxes, null when the tariff does not give them
     * @param amountTtc euros with taxes, rounded to the cent
     */
    public record Line(
            String item,
            String period,
            LocalDate from,
            LocalDate to,
            BigDecimal quantity,
            String unit,
            BigDecimal unitPrice,
            BigDecimal amountHt,
            BigDecimal amountTtc) {}

    /**
     * Something the reader must know, as a code and its arguments (the page says it in words:
     * {@code money.note.<code>}).
     *
     * @param code {@code off-peak-estimated} (share), {@code gas-converted} (m³, kWh PCS per m³),
     *     {@code no-tariff} (from, to), {@code no-subscription} (from, to), {@code no-emission-factor}
     */
    public record Note(String code, List<String> args) {}
}
