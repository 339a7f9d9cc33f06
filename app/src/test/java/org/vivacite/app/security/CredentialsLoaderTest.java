package org.vivacite.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.IdentityConfiguration;
import org.vivacite.portal.identity.Role;

@ExtendWith(OutputCaptureExtension.class)
class CredentialsLoaderTest {

    @TempDir
    Path data;

    private VivaciteProperties properties(String operator, Map<String, String> gateways) {
        return new VivaciteProperties(
                data,
                "http://localhost:8080/",
                false,
                new VivaciteProperties.Security(operator, gateways, null),
                new VivaciteProperties.DemoCity(1, 2000, 365));
    }

    @Test
    void firstStartGeneratesTokensIntoAnOwnerOnlyFileAndNeverLogsThem(CapturedOutput output) throws Exception {
        Credentials credentials = CredentialsLoader.load(properties(null, Map.of()));
        Path file = data.resolve("credentials");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Properties stored = read(file);
        String operator = stored.getProperty("operator-token");
        String gateway = stored.getProperty("gateway-token.default");
        assertThat(operator).hasSizeGreaterThanOrEqualTo(43);
        assertThat(gateway).isNotEqualTo(operator);
        assertThat(credentials.holderOf(operator))
                .contains(new Credentials.Holder("operator", Credentials.Role.OPERATOR));
        assertThat(credentials.holderOf(gateway)).contains(new Credentials.Holder("default", Credentials.Role.GATEWAY));
        assertThat(credentials.holderOf("guess")).isEmpty();
        assertThat(output.getAll())
                .contains(file.toString())
                .doesNotContain(operator)
                .doesNotContain(gateway);
    }

    @Test
    void laterStartsReuseTheFile() throws Exception {
        CredentialsLoader.load(properties(null, Map.of()));
        Properties first = read(data.resolve("credentials"));
        Credentials again = CredentialsLoader.load(properties("", Map.of()));
        assertThat(read(data.resolve("credentials"))).isEqualTo(first);
        assertThat(again.holderOf(first.getProperty("operator-token"))).isPresent();
    }

    @Test
    void configuredTokensWinAndLeaveNoFile() throws Exception {
        Credentials credentials = CredentialsLoader.load(properties("op-secret", Map.of("gw-7", "gw-secret")));
        assertThat(credentials.holderOf("op-secret"))
                .map(Credentials.Holder::role)
                .contains(Credentials.Role.OPERATOR);
        assertThat(credentials.holderOf("gw-secret"))
                .map(Credentials.Holder::name)
                .contains("gw-7");
        assertThat(data.resolve("credentials")).doesNotExist();
    }

    @Test
    void configuredOperatorWithoutGatewaysTakesGatewaysFromTheFile() throws Exception {
        Credentials credentials = CredentialsLoader.load(properties("op-secret", Map.of()));
        Properties stored = read(data.resolve("credentials"));
        assertThat(stored.getProperty("operator-token")).isNull();
        assertThat(credentials.holderOf(stored.getProperty("gateway-token.default")))
                .isPresent();
        assertThat(credentials.holderOf("op-secret")).isPresent();
    }

