package org.vivacite.app.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.vivacite.app.VivaciteProperties;

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

    private static Properties read(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
