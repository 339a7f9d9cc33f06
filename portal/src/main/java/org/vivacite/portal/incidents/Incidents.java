package org.vivacite.portal.incidents;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.alerts.Alert;
import org.vivacite.portal.alerts.AlertSource;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalData.Point;
import org.vivacite.portal.personal.PersonalException;

/**
 * A person's incidents, per dwelling they are enrolled in now that has a water meter: the {@link
 * Rules} applied to the dwelling's water, read through {@link PersonalData} (so only the person's
 * own time in the dwelling, at the steps their household consents to).
 *
 * <ul>
 *   <li>The two leak rules need hours: they run only when the household consents to fine data at
 *       an hour or finer ({@link PersonalData#finestStep}); otherwise they are not run, and the
 *       report says so. The hours are asked a few weeks at a time, as {@code PersonalData} answers
 *       fine steps. Daily data cannot tell a leak from a busy day: no daily substitute is
 *       guessed.
 *   <li>The abnormal-consumption rule reads daily data, which needs no consent to fine data; it
 *       runs when the person's time in the dwelling covers the same period of a previous year.
 *   <li>Beside the rules, the alarms the water meters report of themselves ({@link
 *       PersonalData#alarms}: leak, burst, backflow, dry) over the same days, one {@link MeterFlag}
 *       per meter and alarm: ongoing unless the dwelling's water has been read to a later time than
 *       the alarm's latest report (later readings came without it).
 * </ul>
 *
 * The ongoing incidents and meter alarms are also the person's alerts ({@link AlertSource}).
 */
@Component
public class Incidents implements AlertSource {

    private static final String WATER = "water";
    private static final BigDecimal LITRES_PER_M3 = BigDecimal.valueOf(1000);

    /**
     * The most days one request for hours asks: {@link PersonalData} answers at most {@link
     * PersonalData#MAX_FINE_STEPS} fine steps at a time (a day less, for the clock changes).
     */
    private static final int HOURS_REQUEST_DAYS = PersonalData.MAX_FINE_STEPS / 24 - 1;

    private final PersonalData data;
    private final IncidentsProperties rules;

    public Incidents(PersonalData data, IncidentsProperties rules) {
        this.data = data;
        this.rules = rules;
    }

    /**
     * What was looked at in a dwelling and found.
     *
     * @param dwelling its IRI
     * @param from the first day looked at by the leak rules
     * @param to the last day looked at (yesterday)
     * @param hourly whether the leak rules ran (the household consents to hourly data or finer)
     * @param hours how many hours with an amount they had to look at (none: nothing to judge)
     * @param history whether the abnormal rule had a previous year to compare with
     * @param incidents the incidents found, ongoing first, then the latest first
     * @param flags the alarms its water meters reported, ongoing first, then the latest first
     */
    public record Report(
            String dwelling,
            LocalDate from,
            LocalDate to,
            boolean hourly,
            int hours,
            boolean history,
            List<Incident> incidents,
            List<MeterFlag> flags) {

        /** Whether the page gives what to do after this incident: the first of its kind (leak, abnormal). */
        public boolean advise(Incident incident) {
            return incidents.stream()
                            .filter(i -> i.rule().kind.equals(incident.rule().kind))
                            .findFirst()
                            .orElse(null)
                    == incident;
        }

        /**
         * Whether the page gives what to do after a meter's alarm: an ongoing burst, or an ongoing
         * leak when no rule found a leak (whose advice is given already), the first of its kind.
         */
        public boolean advise(MeterFlag flag) {
            if (!flag.current()
                    || !(flag.kind().equals("burst") || flag.kind().equals("leak"))
                    || flag.kind().equals("leak")
                            && incidents.stream().anyMatch(i -> i.rule().kind.equals("leak"))) {
                return false;
            }
            return flags.stream()
                            .filter(f -> f.kind().equals(flag.kind()))
                            .findFirst()
                            .orElse(null)
                    == flag;
        }
    }

    public IncidentsProperties rules() {
        return rules;
    }

