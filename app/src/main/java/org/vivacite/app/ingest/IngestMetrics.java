package org.vivacite.app.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.pipeline.IngestListener;

/**
 * The pipeline's work counted with Micrometer, at {@code /actuator/prometheus}:
 * {@code vivacite_ingest_readings_total{source, outcome="accepted"}} (readings written),
 * {@code vivacite_ingest_withheld_total{source, reason}} (what the consent did not keep, and why:
 * not written, so not in the former),
 * {@code vivacite_ingest_rejected_total{source, reason}} and
 * {@code vivacite_ingest_underived_total} (consumption intervals a register going down left
 * underived); and the dead-letter store's gauges ({@link #watch}). The sources' payloads and
 * quota refusals are counted by {@code IngestGate}.
 */
final class IngestMetrics implements IngestListener {

    private final MeterRegistry meters;

    IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Gauges of what the dead-letter store holds, to see it fill before its quotas refuse:
     * {@code vivacite_deadletter_letters} and {@code vivacite_deadletter_bytes}.
     */
    static void watch(DeadLetterStore store, MeterRegistry meters) {
        Gauge.builder("vivacite.deadletter.letters", () -> store.usage().letters())
                .description("Dead letters waiting")
                .register(meters);
        Gauge.builder("vivacite.deadletter.bytes", () -> store.usage().bytes())
                .description("Bytes of the files of the dead letters waiting")
                .register(meters);
    }

    @Override
    public void accepted(String source, int readings) {
        Counter c = Counter.builder("vivacite.ingest.readings")
                .description("Readings written (accepted), by source")
                .tag("source", source)
                .tag("outcome", "accepted")
                .register(meters);
        if (readings > 0) {
            c.increment(readings);
        }
    }

    @Override
    public void withheld(String source, String reason, int readings) {
        Counter.builder("vivacite.ingest.withheld")
                .description("Readings not kept because they are finer than the step the household consented to,"
                        + " by source and reason")
                .tag("source", source)
                .tag("reason", reason)
                .register(meters)
                .increment(readings);
    }

    @Override
    public void rejected(String source, Reason reason) {
        Counter.builder("vivacite.ingest.rejected")
                .description("Inputs that went to the dead-letter store, by source and reason")
                .tag("source", source)
                .tag("reason", reason.id())
                .register(meters)
                .increment();
    }

    @Override
    public void underived(int intervals) {
        Counter.builder("vivacite.ingest.underived")
                .description("Consumption intervals not derived because a register went down")
                .register(meters)
                .increment(intervals);
    }
}
