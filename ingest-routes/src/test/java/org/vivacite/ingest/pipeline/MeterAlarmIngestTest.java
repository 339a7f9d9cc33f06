package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vivacite.ingest.pipeline.PipelineFixture.dec;
import static org.vivacite.ingest.pipeline.PipelineFixture.http;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.simulator.wmbus.DataRecords;

/**
 * A water meter's own alarms through the real pipeline into a real store (with the rollups the
 * server commits through): the leak a Kamstrup meter reports lands as an observation of {@code
 * vc:waterMeterLeakAlarm} beside its register, at the household's step like any register; it is
 * never derived into consumption nor rolled up, and a telegram without an alarm writes none.
 */
class MeterAlarmIngestTest {

    @TempDir
    Path dir;

    private PipelineFixture f;

    @BeforeEach
    void open() {
        f = new PipelineFixture(dir, true);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static LocalDateTime day(int d, int hour) {
        return LocalDateTime.of(2026, 2, d, hour, 0);
    }

    @Test
    void aReportedLeakLandsAtTheStepAndIsNeitherDerivedNorRolledUp() {
        f.kamstrupWaterMeter("76348799", "DW-1", "P1D");
        int leak = DataRecords.kamstrupLeak(Duration.ofDays(5)); // class 4–7 days: 96 hours at least
        String lines = String.join(
                "\n",
                f.kamstrupTelegram("76348799", 10_000, day(15, 0), 0),
                f.kamstrupTelegram("76348799", 10_400, day(15, 13), leak), // between the day's steps: withheld
                f.kamstrupTelegram("76348799", 10_700, day(16, 0), leak),
                f.kamstrupTelegram("76348799", 11_500, day(17, 0), leak));

        Outcome outcome = f.pipeline.accept(http(Format.WMBUS, lines));

        assertThat(outcome.rejected()).isZero();
        assertThat(f.values("waterMeterLeakAlarm"))
                .containsOnly(
                        Map.entry("2026-02-15T23:00:00Z", dec("96")), Map.entry("2026-02-16T23:00:00Z", dec("96")));
        // what the demo city writes of its history without the pipeline (CityRdf) is the same
        assertThat(DataRecords.kamstrupLeakHours(Duration.ofDays(5))).isEqualTo(96);
        assertThat(f.values("waterVolumeConsumed"))
                .containsOnly(
                        Map.entry("2026-02-14T23:00:00Z/P1D", dec("0.7")),
                        Map.entry("2026-02-15T23:00:00Z/P1D", dec("0.8")));
        assertThat(f.rollupSums().keySet()).allSatisfy(k -> assertThat(k).doesNotContain("Alarm"));
        assertThat(f.rollupSums()).isNotEmpty();
        for (String other :
                java.util.List.of("waterMeterBurstAlarm", "waterMeterBackflowAlarm", "waterMeterDryAlarm")) {
            assertThat(f.values(other)).as(other).isEmpty();
        }
    }

    @Test
    void aTelegramWithoutAnAlarmWritesNone() {
        f.kamstrupWaterMeter("76348799", "DW-1", "P1D");
        f.pipeline.accept(http(
                Format.WMBUS,
                f.kamstrupTelegram("76348799", 10_000, day(15, 0), 0) + "\n"
                        + f.kamstrupTelegram("76348799", 10_700, day(16, 0), 0)));
        assertThat(f.values("waterVolume")).hasSize(2);
        assertThat(f.values("waterMeterLeakAlarm")).isEmpty();
    }
}
