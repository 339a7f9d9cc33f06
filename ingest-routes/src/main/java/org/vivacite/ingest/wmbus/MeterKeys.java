package org.vivacite.ingest.wmbus;

import java.util.Optional;

/**
 * Where the decoder finds a meter's AES-128 key. Implementations must never log the key; the
 * decoder does not either.
 */
public interface MeterKeys {

    /**
     * @param manufacturer the FLAG code of the meter (three capital letters)
     * @param meterId the identification number as the telegram carries it (8 characters, usually
     *     digits)
     * @return the meter's 16-byte key, or empty when the meter or its key is unknown
     */
    Optional<byte[]> key(String manufacturer, String meterId);

    /** No keys at all: only unencrypted or already decrypted telegrams can be read. */
    static MeterKeys none() {
        return (manufacturer, meterId) -> Optional.empty();
    }
}
