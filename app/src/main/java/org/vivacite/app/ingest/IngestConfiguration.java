package org.vivacite.app.ingest;

import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.deadletter.DeadLetterQuota;
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

    /**
     * The dead-letter store with its quotas, which must hold the letter of the largest payload (else
     * that payload would be refused for ever); its letters and bytes are gauges at
     * {@code /actuator/prometheus}: {@code vivacite_deadletter_letters}, {@code vivacite_deadletter_bytes}.
     */
    @Bean
    DeadLetterStore deadLetterStore(
            VivaciteProperties app,
            IngestProperties ingest,
            IngestSourcesProperties.Ingest sources,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        DeadLetterQuota quota = ingest.deadLetters().quota();
        long largest = DeadLetterStore.largestLetter(sources.maxPayload().toBytes());
        if (quota.gatewayBytes() < largest || quota.totalBytes() < largest) {
            throw new IllegalStateException("vivacite.ingest.dead-letters.gateway-size ("
                    + quota.gatewayBytes() + " bytes) and total-size (" + quota.totalBytes()
                    + " bytes) must each hold the letter of the largest payload (vivacite.ingest.max-payload "
                    + sources.maxPayload().toBytes() + " bytes): at least " + largest + " bytes");
        }
        DeadLetterStore store = IngestParts.deadLetters(data(app), quota);
        IngestMetrics.watch(store, metrics);
        return store;
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
            IngestSourcesProperties.Ingest sources,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        IngestPipeline pipeline =
                IngestParts.pipeline(privateStore, privateRollups, registry, deadLetters, mapper, keys, ingest, (int)
                        Math.min(Integer.MAX_VALUE - 8, sources.maxPayload().toBytes()));
        pipeline.listener(new IngestMetrics(metrics));
        return pipeline;
    }

    private static Path data(VivaciteProperties app) {
        return app.data().toAbsolutePath().normalize();
    }
}