    /** The reports of the person's dwellings that have a water meter, at {@code now}. */
    public List<Report> reports(String subject, Instant now) {
        ZoneId zone = data.zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = today.minusDays(rules.lookBackDays());
        List<String> dwellings = data.meters(subject).stream()
                .filter(m -> WATER.equals(m.fluid()))
                .map(PersonalData.Meter::dwelling)
                .distinct()
                .toList();
        List<Report> out = new ArrayList<>();
        List<PersonalData.MeterAlarm> alarms = dwellings.isEmpty()
                ? List.of()
                : data.alarms(subject, first.atStartOfDay(zone).toInstant(), now);
        for (String d : dwellings) {
            List<Incident> found = new ArrayList<>();
            boolean hourly = !data.finestStep(d).equals("P1D");
            List<Point> hours = new ArrayList<>();
            if (hourly) {
                try {
                    for (LocalDate from = first; from.isBefore(today); from = from.plusDays(HOURS_REQUEST_DAYS)) {
                        LocalDate to = from.plusDays(HOURS_REQUEST_DAYS).isBefore(today)
                                ? from.plusDays(HOURS_REQUEST_DAYS)
                                : today;
                        hours.addAll(litres(subject, d, "PT1H", from, to));
                    }
                    found.addAll(Rules.neverZero(d, hours, zone, rules.noFlowLitresPerHour()));
                    found.addAll(Rules.nightFlow(
                            d,
                            hours,
                            zone,
                            rules.nightFrom(),
                            rules.nightTo(),
                            rules.nightFlowLitresPerHour(),
                            rules.nights()));
                } catch (PersonalException e) {
                    hourly = false; // the consent ended between the two reads
                    hours.clear();
                }
            }
            List<Point> days = litres(
                    subject, d, "P1D", today.minusDays(rules.abnormalDays()).minusYears(rules.abnormalYears()), today);
            boolean history = Rules.hasPreviousYear(days, zone, today, rules.abnormalDays(), rules.abnormalYears());
            Rules.abnormal(d, days, zone, today, rules.abnormalDays(), rules.abnormalYears(), rules.abnormalFactor())
                    .ifPresent(found::add);
            found.sort(Comparator.comparing(Incident::current)
                    .reversed()
                    .thenComparing(Incident::to, Comparator.reverseOrder())
                    .thenComparing(i -> i.rule().ordinal()));
            Instant readTo = java.util.stream.Stream.concat(hours.stream(), days.stream())
                    .map(Point::to)
                    .max(Comparator.naturalOrder())
                    .orElse(Instant.MIN);
            List<MeterFlag> flags =
                    flags(alarms.stream().filter(a -> a.dwelling().equals(d)).toList(), readTo);
            out.add(new Report(d, first, today.minusDays(1), hourly, hours.size(), history, List.copyOf(found), flags));
        }
        return out;
    }

    /**
     * The ongoing incidents: one alert per rule and dwelling, whose id stays the same while the
     * incident lasts (and when it comes back: the dispatcher decides whether to send it again).
     */
    @Override
    public List<Alert> alerts(String subject, Instant now) {
        List<Alert> out = new ArrayList<>();
        for (Report r : reports(subject, now)) {
            for (Incident i : r.incidents()) {
                if (i.current()) {
                    out.add(new Alert(
                            "incidents/" + i.rule().id + "/" + r.dwelling(),
                            r.dwelling(),
                            i.rule().kind,
                            i.from().atStartOfDay(data.zone()).toInstant(),
                            "incidents.alert." + i.rule().id,
                            List.of(
                                    i.from().toString(),
                                    i.measured().stripTrailingZeros().toPlainString(),
                                    i.limit().stripTrailingZeros().toPlainString(),
                                    Integer.toString(i.count()))));
                }
            }
            for (MeterFlag f : r.flags()) {
                if (f.current()) {
                    out.add(new Alert(
                            "incidents/meter-" + f.kind() + "/" + r.dwelling(),
                            r.dwelling(),
                            "meter-flag",
                            f.since(),
                            "incidents.alert.meter." + f.kind(),
                            List.of(
                                    f.since().atZone(data.zone()).toLocalDate().toString(),
                                    f.last().atZone(data.zone()).toLocalDate().toString())));
                }
            }
        }
        return out;
    }

    /**
     * One flag per meter and alarm from a dwelling's alarms (in time order), ongoing first, then
     * the latest first.
     *
     * @param readTo the end of the latest step of the dwelling's water that has an amount
     */
    static List<MeterFlag> flags(List<PersonalData.MeterAlarm> alarms, Instant readTo) {
        java.util.Map<List<String>, List<PersonalData.MeterAlarm>> byMeter = new java.util.LinkedHashMap<>();
        alarms.forEach(a -> byMeter.computeIfAbsent(List.of(a.meter(), a.quantity()), k -> new ArrayList<>())
                .add(a));
        List<MeterFlag> out = new ArrayList<>();
        byMeter.forEach((key, list) -> {
            PersonalData.MeterAlarm first = list.get(0);
            PersonalData.MeterAlarm last = list.get(list.size() - 1);
            Instant claimed = last.time().minusSeconds(last.hours().longValue() * 3600);
            out.add(new MeterFlag(
                    key.get(0),
                    MeterFlag.kind(key.get(1)),
                    first.time(),
                    last.time(),
                    last.hours(),
                    claimed.isBefore(first.time()) ? claimed : first.time(),
                    !last.time().isBefore(readTo)));
        });
        out.sort(Comparator.comparing(MeterFlag::current)
                .reversed()
                .thenComparing(MeterFlag::last, Comparator.reverseOrder()));
        return List.copyOf(out);
    }

    /** The dwelling's water over {@code [from, to)} local days in steps, litres. */
    private List<Point> litres(String subject, String dwelling, String step, LocalDate from, LocalDate to) {
        ZoneId zone = data.zone();
        PersonalData.Consumption c = data.consumption(
                subject,
                dwelling,
                WATER,
                step,
                from.atStartOfDay(zone).toInstant(),
                to.atStartOfDay(zone).toInstant());
        BigDecimal factor = c.unit().equals(Namespaces.UNIT + "M3") ? LITRES_PER_M3 : BigDecimal.ONE;
        return c.dwellings().stream()
                .filter(s -> s.dwelling().equals(dwelling))
                .flatMap(s -> s.points().stream())
                .map(p -> new Point(p.from(), p.to(), p.value().multiply(factor)))
                .toList();
    }
}
