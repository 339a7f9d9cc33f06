package org.vivacite.app.security;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.ingest.source.mqtt.EmbeddedMqttBroker;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.Role;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * Decides which tokens the server accepts. Tokens configured in {@code vivacite.security.*} win;
 * what configuration leaves out comes from {@code {data}/credentials}; on a first start with
 * neither, an operator token and a token for gateway {@code default} are generated and written
 * there, readable by the owner only. Tokens are never logged.
 *
 * <p>A gateway id is one MQTT topic level (its topics are {@code vivacite/ingest/{format}/{id}}, its
 * user name at the embedded broker is its id, and its MQTT client ids are its id or begin with its
 * id and a {@code /}), and never the embedded broker's own platform user.
 */
final class CredentialsLoader {

    static final String FILE_NAME = "credentials";
    static final String OPERATOR_KEY = "operator-token";
    static final String GATEWAY_PREFIX = "gateway-token.";
    static final String DEFAULT_GATEWAY = "default";
    /** The gateway the demo city's devices report through (with {@code --demo}). */
    public static final String DEMO_GATEWAY = "demo-city";

    static final String PSEUDONYMISATION_KEY = "pseudonymisation-key";

    /** {@code account.citizen=USER:PASSWORD}, … : the demo's accounts (contract). */
    static final String ACCOUNT_PREFIX = "account.";

