package org.vivacite.simulator.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a fake clock: the waits the pacer asks for are checked exactly, no real time passes. */
class RatePacerTest {

    /** A clock that only moves when told to or when the pacer sleeps; records each sleep. */
    private static final class FakeClock implements RatePacer.Clock {
        long now = 123_456_789L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }

        void advanceMillis(long millis) {
            now += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void backToBackCallsAreSpacedOneIntervalApart() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(4, clock);
        for (int i = 0; i < 4; i++) {
            pacer.acquire();
        }
        assertThat(clock.sleeps).containsExactly(ms(250), ms(250), ms(250));
    }

    @Test
    void waitsOnlyForWhatIsLeftOfTheInterval() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(4, clock);
        pacer.acquire();
        clock.advanceMillis(100);
        pacer.acquire();
        assertThat(clock.sleeps).containsExactly(ms(150));
    }

    @Test
    void callerSlowerThanTheRateNeverWaits() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(10, clock);
        for (int i = 0; i < 5; i++) {
            pacer.acquire();
            clock.advanceMillis(150);
        }
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void aPauseEarnsNoBurstAfterwards() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(2, clock);
        pacer.acquire();
        clock.advanceMillis(10_000);
        pacer.acquire();
        pacer.acquire();
        pacer.acquire();
        assertThat(clock.sleeps).containsExactly(ms(500), ms(500));
    }

    @Test
    void fractionalRateMeansLongerIntervals() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(0.5, clock);
        pacer.acquire();
        pacer.acquire();
        assertThat(clock.sleeps).containsExactly(ms(2_000));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.NEGATIVE_INFINITY})
    void rejectsRateThatIsNotPositive(double perSecond) {
        assertThatThrownBy(() -> new RatePacer(perSecond))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(perSecond));
    }

    @Test
    void systemClockLetsTheFirstCallThroughAtOnce() throws InterruptedException {
        RatePacer pacer = new RatePacer(0.001);
        Thread.currentThread().interrupt();
        try {
            pacer.acquire(); // would throw InterruptedException if it slept
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag left untouched").isTrue();
        }
    }
}
