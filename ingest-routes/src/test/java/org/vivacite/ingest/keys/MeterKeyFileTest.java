package org.vivacite.ingest.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeterKeyFileTest {

    private static final String KEY = "000102030405060708090A0B0C0D0E0F";

    @TempDir
    Path dir;

    @Test
    void readsACsvOnlyItsOwnerMayRead() throws Exception {
        Path file = dir.resolve("keys.csv");
        Files.writeString(file, "meter_id,key_hex\n12345678," + KEY + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MeterKeyFile.load(file, null))
                .hasMessageContaining("group or others may read")
                .hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        MeterKeyFile keys = MeterKeyFile.load(file, null);
        assertThat(keys.key("ZRI", "12345678")).contains(HexFormat.of().parseHex(KEY));
        assertThat(keys.key("ZRI", "87654321")).isEmpty();
    }

    @Test
    void aBadKeyIsNamedByItsLineNeverByItsValue() throws Exception {
        Path file = dir.resolve("keys.csv");
        Files.writeString(file, "12345678,0011SECRET\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> MeterKeyFile.load(file, null))
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void readsAJavaKeyStoreOfSecretKeysNamedByMeter() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, password);
        ks.setEntry(
                "12345678",
                new KeyStore.SecretKeyEntry(new SecretKeySpec(HexFormat.of().parseHex(KEY), "AES")),
                new KeyStore.PasswordProtection(password));
        Path file = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(MeterKeyFile.load(file, password).key("ZRI", "12345678"))
                .contains(HexFormat.of().parseHex(KEY));
        assertThatThrownBy(() -> MeterKeyFile.load(file, "wrong".toCharArray()))
                .hasMessageContaining("not a readable KeyStore");
    }

    @Test
    void keysAddedGoToAnOwnerOnlyFileAndAreReadAtOnce() throws Exception {
        Path file = dir.resolve("sub").resolve("meter-keys.csv");
        MeterKeyFile keys = MeterKeyFile.load(file, null);
        assertThat(keys.size()).isZero();

        keys.add(java.util.Map.of("12345678", HexFormat.of().parseHex(KEY)));
        keys.add(java.util.Map.of("12345678", new byte[16], "87654321", new byte[16]));

        assertThat(keys.key("ZRI", "12345678")).contains(HexFormat.of().parseHex(KEY));
        assertThat(keys.size()).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(MeterKeyFile.load(file, null).size()).isEqualTo(2);
    }
}
