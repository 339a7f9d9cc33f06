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
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.simulator.wmbus.WmbusAddress;
import org.vivacite.simulator.wmbus.WmbusTelegrams;

class WmbusDecoderTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final WmbusAddress WATER = new WmbusAddress("ELS", 12345678, 1, WmbusAddress.WATER);
    private static final LocalDateTime AT = LocalDateTime.of(2026, 1, 12, 6, 45);

    private static byte[] waterTelegram(int access, byte[] key) {
        DataRecords records = new DataRecords()
                .bcd8(DataRecords.VOLUME_LITRES, 123_456)
                .dateTime(AT)
                .errorFlags(0);
        return WmbusTelegrams.encode(WATER, access, 0, true, records, key);
    }

    private static WmbusDecoder decoder(byte[] key) {
        return new WmbusDecoder((manufacturer, meterId) -> Optional.ofNullable(key), PARIS, List.of());
    }

    private static void assertWaterReading(List<DecodedReading> readings) {
        assertThat(readings)
                .containsExactly(DecodedReading.at(
                        "12345678",
                        "ELS",
                        "waterVolume",
                        new BigDecimal("123.456"),
                        AT.atZone(PARIS).toInstant()));
    }

    @Test
    void readsAModeFiveTelegramWithTheMetersKey() {
        assertWaterReading(decoder(KEY).decode(waterTelegram(0x42, KEY)));
    }

    @Test
    void readsATelegramGivenAsAHexLine() {
        String line = "  " + HEX.withUpperCase().formatHex(waterTelegram(0x42, KEY)) + "\n";
        assertWaterReading(decoder(KEY).decode(line));
        assertThatThrownBy(() -> decoder(KEY).decode("2E44X3"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("hexadecimal");
    }

    @Test
    void rejectsTelegramWithWrongKeyNamingTheMeterButNotTheKey() {
        byte[] wrong = KEY.clone();
        wrong[3] ^= 0x5A;
        assertThatThrownBy(() -> decoder(wrong).decode(waterTelegram(0x42, KEY)))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("ELS 12345678")
                .hasMessageContaining("cannot decrypt: wrong key?")
                .hasMessageNotContaining(HEX.formatHex(wrong))
                .hasMessageNotContaining(HEX.withUpperCase().formatHex(wrong));
    }

    @Test
    void rejectsEncryptedTelegramOfAMeterWithoutKey() {
        assertThatThrownBy(() -> decoder(null).decode(waterTelegram(0x42, KEY)))
                .isInstanceOf(MissingKeyException.class)
                .hasMessageContaining("ELS 12345678")
                .hasMessageContaining("no key");
    }

    @Test
    void acceptsAPayloadTheGatewayAlreadyDecryptedWhileTheHeaderStillAnnouncesModeFive() throws Exception {
        byte[] telegram = waterTelegram(0x42, KEY);
        byte[] iv = new byte[16];
        System.arraycopy(telegram, 2, iv, 0, 8);
        Arrays.fill(iv, 8, 16, (byte) 0x42);
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(iv));
        byte[] plain = aes.doFinal(telegram, 15, telegram.length - 15);
        byte[] decrypted = telegram.clone();
        System.arraycopy(plain, 0, decrypted, 15, plain.length);
        assertThat(decrypted[14] & 0x1F).as("mode 5 still announced").isEqualTo(5);

        assertWaterReading(decoder(null).decode(decrypted));
        assertWaterReading(decoder(KEY).decode(decrypted));
    }

    @Test
    void readsAnExtendedLinkLayerWithSessionNumberInFrontOfTheTransportLayer() {
        byte[] inner = waterTelegram(0x42, KEY);
        // CI 8D, CC, ACC, SN (no ELL encryption), payload CRC (not checked without encryption)
        byte[] ell = HEX.parseHex("8D2042" + "00000000" + "0000");
        byte[] telegram = new byte[inner.length + ell.length];
        System.arraycopy(inner, 0, telegram, 0, 10);
        System.arraycopy(ell, 0, telegram, 10, ell.length);
        System.arraycopy(inner, 10, telegram, 10 + ell.length, inner.length - 10);
        telegram[0] = (byte) (telegram.length - 1);
        assertWaterReading(decoder(KEY).decode(telegram));
    }

    @Test
    void readsOmsExampleN53ExtendedLinkLayer8cLongHeaderAndPartialEncryption() throws IOException {
        Map<String, String[]> vectors = omsVectors();
        String[] n53 = vectors.get("OMS-N.5.3");
        List<DecodedReading> readings = decoder(HEX.parseHex(n53[3])).decode(n53[2]);
        // the meter is the long header's HCA (QDS 55667788, device 08), not the radio module
        assertThat(readings)
                .containsExactly(
                        DecodedReading.at("55667788", "QDS", "heatCostAllocation", BigDecimal.valueOf(1234), null));
    }

    @Test
    void readsOmsExampleN21GasMeterToTheSpecsValues() throws IOException {
        String[] n21 = omsVectors().get("OMS-N.2.1");
        List<DecodedReading> readings = decoder(HEX.parseHex(n21[3])).decode(n21[2]);
        assertThat(readings)
                .containsExactly(DecodedReading.at(
                        "12345678",
                        "ELS",
                        "gasVolume",
                        new BigDecimal("28504.27"),
                        LocalDateTime.of(2008, 5, 31, 23, 50).atZone(PARIS).toInstant()));
    }

    @Test
    void rejectsManufacturerSpecificTelegramWithTheReason() {
        byte[] telegram = HEX.parseHex("1344A511987065993007A0" + "0102030405060708");
        telegram[0] = (byte) (telegram.length - 1);
        assertThatThrownBy(() -> decoder(null).decode(telegram))
                .isInstanceOf(UnsupportedTelegramException.class)
                .hasMessageContaining("manufacturer-specific")
                .hasMessageContaining("CI A0")
                .hasMessageContaining("99657098");
    }

    @Test
    void letsADriverThatAcceptsItReadAManufacturerSpecificTelegram() {
        byte[] telegram = HEX.parseHex("1344A511987065993007A0" + "0102030405060708");
        telegram[0] = (byte) (telegram.length - 1);
        WMBusDriver driver = new WMBusDriver() {
            @Override
            public boolean accepts(String manufacturer, int deviceType, int ci) {
                return manufacturer.equals("DME") && deviceType == 0x07 && ci == 0xA0;
            }

            @Override
            public List<DecodedReading> decode(WmbusTelegram t, MeterKeys keys, ZoneId zone) {
                byte[] b = t.bytes();
                return List.of(DecodedReading.at(
                        t.meterId(), t.manufacturer(), "waterVolume", BigDecimal.valueOf(b[t.ciOffset() + 1]), null));
            }
        };
        WmbusDecoder decoder = new WmbusDecoder(MeterKeys.none(), PARIS, List.of(driver));
        assertThat(decoder.decode(telegram))
                .containsExactly(DecodedReading.at("99657098", "DME", "waterVolume", BigDecimal.ONE, null));
    }

    @Test
    void rejectsATruncatedTelegram() {
        byte[] telegram = Arrays.copyOf(waterTelegram(0x42, KEY), 20);
        assertThatThrownBy(() -> decoder(KEY).decode(telegram))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("ELS 12345678")
                .hasMessageContaining("truncated");
    }

    /** The OMS and CEN examples copied from the shared reference folder: id → columns. */
    private static Map<String, String[]> omsVectors() throws IOException {
        Map<String, String[]> vectors = new HashMap<>();
        try (InputStream in = WmbusDecoderTest.class.getResourceAsStream("/wmbus/oms_spec_vectors.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
                String[] f = line.split("\t");
                vectors.put(f[0], f);
            }
        }
        return vectors;
    }
}
