package org.vivacite.simulator.tic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encoder against real and test frames written by others (src/test/resources/tic, from
 * shared/reference/02_linky_tic): each frame, read group by group, encodes back to the same bytes,
 * checksums included.
 */
class TicFramesTest {

    static Stream<String> frames() {
        return Stream.of(
                "historic_pyteleinfo_recorded_01",
                "historic_pyteleinfo_recorded_02",
                "historic_pyteleinfo_recorded_03",
                "historic_pyteleinfo_recorded_04",
                "historic_pyteleinfo_recorded_05",
                "historic_pyteleinfo_recorded_06",
                "historic_pyteleinfo_recorded_07",
                "historic_pyteleinfo_recorded_08",
                "historic_pyteleinfo_recorded_09",
                "historic_pyteleinfo_recorded_10",
                "historic_pyteleinfo_capturedbin_01",
                "historic_pyteleinfo_capturedbin_02",
                "historic_pyteleinfo_capturedbin_03",
                "historic_pyteleinfo_capturedbin_04",
                "historic_pyteleinfo_capturedbin_05",
                "historic_pyteleinfo_capturedbin_06",
                "historic_pyteleinfo_capturedbin_07",
                "historic_pyteleinfo_capturedbin_08",
                "historic_pyteleinfo_capturedbin_09",
                "historic_pyteleinfo_capturedbin_10",
                "historic_pyteleinfo_valid_frame_HC",
                "historic_ticdecodecpp_3P_BASE_01",
                "historic_ticdecodecpp_3P_BASE_02",
                "standard_linkytic_test_parser_BASE",
                "standard_ticdecodecpp_1P_BASE_01",
                "standard_ticdecodecpp_1P_BASE_02");
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = TicFramesTest.class.getResourceAsStream("/tic/frames/" + name + ".bin")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The datasets of a frame, split on LF … CR, as text. */
    private static List<String> datasets(byte[] frame) {
        assertThat(frame[0]).isEqualTo((byte) 0x02);
        assertThat(frame[frame.length - 1]).isEqualTo((byte) 0x03);
        String body = new String(frame, 1, frame.length - 2, StandardCharsets.ISO_8859_1);
        List<String> datasets = new ArrayList<>();
        for (String part : body.split("\r")) {
            if (!part.isEmpty() && !part.equals("\n")) { // a capture cut from a stream ends LF ETX
                assertThat(part).startsWith("\n");
                datasets.add(part.substring(1));
            }
        }
        return datasets;
    }

    /** Reads a dataset back into a group, ignoring its checksum. */
    private static TicGroup parse(String dataset, TicFrames.Mode mode) {
        if (mode == TicFrames.Mode.STANDARD) {
            String[] f = dataset.split("\t", -1);
            return f.length == 4 ? new TicGroup(f[0], f[1], f[2]) : new TicGroup(f[0], f[1]);
        }
        int first = dataset.indexOf(' ');
        return new TicGroup(dataset.substring(0, first), dataset.substring(first + 1, dataset.length() - 2));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void everyDatasetChecksumAndTheWholeFrameComeOutAsTheMeterSentThem(String name) throws IOException {
        byte[] frame = read(name);
        TicFrames.Mode mode = name.startsWith("standard") ? TicFrames.Mode.STANDARD : TicFrames.Mode.HISTORIC;
        List<String> datasets = datasets(frame);
        assertThat(datasets).hasSizeGreaterThan(5);
        List<TicGroup> groups = new ArrayList<>();
        for (String d : datasets) {
            TicGroup g = parse(d, mode);
            assertThat(TicFrames.dataset(mode, g)).as(name + ": " + d).isEqualTo(d);
            groups.add(g);
        }
        byte[] ours = TicFrames.frame(mode, groups);
        if (frame[1] == 0x0A) {
            assertThat(ours).isEqualTo(frame);
        } else {
            // The ticdecodecpp historic captures were cut from a continuous stream at CR … LF:
            // STX CR, the datasets, LF ETX. The datasets between are the meter's, byte for byte.
            String inner = new String(ours, 1, ours.length - 2, StandardCharsets.ISO_8859_1);
            assertThat(new String(frame, StandardCharsets.ISO_8859_1)).isEqualTo("\u0002\r" + inner + "\n\u0003");
        }
    }

    @ParameterizedTest
    @MethodSource("frames")
    void aChangedValueChangesTheChecksum(String name) throws IOException {
        TicFrames.Mode mode = name.startsWith("standard") ? TicFrames.Mode.STANDARD : TicFrames.Mode.HISTORIC;
        String d = datasets(read(name)).get(0);
        TicGroup g = parse(d, mode);
        String changed = TicFrames.dataset(mode, new TicGroup(g.label(), g.horodate(), g.value() + "1"));
        assertThat(changed.charAt(changed.length() - 1)).isNotEqualTo(d.charAt(d.length() - 1));
    }
}
