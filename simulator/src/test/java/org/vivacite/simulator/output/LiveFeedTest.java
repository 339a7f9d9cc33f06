package org.vivacite.simulator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.feed.FeedSink;
import org.vivacite.simulator.feed.RatePacer;
import org.vivacite.simulator.meters.Meter;

/**
 * A live feed with a clock sends nothing before the time it carries: the platform refuses readings
 * from the future beyond a few minutes. The clock is the system's, ten minutes before the local
 * midnight that ends the simulated day while the day is simulated and sent, then a second before
 * it: the feed has one second to wait.
 */
@Timeout(120) // a feed waiting for a time that is far away is a failure, not a hang
class LiveFeedTest {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 12);
    private static final Instant MIDNIGHT =
            DAY.plusDays(1).atStartOfDay(DemoCity.ZONE).toInstant();

    /** The system's clock, shifted to read some time before {@link #MIDNIGHT}. */
    private static final class ShiftedClock extends Clock {
        private volatile Duration offset;

        void before(Duration beforeMidnight) {
            offset = Duration.between(Instant.now(), MIDNIGHT.minus(beforeMidnight));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private record Sent(WireFormat format, Instant at, boolean atFinish) {}

    /**
     * What a feed of the day sent, and when by the clock.
     *
     * @param lateAtDayDone whether the clock goes to a second before midnight once the day is done
     *     (else only when the feed is told to finish)
     */
    private static List<Sent> feed(Set<WireFormat> formats, boolean timed, boolean lateAtDayDone) {
        DemoCity city = DemoCity.generate(7, 30, DAY, null);
        ShiftedClock clock = new ShiftedClock();
        clock.before(Duration.ofMinutes(10)); // after the last half hour of the day
        List<Sent> sent = new ArrayList<>();
        boolean[] finishing = {false};
        FeedSink sink = new FeedSink() {
            @Override
            public void send(WireFormat format, String contentType, byte[] payload) {
                sent.add(new Sent(format, clock.instant(), finishing[0]));
            }

            @Override
            public void close() {}
        };
        LiveFeed feed = new LiveFeed(sink, new RatePacer(1e6), formats, 7, n -> {}, timed ? clock : null);
        city.simulation().run(DAY, DAY.plusDays(1), Duration.ofMinutes(30), new Simulation.Listener() {
            @Override
            public void reading(Reading r) {
                feed.reading(r);
            }

            @Override
            public void interval(Meter meter, Instant start, Duration length, double wattHours) {
                feed.interval(meter, start, length, wattHours);
            }

            @Override
            public void dayDone(LocalDate day) {
                if (lateAtDayDone) {
                    clock.before(Duration.ofSeconds(1));
                }
                feed.dayDone(day);
            }
        });
        clock.before(Duration.ofSeconds(1));
        finishing[0] = true;
        feed.finish(); // the registers at the next midnight
        return sent;
    }

    @Test
    void withAClockTheRegistersAtMidnightWaitForMidnight() {
        List<Sent> sent = feed(EnumSet.of(WireFormat.WMBUS, WireFormat.TIC, WireFormat.SENML), true, false);

        assertThat(sent).filteredOn(Sent::atFinish).isNotEmpty().allMatch(s -> !s.at().isBefore(MIDNIGHT));
        assertThat(sent).filteredOn(s -> !s.atFinish()).isNotEmpty().allMatch(s -> s.at().isBefore(MIDNIGHT));
    }

    @Test
    void withAClockADaysDsoFilesWaitForTheDayToBeOver() {
        List<Sent> sent = feed(EnumSet.of(WireFormat.CSV, WireFormat.DATACONNECT), true, true);

        assertThat(sent).isNotEmpty().allMatch(s -> !s.at().isBefore(MIDNIGHT));
    }

    @Test
    void withoutAClockNothingWaits() {
        List<Sent> sent = feed(EnumSet.allOf(WireFormat.class), false, false);

        assertThat(sent).filteredOn(Sent::atFinish).isNotEmpty();
        assertThat(sent).isNotEmpty().allMatch(s -> s.at().isBefore(MIDNIGHT));
    }
}
