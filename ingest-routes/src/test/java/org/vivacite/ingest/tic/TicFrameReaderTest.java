package org.vivacite.ingest.tic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TicFrameReaderTest {

    private final TicFrameReader reader = new TicFrameReader();

    static java.util.stream.Stream<String> referenceFrames() {
        return TicReference.frames();
    }

    @ParameterizedTest
    @MethodSource("referenceFrames")
    void readsEveryReferenceDatasetWithTheReferenceVerdict(String name) {
        JsonNode expected = TicReference.expected(name);
        List<TicFrame> frames = reader.read(TicReference.frame(name));

        assertThat(frames).hasSize(1);
        TicFrame frame = frames.get(0);
        assertThat(frame.complete()).isTrue();
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode d : expected.get("datasets_parsed_here")) {
            String horodate = d.hasNonNull("horodate") ? d.get("horodate").asText() : null;
            String line = d.get("label").asText() + "|" + horodate + "|"
                    + d.get("value").asText() + "|" + d.get("checksum").asText();
            (d.get("checksum_ok").asBoolean() ? accepted : refused).add(line);
        }
        assertThat(frame.datasets())
                .extracting(d -> d.label() + "|" + d.horodate() + "|" + d.value() + "|" + d.checksum())
                .containsExactlyElementsOf(accepted);
        assertThat(frame.rejected()).extracting(RejectedDataset::label).hasSize(refused.size());
        assertThat(frame.datasets())
                .extracting(TicDataset::mode)
                .containsOnly(name.startsWith("historic") ? TicMode.HISTORIC : TicMode.STANDARD);
    }

    @Test
    void readsHistoricDatasetWhoseChecksumIsASpace() {
        TicDataset d = TicFrameReader.parse("PTEC HP..  ");

        assertThat(d).isEqualTo(new TicDataset(TicMode.HISTORIC, "PTEC", null, "HP..", ' '));
    }

    @Test
    void readsStandardDatasetWithHorodateAndEmptyValue() {
        TicDataset d = TicFrameReader.parse("DATE\tH240210121413\t\t6");

        assertThat(d).isEqualTo(new TicDataset(TicMode.STANDARD, "DATE", "H240210121413", "", '6'));
    }

    @Test
    void refusesDatasetWithWrongChecksumNamingItsLabel() {
        assertThatThrownBy(() -> TicFrameReader.parse("EAST\t003519703\t,"))
                .isInstanceOf(TicDatasetException.class)
                .hasMessageContaining("EAST")
                .hasMessageContaining("checksum")
                .hasMessageNotContaining("003519703");
    }

    @Test
    void refusesStandardDatasetWithTooManyFields() {
        String covered = "EAST\ta\tb\tc\t";
        assertThatThrownBy(() -> TicFrameReader.parse(covered + TicFrameReader.checksum(covered)))
                .isInstanceOf(TicDatasetException.class)
                .hasMessageContaining("4 fields");
    }

    @Test
    void refusesDatasetTooShortToHaveAChecksum() {
        assertThatThrownBy(() -> TicFrameReader.parse("A "))
                .isInstanceOf(TicDatasetException.class)
                .hasMessageContaining("shorter");
    }

    @Test
    void readsTheAuthorsFrameCountFromAContinuousStandardStreamJoinedMidFrame() {
        // lains/ticdecodecpp asserts 12 frames for this capture; it starts and ends mid-frame.
        List<TicFrame> frames =
                reader.read(TicReference.bytes("/tic/streams/continuous_linky_1P_standard_TIC_sample.bin"));

        assertThat(frames.stream().filter(TicFrame::complete)).hasSize(12);
        assertThat(frames.stream().filter(TicFrame::complete)).allSatisfy(f -> {
            assertThat(f.rejected()).isEmpty();
            assertThat(f.datasets().get(0).label()).isEqualTo("ADSC");
        });
        assertThat(frames.get(frames.size() - 1).interruption()).contains("ended before ETX");
    }

    @Test
    void readsTheAuthorsFrameCountFromAContinuousHistoricStream() {
        // lains/ticdecodecpp asserts 6 frames for this capture.
        List<TicFrame> frames =
                reader.read(TicReference.bytes("/tic/streams/continuous_linky_3P_historical_TIC_sample.bin"));

        assertThat(frames.stream().filter(TicFrame::complete))
                .hasSize(6)
                .allSatisfy(f -> assertThat(f.rejected()).isEmpty());
    }

    @Test
    void endsFrameAtEotAndResumesAtNextStx() {
        byte[] stream = {
            0x02, 0x0A, 'A', 'D', 'C', 'O', ' ', '1', ' ', 0x04, 'x', 0x02, 0x0A, 'P', 'A', 'P', 'P', ' ', '1', ' ',
            '"', 0x0D, 0x03
        };

        List<TicFrame> frames = reader.read(stream);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).interruption()).contains("EOT");
        assertThat(frames.get(0).rejected()).extracting(RejectedDataset::label).containsExactly("ADCO");
        assertThat(frames.get(1).complete()).isTrue();
        assertThat(frames.get(1).datasets()).extracting(TicDataset::label).containsExactly("PAPP");
    }
}
