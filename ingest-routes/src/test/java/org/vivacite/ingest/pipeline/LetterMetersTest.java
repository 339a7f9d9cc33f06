package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vivacite.ingest.pipeline.PipelineFixture.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.Reason;

/** Dead letters attributed to the dwellings whose meters their units name, and a dwelling's units erased. */
class LetterMetersTest {

    @TempDir
    Path dir;

    PipelineFixture f;

    @BeforeEach
    void open() {
        f = new PipelineFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String dwellingOf(String meterId) {
        return f.registry.all().stream()
                .filter(m -> m.meterId().equals(meterId))
                .map(m -> f.mapper.nodes(m).featureOfInterest().getURI())
                .findFirst()
                .orElseThrow();
    }

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2026, 2, d, 0, 0);
    }

    @Test
    void aLetterIsAttributedToTheDwellingsOfTheMetersItsUnitsNameWhateverTheirKey() {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.waterMeter("87654321", "DW-2", "P1D");
        String mine = f.telegram("12345678", 1_000, day(1));
        String theirs = f.telegram("87654321", 2_000, day(1));
        f.keys.put("12345678", new byte[16]); // wrong keys: the telegrams cannot be read, their address can
        f.keys.put("87654321", new byte[16]);
        f.pipeline.accept(http(Format.WMBUS, mine + "\nnot hex at all\n" + theirs + "\n"));

        DeadLetter letter = f.deadLetters.list().get(0);

        assertThat(f.pipeline.letterMeters().dwellings(letter))
                .containsExactlyInAnyOrder(dwellingOf("12345678"), dwellingOf("87654321"));
    }

    @Test
    void erasingADwellingRemovesItsMetersUnitsFromWaitingAndReplayedLettersAndKeepsTheOthers() throws Exception {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.waterMeter("87654321", "DW-2", "P1D");
        String mine = f.telegram("12345678", 1_000, day(1));
        String theirs = f.telegram("87654321", 2_000, day(1));
        String later = f.telegram("11112222", 3_000, day(2)); // DW-1's second meter, not registered yet
        f.keys.put("12345678", new byte[16]);
        f.keys.put("87654321", new byte[16]);
        f.pipeline.accept(http(Format.WMBUS, mine + "\nnot hex at all\n" + theirs + "\n")); // shared letter
        f.pipeline.accept(http(Format.WMBUS, mine + "\n")); // only DW-1's
        f.pipeline.accept(http(Format.WMBUS, later + "\n")); // unknown meter, quarantined
        f.waterMeter("11112222", "DW-1", "P1D"); // replays it: the letter goes to replayed/
        assertThat(f.deadLetters.replayed()).hasSize(1);
        assertThat(f.deadLetters.list()).hasSize(2);
        String dw1 = dwellingOf("12345678");
        assertThat(dwellingOf("11112222")).isEqualTo(dw1);

        LetterMeters.Erased erased = f.pipeline.letterMeters().erase(f.deadLetters, dw1);

        assertThat(erased).isEqualTo(new LetterMeters.Erased(3, 2, 1));
        assertThat(f.deadLetters.replayed()).isEmpty();
        assertThat(f.deadLetters.list()).singleElement().satisfies(l -> {
            assertThat(new String(l.envelope().payload(), StandardCharsets.US_ASCII))
                    .isEqualTo("not hex at all\n" + theirs);
            assertThat(l.units().reason(0)).hasValue(Reason.UNDECODABLE);
            assertThat(l.units().reason(1)).hasValue(Reason.WRONG_KEY);
            assertThat(l.detail()).isNotEmpty();
        });
        try (var files = Files.walk(f.deadLetters.directory())) {
            List<String> contents = files.filter(Files::isRegularFile)
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
            String minePayload = java.util.Base64.getEncoder().encodeToString(mine.getBytes(StandardCharsets.US_ASCII));
            assertThat(contents).noneMatch(c -> c.contains(minePayload));
        }
        assertThat(f.pipeline.letterMeters().erase(f.deadLetters, dw1))
                .as("nothing left of it")
                .isEqualTo(new LetterMeters.Erased(0, 0, 0));
    }
}
