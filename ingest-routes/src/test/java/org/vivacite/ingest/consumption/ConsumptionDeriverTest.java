package org.vivacite.ingest.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ConsumptionDeriverTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aRegisterCountsUpOrWrapsFromNearAPowerOfTen() {
        assertThat(ConsumptionDeriver.difference(d("123.456"), d("123.701"))).isEqualByComparingTo("0.245");
        assertThat(ConsumptionDeriver.difference(d("5"), d("5"))).isEqualByComparingTo("0");
        assertThat(ConsumptionDeriver.difference(d("99999.500"), d("0.300"))).isEqualByComparingTo("0.8");
        assertThat(ConsumptionDeriver.difference(d("9990"), d("4"))).isEqualByComparingTo("14");
    }

    @Test
    void anyOtherDecreaseIsNoConsumption() {
        assertThat(ConsumptionDeriver.difference(d("500"), d("400"))).isNull();
        assertThat(ConsumptionDeriver.difference(d("99999.5"), d("50000"))).isNull();
        assertThat(ConsumptionDeriver.difference(d("0"), d("-1"))).isNull();
    }
}
