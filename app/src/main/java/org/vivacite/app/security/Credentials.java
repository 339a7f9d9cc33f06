package org.vivacite.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens the server accepts: one for operators, one per gateway. Only SHA-256 digests
 * are kept in memory, and every lookup compares against all of them in constant time.
 */
public final class Credentials {

    /** Who a valid token belongs to: {@code operator}, or a gateway id. */
    public record Holder(String name, Role role) {}

    public enum Role {
        OPERATOR,
        GATEWAY
    }

    private record Entry(byte[] digest, Holder holder) {}

    private final List<Entry> entries = new ArrayList<>();

    Credentials(String operatorToken, Map<String, String> gatewayTokens) {
        add(operatorToken, new Holder("operator", Role.OPERATOR));
        gatewayTokens.forEach((gateway, token) -> add(token, new Holder(gateway, Role.GATEWAY)));
    }

    private void add(String token, Holder holder) {
        byte[] digest = digest(token);
        if (entries.stream().anyMatch(e -> MessageDigest.isEqual(e.digest(), digest))) {
            throw new IllegalArgumentException("the token of "
                    + holder.role().name().toLowerCase() + " '" + holder.name() + "' is already assigned");
        }
        entries.add(new Entry(digest, holder));
    }

    /** The holder of the token, if it is one of ours. */
    public Optional<Holder> holderOf(String token) {
        byte[] presented = digest(token);
        Holder found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(presented, e.digest())) {
                found = e.holder();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
