package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The split of a collective building's heating cost between its dwellings (French
 * <i>individualisation des frais de chauffage</i>, code de la construction et de l'habitation
 * R.174-10): a common share of the cost, divided by each dwelling's key (floor area or
 * <i>tantièmes</i>), and the rest, divided by its measured units (heat cost allocator units or
 * heat meter kWh) times its correction coefficient (a thermally disadvantaged position pays for
 * fewer units than it reads).
 *
 * <p>Amounts are in cents. The common share's cents are the cost's times the share, rounded half
 * up; each part is then divided by the largest-remainder method in exact integer arithmetic: every
 * dwelling first gets the whole cents of its exact quota, and the cents left (fewer than there are
 * dwellings) go one each to the largest remainders, ties to the dwelling given first. So each part's
 * lines sum to the part and the statements to the cost, to the cent, whatever the numbers.
 */
public final class HeatCostSplit {

    private HeatCostSplit() {}

    /**
     * A dwelling's inputs.
     *
     * @param key its key for the common share (m² or tantièmes), not negative
     * @param units what its devices measured over the period, not negative
     * @param coefficient its correction coefficient, positive (1: none)
     */
    public record Share(String dwelling, BigDecimal key, BigDecimal units, BigDecimal coefficient) {}

    /** A dwelling's amounts, €: its common part, its variable part and their sum. */
    public record Line(String dwelling, BigDecimal common, BigDecimal variable, BigDecimal total) {}

    /**
     * The split.
     *
     * @param commonCost the common share of the cost, €
     * @param variableCost the rest, €
     * @param keys the sum of the dwellings' keys
     * @param weightedUnits the sum of the dwellings' units times their coefficients
     * @param lines one per dwelling, in the order given
     */
    public record Result(
            BigDecimal cost,
            BigDecimal commonShare,
            BigDecimal commonCost,
            BigDecimal variableCost,
            BigDecimal keys,
            BigDecimal weightedUnits,
            List<Line> lines) {}

    /**
     * Splits {@code cost} between the dwellings.
     *
     * @param cost the building's heating cost for the period, €, positive, whole cents
     * @param commonShare the common share, from 0 to 1
     * @throws ManagerException naming the input refused: a cost that is not positive or has a
     *     fraction of a cent, a share out of range, no dwelling, a negative key or unit, a
     *     coefficient that is not positive, keys summing to zero while there is a common part, units
     *     summing to zero while there is a variable part
     */
    public static Result split(BigDecimal cost, BigDecimal commonShare, List<Share> shares) {
        if (cost == null || cost.signum() <= 0) {
            throw new ManagerException("cost: " + cost + " is not a positive amount of euros");
        }
        if (cost.stripTrailingZeros().scale() > 2) {
            throw new ManagerException("cost: " + cost.toPlainString() + " has a fraction of a cent");
        }
        if (commonShare == null || commonShare.signum() < 0 || commonShare.compareTo(BigDecimal.ONE) > 0) {
            throw new ManagerException("common share: " + commonShare + " is not between 0 and 1");
        }
        if (shares.isEmpty()) {
            throw new ManagerException("dwellings: there is none to split the cost between");
        }
        for (Share s : shares) {
            if (s.key() == null || s.key().signum() < 0) {
                throw new ManagerException("key of " + s.dwelling() + ": " + s.key() + " is not a floor area or share");
            }
            if (s.units() == null || s.units().signum() < 0) {
                throw new ManagerException("units of " + s.dwelling() + ": " + s.units() + " is negative or missing");
            }
            if (s.coefficient() == null || s.coefficient().signum() <= 0) {
                throw new ManagerException(
                        "correction coefficient of " + s.dwelling() + ": " + s.coefficient() + " is not positive");
            }
        }
        BigInteger cents = cost.movePointRight(2).toBigIntegerExact();
        BigInteger commonCents = new BigDecimal(cents)
                .multiply(commonShare)
                .setScale(0, RoundingMode.HALF_UP)
                .toBigIntegerExact();
        BigInteger variableCents = cents.subtract(commonCents);
        List<BigDecimal> keys = shares.stream().map(Share::key).toList();
        List<BigDecimal> weighted =
                shares.stream().map(s -> s.units().multiply(s.coefficient())).toList();
        BigDecimal keySum = keys.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal unitSum = weighted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (commonCents.signum() > 0 && keySum.signum() == 0) {
            throw new ManagerException("keys: the dwellings' floor areas or shares sum to zero; the common part"
                    + " cannot be divided by them");
        }
        if (variableCents.signum() > 0 && unitSum.signum() == 0) {
            throw new ManagerException(
                    "units: the dwellings' devices measured nothing over the period; the variable part cannot be"
                            + " divided by them");
        }
        List<BigInteger> common = largestRemainder(commonCents, keys);
        List<BigInteger> variable = largestRemainder(variableCents, weighted);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            lines.add(new Line(
                    shares.get(i).dwelling(),
                    euros(common.get(i)),
                    euros(variable.get(i)),
                    euros(common.get(i).add(variable.get(i)))));
        }
        return new Result(
                euros(cents),
                commonShare,
                euros(commonCents),
                euros(variableCents),
                keySum,
                unitSum,
                List.copyOf(lines));
    }

    /**
     * {@code total} divided in proportion to the weights, in whole units summing to {@code total}
     * (Hamilton's largest-remainder method, exact: the weights are scaled to integers). All zeros
     * when the total is zero.
     */
    static List<BigInteger> largestRemainder(BigInteger total, List<BigDecimal> weights) {
        int n = weights.size();
        List<BigInteger> out = new ArrayList<>();
        if (total.signum() == 0) {
            weights.forEach(w -> out.add(BigInteger.ZERO));
            return out;
        }
        int scale = weights.stream()
                .mapToInt(w -> Math.max(0, w.stripTrailingZeros().scale()))
                .max()
                .orElse(0);
        List<BigInteger> w = weights.stream()
                .map(x -> x.movePointRight(scale).toBigIntegerExact())
                .toList();
        BigInteger sum = w.stream().reduce(BigInteger.ZERO, BigInteger::add);
        List<BigInteger> remainders = new ArrayList<>();
        BigInteger given = BigInteger.ZERO;
        for (BigInteger x : w) {
            BigInteger[] qr = total.multiply(x).divideAndRemainder(sum);
            out.add(qr[0]);
            remainders.add(qr[1]);
            given = given.add(qr[0]);
        }
        int left = total.subtract(given).intValueExact(); // fewer than n: each remainder is below sum
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> remainders.get(i))
                .reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            int i = order.get(k);
            out.set(i, out.get(i).add(BigInteger.ONE));
        }
        return out;
    }

    private static BigDecimal euros(BigInteger cents) {
        return new BigDecimal(cents, 2);
    }
}
