package org.vivacite.portal.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tries of enrolment codes per account and per address, on a clock the test moves. */
class RedemptionRateTest {

    /** A clock that moves only when told. */
    private static final class Clock implements TimeMeter {
        long nanos = 1_000_000_000L;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration d) {
            nanos += d.toNanos();
        }
    }

    private final Clock clock = new Clock();

    private static int taken(RedemptionRate rate, String subject, String address, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            taken += rate.take(subject, address).isEmpty() ? 1 : 0;
        }
        return taken;
    }

    @Test
    void anAccountHasItsTriesAtOnceThenOneEachSliceOfThePeriod() {
        RedemptionRate rate = new RedemptionRate(
                new RedemptionRate.Limit(3, Duration.ofMinutes(30)),
                new RedemptionRate.Limit(100, Duration.ofMinutes(30)),
                clock);

        assertThat(taken(rate, "alice", "192.0.2.1", 10)).isEqualTo(3);
        assertThat(rate.take("alice", "192.0.2.1")).hasValue(Duration.ofMinutes(10));
        assertThat(rate.take("alice", "198.51.100.7"))
                .as("from another address: the account's limit holds")
                .isPresent();
        assertThat(taken(rate, "bob", "192.0.2.1", 3))
                .as("another account, same address")
                .isEqualTo(3);

        clock.advance(Duration.ofMinutes(10));
        assertThat(taken(rate, "alice", "192.0.2.1", 5)).as("one try refilled").isEqualTo(1);
    }

    @Test
    void anAddressHasItsOwnLimitOverEveryAccountAndARefusalThereCostsTheAccountNothing() {
        RedemptionRate rate = new RedemptionRate(
                new RedemptionRate.Limit(2, Duration.ofHours(1)),
                new RedemptionRate.Limit(4, Duration.ofHours(1)),
                clock);

        int taken = 0;
        for (int i = 0; i < 10; i++) {
            taken += taken(rate, "account-" + i, "203.0.113.9", 1);
        }
        assertThat(taken).as("ten accounts from one address").isEqualTo(4);
        assertThat(rate.take("account-0", "203.0.113.9")).isPresent();

        assertThat(taken(rate, "account-9", "192.0.2.1", 5))
                .as("refused at the address, account-9 kept both its tries")
                .isEqualTo(2);
    }

    @Test
    void bucketsThatRefilledAreForgottenSoManyNamesCannotGrowTheMaps() {
        RedemptionRate rate = new RedemptionRate(
                new RedemptionRate.Limit(1, Duration.ofSeconds(1)),
                new RedemptionRate.Limit(1, Duration.ofSeconds(1)),
                clock);
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 1000; i++) {
                rate.take("account-" + round + "-" + i, "address-" + round + "-" + i);
            }
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(rate.size())
                .as("buckets kept after 10 000 accounts and addresses")
                .isLessThanOrEqualTo(2 * 2048);

        // a bucket still emptying is kept: its account's limit holds
        RedemptionRate kept = new RedemptionRate(
                new RedemptionRate.Limit(1, Duration.ofHours(1)),
                new RedemptionRate.Limit(100, Duration.ofHours(1)),
                clock);
        kept.take("busy", "a");
        for (int i = 0; i < 3000; i++) {
            kept.take("new-" + i, "b-" + i);
        }
        assertThat(kept.take("busy", "a")).as("still without a try").isPresent();
    }

    @Test
    void refusesLimitsThatMeanNothing() {
        assertThatThrownBy(() -> new RedemptionRate.Limit(0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 try or more");
        assertThatThrownBy(() -> new RedemptionRate.Limit(5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive duration");
    }
}
