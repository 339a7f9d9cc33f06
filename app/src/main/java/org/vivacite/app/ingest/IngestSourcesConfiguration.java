package org.vivacite.app.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.security.Credentials;
import org.vivacite.ingest.Ingest;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.source.IngestRate;
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

    /**
     * How often each gateway may send ({@code vivacite.ingest.rate.*}): one limiter for HTTP, CoAP
     * and the embedded MQTT broker, so a gateway has one rate over all of them.
     */
    @Bean
    IngestRate ingestRate(IngestSourcesProperties.Ingest settings) {
        return settings.rate().limiter();
    }

    @Bean
    IngestSources ingestSources(
            ObjectProvider<Ingest> ingest,
            ObjectProvider<Rejects> rejects,
            ObjectProvider<DeadLetterStore> deadLetters,
            MeterRegistry registry,
            IngestRate rate,
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
                rate,
                credentials,
                mqtt,
                coap,
                files,
                vivacite.data(),
                vivacite.demo());
    }

    /**
     * {@code /actuator/health} component {@code mqtt}: UP while the platform's consumer is
     * subscribed, DOWN with the reason while it is not, from the start of the server until it first
     * subscribed (messages wait at the broker, or are lost at one that dropped the subscription),
     * UNKNOWN when there is no pipeline to feed.
     */
    @Bean
    @ConditionalOnProperty(name = "vivacite.mqtt.enabled", havingValue = "true", matchIfMissing = true)
    HealthIndicator mqttHealthIndicator(IngestSources sources) {
        return () -> sources.mqttStatus()
                .map(status -> (status.subscribed() ? Health.up() : Health.down())
                        .withDetail("detail", status.detail())
                        .build())
                .orElseGet(() -> Health.unknown()
                        .withDetail("detail", "no ingest pipeline: the MQTT source does not run")
                        .build());
    }
}
