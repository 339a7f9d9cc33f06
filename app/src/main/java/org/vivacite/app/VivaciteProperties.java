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
 * @param security credentials of gateways and operators, and the pseudonymisation key ({@code
 *     vivacite.security.*})
 * @param demoCity the demo city that {@code --demo} loads ({@code vivacite.demo-city.*})
 */
@ConfigurationProperties("vivacite")
public record VivaciteProperties(
        @DefaultValue("./data") Path data,
        @DefaultValue("http://localhost:8080/") String baseIri,
        @DefaultValue("false") boolean demo,
        @DefaultValue Security security,
        @DefaultValue DemoCity demoCity) {

    /**
     * @param operatorToken the bearer token of operators, for {@code /admin/**}
     * @param gatewayTokens gateway id → bearer token, for {@code /ingest/**}
     * @param pseudonymisationKey the key of private IRIs' pseudonyms, hex, at least 16 bytes
     */
    public record Security(String operatorToken, Map<String, String> gatewayTokens, String pseudonymisationKey) {

        public Security {
            gatewayTokens = gatewayTokens == null ? Map.of() : Map.copyOf(gatewayTokens);
        }
    }

    /**
     * @param seed the seed of its territory, devices and readings
     * @param households its number of dwellings
     * @param historyDays how many days of readings before the first start it loads
     */
    public record DemoCity(
            @DefaultValue("1") long seed,
            @DefaultValue("2000") int households,
            @DefaultValue("365") int historyDays) {}

    public VivaciteProperties {
        baseIri = baseIri.endsWith("/") ? baseIri : baseIri + "/";
    }
}
