package org.vivacite.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Each gateway's token bucket, on a clock the test moves. */
class IngestRateTest {

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
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(IngestRate.class);

    @BeforeEach
    void watchLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopWatching() {
        logger.detachAppender(log);
    }

    private static int taken(IngestRate rate, String gateway, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            taken += rate.take(gateway).isEmpty() ? 1 : 0;
        }
        return taken;
    }

    @Test
    void aGatewayMaySendItsBurstAtOnceThenItsRateAndIsToldHowLongToWait() {
        IngestRate rate = new IngestRate(2, 5, clock);

        assertThat(taken(rate, "gw-1", 5)).isEqualTo(5);
        Optional<Duration> wait = rate.take("gw-1");
        assertThat(wait).as("the sixth at once").isPresent();
        assertThat(wait.get()).isEqualTo(Duration.ofMillis(500));

        clock.advance(Duration.ofMillis(499));
        assertThat(rate.take("gw-1")).as("before the next token").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(rate.take("gw-1")).as("a token after half a second").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(taken(rate, "gw-1", 20))
                .as("refilled up to the burst, no more")
                .isEqualTo(5);
    }

    @Test
    void oneGatewaysFloodLeavesTheOthersTheirOwnRate() {
        IngestRate rate = new IngestRate(1, 2, clock);

        assertThat(taken(rate, "gw-flood", 1000)).isEqualTo(2);
        assertThat(taken(rate, "gw-calm", 2)).isEqualTo(2);
        assertThat(taken(rate, "gw-other", 3)).isEqualTo(2);
    }

    @Test
    void zeroIsNoLimit() {
        assertThat(IngestRate.UNLIMITED.limited()).isFalse();
        IngestRate none = new IngestRate(0, 0, clock);
        assertThat(taken(none, "gw-1", 100_000)).isEqualTo(100_000);
        assertThat(none.size()).isZero();
    }

    @Test
    void refusesSettingsThatMeanNothing() {
        assertThatThrownBy(() -> new IngestRate(-1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vivacite.ingest.rate.payloads-per-second");
        assertThatThrownBy(() -> new IngestRate(5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vivacite.ingest.rate.burst");
    }

    @Test
    void theRefusalNamesTheGatewayTheLimitAndTheSettingsAndRoundsTheWaitUp() {
        IngestRate rate = new IngestRate(3, 7, clock);
        assertThat(rate.refusal("gw-9", Duration.ofMillis(1_200)))
                .contains("gw-9", "3 payloads a second", "7 at once", "vivacite.ingest.rate.payloads-per-second")
                .endsWith("send again in 2 s");
    }

    @Test
    void aRefusedGatewayIsWarnedAboutAtMostOnceAMinuteWithTheCountNeverThePayload() {
        IngestRate rate = new IngestRate(1, 1, clock);
        taken(rate, "gw-1", 1);

        assertThat(taken(rate, "gw-1", 50)).isZero();
        assertThat(taken(rate, "gw-2", 2)).isEqualTo(1);
        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(0)).contains("gw-1", "1 payload refused");
        clock.advance(Duration.ofSeconds(59));
        taken(rate, "gw-1", 100);
        assertThat(warnings()).as("within the minute").hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        taken(rate, "gw-1", 200);
        assertThat(warnings()).hasSize(3);
        // 49 refused after the first warning, 99 within the minute (one token came), and this one
        assertThat(warnings().get(2)).contains("gw-1", "149 payloads refused since the last warning");
        assertThat(log.list).allMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void bucketsThatRefilledAreForgottenSoManyNamesCannotGrowTheMap() {
        IngestRate rate = new IngestRate(10, 10, clock);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 1000; i++) {
                rate.take("gw-" + round + "-" + i);
            }
            clock.advance(Duration.ofSeconds(2)); // each round's buckets refill
        }
        assertThat(rate.size()).as("buckets kept after 20 000 names").isLessThanOrEqualTo(2 * 1024 + 1);

        // a bucket still emptying, or with a recent warning, is kept: its gateway's rate holds
        IngestRate kept = new IngestRate(1, 1, clock);
        kept.take("gw-busy");
        kept.take("gw-busy");
        for (int i = 0; i < 3000; i++) {
            kept.take("gw-new-" + i);
        }
        assertThat(kept.take("gw-busy")).as("still without a token").isPresent();
    }

    private java.util.List<String> warnings() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
