package org.vivacite.ingest.wmbus.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.wmbus.MeterKeys;
import org.vivacite.ingest.wmbus.WmbusDecoder;

/** Apator water telegrams built here: the volume field found past fields of every known length. */
class ApatorWaterDriverTest {

    private static final HexFormat HEX = HexFormat.of();
    /** APA 11223344, version 05, water; short header, no encryption. */
    private static final String HEAD = "00440106443322110507" + "7A" + "21" + "00" + "0000" + "2F2F0F";

    private static final String STATUS = "01020304050607";

    private static byte[] telegram(String fields) {
        byte[] t = HEX.parseHex(HEAD + STATUS + fields);
        t[0] = (byte) (t.length - 1);
        return t;
    }

    private static WmbusDecoder decoder() {
        return new WmbusDecoder(MeterKeys.none(), ZoneId.of("Europe/Paris"), List.of(new ApatorWaterDriver()));
    }

    @Test
    void readsTheVolumeAfterFieldsOfEveryKnownLength() {
        String fields = "43" + "1234" // 2 bytes
                + "40" + "AABBCCDDEEFF" // 6
                + "41" + "11223344556677" // 7
                + "F0" + "01020304" // 4
                + "85" + "00112233445566778899" // 10
                + "71" + "01" + "11111111" + "22222222" // a history of two values
                + "A0" + "0A0B0C0D" // 4
                + "10" + "39300100" // 77 881 litres
                + "FFFFFFFF" + "ABCD";
        assertThat(decoder().decode(telegram(fields)))
                .containsExactly(DecodedReading.at("11223344", "APA", "waterVolume", new BigDecimal("77.881"), null));
    }

    @Test
    void refusesAnUnknownTagBeforeTheVolumeNamingTheMeter() {
        assertThatThrownBy(() -> decoder().decode(telegram("43" + "1234" + "5A" + "00" + "10" + "39300100")))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("APA 11223344")
                .hasMessageContaining("unknown tag 5A");
    }

    @Test
    void leavesOtherVersionsToTheStandardRecords() {
        byte[] t = telegram("10" + "39300100");
        t[8] = 0x06; // version 06
        assertThat(decoder().decode(t)).isEmpty();
    }

    @Test
    void isRegisteredForTheServiceLoader() {
        byte[] t = telegram("10" + "39300100");
        assertThat(new WmbusDecoder(MeterKeys.none()).decode(t))
                .extracting(DecodedReading::value)
                .containsExactly(new BigDecimal("77.881"));
    }
}
