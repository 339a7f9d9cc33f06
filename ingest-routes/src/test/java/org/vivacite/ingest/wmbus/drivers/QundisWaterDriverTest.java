package org.vivacite.ingest.wmbus.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.wmbus.MeterKeys;
import org.vivacite.ingest.wmbus.WmbusDecoder;

/** Qundis water telegrams built here: the volume inside the manufacturer record, the time from the standard one. */
class QundisWaterDriverTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final HexFormat HEX = HexFormat.of();
    /** QDS 55667788, version 20, cold water (16), no transport header. */
    private static final String HEAD = "00449344887766552016" + "78";

    private static final String DATE = "046D" + "2D064C31"; // 2026-01-12 06:45

    private static byte[] telegram(String manufacturerRecordData) {
        int length = manufacturerRecordData.length() / 2;
        byte[] t = HEX.parseHex(HEAD + "0DFF5F" + String.format("%02X", length) + manufacturerRecordData + "2F" + DATE);
        t[0] = (byte) (t.length - 1);
        return t;
    }

    private static WmbusDecoder decoder() {
        return new WmbusDecoder(MeterKeys.none(), PARIS, List.of(new QundisWaterDriver()));
    }

    @Test
    void readsTheVolumeAfterTheMarker() {
        String data = "0011223344556677" + "C113FFFF" + "21430500" + "0102030405060708";
        assertThat(decoder().decode(telegram(data)))
                .containsExactly(DecodedReading.at(
                        "55667788",
                        "QDS",
                        "waterVolume",
                        new BigDecimal("54.321"),
                        LocalDateTime.of(2026, 1, 12, 6, 45).atZone(PARIS).toInstant()));
    }

    @Test
    void readsNothingWithoutTheMarkerOrWithAVolumeThatIsNotBcd() {
        assertThat(decoder().decode(telegram("0011223344556677" + "C114FFFF" + "21430500")))
                .isEmpty();
        assertThat(decoder().decode(telegram("0011223344556677" + "C113FFFF" + "2143050F")))
                .isEmpty();
    }

    @Test
    void leavesHeatCostAllocatorsAlone() {
        byte[] t = telegram("0011223344556677" + "C113FFFF" + "21430500");
        t[9] = 0x08; // heat cost allocator
        assertThat(decoder().decode(t)).isEmpty();
    }
}
