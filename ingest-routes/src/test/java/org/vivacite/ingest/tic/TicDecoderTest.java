package org.vivacite.ingest.tic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.simulator.tic.TicFrames;
import org.vivacite.simulator.tic.TicGroup;

class TicDecoderTest {

    private final TicDecoder decoder = new TicDecoder();

    private static final List<TicGroup> STANDARD = List.of(
            new TicGroup("ADSC", "064468368739"),
            new TicGroup("VTIC", "02"),
            new TicGroup("DATE", "E240615143000", ""),
            new TicGroup("NGTF", "      BASE      "),
            new TicGroup("EAST", "011887649"),
            new TicGroup("EASF01", "011887649"),
            new TicGroup("EASF02", "000000012"),
            new TicGroup("IRMS1", "004"),
            new TicGroup("URMS1", "231"),
            new TicGroup("SINSTS", "00940"),
            new TicGroup("SMAXSN", "E240615101500", "01024"),
            new TicGroup("PRM", "31051967533895"));

    private static final List<TicGroup> HISTORIC = List.of(
            new TicGroup("ADCO", "021861348497"),
            new TicGroup("OPTARIF", "HC.."),
            new TicGroup("HCHC", "094939439"),
            new TicGroup("HCHP", "127970334"),
            new TicGroup("PTEC", "HP.."),
            new TicGroup("IINST", "009"),
            new TicGroup("PAPP", "02160"));

    @Test
    void decodesOurStandardFrameToItsValuesAtTheFramesDate() {
        TicResult result = decoder.decode(TicFrames.frame(TicFrames.Mode.STANDARD, STANDARD));

        Instant at = Instant.parse("2024-06-15T12:30:00Z"); // E = summer, UTC+2
        String id = "064468368739";
        assertThat(result.rejected()).isEmpty();
        assertThat(result.notes()).isEmpty();
        assertThat(result.readings())
                .containsExactly(
                        new DecodedReading(
                                id, null, "electricityEnergyWithdrawn", new BigDecimal("11887.649"), at, null, null),
                        new DecodedReading(
                                id,
                                null,
                                "electricityEnergyWithdrawnPerPeriod",
                                new BigDecimal("11887.649"),
                                at,
                                null,
                                "EASF01"),
                        new DecodedReading(
                                id,
                                null,
                                "electricityEnergyWithdrawnPerPeriod",
                                new BigDecimal("0.012"),
                                at,
                                null,
                                "EASF02"),
                        new DecodedReading(id, null, "electricityCurrent", new BigDecimal("4"), at, null, null),
                        new DecodedReading(id, null, "electricityVoltage", new BigDecimal("231"), at, null, null),
                        new DecodedReading(
                                id, null, "electricityApparentPower", new BigDecimal("940"), at, null, null));
    }

    @Test
    void decodesOurHistoricFrameWithoutTime() {
        TicResult result = decoder.decode(TicFrames.frame(TicFrames.Mode.HISTORIC, HISTORIC));

        String id = "021861348497";
        assertThat(result.rejected()).isEmpty();
        assertThat(result.readings())
                .containsExactly(
                        new DecodedReading(
                                id,
                                null,
                                "electricityEnergyWithdrawnPerPeriod",
                                new BigDecimal("94939.439"),
                                null,
                                null,
                                "HCHC"),
                        new DecodedReading(
                                id,
                                null,
                                "electricityEnergyWithdrawnPerPeriod",
                                new BigDecimal("127970.334"),
                                null,
                                null,
                                "HCHP"),
                        new DecodedReading(id, null, "electricityCurrent", new BigDecimal("9"), null, null, null),
                        new DecodedReading(
                                id, null, "electricityApparentPower", new BigDecimal("2160"), null, null, null));
    }

