package org.vivacite.app.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.security.Credentials;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.source.Rejects;

/**
 * The ingest sources (MQTT, CoAP, drop folders) and the HTTP endpoint, fed to the application's
 * {@link Ingest} bean. Without one (the pipeline is not built yet) the sources do not start and
 * {@code POST /ingest/…} answers 503, so the rest of the application still runs.
 */
@Configuration
@EnableConfigurationProperties({
    IngestSourcesProperties.Mqtt.class,
    IngestSourcesProperties.Coap.class,
    IngestSourcesProperties.Ingest.class
})
class IngestSourcesConfiguration {

    @Bean
    IngestSources ingestSources(
            ObjectProvider<Ingest> ingest,
            ObjectProvider<Rejects> rejects,
            ObjectProvider<DeadLetterStore> deadLetters,
            MeterRegistry registry,
            Credentials credentials,
            VivaciteProperties vivacite,
            IngestSourcesProperties.Mqtt mqtt,
            IngestSourcesProperties.Coap coap,
            IngestSourcesProperties.Ingest files) {
        return new IngestSources(
                ingest,
                rejects,
                deadLetters,
                registry,
                credentials,
                mqtt,
                coap,
                files,
                vivacite.data(),
                vivacite.demo());
    }
}
