package org.vivacite.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The server's own defaults (application.yml), where no running server shows them. */
class ApplicationSettingsTest {

    @Test
    void theEmbeddedBrokerDoesNotAuditEveryMessage() throws Exception {
        // Artemis logs every message sent, consumed and acknowledged at INFO on its audit loggers
        // (its own distribution turns them off): several lines per reading, and CPU taken from
        // ingest. Tests cannot see it in a running server: ingest-routes' logback-test.xml quiets
        // the whole broker there.
        List<PropertySource<?>> yml =
                new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
        assertThat(yml).hasSize(1);
        assertThat(yml.get(0).getProperty("logging.level.root")).hasToString("INFO");
        assertThat(yml.get(0).getProperty("logging.level.org.apache.activemq.audit"))
                .hasToString("WARN");
    }
}
