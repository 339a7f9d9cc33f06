package org.vivacite.portal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * The embedded provider's key that signs ID and access tokens (RSA 2048, RS256), kept as a JWK in
 * {@code {data}/identity/signing-key.json}, readable by its owner only, so tokens stay valid across
 * restarts. Made on first need.
 */
final class SigningKey {

    private SigningKey() {}

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                OwnerOnly.restrict(file);
                RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (!key.isPrivate()) {
                    throw new IdentityException(file + ": the signing key has no private part");
                }
                return key;
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            OwnerOnly.directories(file.toAbsolutePath().getParent());
            OwnerOnly.createFile(file);
            Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
            return key;
        } catch (ParseException e) {
            throw new IdentityException(file + ": not a JSON Web Key: " + e.getMessage(), e);
        } catch (IOException | JOSEException e) {
            throw new IdentityException("cannot read or make the signing key " + file + ": " + e.getMessage(), e);
        }
    }
}
