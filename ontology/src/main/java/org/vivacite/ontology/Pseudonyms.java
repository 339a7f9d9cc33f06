package org.vivacite.ontology;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonymous keys in private IRIs ({@code {base}meter/{key}}, {@code {base}dwelling/{key}},
 * {@code {base}graph/private/{key}}): the first 16 hex digits of an HMAC-SHA256 of the meter
 * serial or dwelling identifier under the platform's pseudonymisation key. Without that key, which
 * is a secret kept outside the triplestore, a pseudonym cannot be traced back to a serial; with it,
 * the same serial always gets the same pseudonym, so readings of one meter meet in one graph.
 */
public final class Pseudonyms {

    private final SecretKeySpec key;

    /** @param key at least 16 bytes */
    public Pseudonyms(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a pseudonymisation key has at least 16 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The pseudonym of an identifier of a kind ({@code meter}, {@code dwelling}, {@code building}). */
    public String of(String kind, String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((kind + ":" + identifier).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
