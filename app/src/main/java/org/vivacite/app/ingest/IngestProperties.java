package org.vivacite.app.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.vivacite.ingest.deadletter.DeadLetterQuota;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.GatewayGroups;

/**
 * Settings of the ingest pipeline, under {@code vivacite.ingest.*}.
 *
 * @param keys the wireless M-Bus meters' AES keys: a CSV {@code meter_id,key_hex} or a Java
 *     KeyStore ({@code .p12}, {@code .pfx}, {@code .jks}), readable by its owner only; default
 *     {@code {data}/meter-keys.csv}
 * @param keysPassword the KeyStore's password (not needed for a CSV)
 * @param futureMargin how far ahead of the server's clock a reading's time may be (a gateway's
 *     clock a little fast); beyond, the reading is refused as {@code future-time}; default 5 minutes
 * @param gatewayGroups named groups of gateway ids, which a registry row lets report its meter with
 *     {@code group:NAME} in its {@code gateways} column
 * @param deadLetters the dead-letter store's quotas, {@code vivacite.ingest.dead-letters.*}
 */
@ConfigurationProperties("vivacite.ingest")
public record IngestProperties(
        Path keys,
        String keysPassword,
        Duration futureMargin,
        Map<String, List<String>> gatewayGroups,
        @DefaultValue DeadLetters deadLetters) {

    public IngestProperties {
        futureMargin = futureMargin != null
                ? futureMargin
                : IngestPipeline.Options.defaults().futureMargin();
        if (futureMargin.isNegative()) {
            throw new IllegalArgumentException("vivacite.ingest.future-margin " + futureMargin + " is negative");
        }
        gatewayGroups = gatewayGroups == null ? Map.of() : Map.copyOf(gatewayGroups);
    }

    /**
     * {@code vivacite.ingest.dead-letters.*}: how much the dead-letter store keeps (docs/ingest.md).
     *
     * @param gatewayLetters letters one gateway may have waiting
     * @param gatewaySize bytes its letters may take
     * @param totalLetters letters the store may hold
     * @param totalSize bytes they may take
     * @param retryAfter how long a sender refused for a quota is told to wait
     */
    public record DeadLetters(
            @DefaultValue("10000") long gatewayLetters,
            @DefaultValue("256MB") DataSize gatewaySize,
            @DefaultValue("100000") long totalLetters,
            @DefaultValue("4GB") DataSize totalSize,
            @DefaultValue("15m") Duration retryAfter) {

        public DeadLetterQuota quota() {
            return new DeadLetterQuota(
                    gatewayLetters, gatewaySize.toBytes(), totalLetters, totalSize.toBytes(), retryAfter);
        }
    }

    /** The key file: the configured one, else {@code {data}/meter-keys.csv}. */
    public Path keysFile(Path data) {
        return keys != null ? keys : data.resolve(IngestParts.KEYS_FILE);
    }

    /** The KeyStore password, or null. */
    public char[] password() {
        return keysPassword == null || keysPassword.isEmpty() ? null : keysPassword.toCharArray();
    }

    /** The gateway groups registry rows may name. */
    public GatewayGroups groups() {
        return GatewayGroups.of(gatewayGroups);
    }
}