    @Test
    void refusesAGatewayNamedLikeTheEmbeddedBrokersPlatformUserFromConfigurationOrFile() throws Exception {
        assertThatThrownBy(() -> CredentialsLoader.load(
                        properties("op-secret", Map.of("vivacite-platform", "gw-secret", "gw-7", "gw7-secret"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vivacite.security.gateway-tokens.vivacite-platform")
                .hasMessageContaining("reserved")
                .hasMessageNotContaining("gw-secret");

        Files.writeString(data.resolve("credentials"), "operator-token=op\ngateway-token.vivacite-platform=t\n");
        assertThatThrownBy(() -> CredentialsLoader.load(properties(null, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway-token.vivacite-platform in " + data.resolve("credentials"))
                .hasMessageContaining("reserved");
    }

    @Test
    void refusesAGatewayIdThatIsNotOneMqttTopicLevel() {
        for (String id : new String[] {"a/b", "gw+", "gw#", ""}) {
            assertThatThrownBy(() -> CredentialsLoader.load(properties("op-secret", Map.of(id, "gw-secret"))))
                    .as("gateway id '%s'", id)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gateway id '" + id + "'")
                    .hasMessageContaining("one MQTT topic level");
        }
    }

    private static Properties read(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void thePseudonymisationKeyIsGeneratedOnceKeptInTheFileAndNeverLogged(CapturedOutput output) throws Exception {
        VivaciteProperties props = properties(null, Map.of());
        String first = CredentialsLoader.pseudonyms(props).of("meter", "DME-12345678");
        String again = CredentialsLoader.pseudonyms(props).of("meter", "DME-12345678");
        assertThat(again).isEqualTo(first);
        String stored = java.nio.file.Files.readString(data.resolve("credentials"));
        String key = stored.lines()
                .filter(l -> l.startsWith("pseudonymisation-key="))
                .findFirst()
                .orElseThrow()
                .substring("pseudonymisation-key=".length());
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(output).doesNotContain(key);
    }

    @Test
    void aConfiguredPseudonymisationKeyWinsAndABadOneIsNamedWithoutItsValue() throws Exception {
        String hex = "00112233445566778899aabbccddeeff";
        VivaciteProperties configured = new VivaciteProperties(
                data,
                "http://localhost:8080/",
                false,
                new VivaciteProperties.Security("op", Map.of("gw", "t"), hex),
                new VivaciteProperties.DemoCity(1, 2000, 365));
        assertThat(CredentialsLoader.pseudonyms(configured).of("meter", "x"))
                .isEqualTo(new org.vivacite.ontology.Pseudonyms(
                                java.util.HexFormat.of().parseHex(hex))
                        .of("meter", "x"));
        assertThat(data.resolve("credentials")).doesNotExist();
        VivaciteProperties bad = new VivaciteProperties(
                data,
                "http://localhost:8080/",
                false,
                new VivaciteProperties.Security("op", Map.of("gw", "t"), "not-hex-secret"),
                new VivaciteProperties.DemoCity(1, 2000, 365));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CredentialsLoader.pseudonyms(bad))
                .hasMessageContaining("vivacite.security.pseudonymisation-key must be at least 16 bytes")
                .hasMessageNotContaining("not-hex-secret");
    }

    @Test
    void theDemosAccountsAreWrittenAsUserColonPasswordBesideTheTokensAndKeptAcrossStarts(CapturedOutput output)
            throws Exception {
        VivaciteProperties demo = properties(null, Map.of());
        CredentialsLoader.load(demo);
        PasswordEncoder encoder = IdentityConfiguration.passwordEncoder();
        Accounts accounts = Accounts.open(data.resolve("identity/accounts.json"), encoder);

        Map<Role, String> users = CredentialsLoader.demoAccounts(demo, accounts);

        Path file = data.resolve("credentials");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Properties stored = read(file);
        assertThat(stored.getProperty("operator-token")).isNotNull();
        for (Role role : Role.values()) {
            String[] userAndPassword =
                    stored.getProperty("account." + role.claim()).split(":", 2);
            assertThat(userAndPassword[0]).isEqualTo(users.get(role)).isEqualTo("demo-" + role.claim());
            assertThat(userAndPassword[1]).hasSizeGreaterThanOrEqualTo(43);
            Accounts.Account account = accounts.find(userAndPassword[0]).orElseThrow();
            assertThat(account.roles()).containsExactly(role);
            assertThat(encoder.matches(userAndPassword[1], account.passwordHash()))
                    .isTrue();
            assertThat(output.getAll()).doesNotContain(userAndPassword[1]);
        }
        CredentialsLoader.demoAccounts(demo, Accounts.open(data.resolve("identity/accounts.json"), encoder));
        assertThat(read(file)).isEqualTo(stored);
    }
}