    private static final Logger log = LoggerFactory.getLogger(CredentialsLoader.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CredentialsLoader() {}

    static Credentials load(VivaciteProperties properties) throws IOException {
        VivaciteProperties.Security configured = properties.security();
        String operator = blankToNull(configured.operatorToken());
        Map<String, String> gateways = new TreeMap<>(configured.gatewayTokens());
        gateways.keySet().forEach(id -> checkGatewayId(id, "vivacite.security.gateway-tokens." + id));
        if (operator != null && !gateways.isEmpty()) {
            log.info("Credentials: operator and {} gateway token(s) from configuration", gateways.size());
            return new Credentials(operator, withDemo(properties, gateways));
        }
        Path file = properties.data().resolve(FILE_NAME);
        Properties stored = read(file);
        boolean changed = false;
        if (operator == null) {
            operator = stored.getProperty(OPERATOR_KEY);
            if (operator == null) {
                operator = newToken();
                stored.setProperty(OPERATOR_KEY, operator);
                changed = true;
            }
        }
        if (gateways.isEmpty()) {
            for (String key : stored.stringPropertyNames()) {
                if (key.startsWith(GATEWAY_PREFIX)) {
                    String id = key.substring(GATEWAY_PREFIX.length());
                    checkGatewayId(id, key + " in " + file);
                    gateways.put(id, stored.getProperty(key));
                }
            }
            if (gateways.isEmpty()) {
                String token = newToken();
                gateways.put(DEFAULT_GATEWAY, token);
                stored.setProperty(GATEWAY_PREFIX + DEFAULT_GATEWAY, token);
                changed = true;
            }
        }
        if (changed) {
            write(file, stored);
            log.info(
                    "Credentials: generated tokens written to {} (readable by its owner only); "
                            + "send them as 'Authorization: Bearer <token>'",
                    file);
        } else {
            log.info("Credentials: read from {}", file);
        }
        return new Credentials(operator, withDemo(properties, gateways));
    }

    /**
     * Refuses a gateway id that the embedded MQTT broker reserves or cannot carry.
     *
     * @param where the setting it comes from, never its token
     */
    private static void checkGatewayId(String id, String where) {
        if (id.equals(EmbeddedMqttBroker.PLATFORM_USER)) {
            throw new IllegalArgumentException(where + ": gateway id '" + id
                    + "' is reserved: it is the platform's own user at the embedded MQTT broker");
        }
        if (id.isEmpty() || id.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            throw new IllegalArgumentException(where + ": gateway id '" + id
                    + "' must be one MQTT topic level: not empty, without '/', '+', '#' or NUL");
        }
    }

    /** With {@code --demo}, the gateways and the demo city's. */
    private static Map<String, String> withDemo(VivaciteProperties properties, Map<String, String> gateways)
            throws IOException {
        if (properties.demo()) {
            gateways.putIfAbsent(DEMO_GATEWAY, demoGatewayToken(properties));
        }
        return gateways;
    }

    /**
     * The token of the demo city's gateway, {@code gateway-token.demo-city} in {@code {data}/credentials},
     * generated there on first need: the demo's devices send through the real sources with it.
     */
    static String demoGatewayToken(VivaciteProperties properties) throws IOException {
        Path file = properties.data().resolve(FILE_NAME);
        Properties stored = read(file);
        String token = stored.getProperty(GATEWAY_PREFIX + DEMO_GATEWAY);
        if (token == null) {
            token = newToken();
            stored.setProperty(GATEWAY_PREFIX + DEMO_GATEWAY, token);
            write(file, stored);
        }
        return token;
    }

    /**
     * With {@code --demo}, an account of each role ({@code demo-citizen}, {@code demo-manager},
     * {@code demo-official}, {@code demo-operator}) with a random password, written to {@code
     * {data}/credentials} as {@code account.<role>=USER:PASSWORD} (contract) and to the accounts as
     * its hash. An account already there is kept as it is.
     *
     * @return the demo's user names by role
     */
    static Map<Role, String> demoAccounts(VivaciteProperties properties, Accounts accounts) throws IOException {
        Path file = properties.data().resolve(FILE_NAME);
        Properties stored = read(file);
        Map<Role, String> users = new java.util.EnumMap<>(Role.class);
        boolean changed = false;
        for (Role role : Role.values()) {
            String key = ACCOUNT_PREFIX + role.claim();
            String kept = stored.getProperty(key);
            String user = kept == null || kept.indexOf(':') < 1 ? null : kept.substring(0, kept.indexOf(':'));
            if (user == null || accounts.find(user).isEmpty()) {
                user = "demo-" + role.claim();
                String password = newToken();
                accounts.put(user, "Demo " + role.claim(), java.util.Set.of(role), password);
                stored.setProperty(key, user + ":" + password);
                changed = true;
            }
            users.put(role, user);
        }
        if (changed) {
            write(file, stored);
            log.info("Demo accounts {} written to {} (readable by its owner only)", users.values(), file);
        }
        return users;
    }

    /**
     * The key of private IRIs' pseudonyms: {@code vivacite.security.pseudonymisation-key} (hex), else
     * {@code pseudonymisation-key} in {@code {data}/credentials}, generated there on first need. It is
     * a secret: whoever has it can tell whether a serial is behind a pseudonym. Changing it changes
     * every pseudonym, so a store's private IRIs no longer meet new ones.
     */
    static Pseudonyms pseudonyms(VivaciteProperties properties) throws IOException {
        return pseudonyms(properties, true).orElseThrow();
    }

    /** As {@link #pseudonyms(VivaciteProperties)}; when {@code generate} is false, empty rather than a new key. */
    static java.util.Optional<Pseudonyms> pseudonyms(VivaciteProperties properties, boolean generate)
            throws IOException {
        String configured = blankToNull(properties.security().pseudonymisationKey());
        if (configured != null) {
            return java.util.Optional.of(new Pseudonyms(hexKey(configured, "vivacite.security.pseudonymisation-key")));
        }
        Path file = properties.data().resolve(FILE_NAME);
        Properties stored = read(file);
        String key = stored.getProperty(PSEUDONYMISATION_KEY);
        if (key == null && !generate) {
            return java.util.Optional.empty();
        }
        if (key == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            key = HexFormat.of().formatHex(bytes);
            stored.setProperty(PSEUDONYMISATION_KEY, key);
            write(file, stored);
            log.info("Pseudonymisation key generated in {} (readable by its owner only)", file);
        }
        return java.util.Optional.of(new Pseudonyms(hexKey(key, PSEUDONYMISATION_KEY + " in " + file)));
    }

    private static byte[] hexKey(String hex, String where) {
        try {
            byte[] key = HexFormat.of().parseHex(hex.strip());
            if (key.length >= 16) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw new IllegalArgumentException(where + " must be at least 16 bytes in hexadecimal (32 hex digits or more)");
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    private static void write(Path file, Properties p) throws IOException {
        if (!Files.exists(file)) {
            OwnerOnly.createFile(file);
        }
        OwnerOnly.restrict(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            p.store(w, "VivaCité credentials: send a token as 'Authorization: Bearer <token>'. Keep this file secret.");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
