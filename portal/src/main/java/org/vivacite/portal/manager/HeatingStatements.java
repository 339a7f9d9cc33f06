package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.vivacite.portal.personal.PersonalData;

/**
 * A building manager's heating statements (issue 21, "billing by individual consumption"): the
 * building's heating cost for a period, as the manager gives it, split between its dwellings by
 * {@link HeatCostSplit} with the configured common share, keys and correction coefficients
 * ({@link HeatingProperties}), from every dwelling's units read by {@link BuildingData#forSplit}.
 *
 * <p>A dwelling's units are kept to the computation unless its household shares them with the
 * manager over the whole period: its {@link Statement} then has no units ({@code null}), only its
 * amounts, which the manager needs to bill. What leaves this class carries no unshared units,
 * neither per dwelling nor as the building's total (which, less the shown ones, would give them).
 */
public final class HeatingStatements {

    /** The devices a split reads, by the fluid {@link PersonalData} serves them as. */
    public static final List<String> DEVICES = List.of(PersonalData.HEAT_COST_ALLOCATION, "heat");

    private final BuildingData data;
    private final HeatingProperties properties;

    public HeatingStatements(BuildingData data, HeatingProperties properties) {
        this.data = data;
        this.properties = properties;
    }

    public ZoneId zone() {
        return data.zone();
    }

    public LocalDate today() {
        return data.now().atZone(data.zone()).toLocalDate();
    }

    public List<BuildingData.Building> buildings(String subject) {
        return data.buildings(subject);
    }

    public HeatingProperties properties() {
        return properties;
    }

    /**
     * A dwelling's statement.
     *
     * @param key the dwelling's key: the last segment of its IRI
     * @param basis its floor area (m²) or tantièmes, as {@link HeatingProperties#commonBasis()} says
     * @param units what its devices measured over the period; null when its household does not
     *     share it with the manager
     */
    public record Statement(
            String dwelling,
            String key,
            BigDecimal basis,
            BigDecimal units,
            BigDecimal coefficient,
            BigDecimal common,
            BigDecimal variable,
            BigDecimal total) {

        public boolean withheld() {
            return units == null;
        }
    }

    /**
     * A building's statements for a period: the summary and one statement per dwelling.
     *
     * @param device what the variable part is divided by ({@link #DEVICES})
     * @param to the last day of the period, included
     * @param basisTotal the sum of the dwellings' keys
     * @param withheld how many dwellings' units are not shown
     */
    public record Statements(
            String building,
            String device,
            LocalDate from,
            LocalDate to,
            BigDecimal cost,
            BigDecimal commonShare,
            String commonBasis,
            BigDecimal commonCost,
            BigDecimal variableCost,
            BigDecimal basisTotal,
            List<Statement> statements,
            int withheld) {

        /** The sum of the statements' totals: the cost, to the cent. */
        public BigDecimal total() {
            return statements.stream().map(Statement::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /**
     * The statements of a building assigned to the manager, for the days {@code from} to {@code to}
     * included; every dwelling's read is in its access log.
     *
     * @throws ManagerException naming the input refused: an unknown device, a period that is not
     *     one, a dwelling without a reading or key, a cost {@link HeatCostSplit} refuses
     * @throws ManagerException.NotAssigned for a building not assigned to the manager
     */
    public Statements issue(
            String subject, String building, String device, LocalDate from, LocalDate to, BigDecimal cost) {
        if (!DEVICES.contains(device)) {
            throw new ManagerException("device: '" + device + "' is none of " + DEVICES);
        }
        if (to.isBefore(from)) {
            throw new ManagerException("to: " + to + " is before from: " + from);
        }
        List<BuildingData.Metered> read = data.forSplit(
                subject,
                building,
                device,
                from.atStartOfDay(data.zone()).toInstant(),
                to.plusDays(1).atStartOfDay(data.zone()).toInstant());
        if (read.isEmpty()) {
            throw new ManagerException("building: " + building + " has no dwelling in the private store");
        }
        List<String> unread = read.stream()
                .filter(m -> m.units() == null)
                .map(m -> key(m.dwelling()))
                .toList();
        if (!unread.isEmpty()) {
            throw new ManagerException("from, to: " + unread.size() + " of " + read.size() + " dwellings have no "
                    + device + " reading from " + from + " to " + to + " " + unread
                    + "; choose a period their devices were read in");
        }
        boolean byArea = HeatingProperties.FLOOR_AREA.equals(properties.commonBasis());
        List<HeatCostSplit.Share> shares = new ArrayList<>();
        for (BuildingData.Metered m : read) {
            String k = key(m.dwelling());
            BigDecimal basis = byArea ? m.floorArea() : properties.shares().get(k);
            if (basis == null) {
                throw new ManagerException("dwelling " + k + ": "
                        + (byArea
                                ? "the private store has no floor area of it (vc:floorArea); import it with the"
                                        + " dwellings' file, or split by shares (vivacite.heating.common-basis)"
                                : "vivacite.heating.shares." + k + " is not configured"));
            }
            shares.add(new HeatCostSplit.Share(m.dwelling(), basis, m.units(), properties.coefficient(k)));
        }
        HeatCostSplit.Result split = HeatCostSplit.split(cost, properties.commonShare(), shares);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            BuildingData.Metered m = read.get(i);
            HeatCostSplit.Share s = shares.get(i);
            HeatCostSplit.Line l = split.lines().get(i);
            statements.add(new Statement(
                    m.dwelling(),
                    key(m.dwelling()),
                    s.key(),
                    m.shown() ? m.units() : null,
                    s.coefficient(),
                    l.common(),
                    l.variable(),
                    l.total()));
        }
        return new Statements(
                building,
                device,
                from,
                to,
                split.cost(),
                split.commonShare(),
                properties.commonBasis(),
                split.commonCost(),
                split.variableCost(),
                split.keys(),
                List.copyOf(statements),
                (int) read.stream().filter(m -> !m.shown()).count());
    }

    /** A dwelling's key: the last segment of its IRI. */
    public static String key(String dwelling) {
        return dwelling.substring(dwelling.lastIndexOf('/') + 1);
    }
}
