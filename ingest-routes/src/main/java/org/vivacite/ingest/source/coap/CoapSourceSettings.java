package org.vivacite.ingest.source.coap;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the CoAP source listens.
 *
 * @param plainHost address of plain CoAP (UDP), or null for none
 * @param plainPort its port ({@code 0}: a free one)
 * @param secureHost address of CoAP over DTLS with pre-shared keys, or null for none
 * @param securePort its port ({@code 0}: a free one)
 * @param pskKeys identity → key: the identity is the gateway's id; keys are never logged
 */
public record CoapSourceSettings(
        String plainHost, int plainPort, String secureHost, int securePort, Map<String, byte[]> pskKeys) {

    public CoapSourceSettings {
        pskKeys = Map.copyOf(Objects.requireNonNull(pskKeys, "pskKeys"));
        if (secureHost != null && pskKeys.isEmpty()) {
            throw new IllegalArgumentException(
                    "CoAP over DTLS needs at least one pre-shared key (vivacite.coap.psk.<identity>)");
        }
    }

    /** Keys given in hex, as configuration holds them. */
    public static Map<String, byte[]> hexKeys(Map<String, String> hex) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        hex.forEach((identity, key) -> {
            try {
                keys.put(identity, HexFormat.of().parseHex(key.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "pre-shared key of CoAP identity '" + identity + "' is not hexadecimal");
            }
        });
        return keys;
    }

    @Override
    public String toString() {
        return "CoapSourceSettings[plain " + plainHost + ":" + plainPort + ", dtls " + secureHost + ":" + securePort
                + ", identities " + pskKeys.keySet() + "]";
    }
}
