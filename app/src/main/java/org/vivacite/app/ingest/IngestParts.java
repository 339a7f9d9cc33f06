package org.vivacite.app.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.vivacite.ingest.deadletter.DeadLetterQuota;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.Decoders;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * Where the ingest pipeline's parts live under the data directory, and how they are put together:
 * one place for the server ({@link IngestConfiguration}) and the commands that work without it
 * ({@code meters}, {@code deadletter}), so both read and write the same files.
 */
public final class IngestParts {

    /** The city's zone: local days, midnights and the wM-Bus meters' clocks. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /** The meter registry, under the data directory. */
    public static final String REGISTRY_FILE = "meters.csv";
    /** The dead-letter store's directory, under the data directory. */
    public static final String DEAD_LETTER_DIRECTORY = "deadletter";
    /** The default key file, under the data directory. */
    public static final String KEYS_FILE = "meter-keys.csv";
    /** The journal of the private store's rollups, under the data directory. */
    public static final String ROLLUPS_JOURNAL = "private-rollups.journal";

    private IngestParts() {}

    /** The meter registry, under the data directory, whose rows may name the configured gateway groups. */
    public static MeterRegistry registry(Path data, IngestProperties properties) {
        return new MeterRegistry(data.resolve(REGISTRY_FILE), ZONE, properties.groups());
    }

    /** The dead-letter store without quotas: for the commands, which only list and replay. */
    public static DeadLetterStore deadLetters(Path data) {
        return deadLetters(data, DeadLetterQuota.NONE);
    }

    public static DeadLetterStore deadLetters(Path data, DeadLetterQuota quota) {
        return new DeadLetterStore(data.resolve(DEAD_LETTER_DIRECTORY), quota);
    }

    public static MeterKeyFile keys(Path data, IngestProperties properties) {
        return MeterKeyFile.load(properties.keysFile(data), properties.password());
    }

    public static ObservationMapper mapper(String baseIri, Pseudonyms pseudonyms) {
        return new ObservationMapper(baseIri, pseudonyms, QuantityRegistry.standard(), ZONE);
    }

    /**
     * The rollups of the private store (docs/triplestore.md): derived daily consumption, summed per
     * meter, quantity and local day ({@link MeterDayRollups.Selection#dailyConsumption}), journal
     * {@code {data}/private-rollups.journal}. One instance per store: whatever writes readings into
     * it commits through this one. Close it after them, before the store.
     */
    public static MeterDayRollups rollups(QuadStore privateStore, Path data) {
        return new MeterDayRollups(
                privateStore,
                ZONE,
                data.resolve(ROLLUPS_JOURNAL),
                MeterDayRollups.Selection.dailyConsumption(QuantityRegistry.standard()));
    }

    /**
     * The pipeline writing into the private store through {@code rollups} (null: straight into the
     * store, no rollups); close it before them and the store.
     */
    public static IngestPipeline pipeline(
            QuadStore privateStore,
            MeterDayRollups rollups,
            MeterRegistry registry,
            DeadLetterStore deadLetters,
            ObservationMapper mapper,
            MeterKeyFile keys,
            IngestProperties properties) {
        return pipeline(
                privateStore,
                rollups,
                registry,
                deadLetters,
                mapper,
                keys,
                properties,
                IngestPipeline.Options.defaults().maxPayload());
    }

    /** The same, taking payloads of at most {@code maxPayload} bytes ({@code vivacite.ingest.max-payload}). */
    public static IngestPipeline pipeline(
            QuadStore privateStore,
            MeterDayRollups rollups,
            MeterRegistry registry,
            DeadLetterStore deadLetters,
            ObservationMapper mapper,
            MeterKeyFile keys,
            IngestProperties properties,
            int maxPayload) {
        return new IngestPipeline(
                privateStore,
                rollups,
                registry,
                deadLetters,
                mapper,
                new Decoders(keys, ZONE),
                new IngestPipeline.Options(ZONE, properties.futureMargin(), maxPayload),
                Clock.systemUTC());
    }
}
