package org.vivacite.ingest.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.simulator.senml.SenmlPack;

class SenmlDecoderTest {

    private static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
    /** The RFC examples whose times are relative: their resolved file has the tool's "now". */
    private static final Set<Integer> RELATIVE = Set.of(1, 2, 7, 9);

    private final SenmlDecoder decoder = new SenmlDecoder(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "ex{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void resolvesRfc8428ExampleToTheRecordsItsAuthorsResolved(int example) throws IOException {
        List<SenmlRecord> records = decoder.resolveJson(resource("ex" + example + ".json"));
        JsonNode expected = new ObjectMapper().readTree(resource("ex" + example + ".gen.resolved.json"));

        // senmlCat drops data values (vd) when resolving: ex7's last record is not in its file.
        List<SenmlRecord> compared =
                records.stream().filter(r -> r.dataValue() == null).toList();
        assertThat(compared).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            SenmlRecord r = compared.get(i);
            assertThat(r.name()).isEqualTo(e.get("n").asText());
            assertThat(r.unit()).isEqualTo(e.has("u") ? e.get("u").asText() : null);
            if (e.has("v")) {
                assertThat(r.value()).isEqualByComparingTo(e.get("v").decimalValue());
            } else {
                assertThat(r.value()).isNull();
            }
            assertThat(r.stringValue()).isEqualTo(e.has("vs") ? e.get("vs").asText() : null);
            assertThat(r.booleanValue()).isEqualTo(e.has("vb") ? e.get("vb").asBoolean() : null);
            Instant time = RELATIVE.contains(example) ? NOW : instant(e.get("t").decimalValue());
            assertThat(r.time()).isEqualTo(time);
        }
    }

    @Test
    void resolvesRelativeTimesOfRfcExample3ToMilliseconds() {
        List<SenmlRecord> records = decoder.resolveJson(resource("ex3.json"));

        assertThat(records.get(1).time()).isEqualTo(Instant.parse("2010-06-08T18:01:11.001Z"));
        assertThat(records.get(6).time()).isEqualTo(Instant.parse("2010-06-08T18:01:16.001Z"));
        assertThat(records.get(0).unit()).isEqualTo("V");
        assertThat(records.get(1).unit()).isEqualTo("A");
    }

    @Test
    void keepsTheDataValueOfRfcExample7() {
        List<SenmlRecord> records = decoder.resolveJson(resource("ex7.json"));

        assertThat(records.get(3).name()).isEqualTo("urn:dev:ow:10e2073a01080063:nfv-reader");
        assertThat(records.get(3).dataValue()).isEqualTo("aGkgCg");
    }

    @ParameterizedTest(name = "ex{0}")
    @ValueSource(ints = {3, 5})
    void resolvesRfcCborAsItsJson(int example) {
        List<SenmlRecord> fromJson = decoder.resolveJson(resource("ex" + example + ".json"));
        List<SenmlRecord> fromCbor = decoder.resolveCbor(resource("ex" + example + ".gen.cbor"));

        assertThat(fromCbor).hasSameSizeAs(fromJson);
        for (int i = 0; i < fromJson.size(); i++) {
            SenmlRecord j = fromJson.get(i);
            SenmlRecord c = fromCbor.get(i);
            assertThat(c.name()).isEqualTo(j.name());
            assertThat(c.unit()).isEqualTo(j.unit());
            assertThat(c.value()).isEqualByComparingTo(j.value());
            assertThat(c.time()).isEqualTo(j.time());
        }
    }

    @Test
    void decodesOurSensorPackToARoomTemperatureInJsonAndCbor() {
        SenmlPack pack = new SenmlPack()
                .baseName("urn:dev:mac:0024befffe804ff1:")
                .baseTime(1718454600L)
                .add("temperature", "Cel", 21.5, null);
        DecodedReading expected = DecodedReading.at(
                "urn:dev:mac:0024befffe804ff1",
                null,
                "roomTemperature",
                new BigDecimal("21.5"),
                Instant.ofEpochSecond(1718454600L));

        assertThat(decoder.decodeJson(pack.json()).readings()).containsExactly(expected);
        assertThat(decoder.decodeCbor(pack.cbor()).readings()).containsExactly(expected);
        assertThat(decoder.decodeCbor(pack.cbor()).unmapped()).isEmpty();
    }

    @Test
    void decodesOurDailyFilePackWithBaseUnitAndRelativeOffsets() {
        // The shape of the simulator's senml/ day files: base time, base unit, full names, t offsets.
        SenmlPack pack = new SenmlPack()
                .baseTime(1718402400L)
                .baseUnit("Cel")
                .version(10)
                .add("urn:dev:mac:0024befffe804ff1:temperature", null, 19.25, 0)
                .add("urn:dev:mac:0024befffe804ff2:temperature", null, 20, 900)
                .add("urn:dev:mac:0024befffe804ff1:temperature", null, 19.3, 1800);

        for (SenmlResult result : List.of(decoder.decodeJson(pack.json()), decoder.decodeCbor(pack.cbor()))) {
            List<DecodedReading> readings = result.readings();
            assertThat(readings)
                    .extracting(DecodedReading::meterId, r -> r.value().stripTrailingZeros(), DecodedReading::time)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "urn:dev:mac:0024befffe804ff1",
                                    new BigDecimal("19.25"),
                                    Instant.ofEpochSecond(1718402400L)),
                            org.assertj.core.groups.Tuple.tuple(
                                    "urn:dev:mac:0024befffe804ff2",
                                    new BigDecimal("2E+1"),
                                    Instant.ofEpochSecond(1718403300L)),
                            org.assertj.core.groups.Tuple.tuple(
                                    "urn:dev:mac:0024befffe804ff1",
                                    new BigDecimal("19.3"),
                                    Instant.ofEpochSecond(1718404200L)));
        }
    }

    @Test
    void returnsUnknownUnitsAndNamesAsUnmapped() {
        SenmlResult result = decoder.decodeJson(resource("ex6.json"));

        assertThat(result.readings())
                .extracting(DecodedReading::meterId, DecodedReading::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2001:db8::2", new BigDecimal("25.2")),
                        org.assertj.core.groups.Tuple.tuple("2001:db8::1", new BigDecimal("12.3")));
        assertThat(result.unmapped())
                .hasSize(2)
                .allSatisfy(u -> assertThat(u.reason()).contains("humidity").contains("%RH"));
    }

    @Test
    void appliesBaseValueAndBaseSum() {
        String pack =
                "[{\"bn\":\"dev1:\",\"bt\":1700000000,\"bv\":100,\"bs\":1000,\"n\":\"a\",\"v\":5,\"s\":7},{\"n\":\"b\",\"s\":1}]";

        List<SenmlRecord> records = decoder.resolveJson(utf8(pack));

        assertThat(records.get(0).value()).isEqualByComparingTo("105");
        assertThat(records.get(0).sum()).isEqualByComparingTo("1007");
        assertThat(records.get(1).value()).isNull();
        assertThat(records.get(1).sum()).isEqualByComparingTo("1001");
    }

    @Test
    void refusesPackThatIsNotAnArray() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("{\"n\":\"a\",\"v\":1}")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("not an array");
    }

    @Test
    void refusesPackThatIsNotJson() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"n\":\"secret-device\",")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("not well-formed")
                .hasMessageNotContaining("secret-device");
    }

    @Test
    void refusesRecordThatIsNotAMap() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"n\":\"a\",\"v\":1}, 3]")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("record 1");
    }

    @Test
    void refusesValueOfTheWrongType() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"n\":\"a\",\"v\":\"21.5\"}]")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("record 0")
                .hasMessageContaining("v (2)")
                .hasMessageContaining("not a number");
    }

    @Test
    void refusesUnknownMustUnderstandLabel() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"n\":\"a\",\"v\":1,\"foo_\":true}]")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("'foo_'");
    }

    @Test
    void refusesUnknownCborIntegerLabel() {
        // [{0: "a", 2: 1, 99: 1}]
        byte[] pack = {(byte) 0x81, (byte) 0xA3, 0x00, 0x61, 'a', 0x02, 0x01, 0x18, 0x63, 0x01};

        assertThatThrownBy(() -> decoder.resolveCbor(pack))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("'99'");
    }

    @Test
    void refusesRecordWithoutValueOrSum() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"bn\":\"dev:\",\"n\":\"temperature\",\"u\":\"Cel\"}]")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("record 0 has no value");
    }

    @Test
    void refusesRecordWithTwoValues() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"n\":\"a\",\"v\":1,\"vs\":\"x\"}]")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("2 values");
    }

    @Test
    void refusesInvalidName() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"n\":\"-bad name\",\"v\":1}]")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("§4.5.1");
    }

    @Test
    void refusesNewerVersion() {
        assertThatThrownBy(() -> decoder.resolveJson(utf8("[{\"bver\":11,\"n\":\"a\",\"v\":1}]")))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining("version 11");
    }

    private static Instant instant(BigDecimal seconds) {
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(
                whole,
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SenmlDecoderTest.class.getResourceAsStream("/senml/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