    @Test
    void decodesHistoricBaseAsTotalAndAsPeriod() {
        TicResult result = decoder.decode(TicFrames.frame(
                TicFrames.Mode.HISTORIC,
                List.of(new TicGroup("ADCO", "021861348497"), new TicGroup("BASE", "001234567"))));

        assertThat(result.readings())
                .extracting(DecodedReading::quantity, DecodedReading::value, DecodedReading::tariffPeriod)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "electricityEnergyWithdrawn", new BigDecimal("1234.567"), null),
                        org.assertj.core.groups.Tuple.tuple(
                                "electricityEnergyWithdrawnPerPeriod", new BigDecimal("1234.567"), "BASE"));
    }

    @Test
    void rejectsCorruptedDatasetNamingItsLabelAndKeepsTheRestOfTheFrame() {
        byte[] frame = TicFrames.frame(TicFrames.Mode.STANDARD, STANDARD);
        int at = indexOf(frame, "011887649".getBytes()) + 2; // inside EAST's value
        frame[at] = (byte) (frame[at] + 1);

        TicResult result = decoder.decode(frame);

        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.label()).isEqualTo("EAST");
            assertThat(r.reason()).contains("EAST").contains("checksum");
            assertThat(r.toException().getMessage()).isEqualTo(r.reason());
        });
        assertThat(result.readings()).extracting(DecodedReading::quantity).doesNotContain("electricityEnergyWithdrawn");
        assertThat(result.readings()).hasSize(5);
    }

    @Test
    void rejectsFrameWhoseMeterIdIsCorrupted() {
        byte[] frame = TicFrames.frame(TicFrames.Mode.HISTORIC, HISTORIC);
        frame[7] ^= 0x01; // a digit of ADCO's value

        TicResult result = decoder.decode(frame);

        assertThat(result.readings()).isEmpty();
        assertThat(result.rejected()).extracting(RejectedDataset::label).containsExactly("ADCO", null);
        assertThat(result.rejected().get(1).reason()).contains("ADCO or ADSC");
    }

    @Test
    void streamCutMidFrameThenAFullFrameGivesTheFullFramesReadings() {
        byte[] full = TicFrames.frame(TicFrames.Mode.STANDARD, STANDARD);
        byte[] historic = TicFrames.frame(TicFrames.Mode.HISTORIC, HISTORIC);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(Arrays.copyOfRange(full, 40, full.length)); // joined mid-frame
        stream.writeBytes(Arrays.copyOfRange(historic, 0, 30)); // cut: the next STX comes early
        stream.writeBytes(full);

        TicResult result = decoder.decode(stream.toByteArray());

        assertThat(result.readings()).isEqualTo(decoder.decode(full).readings());
        assertThat(result.notes()).singleElement().asString().contains("new STX");
        assertThat(result.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("cut before its CR"));
    }

    @Test
    void dropsFrameInterruptedByEot() {
        byte[] full = TicFrames.frame(TicFrames.Mode.HISTORIC, HISTORIC);
        byte[] interrupted = Arrays.copyOf(full, full.length);
        interrupted[interrupted.length - 1] = 0x04;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(interrupted);
        stream.writeBytes(full);

        TicResult result = decoder.decode(stream.toByteArray());

        assertThat(result.readings()).hasSize(4);
        assertThat(result.notes()).singleElement().asString().contains("EOT");
    }

    @Test
    void notesUnsynchronisedClockAndStillUsesItsTime() {
        List<TicGroup> groups = List.of(
                new TicGroup("ADSC", "064468368739"),
                new TicGroup("DATE", "h240115080000", ""),
                new TicGroup("SINSTS", "00100"));

        TicResult result = decoder.decode(TicFrames.frame(TicFrames.Mode.STANDARD, groups));

        assertThat(result.readings())
                .singleElement()
                .extracting(DecodedReading::time)
                .isEqualTo(Instant.parse("2024-01-15T07:00:00Z"));
        assertThat(result.notes()).singleElement().asString().contains("not synchronised");
    }

    @Test
    void rejectsDateWithUnknownSeasonAndKeepsReadingsWithoutTime() {
        List<TicGroup> groups = List.of(
                new TicGroup("ADSC", "064468368739"),
                new TicGroup("DATE", "X240115080000", ""),
                new TicGroup("SINSTS", "00100"));

        TicResult result = decoder.decode(TicFrames.frame(TicFrames.Mode.STANDARD, groups));

        assertThat(result.readings())
                .singleElement()
                .extracting(DecodedReading::time)
                .isNull();
        assertThat(result.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("DATE").contains("season"));
    }

    @Test
    void rejectsNonNumericValueNamingItsLabel() {
        List<TicGroup> groups = List.of(new TicGroup("ADCO", "021861348497"), new TicGroup("PAPP", "0X160"));

        TicResult result = decoder.decode(TicFrames.frame(TicFrames.Mode.HISTORIC, groups));

        assertThat(result.readings()).isEmpty();
        assertThat(result.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("PAPP").contains("decimal"));
    }

    @Test
    void decodesPyteleinfoRecordedFrameToTheAuthorsValues() {
        // esciara/pyteleinfo RECORDED_FRAME_1_EXPECTED: Tempo indexes in Wh, IINST 012, PAPP 02830.
        TicResult result = decoder.decode(TicReference.frame("historic_pyteleinfo_recorded_01"));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.readings()).allSatisfy(r -> assertThat(r.meterId()).isEqualTo("021861348497"));
        assertThat(result.readings())
                .extracting(DecodedReading::tariffPeriod, DecodedReading::value)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("BBRHCJB", new BigDecimal("18328.702")),
                        org.assertj.core.groups.Tuple.tuple("BBRHPJB", new BigDecimal("23739.545")),
                        org.assertj.core.groups.Tuple.tuple("BBRHCJW", new BigDecimal("1466.099")),
                        org.assertj.core.groups.Tuple.tuple("BBRHPJW", new BigDecimal("2132.883")),
                        org.assertj.core.groups.Tuple.tuple("BBRHCJR", new BigDecimal("860.118")),
                        org.assertj.core.groups.Tuple.tuple("BBRHPJR", new BigDecimal("844.115")),
                        org.assertj.core.groups.Tuple.tuple(null, new BigDecimal("12")),
                        org.assertj.core.groups.Tuple.tuple(null, new BigDecimal("2830")));
        assertThat(result.readings()).hasSize(8);
    }

    @Test
    void decodesTicdecodecppStandardFrameAtItsDate() {
        // lains/ticdecodecpp: ADSC 064468368739, DATE H230301091834 (winter, UTC+1).
        TicResult result = decoder.decode(TicReference.frame("standard_ticdecodecpp_1P_BASE_01"));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.readings())
                .allSatisfy(r -> {
                    assertThat(r.meterId()).isEqualTo("064468368739");
                    assertThat(r.time()).isEqualTo(Instant.parse("2023-03-01T08:18:34Z"));
                })
                .extracting(DecodedReading::quantity, DecodedReading::value)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("electricityEnergyWithdrawn", new BigDecimal("11887.649")),
                        org.assertj.core.groups.Tuple.tuple("electricityApparentPower", new BigDecimal("240")),
                        org.assertj.core.groups.Tuple.tuple("electricityVoltage", new BigDecimal("230")));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
