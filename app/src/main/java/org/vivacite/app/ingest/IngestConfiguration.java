package org.vivacite.app.ingest;

import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The ingest pipeline of the server: registry {@code {data}/meters.csv} (with the gateway groups of
 * {@code vivacite.ingest.gateway-groups}), dead letters {@code {data}/deadletter/}, meter keys
 * ({@code vivacite.ingest.keys}), the future margin, the mapping under the
 * base IRI and pseudonymisation key, and the pipeline itself, which is the {@code Ingest} bean the
 * sources call. The pipeline depends on the private store, so Spring closes it first at shutdown:
 * what it has pending is committed while the store is still open.
 */
@Configuration
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration {

    @Bean
    MeterRegistry meterRegistry(VivaciteProperties app, IngestProperties ingest) {
        return IngestParts.registry(data(app), ingest);
    }

    @Bean
    DeadLetterStore deadLetterStore(VivaciteProperties app) {
        return IngestParts.deadLetters(data(app));
    }

    @Bean
    MeterKeyFile meterKeyFile(VivaciteProperties app, IngestProperties ingest) {
        return IngestParts.keys(data(app), ingest);
    }

    @Bean
    ObservationMapper observationMapper(VivaciteProperties app, Pseudonyms pseudonyms) {
        return IngestParts.mapper(app.baseIri(), pseudonyms);
    }

    /**
     * The private store's rollups of derived daily consumption, which every write of readings goes
     * through (the pipeline's, the demo city's history): the open-data publisher calls {@code
     * flush()} on it before it reads them. It depends on the private store and the pipeline on it,
     * so Spring closes the pipeline first, then the rollups, then the store.
     */
    @Bean(destroyMethod = "close")
    MeterDayRollups privateRollups(@PrivateStore QuadStore privateStore, VivaciteProperties app) {
        return IngestParts.rollups(privateStore, data(app));
    }

    /** Also the {@code Ingest} bean (the port the sources call). */
    @Bean(destroyMethod = "close")
    IngestPipeline ingestPipeline(
            @PrivateStore QuadStore privateStore,
            MeterDayRollups privateRollups,
            MeterRegistry registry,
            DeadLetterStore deadLetters,
            ObservationMapper mapper,
            MeterKeyFile keys,
            IngestProperties ingest,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        IngestPipeline pipeline =
                IngestParts.pipeline(privateStore, privateRollups, registry, deadLetters, mapper, keys, ingest);
        pipeline.listener(new IngestMetrics(metrics));
        return pipeline;
    }

    private static Path data(VivaciteProperties app) {
        return app.data().toAbsolutePath().normalize();
    }
}
