package org.vivacite.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.ontology.Pseudonyms;

/**
 * The pseudonymisation key as the server finds it ({@code vivacite.security.pseudonymisation-key},
 * else {@code {data}/credentials}), for the commands that write or show private IRIs without
 * starting the server: the same key gives them the server's pseudonyms.
 */
public final class PseudonymisationKey {

    private PseudonymisationKey() {}

    /** The key, generated in {@code {data}/credentials} if there is none yet (as the server's first start does). */
    public static Pseudonyms loadOrCreate(VivaciteProperties properties) {
        try {
            return CredentialsLoader.pseudonyms(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties.data().resolve(CredentialsLoader.FILE_NAME), e);
        }
    }

    /** The key if one is configured or kept in {@code {data}/credentials}; nothing is written. */
    public static Optional<Pseudonyms> find(VivaciteProperties properties) {
        try {
            return CredentialsLoader.pseudonyms(properties, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties.data().resolve(CredentialsLoader.FILE_NAME), e);
        }
    }
}
