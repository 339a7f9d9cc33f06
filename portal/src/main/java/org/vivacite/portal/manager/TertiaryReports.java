package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.opendata.Fluid;
import org.vivacite.portal.money.Tariffs;
import org.vivacite.portal.personal.PersonalData;

/**
 * A building manager's tertiary-sector decree reports: for each building assigned to them, its
 * facts from the public territory ({@link BuildingFacts}), the yearly consumption of its own meters
 * per energy ({@link BuildingData#own}, by days since 1 January of the earliest reference year), the
 * year's degree-days ({@link DegreeDays}), assessed by {@link TertiaryDecree}; and the declaration
 * as a CSV file ({@link #operatCsv}).
 *
 * <p>Energies in final energy, kWh: electricity and district heat as measured; gas measured in m³
 * converted day by day with the configured calorific value (kWh PCS, {@code
 * vivacite.money.gas-calorific-value}). Water is no energy and is not counted.
 */
public final class TertiaryReports {

    /** The energies read, in the order shown. */
    static final List<Fluid> ENERGIES = List.of(Fluid.ELECTRICITY, Fluid.GAS, Fluid.HEAT);

    private final BuildingData data;
    private final BuildingFacts facts;
    private final DegreeDays degreeDays;
    private final Tariffs tariffs;
    private final TertiaryDecree decree;

    public TertiaryReports(
            BuildingData data, BuildingFacts facts, DegreeDays degreeDays, Tariffs tariffs, TertiaryDecree decree) {
        this.data = data;
        this.facts = facts;
        this.degreeDays = degreeDays;
        this.tariffs = tariffs;
        this.decree = decree;
    }

    public TertiaryDecree decree() {
        return decree;
    }

    /** The assessments of every building assigned to the manager, subject to the decree or not. */
    public List<TertiaryDecree.Assessment> all(String subject) {
        List<TertiaryDecree.Assessment> out = new ArrayList<>();
        for (BuildingData.Building b : data.buildings(subject)) {
            out.add(assess(subject, b.id()));
        }
        return out;
    }

    /**
     * The assessment of one building assigned to the manager.
     *
     * @throws ManagerException.NotAssigned for a building not assigned to them
     */
    public TertiaryDecree.Assessment assess(String subject, String id) {
        if (id == null || data.buildings(subject).stream().noneMatch(b -> b.id().equals(id))) {
            throw new ManagerException.NotAssigned(id);
        }
        TertiaryDecree.Building building = facts.of(id).orElse(new TertiaryDecree.Building(id, id, null, null));
        if (decree.notSubjectBecause(building) != null) {
            return decree.assess(building, List.of(), Map.of());
        }
        ZoneId zone = data.zone();
        LocalDate today = data.now().atZone(zone).toLocalDate();
        int first = decree.properties().earliestReferenceYear();
        LocalDate from = LocalDate.of(first, 1, 1);
        LocalDate to = today.withDayOfYear(1).plusYears(1);
        List<TertiaryDecree.Annual> annual = new ArrayList<>();
        for (Fluid f : ENERGIES) {
            PersonalData.Consumption c = data.own(
                    subject,
                    id,
                    f.code,
                    "P1D",
                    from.atStartOfDay(zone).toInstant(),
                    to.atStartOfDay(zone).toInstant());
            Map<Integer, BigDecimal> kwh = new HashMap<>();
            Map<Integer, Integer> days = new HashMap<>();
            for (PersonalData.Series s : c.dwellings()) {
                for (PersonalData.Point p : s.points()) {
                    LocalDate day = p.from().atZone(zone).toLocalDate();
                    kwh.merge(day.getYear(), finalEnergy(f, day, p.value()), BigDecimal::add);
                    days.merge(day.getYear(), 1, Integer::sum);
                }
            }
            kwh.forEach((year, v) -> annual.add(new TertiaryDecree.Annual(
                    f.code,
                    year,
                    v,
                    year < today.getYear()
                            && days.get(year) == LocalDate.of(year, 1, 1).lengthOfYear(),
                    f.heating)));
        }
        Map<Integer, BigDecimal> dju = new HashMap<>();
        annual.stream()
                .map(TertiaryDecree.Annual::year)
                .distinct()
                .forEach(y -> degreeDays
                        .between(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1))
                        .ifPresent(v -> dju.put(y, v)));
        return decree.assess(building, annual, dju);
    }

    private BigDecimal finalEnergy(Fluid f, LocalDate day, BigDecimal value) {
        if (f != Fluid.GAS) {
            return value;
        }
        Optional<BigDecimal> pcs = tariffs.gasCalorificValue(day);
        return value.multiply(pcs.orElseThrow(() -> new ManagerException("no calorific value of gas on " + day
                + " (vivacite.money.gas-calorific-value): the gas meters' m³ cannot be given in kWh")));
    }

    /** The CSV's columns: the declaration's content, in our reading (not a verified OPERAT template). */
    public static final List<String> COLUMNS = List.of(
            "rnb_id",
            "efa",
            "nom",
            "usage",
            "surface_m2",
            "annee",
            "energie",
            "consommation_kwh_ef",
            "dju",
            "consommation_ajustee_kwh_ef",
            "annee_reference");

    /**
     * A building's declaration as CSV (UTF-8, {@code ;}-separated as French spreadsheets read it,
     * decimal point): a row per complete year and energy from the reference year on. The EFA
     * (<i>entité fonctionnelle assujettie</i>) is taken as the whole building, its RNB id: the
     * manager splits it on OPERAT when several activities share the building.
     *
     * @throws ManagerException when the building is not subject or has no reference year
     */
    public byte[] operatCsv(TertiaryDecree.Assessment a) {
        if (!a.subject()) {
            throw new ManagerException("building: " + a.building().id() + " is not subject to the decree (" + a.reason()
                    + "): there is nothing to declare");
        }
        if (a.referenceYear() == null) {
            throw new ManagerException("building: " + a.building().id()
                    + " has no complete year of consumption yet: there is nothing to declare");
        }
        StringBuilder s = new StringBuilder(String.join(";", COLUMNS)).append("\r\n");
        TertiaryDecree.Building b = a.building();
        for (TertiaryDecree.Year y : a.years()) {
            if (!y.complete() || y.year() < a.referenceYear()) {
                continue;
            }
            for (TertiaryDecree.Line l : y.lines()) {
                s.append(String.join(
                                ";",
                                b.id(),
                                b.id(),
                                cell(b.name()),
                                b.use(),
                                b.floorArea().stripTrailingZeros().toPlainString(),
                                Integer.toString(y.year()),
                                l.energy(),
                                l.kwh()
                                        .setScale(0, java.math.RoundingMode.HALF_UP)
                                        .toPlainString(),
                                y.degreeDays() == null ? "" : y.degreeDays().toPlainString(),
                                l.adjusted() == null ? "" : l.adjusted().toPlainString(),
                                a.referenceYear().toString()))
                        .append("\r\n");
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A text cell: quoted when it holds the separator, a quote or a line break (RFC 4180). */
    private static String cell(String v) {
        return v.matches("(?s).*[;\"\r\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
