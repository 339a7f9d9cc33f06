package org.vivacite.portal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The heating cost split: its formula, its rounding to the cent, and the inputs it refuses. */
class HeatCostSplitTest {

    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal THIRTY = new BigDecimal("0.30");

    private static HeatCostSplit.Share share(String d, String key, String units, String coefficient) {
        return new HeatCostSplit.Share(d, new BigDecimal(key), new BigDecimal(units), new BigDecimal(coefficient));
    }

    private static BigDecimal sum(
            List<HeatCostSplit.Line> lines, java.util.function.Function<HeatCostSplit.Line, BigDecimal> f) {
        return lines.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void commonShareGoesByFloorAreaAndTheRestByUnitsTimesCoefficients() {
        // 1 000 €: 300 € common by 50 / 100 / 50 m², 700 € variable by 100, 200×1, 100×2 = 200 units
        HeatCostSplit.Result r = HeatCostSplit.split(
                new BigDecimal("1000.00"),
                THIRTY,
                List.of(share("a", "50", "100", "1"), share("b", "100", "200", "1"), share("c", "50", "100", "2")));

        assertThat(r.commonCost()).isEqualByComparingTo("300.00");
        assertThat(r.variableCost()).isEqualByComparingTo("700.00");
        assertThat(r.keys()).isEqualByComparingTo("200");
        assertThat(r.weightedUnits()).isEqualByComparingTo("500");
        assertThat(r.lines())
                .extracting(HeatCostSplit.Line::common)
                .containsExactly(new BigDecimal("75.00"), new BigDecimal("150.00"), new BigDecimal("75.00"));
        assertThat(r.lines())
                .extracting(HeatCostSplit.Line::variable)
                .containsExactly(new BigDecimal("140.00"), new BigDecimal("280.00"), new BigDecimal("280.00"));
        assertThat(r.lines())
                .extracting(HeatCostSplit.Line::total)
                .containsExactly(new BigDecimal("215.00"), new BigDecimal("430.00"), new BigDecimal("355.00"));
    }

    @Test
    void aCostThatDoesNotDivideEvenlyIsRoundedByLargestRemainderToTheCent() {
        // 100.00 € between three equal dwellings, no common share: 33.34 + 33.33 + 33.33, the cent
        // left to the first of the equal remainders
        HeatCostSplit.Result thirds = HeatCostSplit.split(
                new BigDecimal("100"),
                BigDecimal.ZERO,
                List.of(share("a", "1", "1", "1"), share("b", "1", "1", "1"), share("c", "1", "1", "1")));
        assertThat(thirds.lines())
                .extracting(HeatCostSplit.Line::total)
                .containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
        // 0.07 € between 2/3 and 1/3: quotas 4.67 and 2.33 cents → 5 and 2 (the larger remainder)
        HeatCostSplit.Result small = HeatCostSplit.split(
                new BigDecimal("0.07"), BigDecimal.ZERO, List.of(share("a", "0", "2", "1"), share("b", "0", "1", "1")));
        assertThat(small.lines())
                .extracting(HeatCostSplit.Line::total)
                .containsExactly(new BigDecimal("0.05"), new BigDecimal("0.02"));
    }

    @Test
    void awkwardNumbersAlwaysSumToTheCostToTheCent() {
        Random random = new Random(21);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(40);
            List<HeatCostSplit.Share> shares = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                shares.add(new HeatCostSplit.Share(
                        "d" + i,
                        BigDecimal.valueOf(10 + random.nextInt(15_000), 2), // 0.10 to 150.09 m²
                        BigDecimal.valueOf(random.nextInt(100_000), 3), // 0 to 99.999 units
                        BigDecimal.valueOf(50 + random.nextInt(100), 2))); // 0.50 to 1.49
            }
            shares.set(0, new HeatCostSplit.Share("d0", new BigDecimal("33.3"), new BigDecimal("7.777"), ONE));
            BigDecimal cost = BigDecimal.valueOf(1 + random.nextInt(10_000_000), 2);
            BigDecimal common = BigDecimal.valueOf(random.nextInt(101), 2);

            HeatCostSplit.Result r = HeatCostSplit.split(cost, common, shares);

            assertThat(sum(r.lines(), HeatCostSplit.Line::total))
                    .as("round %d", round)
                    .isEqualByComparingTo(cost);
            assertThat(sum(r.lines(), HeatCostSplit.Line::common)).isEqualByComparingTo(r.commonCost());
            assertThat(sum(r.lines(), HeatCostSplit.Line::variable)).isEqualByComparingTo(r.variableCost());
            assertThat(r.commonCost().add(r.variableCost())).isEqualByComparingTo(cost);
            for (int i = 0; i < n; i++) {
                HeatCostSplit.Line l = r.lines().get(i);
                assertThat(l.total()).isEqualByComparingTo(l.common().add(l.variable()));
                assertThat(l.total().scale()).isEqualTo(2);
                // each amount is within a cent of its exact quota
                BigDecimal exact = r.variableCost()
                        .multiply(shares.get(i).units().multiply(shares.get(i).coefficient()))
                        .divide(r.weightedUnits(), 10, java.math.RoundingMode.HALF_EVEN);
                assertThat(l.variable().subtract(exact).abs()).isLessThan(new BigDecimal("0.01"));
            }
        }
    }

    @Test
    void theCommonShareIsRoundedHalfUpToTheCent() {
        // 30 % of 0.05 € is 1.5 cents: 2 cents common, 3 variable
        HeatCostSplit.Result r =
                HeatCostSplit.split(new BigDecimal("0.05"), THIRTY, List.of(share("a", "10", "1", "1")));
        assertThat(r.commonCost()).isEqualByComparingTo("0.02");
        assertThat(r.variableCost()).isEqualByComparingTo("0.03");
        assertThat(r.lines().get(0).total()).isEqualByComparingTo("0.05");
    }

    @Test
    void refusesInputsNamingThem() {
        List<HeatCostSplit.Share> ok = List.of(share("a", "10", "1", "1"));
        assertThatThrownBy(() -> HeatCostSplit.split(new BigDecimal("-1"), THIRTY, ok))
                .isInstanceOf(ManagerException.class)
                .hasMessageStartingWith("cost: -1");
        assertThatThrownBy(() -> HeatCostSplit.split(new BigDecimal("10.005"), THIRTY, ok))
                .hasMessage("cost: 10.005 has a fraction of a cent");
        assertThatThrownBy(() -> HeatCostSplit.split(BigDecimal.TEN, new BigDecimal("1.5"), ok))
                .hasMessageStartingWith("common share: 1.5");
        assertThatThrownBy(() -> HeatCostSplit.split(BigDecimal.TEN, THIRTY, List.of()))
                .hasMessageStartingWith("dwellings:");
        assertThatThrownBy(() -> HeatCostSplit.split(BigDecimal.TEN, THIRTY, List.of(share("a", "10", "1", "0"))))
                .hasMessageStartingWith("correction coefficient of a: 0");
        assertThatThrownBy(() -> HeatCostSplit.split(BigDecimal.TEN, THIRTY, List.of(share("a", "0", "1", "1"))))
                .hasMessageStartingWith("keys:");
        assertThatThrownBy(() -> HeatCostSplit.split(BigDecimal.TEN, THIRTY, List.of(share("a", "10", "0", "1"))))
                .hasMessageStartingWith("units:");
    }
}
