package org.vivacite.portal.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.vivacite.portal.personal.PersonalData;

/** What a fluid's consumption costs and emits, from the tariff and emission-factor timelines of the configuration. */
public interface Prices {

    /**
     * Euros, taxes included, of a consumption over {@code [from, to)}: each point's amount at the
     * price of its time, and the subscription pro rata over the period.
     *
     * @param fluid a fluid's code ({@code electricity}, {@code gas}, {@code water}, {@code heat})
     * @param points amounts in the unit {@link PersonalData#consumption} gives for the fluid
     */
    BigDecimal euros(String fluid, List<PersonalData.Point> points, Instant from, Instant to);

    /**
     * The same for a dwelling of the person's, at the electricity contract they gave for it (by
     * default, or when they gave none, as {@link #euros(String, List, Instant, Instant)}).
     */
    default BigDecimal euros(
            String subject, String dwelling, String fluid, List<PersonalData.Point> points, Instant from, Instant to) {
        return euros(fluid, points, from, to);
    }

    /** Kilograms of CO2 equivalent of a consumption (points as for {@link #euros}). */
    BigDecimal kgCo2e(String fluid, List<PersonalData.Point> points);
}
