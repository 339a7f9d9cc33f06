package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;

/** A dead letter's payload is its units joined: cutting it again must give the same units. */
class UnitsTest {

    static List<Arguments> payloads() {
        return List.of(
                Arguments.of(Format.WMBUS, "  2E44AA \r\n# a comment\n\n2E44BB\n2E44CC\r\n2E44DD"),
                Arguments.of(
                        Format.TIC, "noise\u0002\nADCO 1 A\r\u0003\u0002\nBASE 2 B\r\u0003\u0002\nPAPP 3 C\r\u0003"),
                Arguments.of(Format.CSV, "usage_point_id,start,end,value,unit\r\nx\n\ny\r\nz\nw"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void joiningSomeUnitsGivesAPayloadThatCutsIntoTheSameUnits(Format format, String text) {
        Envelope payload = Envelope.of(format, "http", "gw-1", Instant.EPOCH, text.getBytes(StandardCharsets.UTF_8));
        List<Envelope> units = Units.split(payload);
        assertThat(units).hasSizeGreaterThanOrEqualTo(3);

        for (List<Integer> chosen : List.of(
                IntStream.range(0, units.size()).boxed().toList(),
                List.of(0, 2),
                List.of(1, units.size() - 1),
                List.of(units.size() - 1))) {
            List<Envelope> some = chosen.stream().map(units::get).toList();

            List<Envelope> again = Units.split(payload.withPayload(Units.join(some)));

            assertThat(again.stream().map(u -> new String(u.payload(), StandardCharsets.UTF_8)))
                    .as("units %s", chosen)
                    .containsExactlyElementsOf(some.stream()
                            .map(u -> new String(u.payload(), StandardCharsets.UTF_8))
                            .toList());
        }
    }
}
