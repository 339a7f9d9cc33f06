package org.vivacite.ingest.wmbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodedReading;

/**
 * Security mode 7 against the published examples (CEN/TR 17167 F.3 and the OMS-style frame of
 * the test resources, key 000102…0F) and against a telegram encrypted here with another key.
 */
class Mode7Test {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SPEC_KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f");

    private static WmbusDecoder decoder(byte[] key) {
        return new WmbusDecoder((manufacturer, meterId) -> Optional.ofNullable(key), PARIS, List.of());
    }

    @Test
    void derivesTheSessionKeysOfCenTr17167F3() {
        byte[] counter = HEX.parseHex("b30a0000"); // MCR 0x00000AB3 as sent
        byte[] id = HEX.parseHex("78563412"); // meter 12345678 as sent
        assertThat(HEX.formatHex(Mode7.sessionKey(SPEC_KEY, Mode7.ENCRYPTION, counter, id)))
                .isEqualTo("eccf39d475d730b8284fdfdc1995d52f");
        assertThat(HEX.formatHex(Mode7.sessionKey(SPEC_KEY, Mode7.AUTHENTICATION, counter, id)))
                .isEqualTo("c9cd19ff5a9aad5a6bbda13bd2c4c7ad");
    }

    @Test
    void readsBothPublishedModeSevenExamplesToTheSpecsValues() throws IOException {
        Map<String, String[]> vectors = omsVectors();
        for (String id : List.of("CEN-TR-17167-F.3", "OMS-N.2.3-style (ioBroker tests)")) {
            String[] v = vectors.get(id);
            assertThat(decoder(HEX.parseHex(v[3])).decode(v[2]))
                    .as(id)
                    .containsExactly(DecodedReading.at(
                            "12345678",
                            "ELS",
                            "gasVolume",
                            new BigDecimal("28504.27"),
                            LocalDateTime.of(2008, 5, 31, 23, 50).atZone(PARIS).toInstant()));
        }
    }

    @Test
    void refusesAnAlteredMacNamingTheMeterButNotTheKey() throws IOException {
        String frame = omsVectors().get("OMS-N.2.3-style (ioBroker tests)")[2];
        String altered = frame.replace("21924D4F2FB66E01", "21924D4F3FB66E01");
        assertThat(altered).isNotEqualTo(frame);
        assertThatThrownBy(() -> decoder(SPEC_KEY).decode(altered))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("ELS 12345678")
                .hasMessageContaining("MAC does not match")
                .hasMessageNotContaining("000102030405060708090a0b0c0d0e0f");
    }

    @Test
    void refusesAModeSevenTelegramWithoutKey() throws IOException {
        String frame = omsVectors().get("CEN-TR-17167-F.3")[2];
        assertThatThrownBy(() -> decoder(null).decode(frame))
                .isInstanceOf(MissingKeyException.class)
                .hasMessageContaining("ELS 12345678")
                .hasMessageContaining("mode 7");
    }

    @Test
    void readsATelegramEncryptedHereWithAnotherKeyAndCounter() throws Exception {
        byte[] key = HEX.parseHex("c0ffee00112233445566778899aabbcc");
        byte[] telegram = modeSevenWaterTelegram(key, HEX.parseHex("01020304"));
        assertThat(decoder(key).decode(telegram))
                .containsExactly(DecodedReading.at("87654321", "KAM", "waterVolume", new BigDecimal("123.456"), null));
        byte[] other = key.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> decoder(other).decode(telegram))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("KAM 87654321");
    }

    @Test
    void readsAModeSevenPayloadTheGatewayAlreadyDecrypted() throws Exception {
        byte[] key = HEX.parseHex("c0ffee00112233445566778899aabbcc");
        byte[] telegram = modeSevenWaterTelegram(null, HEX.parseHex("01020304"));
        assertThat(decoder(null).decode(telegram))
                .containsExactly(DecodedReading.at("87654321", "KAM", "waterVolume", new BigDecimal("123.456"), null));
        assertThat(decoder(key).decode(telegram)).hasSize(1);
    }

    /**
     * A water meter's telegram: link layer KAM 87654321, AFL with MCL, MCR and an 8-byte MAC, short
     * transport header in mode 7 (one block, KDF-A), volume 123.456 m³; encrypted and authenticated
     * with {@code key} by the derivation under test, or left plain when {@code key} is null.
     */
    private static byte[] modeSevenWaterTelegram(byte[] key, byte[] counter) throws Exception {
        byte[] link = HEX.parseHex("00442D2C" + "21436587" + "1B07");
        byte[] records = HEX.parseHex("2F2F" + "0C13" + "56341200" + "2F2F2F2F2F2F2F2F");
        byte[] tpl = HEX.parseHex("7A" + "11" + "00" + "1007" + "10");
        byte[] id = Arrays.copyOfRange(link, 4, 8);
        byte[] data = records;
        if (key != null) {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(Mode7.sessionKey(key, Mode7.ENCRYPTION, counter, id), "AES"),
                    new IvParameterSpec(new byte[16]));
            data = aes.doFinal(records);
        }
        byte[] afterAfl = concat(tpl, data);
        byte[] mac = new byte[8];
        if (key != null) {
            byte[] macInput = concat(concat(new byte[] {0x25}, counter), afterAfl);
            mac = Arrays.copyOf(AesCmac.mac(Mode7.sessionKey(key, Mode7.AUTHENTICATION, counter, id), macInput), 8);
        }
        byte[] afl = concat(concat(HEX.parseHex("900F002C25"), counter), mac);
        byte[] telegram = concat(concat(link, afl), afterAfl);
        telegram[0] = (byte) (telegram.length - 1);
        return telegram;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static Map<String, String[]> omsVectors() throws IOException {
        Map<String, String[]> vectors = new HashMap<>();
        try (InputStream in = Mode7Test.class.getResourceAsStream("/wmbus/oms_spec_vectors.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
                String[] f = line.split("\t");
                vectors.put(f[0], f);
            }
        }
        return vectors;
    }
}
