package org.vivacite.ingest.dso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.dso.DataConnect;
import org.vivacite.simulator.dso.DsoCsv;
import org.vivacite.simulator.dso.DsoInterval;
import org.vivacite.simulator.meters.Meter;

class DsoDecoderTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final DsoDecoder decoder = new DsoDecoder(PARIS);

    /** A simulated day of DSO intervals, half-hourly for consenting households, across a clock change. */
    private static List<DsoInterval> simulated(LocalDate day) {
        DemoCity city = DemoCity.generate(3, 60, day, null);
        Payloads payloads = new Payloads(DemoCity.ZONE);
        List<DsoInterval> intervals = new ArrayList<>();
        city.simulation().run(day, day.plusDays(1), Duration.ofMinutes(30), new Simulation.Listener() {
            @Override
            public void reading(org.vivacite.simulator.city.Reading r) {}

            @Override
            public void interval(Meter meter, Instant start, Duration length, double wattHours) {
                intervals.add(payloads.dso(meter, start, length, wattHours));
            }
        });
        return intervals;
    }

    @Test
    void readsTheSimulatorsCsvBackToItsIntervalsAndValues() {
        List<DsoInterval> intervals = simulated(LocalDate.of(2026, 3, 29));
        List<DecodedReading> read = decoder.csv(DsoCsv.file(intervals).getBytes(StandardCharsets.US_ASCII));
        assertThat(read).hasSize(intervals.size());
        for (int i = 0; i < read.size(); i++) {
            DsoInterval sent = intervals.get(i);
            DecodedReading got = read.get(i);
            assertThat(got.meterId()).isEqualTo(sent.usagePointId());
            assertThat(got.time()).isEqualTo(sent.start().toInstant());
            assertThat(got.interval()).isEqualTo(sent.length());
            if (sent.loadCurve()) {
                assertThat(got.quantity()).isEqualTo("electricityAveragePower");
                assertThat(got.value()).isEqualByComparingTo(BigDecimal.valueOf(sent.averageWatts()));
            } else {
                assertThat(got.quantity()).isEqualTo("electricityEnergyConsumed");
                assertThat(got.value()).isEqualByComparingTo(BigDecimal.valueOf(sent.roundedWattHours(), 3));
                assertThat(got.interval())
                        .as("the day the clocks spring forward")
                        .isEqualTo(Duration.ofHours(23));
            }
        }
    }

    @Test
    void readsTheSimulatorsDataConnectLoadCurvesAndDays() {
        LocalDate day = LocalDate.of(2026, 1, 20);
        List<DsoInterval> intervals = simulated(day);
        List<DsoInterval> curve =
                intervals.stream().filter(DsoInterval::loadCurve).toList();
        String point = curve.get(0).usagePointId();
        List<DsoInterval> mine =
                curve.stream().filter(i -> i.usagePointId().equals(point)).toList();
        List<DecodedReading> read = decoder.dataConnect(DataConnect.meterReading(point, day, day.plusDays(1), mine));
        assertThat(read).hasSize(48);
        assertThat(read.get(0).time()).isEqualTo(mine.get(0).start().toInstant());
        assertThat(read.get(47).value())
                .isEqualByComparingTo(BigDecimal.valueOf(mine.get(47).averageWatts()));

        List<DsoInterval> daily =
                intervals.stream().filter(i -> !i.loadCurve()).limit(1).toList();
        List<DecodedReading> days =
                decoder.dataConnect(DataConnect.meterReading(daily.get(0).usagePointId(), day, day.plusDays(1), daily));
        assertThat(days.get(0).quantity()).isEqualTo("electricityEnergyConsumed");
        assertThat(days.get(0).time()).isEqualTo(day.atStartOfDay(PARIS).toInstant());
        assertThat(days.get(0).interval()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void badInputIsNamedWithItsLine() {
        assertThatThrownBy(() -> decoder.csv("a,b\n".getBytes()))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("header");
        assertThatThrownBy(() -> decoder.csv((DsoDecoder.HEADER + "\n1,2026-01-01T00:00:00+01:00,x,3,W\n").getBytes()))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> decoder.csv(
                        (DsoDecoder.HEADER + "\n1,2026-01-01T00:00:00+01:00,2026-01-01T00:30:00+01:00,3,kW\n")
                                .getBytes()))
                .hasMessageContaining("unit 'kW'");
        assertThatThrownBy(() -> decoder.dataConnect("{".getBytes())).hasMessageContaining("JSON");
        assertThatThrownBy(() -> decoder.dataConnect("{\"meter_reading\":{}}".getBytes()))
                .hasMessageContaining("usage_point_id");
    }
}
