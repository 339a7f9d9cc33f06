package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vivacite.ingest.pipeline.PipelineFixture.http;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Format;

/** The pipeline committing through rollups of daily consumption, as the server's does. */
class IngestRollupsTest {

    @TempDir
    Path dir;

    PipelineFixture f;

    @BeforeEach
    void open() {
        f = new PipelineFixture(dir, true);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2026, 2, d, 0, 0);
    }

    @Test
    void twoDaysOfReadingsGiveARollupOfEachDaysDerivedConsumption() {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.pipeline.accept(http(
                Format.WMBUS,
                f.telegram("12345678", 123_456, day(15)) + "\n" + f.telegram("12345678", 123_701, day(16))));
        f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 124_001, day(17))));
        f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 124_001, day(17)))); // redelivered

        // registers are not rolled up; each day's derived consumption is, once
        assertThat(f.rollupSums())
                .isEqualTo(Map.of(
                        "waterVolumeConsumed/2026-02-15", "0.245 x1",
                        "waterVolumeConsumed/2026-02-16", "0.3 x1"));
    }

    @Test
    void hourlyConsumptionOfAConsentingHouseholdDoesNotDoubleTheDay() {
        f.waterMeter("22222222", "DW-2", "PT30M");
        StringBuilder lines = new StringBuilder();
        for (int h = 0; h <= 24; h++) {
            lines.append(f.telegram("22222222", 1_000 + 10L * h, day(10).plusHours(h)))
                    .append('\n');
        }
        f.pipeline.accept(http(Format.WMBUS, lines.toString()));

        assertThat(f.values("waterVolumeConsumed")).hasSize(25); // 24 hours and the day
        assertThat(f.rollupSums()).isEqualTo(Map.of("waterVolumeConsumed/2026-02-10", "0.24 x1"));
    }

    @Test
    void aGapIsRolledUpOnceItsMissingReadingsSplitItIntoDays() {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.pipeline.accept(http(
                Format.WMBUS, f.telegram("12345678", 1_000, day(1)) + "\n" + f.telegram("12345678", 1_900, day(4))));
        assertThat(f.rollupSums()).isEmpty(); // three days together: whose day is it?

        // the missing readings arrive: the gap is removed and its days written in one transaction
        f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 1_200, day(2))));
        f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 1_500, day(3))));

        assertThat(f.rollupSums())
                .isEqualTo(Map.of(
                        "waterVolumeConsumed/2026-02-01", "0.2 x1",
                        "waterVolumeConsumed/2026-02-02", "0.3 x1",
                        "waterVolumeConsumed/2026-02-03", "0.4 x1"));
    }
}
