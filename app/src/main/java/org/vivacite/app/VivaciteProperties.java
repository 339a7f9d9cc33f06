package org.vivacite.app;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the application, under {@code vivacite.*}.
 *
 * @param data the directory under which the platform keeps everything ({@code vivacite.data})
 * @param baseIri the public base IRI of every resource the platform mints ({@code vivacite.base-iri})
 * @param demo whether to load the demo data at start ({@code vivacite.demo})
 * @param security credentials of gateways and operators ({@code vivacite.security.*})
 */
@ConfigurationProperties("vivacite")
public record VivaciteProperties(
        @DefaultValue("./data") Path data,
        @DefaultValue("http://localhost:8080/") String baseIri,
        @DefaultValue("false") boolean demo,
        @DefaultValue Security security) {

    /**
     * @param operatorToken the bearer token of operators, for {@code /admin/**}
     * @param gatewayTokens gateway id → bearer token, for {@code /ingest/**}
     */
    public record Security(String operatorToken, Map<String, String> gatewayTokens) {

        public Security {
            gatewayTokens = gatewayTokens == null ? Map.of() : Map.copyOf(gatewayTokens);
        }
    }

    public VivaciteProperties {
        baseIri = baseIri.endsWith("/") ? baseIri : baseIri + "/";
    }
}
