package org.vivacite.app.ingest;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ingest pipeline, under {@code vivacite.ingest.*}.
 *
 * @param keys the wireless M-Bus meters' AES keys: a CSV {@code meter_id,key_hex} or a Java
 *     KeyStore ({@code .p12}, {@code .pfx}, {@code .jks}), readable by its owner only; default
 *     {@code {data}/meter-keys.csv}
 * @param keysPassword the KeyStore's password (not needed for a CSV)
 */
@ConfigurationProperties("vivacite.ingest")
public record IngestProperties(Path keys, String keysPassword) {

    /** The key file: the configured one, else {@code {data}/meter-keys.csv}. */
    public Path keysFile(Path data) {
        return keys != null ? keys : data.resolve(IngestParts.KEYS_FILE);
    }

    /** The KeyStore password, or null. */
    public char[] password() {
        return keysPassword == null || keysPassword.isEmpty() ? null : keysPassword.toCharArray();
    }
}
