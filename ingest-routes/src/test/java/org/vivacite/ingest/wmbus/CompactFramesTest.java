package org.vivacite.ingest.wmbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;

/** Compact frames (CI 79) read with the layout of the meter's earlier full frame (CI 78), built here. */
class CompactFramesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final HexFormat HEX = HexFormat.of();
    /** KAM 87654321, version 1B, water (07). */
    private static final String LINK = "00442D2C214365871B07";

    private static final String LAYOUT = "0C13" + "046D" + "02FD17";

    /** Volume 123.456 m³ (BCD litres), 2026-01-12 06:45, no error flags. */
    private static final String FULL_RECORDS = "0C13" + "56341200" + "046D" + "2D064C31" + "02FD17" + "0000";

    private static final String COMPACT_DATA = "89674500" + "2D074C31" + "0000"; // 456.789 m³, 07:45

    private static byte[] telegram(String link, String ci, String rest) {
        byte[] t = HEX.parseHex(link + ci + rest);
        t[0] = (byte) (t.length - 1);
        return t;
    }

    private static String le(int crc) {
        return String.format("%02X%02X", crc & 0xFF, crc >> 8);
    }

    /** The EN 13757-4 CRC written out again here, bit by bit from the polynomial. */
    private static int crc(String hex) {
        int crc = 0;
        for (byte b : HEX.parseHex(hex)) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean top = ((crc >> 15) & 1) != ((b >> bit) & 1);
                crc = (crc << 1) & 0xFFFF;
                if (top) {
                    crc ^= 0x3D65;
                }
            }
        }
        return crc ^ 0xFFFF;
    }

    private static String compact(String layout, String data, String fullRecords) {
        return le(crc(layout)) + le(crc(fullRecords)) + data;
    }

    private static String fullOf(String data) {
        return "0C13" + data.substring(0, 8) + "046D" + data.substring(8, 16) + "02FD17" + data.substring(16);
    }

    private static WmbusDecoder decoder() {
        return new WmbusDecoder(MeterKeys.none(), PARIS, List.of());
    }

    @Test
    void readsACompactFrameWithTheLayoutOfTheMetersFullFrame() {
        WmbusDecoder decoder = decoder();
        assertThat(decoder.decode(telegram(LINK, "78", FULL_RECORDS)))
                .extracting(DecodedReading::value)
                .containsExactly(new BigDecimal("123.456"));
        assertThat(decoder.decode(telegram(LINK, "79", compact(LAYOUT, COMPACT_DATA, fullOf(COMPACT_DATA)))))
                .containsExactly(DecodedReading.at(
                        "87654321",
                        "KAM",
                        "waterVolume",
                        new BigDecimal("456.789"),
                        LocalDateTime.of(2026, 1, 12, 7, 45).atZone(PARIS).toInstant()));
    }

    @Test
    void refusesACompactFrameWhoseLayoutItHasNotSeenFromThatMeter() {
        WmbusDecoder decoder = decoder();
        String otherMeter = "00442D2C114365871B07"; // KAM 87654311, same layout
        decoder.decode(telegram(otherMeter, "78", FULL_RECORDS));
        assertThatThrownBy(
                        () -> decoder.decode(telegram(LINK, "79", compact(LAYOUT, COMPACT_DATA, fullOf(COMPACT_DATA)))))
                .isInstanceOf(UnsupportedTelegramException.class)
                .hasMessageContaining("KAM 87654321")
                .hasMessageContaining("compact frame")
                .hasMessageContaining(String.format("%04X", crc(LAYOUT)));
    }

    @Test
    void refusesACompactFrameThatDoesNotMatchItsFullFrameCrc() {
        WmbusDecoder decoder = decoder();
        decoder.decode(telegram(LINK, "78", FULL_RECORDS));
        String wrong = compact(LAYOUT, COMPACT_DATA, FULL_RECORDS); // CRC of other data
        assertThatThrownBy(() -> decoder.decode(telegram(LINK, "79", wrong)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("KAM 87654321")
                .hasMessageContaining("full-frame CRC");
    }

    @Test
    void refusesACompactFrameShorterThanItsLayout() {
        WmbusDecoder decoder = decoder();
        decoder.decode(telegram(LINK, "78", FULL_RECORDS));
        String shortData = COMPACT_DATA.substring(0, 12);
        assertThatThrownBy(() -> decoder.decode(telegram(LINK, "79", compact(LAYOUT, shortData, FULL_RECORDS))))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("shorter than the layout");
    }
}
