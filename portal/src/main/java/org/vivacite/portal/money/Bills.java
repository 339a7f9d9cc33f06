package org.vivacite.portal.money;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalException;

/**
 * A person's bills of a fluid over a period, one per dwelling they are enrolled in that has a meter
 * of the fluid, from {@link PersonalData#consumption} (their personal view) only. The days come as
 * daily amounts, electricity at each dwelling's contract ({@link Billing#contract}); under the
 * peak/off-peak and Tempo options, the half hours are asked too and a day
 * whose half hours are all there is priced by them, another by its daily amount (an estimate, said
 * on the bill). Half hours refused (no consent to them, or too many for the period) leave every day
 * estimated.
 */
public final class Bills {

    private final PersonalData data;
    private final Billing billing;

    public Bills(PersonalData data, Billing billing) {
        this.data = data;
        this.billing = billing;
    }

    /**
     * @throws PersonalException naming the parameter refused (fluid, period)
     * @throws MoneyException naming what the configuration lacks to price the consumption
     */
    public List<Bill> of(String subject, String fluid, Instant from, Instant to) {
        Billing.unitOf(fluid == null ? "" : fluid);
        Set<String> dwellings = data.meters(subject).stream()
                .filter(m -> fluid.equals(m.fluid()))
                .map(PersonalData.Meter::dwelling)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (dwellings.isEmpty()) {
            return List.of();
        }
        PersonalData.Consumption daily = data.consumption(subject, null, fluid, "P1D", from, to);
        PersonalData.Consumption fine = null;
        if (fluid.equals("electricity")
                && dwellings.stream().anyMatch(d -> billing.contract(subject, d).option() != Tariffs.Option.BASE)) {
            try {
                fine = data.consumption(subject, null, fluid, "PT30M", from, to);
            } catch (PersonalException.NotEnrolled e) {
                throw e;
            } catch (PersonalException e) {
                fine = null; // no consent to half hours, or too many: the days are estimated
            }
        }
        String unit = daily.unit().endsWith("/M3") ? "m3" : "kWh";
        List<Bill> out = new ArrayList<>();
        for (PersonalData.Series series : daily.dwellings()) {
            if (!dwellings.contains(series.dwelling())) {
                continue;
            }
            List<PersonalData.Point> halves = fine == null
                    ? List.of()
                    : fine.dwellings().stream()
                            .filter(s -> s.dwelling().equals(series.dwelling()))
                            .flatMap(s -> s.points().stream())
                            .toList();
            out.add(billing.bill(
                    series.dwelling(),
                    fluid,
                    unit,
                    merge(series.points(), halves),
                    daily.from(),
                    daily.to(),
                    billing.contract(subject, series.dwelling())));
        }
        return out;
    }

    /** Each day as its half hours when they tile it, else as its amount (both in time order). */
    static List<PersonalData.Point> merge(List<PersonalData.Point> days, List<PersonalData.Point> halves) {
        List<PersonalData.Point> out = new ArrayList<>();
        int next = 0;
        for (PersonalData.Point day : days) {
            while (next < halves.size() && halves.get(next).from().isBefore(day.from())) {
                next++;
            }
            List<PersonalData.Point> in = new ArrayList<>();
            long covered = 0;
            while (next < halves.size() && !halves.get(next).to().isAfter(day.to())) {
                PersonalData.Point h = halves.get(next++);
                in.add(h);
                covered += Duration.between(h.from(), h.to()).toSeconds();
            }
            if (!in.isEmpty()
                    && covered == Duration.between(day.from(), day.to()).toSeconds()) {
                out.addAll(in);
            } else {
                out.add(day);
            }
        }
        return out;
    }
}
