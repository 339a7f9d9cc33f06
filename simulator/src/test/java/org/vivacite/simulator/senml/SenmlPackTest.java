package org.vivacite.simulator.senml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Against RFC 8428's own example (src/test/resources/senml): the §5.1.2 pack and its §6 CBOR. */
class SenmlPackTest {

    private static SenmlPack rfcExample() {
        SenmlPack pack = new SenmlPack()
                .baseName("urn:dev:ow:10e2073a0108006:")
                .baseTime(1276020076.001)
                .baseUnit("A")
                .version(5)
                .add("voltage", "V", 120.1, null);
        double[] current = {1.2, 1.3, 1.4, 1.5, 1.6, 1.7};
        for (int i = 0; i < current.length; i++) {
            pack.add("current", null, current[i], i - 5);
        }
        return pack;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SenmlPackTest.class.getResourceAsStream("/senml/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void cborIsTheRfcExampleByteForByte() throws IOException {
        assertThat(rfcExample().cbor()).isEqualTo(resource("ex3.gen.cbor"));
    }

    @Test
    void jsonIsTheRfcExample() throws IOException {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(rfcExample().json())).isEqualTo(json.readTree(resource("ex3.json")));
    }

    @Test
    void cborAndJsonSayTheSame() throws IOException {
        SenmlPack pack = new SenmlPack()
                .baseName("urn:dev:mac:0024befffe804ff1:")
                .baseTime(1_767_225_600L)
                .add("temperature", "Cel", 21.5, 0)
                .add("temperature", "Cel", 55, 60);
        var fromCbor = new CBORMapper().readTree(pack.cbor());
        var fromJson = new ObjectMapper().readTree(pack.json());
        assertThat(fromCbor).hasSize(2);
        assertThat(fromCbor.get(0).get("-2").asText())
                .isEqualTo(fromJson.get(0).get("bn").asText());
        assertThat(fromCbor.get(1).get("2").asDouble())
                .isEqualTo(fromJson.get(1).get("v").asDouble());
    }

    /** RFC 8949 Appendix A's half-precision examples. */
    @Test
    void halfPrecisionAsRfc8949Shows() {
        assertThat(SenmlPack.half(0.0f)).isEqualTo(0x0000);
        assertThat(SenmlPack.half(-0.0f)).isEqualTo(0x8000);
        assertThat(SenmlPack.half(1.0f)).isEqualTo(0x3C00);
        assertThat(SenmlPack.half(1.5f)).isEqualTo(0x3E00);
        assertThat(SenmlPack.half(65504.0f)).isEqualTo(0x7BFF);
        assertThat(SenmlPack.half(5.960464477539063e-8f)).isEqualTo(0x0001);
        assertThat(SenmlPack.half(0.00006103515625f)).isEqualTo(0x0400);
        assertThat(SenmlPack.half(-4.0f)).isEqualTo(0xC400);
        assertThat(SenmlPack.half(100000.0f)).as("too large").isEqualTo(-1);
        assertThat(SenmlPack.half(1.1f)).as("not exact").isEqualTo(-1);
    }
}
